import HookflowModel

/// Writes a parsed template back as canonical text (no spaces, lowercased function names,
/// every `@` in plain text escaped as `@@`), so a fuzz target can check that what the parser
/// built means the same when read again. Positions are left out: they are where the text was.
public enum ExpressionPrinter {
    public static func text(of template: Template) -> String {
        switch template {
        case .literal(let text):
            return escaped(text)
        case .expression(let expression):
            return "@" + text(of: expression)
        case .interpolation(let segments):
            return segments.map { segment in
                switch segment {
                case .text(let text): escaped(text)
                case .expression(let expression): "@{" + self.text(of: expression) + "}"
                }
            }.joined()
        }
    }

    public static func text(of expression: Expression) -> String {
        switch expression {
        case .string(let text, _):
            return "'" + text.replacingOccurrences(of: "'", with: "''") + "'"
        case .number(let number, _):
            return number.literal
        case .bool(let bool, _):
            return bool ? "true" : "false"
        case .null:
            return "null"
        case .call(let call):
            return call.name + "(" + call.arguments.map(text(of:)).joined(separator: ",") + ")"
        case .member(let base, let name, let nullSafe, _):
            return text(of: base) + (nullSafe ? "?." : ".") + name
        case .index(let base, let index, let nullSafe, _):
            return text(of: base) + (nullSafe ? "?[" : "[") + text(of: index) + "]"
        }
    }

    /// Character by character, so an `@` that is part of a larger character stays as it is.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "@" { result += "@@" } else { result.append(character) }
        }
        return result
    }
}
