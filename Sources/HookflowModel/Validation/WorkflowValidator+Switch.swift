/// `Switch`: an expression, cases each with a distinct `case` value (a string or a number: Logic
/// Apps compares values, not expressions) and their actions, and an optional default.
extension ValidationPass {
    mutating func checkSwitch(_ step: Step) {
        if step.json["expression"] == nil { add(step.pointer / "expression", "Expression is required (the value the cases are compared with)") }
        if let cases = step.json["cases"]?.objectValue {
            var seen: [JSONValue: String] = [:]
            for entry in cases.entries {
                let pointer = step.pointer.appending(["cases", entry.key])
                guard let body = entry.value.objectValue else {
                    add(pointer, "A case must be an object with a case value and actions")
                    continue
                }
                switch body["case"] {
                case nil:
                    add(pointer / "case", "Case \"\(entry.key)\" needs a value to compare with (\"case\")")
                case let value? where value.stringValue == nil && value.numberValue == nil:
                    add(pointer / "case", "Case \"\(entry.key)\" - the value must be a string or a number, not \(article(value.typeName))")
                case let value?:
                    if let first = seen[value] {
                        add(pointer / "case", "Case \"\(entry.key)\" has the same value as case \"\(first)\"; each case needs its own value")
                    } else {
                        seen[value] = entry.key
                    }
                }
                if let actions = body["actions"], actions.objectValue == nil { add(pointer / "actions", "Actions must be an object") }
            }
        } else if let cases = step.json["cases"] {
            add(step.pointer / "cases", "Cases must be an object keyed by case name, not \(article(cases.typeName))")
        }
        if let fallback = step.json["default"], fallback["actions"]?.objectValue == nil {
            add(step.pointer / "default", "Default must be an object with actions")
        }
    }
}
