/// Foreach, Until and Workflow, with Logic Apps' limits: a Foreach runs 1 to 50 iterations at
/// once (20 by default, one with `Sequential`), an Until repeats 1 to 5,000 times (60 by
/// default) within its timeout (PT1H by default); a Workflow action names the app it calls.
extension ValidationPass {
    mutating func checkForeach(_ step: Step) {
        switch step.json["foreach"] {
        case nil: add(step.pointer / "foreach", "For each needs the array to go over (\"foreach\": an expression such as @triggerBody()?['items'], or an array)")
        case .array: break
        case .string(let text):
            if !isDynamic(text) { add(step.pointer / "foreach", "For each must be an expression giving an array (starting with @), not the text \"\(text)\"") }
        case let other?: add(step.pointer / "foreach", "For each must be an array or an expression giving one, not \(article(other.typeName))")
        }
        checkLoopActions(step)
        let repetitions = step.pointer.appending(["runtimeConfiguration", "concurrency", "repetitions"])
        if let value = (step.json["runtimeConfiguration"] ?? step.json["runTimeConfiguration"])?["concurrency"]?["repetitions"] {
            if let count = value.numberValue?.intValue, (1...50).contains(count) {
                if step.json["operationOptions"]?.stringValue?.lowercased().contains("sequential") == true, count != 1 {
                    add(repetitions, "Repetitions is \(count), but the loop is Sequential (one iteration at a time); remove one of the two", .warning)
                }
            } else {
                add(repetitions, "Repetitions must be a whole number from 1 to 50 (iterations run at once; 20 by default)")
            }
        }
    }

    mutating func checkUntil(_ step: Step) {
        checkCondition(of: step, missing: "Until needs the condition that ends the loop (\"expression\")", named: "The condition")
        checkLoopActions(step)
        if let count = step.json["limit"]?["count"] {
            let pointer = step.pointer.appending(["limit", "count"])
            if let text = count.stringValue, isDynamic(text) {
                // Judged at run time.
            } else if let value = count.numberValue?.intValue, (1...5000).contains(value) {
                // Fine.
            } else {
                add(pointer, "Count must be a whole number from 1 to 5000 (iterations at most; 60 by default)")
            }
        }
    }

    mutating func checkWorkflowAction(_ step: Step) {
        let host = step.pointer.appending(["inputs", "host"])
        guard let (path, id) = step.calledWorkflowReference else {
            add(host.appending(["workflow", "id"]), "The workflow to call is required (host.workflow.id: the name of an app of this engine)")
            return
        }
        guard let text = id.stringValue, !text.isEmpty else {
            add(host.appending(path), "The workflow to call must be named by text (an app of this engine), not \(article(id.typeName))")
            return
        }
    }

    /// An If's or Until's `expression`: an expression string, a condition object or a boolean.
    mutating func checkCondition(of step: Step, missing: String, named name: String) {
        let pointer = step.pointer / "expression"
        switch step.json["expression"] {
        case nil: add(pointer, missing)
        case .object, .bool: break
        case .string(let text):
            if !isDynamic(text) { add(pointer, "\(name) must be an expression (starting with @) or an object like {\"and\": [...]}") }
        case let other?: add(pointer, "\(name) must be an object or an expression, not \(article(other.typeName))")
        }
    }

    private mutating func checkLoopActions(_ step: Step) {
        switch step.json["actions"] {
        case nil: add(step.pointer / "actions", "Actions is required (an object, possibly empty)")
        case .object: break
        case let other?: add(step.pointer / "actions", "Actions must be an object, not \(article(other.typeName))")
        }
    }
}
