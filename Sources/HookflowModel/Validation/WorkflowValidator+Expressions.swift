/// Expression syntax, function names and arity, references to parameters and actions, and
/// `listCallbackUrl()` outside a webhook step, in every container (Foreach, Until, Switch cases
/// and default, Scope, If and else) and in the outputs.
extension ValidationPass {
    mutating func checkExpressions() {
        let actionNames = Set(steps.filter { !$0.isTrigger }.map { $0.name.lowercased() })
        for step in steps {
            let references = Self.checksReferences(of: step)
            for (text, pointer) in Self.expressionStrings(in: .object(step.json), at: step.pointer, skipping: step.childContainerPaths) {
                checkString(text, at: pointer, in: step, actions: references ? actionNames : nil)
            }
        }
        if let outputs = definition.json["outputs"] {
            for (text, pointer) in Self.expressionStrings(in: outputs, at: JSONPointer(["outputs"]), skipping: []) {
                checkString(text, at: pointer, in: nil, actions: actionNames)
            }
        }
    }

    /// Whether the references of a step's own values are checked: in the steps Hookflow knows
    /// (the loops and Switch among them); Azure-only steps (ApiConnection, Agent, …) nest steps of their own
    /// in shapes Hookflow does not walk (an agent's tools), so only their syntax is checked.
    static func checksReferences(of step: Step) -> Bool {
        step.kind.isSupported
    }

    /// Checks one string; `actions` are the action names references may use (nil: references
    /// are not checked here).
    mutating private func checkString(_ text: String, at pointer: JSONPointer, in step: Step?, actions: Set<String>?) {
        // An ARM expression left unresolved is deployed first; what it yields is not known here.
        if skipsTemplateExpressions, ARMExpression.isExpression(text) { return }
        let template: Template
        do {
            template = try Template.parse(text)
        } catch {
            add(pointer, "Invalid expression: \(error.description)")
            return
        }
        guard let actions else { return }
        for call in template.functionCalls {
            let where_ = "at position \(call.position) in expression \"\(text)\""
            switch call.name {
            case "listcallbackurl":
                if !(step?.kind.isWebhook ?? false) {
                    add(pointer, "listCallbackUrl() can only be used in an HTTP Webhook trigger or action (\(where_))")
                }
            case "parameters":
                if case .string(let name, _)? = call.arguments.first, !declaredParameters.contains(name.lowercased()) {
                    checkUndeclaredParameter(name, at: pointer, where_)
                }
            // Functions whose first argument names an action (a loop, for items() and iterationIndexes()).
            case "body", "outputs", "actions", "result", "actionbody", "actionoutputs", "formdatavalue", "formdatamultivalues",
                "multipartbody", "items", "iterationindexes":
                if case .string(let name, _)? = call.arguments.first, !actions.contains(name.lowercased()) {
                    let spelled = ExpressionFunction.named(call.name)?.name ?? call.name
                    add(pointer, "\(spelled)('\(name)') refers to an action that does not exist (\(where_))")
                }
            default:
                break
            }
        }
    }

    mutating private func checkUndeclaredParameter(_ name: String, at pointer: JSONPointer, _ where_: String) {
        if environment.parametersMayBeDeclaredElsewhere {
            add(pointer, "parameters('\(name)') is not declared in the definition (\(where_)); a Standard workflow's parameters "
                + "are declared in its project's parameters.json: validate the project folder to check them", .warning)
        } else if environment.declaresSuppliedParameters {
            add(pointer, "parameters('\(name)') refers to a parameter declared neither in the definition nor in \(environment.parameterSource) (\(where_))")
        } else {
            add(pointer, "parameters('\(name)') refers to a parameter that is not declared in the definition (\(where_))")
        }
    }

    /// Every string value (not keys) under `value` that holds an expression (see
    /// ``Template/containsExpression(_:)``), with its pointer, skipping the values at the paths
    /// in `skipping` (relative to `value`: a step's nested action containers).
    ///
    /// Walked with an explicit stack; a pointer is only built for a string that is returned,
    /// so the walk costs one visit per value whatever the nesting.
    static func expressionStrings(in value: JSONValue, at base: JSONPointer, skipping: Set<[String]>) -> [(String, JSONPointer)] {
        var found: [(String, JSONPointer)] = []
        var path: [String] = []
        var pending: [(children: [(token: String, value: JSONValue)], next: Int)] = []
        func visit(_ value: JSONValue) {
            switch value {
            case .string(let text):
                if Template.containsExpression(text) { found.append((text, base.appending(path))) }
            case .array(let elements):
                pending.append((elements.enumerated().map { (String($0.offset), $0.element) }, 0))
            case .object(let object):
                pending.append((object.entries.map { ($0.key, $0.value) }, 0))
            default:
                break
            }
        }
        visit(value)
        while let top = pending.indices.last {
            let next = pending[top].next
            guard next < pending[top].children.count else {
                pending.removeLast()
                _ = path.popLast() // The container's own token (none for the value itself).
                continue
            }
            pending[top].next += 1
            let child = pending[top].children[next]
            path.append(child.token)
            // Containers sit a few tokens below the step; longer paths cannot be one of them.
            if path.count <= 3, skipping.contains(path) {
                path.removeLast()
                continue
            }
            let depthBefore = pending.count
            visit(child.value)
            // A container keeps its token until its frame is done; anything else is done now.
            if pending.count == depthBefore { path.removeLast() }
        }
        return found
    }

    /// The value of a string whose expressions need only parameters and the workflow name;
    /// nil when it needs run data or fails (those failures are reported by the expression checks).
    func staticValue(of text: String) -> JSONValue? {
        try? ExpressionEvaluator(context: staticContext).evaluate(string: text)
    }
}
