/// The data operations' required inputs (the Logic Apps reference's "Required" tables): Parse
/// JSON's content and schema, Select's from and map, Filter array's from and condition, Join's
/// from and delimiter, and a table's from and format (CSV or HTML).
extension ValidationPass {
    mutating func checkDataOperation(_ operation: DataOperation, _ step: Step) {
        let inputs = step.pointer / "inputs"
        let required: [(key: String, label: String)] = switch operation {
        case .parseJson: [("content", "Content"), ("schema", "Schema")]
        case .select: [("from", "From"), ("select", "Map")]
        case .query: [("from", "From"), ("where", "Condition")]
        case .join: [("from", "From"), ("joinWith", "Join with")]
        case .table: [("from", "From"), ("format", "Format")]
        }
        for field in required where step.inputs?[field.key] == nil {
            add(inputs / field.key, "\(field.label) is required")
        }
        if operation == .parseJson, let schema = step.inputs?["schema"], schema.objectValue == nil {
            add(inputs / "schema", "Schema must be a JSON schema object")
        }
        if operation == .table {
            if let format = step.inputs?["format"]?.stringValue, !isDynamic(format), !["csv", "html"].contains(format.lowercased()) {
                add(inputs / "format", "Format \"\(format)\" is not one of CSV, HTML")
            }
            if let columns = step.inputs?["columns"] {
                guard let list = columns.arrayValue else {
                    add(inputs / "columns", "Columns must be a list of {\"header\", \"value\"}")
                    return
                }
                for (index, column) in list.enumerated() where column["value"] == nil {
                    add((inputs / "columns").appending(index: index).appending("value"), "Each column needs a value")
                }
            }
        }
    }
}
