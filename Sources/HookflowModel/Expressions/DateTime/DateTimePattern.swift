/// A .NET custom date and time pattern read once for the formatter and the exact reader:
/// fields (a letter and how many times it repeats, `MM` is M twice) and literal text, with
/// .NET's quoting (`'...'`, `"..."`), `\` escapes and `%` before a lone letter.
enum DateTimePattern {
    enum Token: Equatable {
        case field(Character, count: Int)
        case literal(String)
    }

    /// The letters that stand for a part of a date and time; any other character is literal text.
    static let fieldLetters: Set<Character> = ["y", "M", "d", "H", "h", "m", "s", "f", "F", "t", "K", "z", "g"]

    static func tokens(_ pattern: [Character]) throws(DateTimeFormat.Problem) -> [Token] {
        var tokens: [Token] = []
        var index = 0
        while index < pattern.count {
            let character = pattern[index]
            switch character {
            case "'", "\"":
                let (literal, next) = try quoted(pattern, from: index)
                tokens.append(.literal(literal))
                index = next
            case "\\":
                guard index + 1 < pattern.count else { throw DateTimeFormat.Problem(message: "the format ends with a lone '\\'") }
                tokens.append(.literal(String(pattern[index + 1])))
                index += 2
            case "%":
                // "%d" is the custom "d" on its own (a bare "d" would be the standard short date).
                guard index + 1 < pattern.count, pattern[index + 1] != "%" else {
                    throw DateTimeFormat.Problem(message: "'%' must be followed by a format letter")
                }
                index += 1
            default:
                let run = runLength(pattern, at: index)
                tokens.append(fieldLetters.contains(character) ? .field(character, count: run) : .literal(String(repeating: character, count: run)))
                index += run
            }
        }
        return tokens
    }

    /// How many times the character at `index` repeats from there: a pattern letter's width.
    static func runLength(_ pattern: [Character], at index: Int) -> Int {
        var run = 1
        while index + run < pattern.count, pattern[index + run] == pattern[index] { run += 1 }
        return run
    }

    /// The text of the quoted literal starting at `index` and the index after its closing quote;
    /// the same quote closes it, and `\` escapes a character inside.
    private static func quoted(_ pattern: [Character], from index: Int) throws(DateTimeFormat.Problem) -> (String, Int) {
        let quote = pattern[index]
        var closing = index + 1
        var literal = ""
        while closing < pattern.count, pattern[closing] != quote {
            if pattern[closing] == "\\", closing + 1 < pattern.count { closing += 1 }
            literal.append(pattern[closing])
            closing += 1
        }
        guard closing < pattern.count else { throw DateTimeFormat.Problem(message: "the format has an unclosed \(quote) quote") }
        return (literal, closing + 1)
    }
}
