import Foundation

/// XPath 1.0's core function library (all of it but `id()` and `lang()`).
extension XPathEvaluator {
    func function(_ name: String, _ arguments: [XPathExpression], _ context: Context) throws(XPathExpression.Problem) -> XPathValue {
        var values: [XPathValue] = []
        for argument in arguments { values.append(try value(argument, context)) }
        func arity(_ range: ClosedRange<Int>) throws(XPathExpression.Problem) {
            guard range.contains(values.count) else {
                throw XPathExpression.Problem(message: "the XPath function \(name)() takes \(range.lowerBound == range.upperBound ? "\(range.lowerBound)" : "\(range.lowerBound) to \(range.upperBound)") arguments but got \(values.count)")
            }
        }
        func nodes(_ index: Int) throws(XPathExpression.Problem) -> [Int] {
            guard case .nodes(let nodes) = values[index] else {
                throw XPathExpression.Problem(message: "the XPath function \(name)() expects a node set")
            }
            return nodes
        }
        /// The first node of argument 0, or the context node when there is no argument.
        func subject() throws(XPathExpression.Problem) -> Int? {
            try arity(0...1)
            return values.isEmpty ? context.node : try nodes(0).first
        }
        /// Argument `index` as a string, or the context node's string value when it is absent.
        func text(_ index: Int) -> String {
            index < values.count ? string(values[index]) : tree.stringValue(context.node)
        }
        switch name {
        case "last": try arity(0...0); return .number(Double(context.size))
        case "position": try arity(0...0); return .number(Double(context.position))
        case "count": try arity(1...1); return .number(Double(try nodes(0).count))
        case "local-name": return .string(try subject().map { tree[$0].kind == .processingInstruction ? tree[$0].name : tree[$0].localName } ?? "")
        case "name": return .string(try subject().map { tree[$0].name } ?? "")
        case "namespace-uri": return .string(try subject().map { tree[$0].namespaceURI } ?? "")
        case "string": try arity(0...1); return .string(text(0))
        case "concat":
            guard values.count >= 2 else { throw XPathExpression.Problem(message: "the XPath function concat() takes at least 2 arguments") }
            return .string(values.map(string).joined())
        case "starts-with": try arity(2...2); return .boolean(text(0).hasPrefix(text(1)))
        case "contains": try arity(2...2); return .boolean(text(1).isEmpty || find(text(1), in: text(0)) != nil)
        case "substring-before":
            try arity(2...2)
            let whole = text(0)
            return .string(find(text(1), in: whole).map { String(whole[..<$0.lowerBound]) } ?? "")
        case "substring-after":
            try arity(2...2)
            let whole = text(0)
            return .string(find(text(1), in: whole).map { String(whole[$0.upperBound...]) } ?? "")
        case "substring":
            try arity(2...3)
            return .string(substring(text(0), start: number(values[1]), length: values.count > 2 ? number(values[2]) : nil))
        case "string-length": try arity(0...1); return .number(Double(text(0).count))
        case "normalize-space":
            try arity(0...1)
            return .string(text(0).split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).joined(separator: " "))
        case "translate":
            try arity(3...3)
            let from = Array(text(1)), to = Array(text(2))
            return .string(String(text(0).compactMap { character -> Character? in
                guard let position = from.firstIndex(of: character) else { return character }
                return position < to.count ? to[position] : nil
            }))
        case "boolean": try arity(1...1); return .boolean(boolean(values[0]))
        case "not": try arity(1...1); return .boolean(!boolean(values[0]))
        case "true": try arity(0...0); return .boolean(true)
        case "false": try arity(0...0); return .boolean(false)
        case "number": try arity(0...1); return .number(values.isEmpty ? number(.string(tree.stringValue(context.node))) : number(values[0]))
        case "sum": try arity(1...1); return .number(try nodes(0).reduce(0) { $0 + number(.string(tree.stringValue($1))) })
        case "floor": try arity(1...1); return .number(number(values[0]).rounded(.down))
        case "ceiling": try arity(1...1); return .number(number(values[0]).rounded(.up))
        case "round": try arity(1...1); return .number((number(values[0]) + 0.5).rounded(.down))
        default:
            throw XPathExpression.Problem(message: "the XPath function \(name)() is not supported")
        }
    }

    /// Where `search` first occurs in `text` (an empty search text at the start).
    private func find(_ search: String, in text: String) -> Range<String.Index>? {
        search.isEmpty ? text.startIndex..<text.startIndex : TextSearch.firstOccurrence(of: search, in: text, ignoringCase: false)
    }

    /// XPath's substring(): 1-based, with rounded positions, as the specification defines it.
    private func substring(_ text: String, start: Double, length: Double?) -> String {
        let characters = Array(text)
        let first = (start + 0.5).rounded(.down)
        let end = length.map { first + ($0 + 0.5).rounded(.down) } ?? .infinity
        guard !first.isNaN, !end.isNaN else { return "" }
        var out = ""
        for (offset, character) in characters.enumerated() {
            let position = Double(offset + 1)
            if position >= first && position < end { out.append(character) }
        }
        return out
    }
}
