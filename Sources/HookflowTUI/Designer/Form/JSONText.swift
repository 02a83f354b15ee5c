import HookflowModel

/// How a multi-line field's text becomes a JSON value, and a value becomes text to edit.
///
/// Text that parses as JSON is that value (`{"a": 1}`, `42`, `true`); any other text is a string,
/// so nothing typed is lost and `@{listCallbackUrl()}` stays an expression. Text that starts like
/// an object or array (`{`, `[`) but does not parse is still stored as a string, and reported with
/// the parser's line and column, because it is almost certainly JSON with a mistake in it.
///
/// ```swift
/// JSONText.value(of: "{\"a\": 1}").value   // {"a":1}
/// JSONText.value(of: "@triggerBody()").value  // "@triggerBody()"
/// JSONText.value(of: "{\"a\": ").error     // line 1, column 7: unexpected end of input; ...
/// ```
enum JSONText {
    /// The value `text` stands for, and the parse error when it looks like JSON but is not.
    static func value(of text: String) -> (value: JSONValue, error: JSONParseError?) {
        do {
            return (try JSONParser.parse(text), nil)
        } catch {
            let start = text.first { !$0.isWhitespace }
            let looksLikeJSON = start == "{" || start == "["
            return (.string(text), looksLikeJSON ? error : nil)
        }
    }

    /// The text to edit for a value: pretty JSON, or a string's own text when reading that text
    /// back gives the same string (a string like `"42"` is shown quoted so it stays a string).
    static func text(of value: JSONValue?) -> String {
        guard let value else { return "" }
        if case .string(let string) = value, Self.value(of: string).value == value {
            return string
        }
        return JSONWriter().string(from: value)
    }
}
