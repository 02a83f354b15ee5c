/// How a role looks: foreground and background colours plus text attributes.
///
/// Its description is the theme-file spelling, e.g. `244 on default, bold`.
public struct Style: Hashable, Sendable, CustomStringConvertible {
    /// Bold, dim, italic, underline and reverse video.
    public struct Attributes: OptionSet, Hashable, Sendable {
        public let rawValue: UInt8
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        public static let bold = Attributes(rawValue: 1 << 0)
        public static let dim = Attributes(rawValue: 1 << 1)
        public static let italic = Attributes(rawValue: 1 << 2)
        public static let underline = Attributes(rawValue: 1 << 3)
        public static let reverse = Attributes(rawValue: 1 << 4)

        /// Each attribute with its theme-file name, in the order theme files list them.
        public static let named: [(name: String, attribute: Attributes)] = [
            ("bold", .bold), ("dim", .dim), ("italic", .italic), ("underline", .underline), ("reverse", .reverse),
        ]
    }

    public var foreground: TerminalColor
    public var background: TerminalColor
    public var attributes: Attributes

    public init(foreground: TerminalColor = .default, background: TerminalColor = .default, attributes: Attributes = []) {
        self.foreground = foreground
        self.background = background
        self.attributes = attributes
    }

    /// The terminal's own colours, no attributes.
    public static let plain = Style()

    public var bold: Bool { attributes.contains(.bold) }
    public var dim: Bool { attributes.contains(.dim) }
    public var italic: Bool { attributes.contains(.italic) }
    public var underline: Bool { attributes.contains(.underline) }
    public var reverse: Bool { attributes.contains(.reverse) }

    public var description: String {
        var parts: [String] = []
        switch (foreground, background) {
        case (.default, .default): if attributes.isEmpty { parts.append("default") }
        case (_, .default): parts.append(foreground.description)
        default: parts.append("\(foreground) on \(background)")
        }
        parts += Attributes.named.filter { attributes.contains($0.attribute) }.map(\.name)
        return parts.joined(separator: ", ")
    }
}
