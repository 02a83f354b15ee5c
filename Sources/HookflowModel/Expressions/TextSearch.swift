/// Finds a text inside another, Character by Character, in time linear in both.
///
/// `replace()` and `indexOf()` used Foundation's search, which on Linux reads past the end of
/// the text when the searched text holds a NUL (`"aaa".range(of: "a\0")` matched at 2..<4, and
/// `replacingOccurrences` then crashed the process) and is quadratic on repetitive text. This is
/// Knuth-Morris-Pratt over Characters: canonically equivalent Characters match, as in `==`.
enum TextSearch {
    /// Calls `visit` with each occurrence of `pattern` in `text`, left to right and not
    /// overlapping (unless `overlapping`), until it returns false. An empty pattern has no occurrences.
    static func occurrences(
        of pattern: String, in text: String, ignoringCase: Bool, overlapping: Bool = false,
        _ visit: (Range<String.Index>) -> Bool
    ) {
        if ignoringCase {
            search(pattern.map(Self.folded), in: text, key: Self.folded, overlapping: overlapping, visit)
        } else {
            search(Array(pattern), in: text, key: { $0 }, overlapping: overlapping, visit)
        }
    }

    /// The first occurrence, if any.
    static func firstOccurrence(of pattern: String, in text: String, ignoringCase: Bool) -> Range<String.Index>? {
        var found: Range<String.Index>?
        occurrences(of: pattern, in: text, ignoringCase: ignoringCase) { match in
            found = match
            return false
        }
        return found
    }

    /// A Character as compared ignoring case (ASCII without allocating).
    private static func folded(_ character: Character) -> String {
        if let ascii = character.asciiValue, ascii >= 0x41, ascii <= 0x5A { return String(UnicodeScalar(ascii + 0x20)) }
        return character.isASCII ? String(character) : character.lowercased()
    }

    private static func search<Key: Equatable>(
        _ pattern: [Key], in text: String, key: (Character) -> Key, overlapping: Bool, _ visit: (Range<String.Index>) -> Bool
    ) {
        guard !pattern.isEmpty else { return }
        // fallback[i]: the length of the longest proper prefix of pattern[0...i] that is also its suffix.
        var fallback = Array(repeating: 0, count: pattern.count)
        var length = 0
        for index in pattern.indices.dropFirst() {
            while length > 0, pattern[index] != pattern[length] { length = fallback[length - 1] }
            if pattern[index] == pattern[length] { length += 1 }
            fallback[index] = length
        }
        // Where each of the last `pattern.count` Characters starts, to find a match's start.
        var starts = Array(repeating: text.startIndex, count: pattern.count)
        var seen = 0
        var matched = 0
        var index = text.startIndex
        while index < text.endIndex {
            let next = text.index(after: index)
            starts[seen % pattern.count] = index
            seen += 1
            let current = key(text[index])
            while matched > 0, current != pattern[matched] { matched = fallback[matched - 1] }
            if current == pattern[matched] { matched += 1 }
            if matched == pattern.count {
                let start = starts[(seen - pattern.count) % pattern.count]
                guard visit(start..<next) else { return }
                // The next occurrence may start inside this one only when asked for.
                matched = overlapping ? fallback[matched - 1] : 0
            }
            index = next
        }
    }
}
