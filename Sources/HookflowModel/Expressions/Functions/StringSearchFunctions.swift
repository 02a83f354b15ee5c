/// Finding text in text. All of these ignore case, as documented for Logic Apps; positions
/// count Characters from 0.
extension ExpressionFunction {
    static let stringSearchFunctions: [ExpressionFunction] = [
        ExpressionFunction("startsWith", arguments: 2...2) { call throws(ExpressionError) in
            .bool(try call.string(0).lowercased().hasPrefix(try call.string(1).lowercased()))
        },
        ExpressionFunction("endsWith", arguments: 2...2) { call throws(ExpressionError) in
            .bool(try call.string(0).lowercased().hasSuffix(try call.string(1).lowercased()))
        },
        ExpressionFunction("indexOf", arguments: 2...2) { call throws(ExpressionError) in
            let text = try call.string(0), search = try call.string(1)
            guard !search.isEmpty else { return .int(0) }
            guard let range = TextSearch.firstOccurrence(of: search, in: text, ignoringCase: true) else { return .int(-1) }
            return .int(text.distance(from: text.startIndex, to: range.lowerBound))
        },
        ExpressionFunction("lastIndexOf", arguments: 2...2) { call throws(ExpressionError) in
            let text = try call.string(0), search = try call.string(1)
            // The reference's rules for empty values: an empty search text is found at the last position.
            if search.isEmpty { return .int(text.isEmpty ? 0 : text.count - 1) }
            return .int(occurrenceStarts(of: search, in: text).last ?? -1)
        },
        ExpressionFunction("nthIndexOf", arguments: 3...3) { call throws(ExpressionError) in
            let text = try call.string(0), search = try call.string(1), occurrence = try call.integer(2)
            guard !search.isEmpty else { throw call.failure(.runtime, "cannot look for an empty search text", argument: 1) }
            guard occurrence != 0 else {
                throw call.failure(.runtime, "counts occurrences from 1 (or from -1 at the end), not 0", argument: 2)
            }
            let starts = occurrenceStarts(of: search, in: text)
            // A negative occurrence counts from the end.
            let offset = occurrence > 0 ? occurrence - 1 : starts.count + occurrence
            return .int(starts.indices.contains(offset) ? starts[offset] : -1)
        },
    ]

    /// Where each occurrence of `search` starts, overlapping ones included ('aa' twice in 'aaa').
    private static func occurrenceStarts(of search: String, in text: String) -> [Int] {
        var starts: [Int] = []
        var position = 0
        var scanned = text.startIndex
        TextSearch.occurrences(of: search, in: text, ignoringCase: true, overlapping: true) { match in
            position += text.distance(from: scanned, to: match.lowerBound)
            scanned = match.lowerBound
            starts.append(position)
            return true
        }
        return starts
    }
}
