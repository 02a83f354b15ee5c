/// Functions that read where the run is: variables, the loops around the step, scope results,
/// the current action and app settings. The engine provides them through ``EvaluationContext``;
/// where it has not (validation, a step outside a loop), they fail with `.unavailable`.
extension ExpressionFunction {
    static let runStateFunctions: [ExpressionFunction] = [
        ExpressionFunction("variables", arguments: 1...1) { call throws(ExpressionError) in
            let (name, value) = try lookup(call, in: call.context.variables)
            call.evaluator.reads?.variable(name)
            guard let value else {
                throw call.error(
                    .unavailable, "variable '\(name)' is not initialized at this point of the run (an InitializeVariable action declares it)",
                    at: call.position(ofArgument: 0))
            }
            return value
        },
        ExpressionFunction("item", arguments: 0...0) { call throws(ExpressionError) in
            // The innermost loop that has items: a Foreach, or a Select, Query or Table action.
            guard let loop = call.context.loops.last(where: { $0.item != nil }), let item = loop.item else {
                throw call.error(.unavailable, "item() is only available inside a Foreach loop or a Select, Query or Table action")
            }
            call.evaluator.reads?.loop(loop.name)
            return item
        },
        ExpressionFunction("items", arguments: 1...1) { call throws(ExpressionError) in
            let loop = try namedLoop(call)
            guard let item = loop.item else {
                throw call.error(
                    .runtime, "items('\(loop.name)') names an Until loop, which has no current item (iterationIndexes() gives its index)",
                    at: call.position(ofArgument: 0))
            }
            call.evaluator.reads?.loop(loop.name)
            return item
        },
        ExpressionFunction("iterationIndexes", arguments: 1...1) { call throws(ExpressionError) in
            .int(try namedLoop(call).index)
        },
        ExpressionFunction("result", arguments: 1...1) { call throws(ExpressionError) in
            let (name, results) = try lookup(call, in: call.context.scopeResults)
            guard let found = results else {
                throw call.error(.unavailable, "result('\(name)') is not available: scope '\(name)' has not run yet in this run", at: call.position(ofArgument: 0))
            }
            // The results carry the inner actions' inputs and outputs: reading them reads those actions.
            call.evaluator.reads?.action(name)
            for result in found { if let inner = result["name"]?.stringValue { call.evaluator.reads?.action(inner) } }
            return .array(found)
        },
        ExpressionFunction("action", arguments: 0...0) { call throws(ExpressionError) in
            guard let current = call.context.currentAction else {
                throw call.error(
                    .unavailable,
                    "action() is only available in a webhook action's unsubscribe inputs, an Until loop's condition and trackedProperties")
            }
            if let name = current["name"]?.stringValue { call.evaluator.reads?.action(name) }
            return current
        },
        ExpressionFunction("appsetting", arguments: 1...1) { call throws(ExpressionError) in
            let (name, value) = try lookup(call, in: call.context.appSettings)
            call.evaluator.reads?.appSetting(name)
            guard let value else {
                throw call.error(
                    .reference, "app setting '\(name)' is not defined (in local.settings.json Values or the environment)",
                    at: call.position(ofArgument: 0))
            }
            return .string(value)
        },
    ]

    /// The name argument 0 gives and the value it names: an exact match, else one differing only in case.
    private static func lookup<Value>(_ call: FunctionInvocation, in values: [String: Value]) throws(ExpressionError) -> (String, Value?) {
        let name = try call.string(0)
        return (name, values[name] ?? caseInsensitiveMatch(name, in: values))
    }

    /// The loop named by argument 0 among those around the step.
    private static func namedLoop(_ call: FunctionInvocation) throws(ExpressionError) -> LoopIteration {
        let name = try call.string(0)
        let lowered = name.lowercased()
        guard let loop = call.context.loops.last(where: { $0.name == name }) ?? call.context.loops.last(where: { $0.name.lowercased() == lowered }) else {
            throw call.error(
                .unavailable, "\(call.function.name)('\(name)') is only available inside the loop '\(name)'", at: call.position(ofArgument: 0))
        }
        return loop
    }
}
