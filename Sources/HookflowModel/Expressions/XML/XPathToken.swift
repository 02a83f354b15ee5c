/// One token of XPath text, with XPath 1.0's rules for telling `*` and `div` as operators from
/// names: they are operators when something that ends an operand comes before them.
enum XPathToken: Equatable, Sendable, CustomStringConvertible {
    case symbol(String)
    case multiply
    case literal(String)
    case number(Double)
    /// A name test (`item`, `*`, `p:*`, `p:item`).
    case name(String)
    /// `and`, `or`, `div`, `mod` in operator position.
    case operatorName(String)
    /// A name followed by `(` that is a function (not a node type); the `(` is the next token.
    case functionName(String)
    /// `text`, `node`, `comment`, `processing-instruction` followed by `(`.
    case nodeType(String)
    /// A name followed by `::`; the `::` is the next token.
    case axisName(String)

    var description: String {
        switch self {
        case .symbol(let text), .name(let text), .operatorName(let text), .functionName(let text), .nodeType(let text), .axisName(let text):
            "'\(text)'"
        case .multiply: "'*'"
        case .literal(let text): "'\(text)'"
        case .number(let value): "\(value)"
        }
    }

    /// Whether a location step can start with this token (after a leading '/').
    var startsStep: Bool {
        switch self {
        case .name, .nodeType, .axisName, .multiply, .symbol("."), .symbol(".."), .symbol("@"): true
        default: false
        }
    }

    static func tokenize(_ text: String) throws(XPathExpression.Problem) -> [XPathToken] {
        let characters = Array(text)
        var tokens: [XPathToken] = []
        var index = 0
        func peekNonSpace(from position: Int) -> Character? {
            var position = position
            while position < characters.count, characters[position].isWhitespace { position += 1 }
            return position < characters.count ? characters[position] : nil
        }
        // An operand just ended: '*' multiplies and a name is an operator.
        func afterOperand() -> Bool {
            guard let last = tokens.last else { return false }
            switch last {
            case .symbol(let symbol): return [")", "]", ".", ".."].contains(symbol)
            case .literal, .number, .name: return true
            default: return false
            }
        }
        while index < characters.count {
            let character = characters[index]
            if character.isWhitespace { index += 1; continue }
            let twoCharacters = index + 1 < characters.count ? String(characters[index...index + 1]) : ""
            if ["//", "!=", "<=", ">=", "::", ".."].contains(twoCharacters) {
                tokens.append(.symbol(twoCharacters))
                index += 2
            } else if character == "'" || character == "\"" {
                guard let end = characters[(index + 1)...].firstIndex(of: character) else {
                    throw XPathExpression.Problem(message: "a string is not closed with \(character)")
                }
                tokens.append(.literal(String(characters[(index + 1)..<end])))
                index = end + 1
            } else if character.isASCIIDigit || (character == "." && index + 1 < characters.count && characters[index + 1].isASCIIDigit) {
                let start = index
                while index < characters.count, characters[index].isASCIIDigit || characters[index] == "." { index += 1 }
                guard let value = Double(String(characters[start..<index])) else {
                    throw XPathExpression.Problem(message: "'\(String(characters[start..<index]))' is not a number")
                }
                tokens.append(.number(value))
            } else if character == "*" {
                tokens.append(afterOperand() ? .multiply : .name("*"))
                index += 1
            } else if "()[].@,/|+-=<>$".contains(character) {
                guard character != "$" else { throw XPathExpression.Problem(message: "variables ($name) are not supported") }
                tokens.append(.symbol(String(character)))
                index += 1
            } else if XMLReader.isNameCharacter(character, first: true), character != ":" {
                let start = index
                while index < characters.count, XMLReader.isNameCharacter(characters[index], first: false) || characters[index] == "*" {
                    // A ':' is part of the name only as a prefix separator, not in '::'.
                    if characters[index] == ":", index + 1 < characters.count, characters[index + 1] == ":" { break }
                    if characters[index] == "*", characters[index - 1] != ":" { break }
                    index += 1
                }
                let name = String(characters[start..<index])
                let next = peekNonSpace(from: index)
                if afterOperand(), ["and", "or", "div", "mod"].contains(name) {
                    tokens.append(.operatorName(name))
                } else if next == "(" {
                    tokens.append(["text", "node", "comment", "processing-instruction"].contains(name) ? .nodeType(name) : .functionName(name))
                } else if next == ":", twoCharactersAfterSpace(characters, index) == "::" {
                    tokens.append(.axisName(name))
                } else {
                    tokens.append(.name(name))
                }
            } else {
                throw XPathExpression.Problem(message: "unexpected '\(character)'")
            }
        }
        return tokens
    }

    private static func twoCharactersAfterSpace(_ characters: [Character], _ start: Int) -> String {
        var position = start
        while position < characters.count, characters[position].isWhitespace { position += 1 }
        return position + 1 < characters.count ? String(characters[position...position + 1]) : ""
    }
}
