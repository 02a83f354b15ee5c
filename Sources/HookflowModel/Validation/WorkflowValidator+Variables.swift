/// The variable actions, with Logic Apps' rules: a variable is initialized once, at the top level
/// (the docs: "You can only declare variables at the global level, not within scopes,
/// conditions, and loops"), with a type that every later value must fit; Increment and Decrement
/// apply to numbers, the Append actions to arrays and strings.
extension ValidationPass {
    /// The variables initialized anywhere in the definition, by lowercased name: the declaring
    /// step and the declared type (nil when the type is not one Hookflow knows).
    static func declaredVariables(in steps: [Step]) -> [String: (step: String, type: VariableType?)] {
        var declared: [String: (step: String, type: VariableType?)] = [:]
        // The type's length first: most steps are not one, and their kind need not be read.
        for step in steps where step.type?.utf8.count == 18 && step.kind == .variable(.initialize) {
            for entry in step.inputs?["variables"]?.arrayValue ?? [] {
                guard let name = entry["name"]?.stringValue, declared[name.lowercased()] == nil else { continue }
                declared[name.lowercased()] = (step.name, entry["type"]?.stringValue.flatMap(VariableType.init(caseInsensitive:)))
            }
        }
        return declared
    }

    mutating func checkVariable(_ operation: VariableOperation, _ step: Step) {
        if operation == .initialize {
            checkInitialize(step)
            return
        }
        let inputs = step.pointer / "inputs"
        guard let name = step.inputs?["name"]?.stringValue, !name.isEmpty else {
            add(inputs / "name", "Name is required (the variable to change)")
            return
        }
        let value = step.inputs?["value"]
        if value == nil, operation == .set || operation == .appendToArray || operation == .appendToString {
            add(inputs / "value", "Value is required")
        }
        if operation == .set || operation == .appendToArray || operation == .appendToString {
            checkParallelLoop(around: step, operation: operation)
        }
        // A name computed at run time is judged then.
        guard !isDynamic(name) else { return }
        guard let declared = declaredVariables[name.lowercased()] else {
            add(inputs / "name", "Variable \"\(name)\" is not initialized: add an Initialize variable action at the top level for it")
            return
        }
        guard let type = declared.type else { return }
        switch operation {
        case .increment, .decrement:
            if !type.isNumeric {
                add(inputs / "name", "\(operation.displayName) works on Integer and Float variables; \"\(name)\" is \(type.rawValue)")
            } else if let value, !isDynamic(value), value.numberValue == nil || (type == .integer && value.numberValue?.isInteger == false) {
                add(inputs / "value", "Value must be \(type == .integer ? "a whole number" : "a number") to change \(type.rawValue) variable \"\(name)\"")
            }
        case .appendToArray where type != .array:
            add(inputs / "name", "Append to array variable works on Array variables; \"\(name)\" is \(type.rawValue)")
        case .appendToString where type != .string:
            add(inputs / "name", "Append to string variable works on String variables; \"\(name)\" is \(type.rawValue)")
        case .set:
            if let value, !isDynamic(value), !type.accepts(value) {
                add(inputs / "value", "Value is \(article(value.typeName)), but variable \"\(name)\" is \(type.rawValue)")
            }
        default:
            break
        }
    }

    private mutating func checkInitialize(_ step: Step) {
        if step.address.container != .actions {
            add(step.pointer / "type", "Initialize variable can only be used at the top level of a workflow, not inside a Scope, Condition, Switch or loop")
        }
        let pointer = step.pointer.appending(["inputs", "variables"])
        guard let variables = step.inputs?["variables"]?.arrayValue, !variables.isEmpty else {
            add(pointer, "Variables is required (a list with the variable's name, type and value)")
            return
        }
        for (index, entry) in variables.enumerated() {
            let at = pointer.appending(index: index)
            guard entry.objectValue != nil else {
                add(at, "A variable must be an object with a name, a type and a value")
                continue
            }
            let name = entry["name"]?.stringValue ?? ""
            if name.isEmpty { add(at / "name", "Name is required") }
            let types = VariableType.allCases.map(\.rawValue).joined(separator: ", ")
            guard let typeText = entry["type"]?.stringValue else {
                add(at / "type", "Type is required (one of \(types))")
                continue
            }
            guard let type = VariableType(caseInsensitive: typeText) else {
                add(at / "type", "Type \"\(typeText)\" is not one of \(types)")
                continue
            }
            if let value = entry["value"], !isDynamic(value), !type.accepts(value) {
                add(at / "value", "Value is \(article(value.typeName)), but the type is \(type.rawValue)")
            }
            if !name.isEmpty, let first = declaredVariables[name.lowercased()], first.step != step.name {
                add(at / "name", "Variable \"\(name)\" is already initialized by \"\(first.step)\"; a variable is initialized once per workflow")
            }
        }
    }

    /// Set and Append inside a Foreach that runs its iterations in parallel (the default): every
    /// iteration writes the same variable, in no set order. Logic Apps runs it and its docs warn
    /// that the results are unpredictable: a warning, so real definitions that do it still publish.
    private mutating func checkParallelLoop(around step: Step, operation: VariableOperation) {
        var tokens: [String] = []
        for token in step.address.container.tokens {
            if token == "actions", let loop = definition[pointer: JSONPointer(tokens)]?.objectValue,
                loop["type"]?.stringValue?.lowercased() == "foreach", !Self.isSequential(loop) {
                add(step.pointer / "type", "\(operation.displayName) inside Foreach \"\(tokens.last ?? "")\", whose iterations run in parallel: "
                    + "the variable's value is unpredictable; make the loop sequential (Concurrency control: 1)", .warning)
                return
            }
            tokens.append(token)
        }
    }

    /// `operationOptions: Sequential`, or a concurrency of one repetition.
    private static func isSequential(_ loop: JSONObject) -> Bool {
        if loop["operationOptions"]?.stringValue?.lowercased().contains("sequential") == true { return true }
        let configuration = loop["runtimeConfiguration"] ?? loop["runTimeConfiguration"]
        return configuration?["concurrency"]?["repetitions"]?.intValue == 1
    }

    /// An expression (or, in a template, an ARM expression) whose value only the run knows.
    private func isDynamic(_ value: JSONValue) -> Bool {
        if case .string(let text) = value { return isDynamic(text) }
        return false
    }
}
