import HookflowModel

/// `Table` (Create CSV table / Create HTML table): one row per element of `inputs.from`. Without
/// `inputs.columns` the columns are the first element's property names, each cell that property;
/// with them, each column's `header` heads it and its `value` is evaluated per element (`item()`).
/// `outputs.body` is the table as text, as the docs show it:
/// `ID,Product_Name\n0,Apples` or `<table><thead><tr><th>ID</th>…</tbody></table>`.
enum TableStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        environment.complete(step) { record throws(StepFailure) in
            let source = try ItemSource(step, in: environment)
            let format = try Self.format(of: step, in: environment)
            var headers: [String] = []
            var rows: [HiddenValues] = source.items.map { _ in HiddenValues() }
            if let columns = step.inputs?["columns"]?.arrayValue {
                for (number, column) in columns.enumerated() {
                    headers.append(try Self.header(column["header"] ?? "", at: number, of: step, in: environment))
                    for index in source.items.indices {
                        rows[index].append(try source.evaluate(column["value"] ?? .null, at: index, under: ["columns", String(number), "value"]))
                    }
                }
            } else if let first = source.items.first {
                guard let keys = first.objectValue?.keys else {
                    throw StepFailure(code: "InvalidTemplate", message: "\(step.pointer / "inputs"): the first element of 'from' is \(first.tokenTypeName), "
                        + "not an object: name the table's columns with a header and a value each")
                }
                headers = keys
                for (index, item) in source.items.enumerated() {
                    let shownItem = source.shownItem(index)
                    for key in keys {
                        // Typed: a bare nil would be JSON null, not "shown as it is".
                        let shown: JSONValue? = source.secret ? shownItem[key] ?? .string(ExpressionEvaluator.secretPlaceholder) : Optional<JSONValue>.none
                        rows[index].append(item[key] ?? .null, shown: shown)
                    }
                }
            }
            record.inputs = environment.masker.inputs(step.inputs.map { inputs in
                var shown = inputs.objectValue ?? JSONObject()
                shown["from"] = source.recordable
                shown["format"] = .string(format.rawValue)
                return .object(shown)
            }, of: step)
            record.outputs = ["body": .string(format.table(headers: headers, rows: rows.map(\.values)))]
            let secret = rows.contains(where: \.secret)
            record.maskedOutputs = environment.masker.maskedOutputs(
                record.outputs, hidden: secret ? ["body": .string(format.table(headers: headers, rows: rows.map(\.shown)))] : nil, of: step)
            return nil
        }
    }

    enum Format: String {
        case csv = "CSV"
        case html = "HTML"

        func table(headers: [String], rows: [[JSONValue]]) -> String {
            switch self {
            case .csv:
                guard !headers.isEmpty else { return "" }
                return ([headers.map(Self.csvField)] + rows.map { $0.map { Self.csvField($0.expressionText) } })
                    .map { $0.joined(separator: ",") }.joined(separator: "\n")
            case .html:
                let head = headers.map { "<th>\(Self.escaped($0))</th>" }.joined()
                let body = rows.map { "<tr>" + $0.map { "<td>\(Self.escaped($0.expressionText))</td>" }.joined() + "</tr>" }.joined()
                return "<table><thead><tr>\(head)</tr></thead><tbody>\(body)</tbody></table>"
            }
        }

        /// RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled.
        static func csvField(_ text: String) -> String {
            guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
            return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }

        static func escaped(_ text: String) -> String {
            var result = ""
            for character in text {
                switch character {
                case "&": result += "&amp;"
                case "<": result += "&lt;"
                case ">": result += "&gt;"
                case "\"": result += "&quot;"
                default: result.append(character)
                }
            }
            return result
        }
    }

    private static func format(of step: Step, in environment: StepEnvironment) throws(StepFailure) -> Format {
        let value: JSONValue
        do { value = try environment.evaluator.evaluate(step.inputs?["format"] ?? .null) } catch {
            throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step, at: ["inputs", "format"]))
        }
        guard let text = value.stringValue, let format = Format(rawValue: text.uppercased()) else {
            throw StepFailure(code: "InvalidTemplate", message: "\(step.pointer.appending(["inputs", "format"])): the format must be CSV or HTML, not \(JSONWriter.compact.string(from: value))")
        }
        return format
    }

    /// A column's header: its text, or what its expression gives.
    private static func header(_ value: JSONValue, at number: Int, of step: Step, in environment: StepEnvironment) throws(StepFailure) -> String {
        do { return try environment.evaluator.evaluate(value).expressionText } catch {
            throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step, at: ["inputs", "columns", String(number), "header"]))
        }
    }
}
