/// One piece of an interpolated string: literal text or an `@{...}` expression.
public enum TemplateSegment: Sendable, Equatable {
    /// Text copied as is (`@@` escapes already resolved).
    case text(String)
    /// An `@{...}` part; its value is written into the string.
    case expression(Expression)
}
