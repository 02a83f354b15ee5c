/// A string of an ARM template that is one whole template expression (`"[parameters('uri')]"`,
/// `"[concat('https://', parameters('host'))]"`): Azure Resource Manager evaluates it at
/// deployment, anywhere in the template, the workflow definition included.
///
/// `"[[text]"` is the escape for a literal string that starts with `[`: ARM drops the first `[`.
public enum ARMExpression {
    /// What a string of a template means once deployed.
    public enum Reading: Sendable, Equatable {
        /// Plain text: not an expression.
        case text
        /// `"[[…]"`: the literal text, one `[` shorter.
        case escaped(String)
        /// `"[…]"`: the expression between the brackets.
        case expression(String)
    }

    /// How ARM reads `text`: an expression only when the whole string is bracketed.
    public static func reading(_ text: String) -> Reading {
        let utf8 = text.utf8
        guard utf8.count >= 2, utf8.first == UInt8(ascii: "["), utf8.last == UInt8(ascii: "]") else { return .text }
        if utf8.dropFirst().first == UInt8(ascii: "[") { return .escaped(String(text.dropFirst())) }
        return .expression(String(text.dropFirst().dropLast()))
    }

    /// Whether `text` is a whole ARM expression (not an escaped literal).
    public static func isExpression(_ text: String) -> Bool {
        if case .expression = reading(text) { true } else { false }
    }
}

/// What became of one ARM string once resolved.
public enum ARMResolution: Sendable, Equatable {
    /// Not an expression: the string stays as written.
    case text
    /// The value ARM would deploy (for `"[[…]"`, the unescaped text).
    case value(JSONValue)
    /// An expression whose value is not known here (a function of Azure such as
    /// `resourceGroup()`, a parameter without a default); `reason` says which.
    case unresolved(reason: String)
}
