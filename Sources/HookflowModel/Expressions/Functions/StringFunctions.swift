import Foundation

/// Text functions. Positions and lengths count Characters (what a person sees), not UTF-16 units.
extension ExpressionFunction {
    static let stringFunctions: [ExpressionFunction] = [
        ExpressionFunction("concat", atLeast: 1) { call throws(ExpressionError) in
            let firstIsArray = call.arguments[0].arrayValue != nil
            // Mixing arrays with text would silently embed JSON in a string; refuse instead.
            if let odd = call.arguments.firstIndex(where: { ($0.arrayValue != nil) != firstIsArray }) {
                throw call.failure(
                    .type,
                    "expects all arguments to be arrays or none of them, but argument 1 is \(call.arguments[0].typeNameWithArticle) "
                        + "and argument \(odd + 1) is \(call.arguments[odd].typeNameWithArticle)",
                    argument: odd)
            }
            if firstIsArray { return .array(Array(call.arguments.compactMap(\.arrayValue).joined())) }
            let parts = call.arguments.map(\.expressionText)
            try call.checkResultLength(parts.reduce(0) { $0 + $1.utf16.count })
            return .string(parts.joined())
        },
        ExpressionFunction("toLower", arguments: 1...1) { call throws(ExpressionError) in
            .string(try call.string(0).lowercased())
        },
        ExpressionFunction("toUpper", arguments: 1...1) { call throws(ExpressionError) in
            .string(try call.string(0).uppercased())
        },
        ExpressionFunction("trim", arguments: 1...1) { call throws(ExpressionError) in
            .string(try call.string(0).trimmingCharacters(in: .whitespacesAndNewlines))
        },
        ExpressionFunction("substring", arguments: 2...3) { call throws(ExpressionError) in
            let text = try call.string(0), start = try call.integer(1)
            let length = call.argumentCount == 3 ? try call.integer(2) : nil
            let count = text.count
            guard start >= 0, start <= count else {
                throw call.failure(
                    .runtime, "start index \(start) is out of range for a string of length \(count)", argument: 1)
            }
            let available = count - start
            let taken = length ?? available
            guard taken >= 0, taken <= available else {
                throw call.failure(
                    .runtime,
                    "length \(taken) from start index \(start) is out of range for a string of length \(count)",
                    argument: 2)
            }
            let lower = text.index(text.startIndex, offsetBy: start)
            let upper = text.index(lower, offsetBy: taken)
            return .string(String(text[lower..<upper]))
        },
        ExpressionFunction("slice", arguments: 2...3) { call throws(ExpressionError) in
            let text = try call.string(0), start = try call.integer(1), end = try call.optionalInteger(2)
            let count = text.count
            // Negative positions count from the end; positions past either end stop there.
            func clamped(_ position: Int) -> Int { position < 0 ? max(0, count + position) : min(position, count) }
            let lower = clamped(start), upper = end.map(clamped) ?? count
            guard lower < upper else { return .string("") }
            let from = text.index(text.startIndex, offsetBy: lower)
            return .string(String(text[from..<text.index(from, offsetBy: upper - lower)]))
        },
        ExpressionFunction("replace", arguments: 3...3) { call throws(ExpressionError) in
            let text = try call.string(0), old = try call.string(1), new = try call.string(2)
            guard !old.isEmpty else { throw call.failure(.runtime, "cannot replace an empty string", argument: 1) }
            // Built piece by piece and refused as soon as it is too long: each replacement can
            // multiply the text, so nested calls would otherwise grow it exponentially.
            var result = ""
            var length = 0
            var copied = text.startIndex
            var tooLong = false
            let replacementLength = new.utf16.count
            TextSearch.occurrences(of: old, in: text, ignoringCase: false) { match in
                let kept = text[copied..<match.lowerBound]
                length += kept.utf16.count + replacementLength
                guard length <= Expression.maximumResultLength else {
                    tooLong = true
                    return false
                }
                result += kept
                result += new
                copied = match.upperBound
                return true
            }
            if tooLong { throw call.resultTooLong() }
            result += text[copied...]
            return .string(result)
        },
        ExpressionFunction("split", arguments: 2...2) { call throws(ExpressionError) in
            let text = try call.string(0), separator = try call.string(1)
            // An empty separator cannot split anything; .NET returns the whole string, and so do we.
            guard !separator.isEmpty else { return .array([.string(text)]) }
            return .array(text.components(separatedBy: separator).map(JSONValue.string))
        },
        ExpressionFunction("guid", arguments: 0...1) { call throws(ExpressionError) in
            let format = try call.optionalString(0) ?? "D"
            guard let text = formatGUID(call.context.makeGUID(), format: format) else {
                throw call.failure(.runtime, "does not know the format '\(format)'; use 'N', 'D', 'B', 'P' or 'X'", argument: 0)
            }
            return .string(text)
        },
    ]

    /// Formats a GUID the way .NET's `Guid.ToString(format)` does, in lowercase.
    static func formatGUID(_ uuid: UUID, format: String) -> String? {
        let dashed = uuid.uuidString.lowercased()
        let digits = dashed.replacingOccurrences(of: "-", with: "")
        switch format {
        case "", "D", "d": return dashed
        case "N", "n": return digits
        case "B", "b": return "{\(dashed)}"
        case "P", "p": return "(\(dashed))"
        case "X", "x":
            let hex = Array(digits)
            func group(_ from: Int, _ to: Int) -> String { "0x" + String(hex[from..<to]) }
            let bytes = stride(from: 16, to: 32, by: 2).map { group($0, $0 + 2) }.joined(separator: ",")
            return "{\(group(0, 8)),\(group(8, 12)),\(group(12, 16)),{\(bytes)}}"
        default: return nil
        }
    }
}
