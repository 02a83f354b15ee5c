/// What the running terminal can show: how many colours, and whether Unicode glyphs are safe.
public struct TerminalCapabilities: Hashable, Sendable {
    /// Colours after `NO_COLOR` and any limit from ``TerminalOptions/colorSupport``.
    public var colorSupport: ColorSupport
    /// The glyph set to draw with: ``Glyphs/unicode`` in a UTF-8 locale, else ``Glyphs/ascii``.
    public var glyphs: Glyphs

    public init(colorSupport: ColorSupport, glyphs: Glyphs) {
        self.colorSupport = colorSupport
        self.glyphs = glyphs
    }

    /// Combines curses' colour report (`has_colors()`, `COLORS`), the environment and the options' limits.
    public static func detect(hasColors: Bool, colors: Int, environment: [String: String], limit: ColorSupport? = nil, glyphs: Glyphs? = nil) -> TerminalCapabilities {
        let detected = ColorSupport.detect(hasColors: hasColors, colors: colors, environment: environment)
        return TerminalCapabilities(
            colorSupport: limit.map { min($0, detected) } ?? detected,
            glyphs: glyphs ?? Glyphs.detect(environment: environment)
        )
    }
}
