import HookflowModel

/// The Parameters tab of the variable actions and the data operations, with the fields the
/// Logic Apps designer shows for each (a whole-inputs JSON editor only when the inputs are not
/// an object, so nothing is hidden).
extension FormFieldBuilder {
    mutating func addVariable(_ operation: VariableOperation, of step: Step) {
        let inputs = step.pointer / "inputs"
        guard value(at: inputs) == nil || value(at: inputs)?.objectValue != nil else {
            addJSON("Inputs", at: inputs, required: true, placeholder: "Enter JSON")
            return
        }
        switch operation {
        case .initialize:
            // The designer declares one variable per action; a list of several is edited whole.
            let variables = inputs / "variables"
            guard let list = value(at: variables)?.arrayValue, list.count == 1, list[0].objectValue != nil else {
                addJSON("Variables", at: variables, required: true, placeholder: "[{\"name\": \"count\", \"type\": \"integer\", \"value\": 0}]")
                return
            }
            let variable = variables.appending(index: 0)
            addText("Name", at: variable / "name", required: true, placeholder: "Enter variable name")
            addChoice("Type", at: variable / "type", options: VariableType.allCases.map(\.rawValue), required: true,
                      placeholder: "Choose a type", action: .setLowercased(variable / "type"))
            addJSON("Value", at: variable / "value", placeholder: "Enter initial value")
        case .set, .increment, .decrement, .appendToArray, .appendToString:
            addVariableName(at: inputs / "name", for: operation)
            switch operation {
            case .increment, .decrement:
                addText("Value", at: inputs / "value", placeholder: "1", number: true)
            default:
                addJSON("Value", at: inputs / "value", required: true, placeholder: "Enter a value")
            }
        }
    }

    /// The variable an action changes: a choice of the variables the workflow declares that fit
    /// the action (numbers for Increment, arrays for Append to array, ...), or text when none does.
    private mutating func addVariableName(at pointer: JSONPointer, for operation: VariableOperation) {
        let fitting = Self.declaredVariables(in: definition).filter { variable in
            guard let type = variable.type else { return true }
            switch operation {
            case .increment, .decrement: return type.isNumeric
            case .appendToArray: return type == .array
            case .appendToString: return type == .string
            default: return true
            }
        }.map(\.name)
        if fitting.isEmpty {
            addText("Name", at: pointer, required: true, placeholder: "The variable (declare it with Initialize variable)")
        } else {
            addChoice("Name", at: pointer, options: fitting, required: true, placeholder: "Choose a variable")
        }
    }

    /// The variables declared by Initialize variable actions, in the definition's order.
    static func declaredVariables(in definition: WorkflowDefinition) -> [(name: String, type: VariableType?)] {
        var seen = Set<String>()
        var found: [(name: String, type: VariableType?)] = []
        for step in definition.allSteps where step.kind == .variable(.initialize) {
            for entry in step.inputs?["variables"]?.arrayValue ?? [] {
                guard let name = entry["name"]?.stringValue, !name.isEmpty, seen.insert(name.lowercased()).inserted else { continue }
                found.append((name, entry["type"]?.stringValue.flatMap(VariableType.init(caseInsensitive:))))
            }
        }
        return found
    }

    mutating func addDataOperation(_ operation: DataOperation, of step: Step) {
        let inputs = step.pointer / "inputs"
        guard value(at: inputs) == nil || value(at: inputs)?.objectValue != nil else {
            addJSON("Inputs", at: inputs, required: true, placeholder: "Enter JSON")
            return
        }
        let from = "@body('Get_items')?['value']"
        switch operation {
        case .parseJson:
            addJSON("Content", at: inputs / "content", required: true, placeholder: "@triggerBody()")
            addJSON("Schema", at: inputs / "schema", required: true, placeholder: "{\"type\": \"object\", \"properties\": {}}")
        case .select:
            addJSON("From", at: inputs / "from", required: true, placeholder: from)
            addJSON("Map", at: inputs / "select", required: true, placeholder: "{\"id\": \"@item()?['id']\"}")
        case .query:
            addJSON("From", at: inputs / "from", required: true, placeholder: from)
            addJSON("Condition", at: inputs / "where", required: true, placeholder: "@equals(item()?['status'], 'open')")
        case .join:
            addJSON("From", at: inputs / "from", required: true, placeholder: from)
            addText("Join with", at: inputs / "joinWith", required: true, placeholder: "e.g. , or ;")
        case .table:
            addJSON("From", at: inputs / "from", required: true, placeholder: from)
            addChoice("Format", at: inputs / "format", options: ["CSV", "HTML"], required: true, placeholder: "Choose a format")
            let columns = inputs / "columns"
            let custom = value(at: columns) != nil
            let spec = Self.choice(.string(custom ? "Custom" : "Automatic"), options: ["Automatic", "Custom"], noneOption: nil,
                                   placeholder: "Automatic", action: .tableColumns(columns))
            fields.append(FormField(id: "\(columns)#mode", label: "Columns", pointers: [], kind: .choice(spec)))
            if custom {
                addJSON("Header and value", at: columns, placeholder: "[{\"header\": \"Id\", \"value\": \"@item()?['id']\"}]")
            }
        }
    }
}
