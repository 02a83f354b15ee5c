/// Expression syntax, function names and arity, references to parameters and actions, and
/// `listCallbackUrl()` outside a webhook step.
extension ValidationPass {
    mutating func checkExpressions() {
        let declared = Set(definition.parameters.map { $0.name.lowercased() })
        let actionNames = Set(steps.filter { !$0.isTrigger }.map { $0.name.lowercased() })
        let references = References(parameters: declared, actions: actionNames)
        let unsupported = steps.filter { !$0.kind.isSupported }.map(\.pointer)
        for step in steps {
            let children = Set(step.childContainers)
            // Steps Hookflow cannot run (Foreach, ApiConnection, ...), and steps inside them, use
            // functions it does not implement (items(), variables()); only their syntax is checked.
            let runnable = !unsupported.contains { step.pointer.hasPrefix($0) }
            for (text, pointer) in Self.strings(in: .object(step.json), at: step.pointer, skipping: children) {
                checkString(text, at: pointer, in: step, runnable: runnable, references: references)
            }
        }
        if let outputs = definition.json["outputs"] {
            for (text, pointer) in Self.strings(in: outputs, at: JSONPointer(["outputs"]), skipping: []) {
                checkString(text, at: pointer, in: nil, runnable: true, references: references)
            }
        }
    }

    private struct References {
        let parameters: Set<String>
        let actions: Set<String>
    }

    mutating private func checkString(_ text: String, at pointer: JSONPointer, in step: Step?, runnable: Bool, references: References) {
        guard Template.containsExpression(text) else { return }
        let template: Template
        do {
            template = try Template.parse(text, checkingFunctions: runnable)
        } catch {
            add(pointer, "Invalid expression: \(error.description)")
            return
        }
        guard runnable else { return }
        for call in template.functionCalls {
            let where_ = "at position \(call.position) in expression \"\(text)\""
            switch call.name {
            case "listcallbackurl":
                if !(step?.kind.isWebhook ?? false) {
                    add(pointer, "listCallbackUrl() can only be used in an HTTP Webhook trigger or action (\(where_))")
                }
            case "parameters":
                if case .string(let name, _)? = call.arguments.first, !references.parameters.contains(name.lowercased()) {
                    add(pointer, "parameters('\(name)') refers to a parameter that is not declared in the definition (\(where_))")
                }
            case "body", "outputs", "actions", "result":
                if case .string(let name, _)? = call.arguments.first, !references.actions.contains(name.lowercased()) {
                    add(pointer, "\(call.name)('\(name)') refers to an action that does not exist (\(where_))")
                }
            default:
                break
            }
        }
    }

    /// Every string value (not keys) under `value` with its pointer, skipping nested step containers.
    static func strings(in value: JSONValue, at pointer: JSONPointer, skipping: Set<JSONPointer>) -> [(String, JSONPointer)] {
        var found: [(String, JSONPointer)] = []
        func walk(_ value: JSONValue, _ pointer: JSONPointer) {
            guard !skipping.contains(pointer) else { return }
            switch value {
            case .string(let text): found.append((text, pointer))
            case .array(let elements):
                for (index, element) in elements.enumerated() { walk(element, pointer.appending(index: index)) }
            case .object(let object):
                for entry in object.entries { walk(entry.value, pointer / entry.key) }
            default: break
            }
        }
        walk(value, pointer)
        return found
    }

    /// The value of a string whose expressions need only parameters and the workflow name;
    /// nil when it needs run data or fails (those failures are reported by the expression checks).
    func staticValue(of text: String) -> JSONValue? {
        try? ExpressionEvaluator(context: staticContext).evaluate(string: text)
    }
}
