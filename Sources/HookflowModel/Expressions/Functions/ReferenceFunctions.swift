/// Functions that read the run: trigger and action results, parameters, the workflow, the callback URL.
extension ExpressionFunction {
    static let referenceFunctions: [ExpressionFunction] = [
        ExpressionFunction("listCallbackUrl", arguments: 0...0) { call throws(ExpressionError) in
            guard let provider = call.context.callbackURL else {
                throw call.error(
                    .unavailable,
                    "listCallbackUrl() is not available here: only HttpWebhook subscribe and unsubscribe inputs have a callback URL")
            }
            do {
                return .string(try provider())
            } catch let error as ExpressionError {
                // Keep what the provider meant (e.g. `.unavailable`) but point at this call.
                throw call.error(error.kind, error.message)
            } catch {
                throw call.error(.runtime, "listCallbackUrl() failed: \(error)")
            }
        },
        ExpressionFunction("trigger", arguments: 0...0) { call throws(ExpressionError) in
            try triggerResult(call)
        },
        ExpressionFunction("triggerOutputs", arguments: 0...0) { call throws(ExpressionError) in
            try triggerResult(call)["outputs"] ?? .null
        },
        ExpressionFunction("triggerBody", arguments: 0...0) { call throws(ExpressionError) in
            try triggerResult(call)["outputs"]?["body"] ?? .null
        },
        ExpressionFunction("actions", arguments: 1...1) { call throws(ExpressionError) in
            try actionResult(call)
        },
        actionPart("outputs", outputsOf),
        // The reference keeps actionOutputs() and actionBody() as older spellings of outputs() and body().
        actionPart("actionOutputs", outputsOf),
        actionPart("body", bodyOf),
        actionPart("actionBody", bodyOf),
        ExpressionFunction("parameters", arguments: 1...1) { call throws(ExpressionError) in
            let name = try call.string(0)
            call.evaluator.reads?.parameter(name)
            let parameters = call.context.parameters
            if let value = parameters[name] ?? caseInsensitiveMatch(name, in: parameters) { return value }
            throw call.error(.reference, "parameter '\(name)' is not defined", at: call.position(ofArgument: 0))
        },
        ExpressionFunction("workflow", arguments: 0...0) { call throws(ExpressionError) in
            call.context.workflow
        },
    ]

    /// What outputs() and body() read of an action's result.
    private static let outputsOf: @Sendable (JSONValue) -> JSONValue = { $0["outputs"] ?? .null }
    private static let bodyOf: @Sendable (JSONValue) -> JSONValue = { $0["outputs"]?["body"] ?? .null }

    private static func actionPart(_ name: String, _ read: @escaping @Sendable (JSONValue) -> JSONValue) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 1...1) { call throws(ExpressionError) in
            read(try actionResult(call))
        }
    }

    static func triggerResult(_ call: FunctionInvocation) throws(ExpressionError) -> JSONValue {
        call.evaluator.reads?.trigger()
        guard let trigger = call.context.trigger else {
            throw call.error(.unavailable, "\(call.function.name)() is not available here: the trigger has not fired in this context")
        }
        return trigger
    }

    static func actionResult(_ call: FunctionInvocation) throws(ExpressionError) -> JSONValue {
        let name = try call.string(0)
        call.evaluator.reads?.action(name)
        let actions = call.context.actions
        if let result = actions[name] ?? caseInsensitiveMatch(name, in: actions) { return result }
        throw call.error(.unavailable, "action '\(name)' has not run yet in this run", at: call.position(ofArgument: 0))
    }

    /// Logic Apps resolves step and parameter names without regard to case; an exact match wins,
    /// and among keys differing only in case the smallest one wins so the result is deterministic.
    static func caseInsensitiveMatch<Value>(_ name: String, in values: [String: Value]) -> Value? {
        let lowered = name.lowercased()
        return values.keys.filter { $0.lowercased() == lowered }.min().flatMap { values[$0] }
    }
}
