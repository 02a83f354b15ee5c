/// Rewrites the references to a renamed step inside one string: `body('Old')`, `outputs( 'Old' )`,
/// `actions('Old')` and `result('Old')`, function and step names compared ignoring case as Logic
/// Apps does.
///
/// A scan of the text rather than a regular expression: `NSRegularExpression` leaked on names it
/// could not compile (found by FuzzDefinition), and a name it cannot compile would then have
/// been left unrenamed.
enum StepReferenceRewriter {
    static let functions = ["body", "outputs", "actions", "result"]

    /// `text` with each reference to `old` naming `new` instead (nil when nothing changed).
    static func rewrite(_ text: String, from old: String, to new: String) -> String? {
        let quotedOld = quoted(old)
        let quotedNew = quoted(new)
        var result = ""
        var copied = text.startIndex
        TextSearch.occurrences(of: quotedOld, in: text, ignoringCase: true) { match in
            guard isCallArgument(text, from: match.lowerBound, to: match.upperBound) else { return true }
            result += text[copied..<match.lowerBound]
            result += quotedNew
            copied = match.upperBound
            return true
        }
        guard copied != text.startIndex else { return nil }
        return result + text[copied...]
    }

    /// The name as a string literal: in single quotes, a quote inside doubled.
    private static func quoted(_ name: String) -> String {
        var literal = "'"
        for character in name {
            literal.append(character)
            if character == "'" { literal.append("'") }
        }
        return literal + "'"
    }

    /// Whether the literal at `start..<end` is the only argument of one of ``functions``:
    /// `name (` before it and `)` after it, spaces allowed, the name not the end of a longer word.
    private static func isCallArgument(_ text: String, from start: String.Index, to end: String.Index) -> Bool {
        var after = end
        while after < text.endIndex, text[after].isWhitespace { after = text.index(after: after) }
        guard after < text.endIndex, text[after] == ")" else { return false }

        var before = start
        func previous() -> Character? {
            guard before > text.startIndex else { return nil }
            before = text.index(before: before)
            return text[before]
        }
        var character = previous()
        while let current = character, current.isWhitespace { character = previous() }
        guard character == "(" else { return false }
        character = previous()
        while let current = character, current.isWhitespace { character = previous() }
        // `before` is now on the last character of the function name, if there is one.
        guard character != nil else { return false }
        let nameEnd = text.index(after: before)
        for function in functions {
            guard let nameStart = text.index(nameEnd, offsetBy: -function.count, limitedBy: text.startIndex),
                text[nameStart..<nameEnd].lowercased() == function
            else { continue }
            if nameStart == text.startIndex { return true }
            let preceding = text[text.index(before: nameStart)]
            if !(preceding.isLetter || preceding.isNumber || preceding == "_") { return true }
        }
        return false
    }
}
