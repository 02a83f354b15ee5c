/// How many colours the terminal can show, and how a theme's styles are reduced to fit.
///
/// ```swift
/// let support = ColorSupport.detect(hasColors: true, colors: 8, environment: ProcessInfo.processInfo.environment)
/// support.degrade(Style(foreground: .palette(208)))  // yellow: 208 → nearest of 16 → nearest of 8
/// ```
public enum ColorSupport: Int, Comparable, CaseIterable, Sendable {
    /// No colour (`NO_COLOR`, monochrome terminals): attributes only.
    case noColor = 0
    /// The 8 basic ANSI colours.
    case colors8 = 8
    /// The 16 ANSI colours (basic and bright).
    case colors16 = 16
    /// The 256-colour palette.
    case colors256 = 256

    /// What the terminal supports, from curses' `has_colors()` and `COLORS`; a non-empty `NO_COLOR` means ``noColor``.
    public static func detect(hasColors: Bool, colors: Int, environment: [String: String]) -> ColorSupport {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .noColor }
        guard hasColors else { return .noColor }
        switch colors {
        case 256...: return .colors256
        case 16...: return .colors16
        case 8...: return .colors8
        default: return .noColor
        }
    }

    public static func < (lhs: ColorSupport, rhs: ColorSupport) -> Bool { lhs.rawValue < rhs.rawValue }

    /// `style` reduced to what this level can show.
    ///
    /// - 256 → 16: greys become black, bright-black, white or bright-white by lightness; other colours the
    ///   ANSI colour of their hue, bright when light (203 → bright-red, 208 → yellow, 25 → blue).
    /// - 16 → 8: bright colours become their basic colour; `bright-black` text becomes the default
    ///   colour, dimmed, since black text would vanish on a dark terminal.
    /// - Colours that end up equal (text the colour of its background) become reverse video.
    /// - No colour: both colours become `default`; attributes stay, and a style that had a background
    ///   gains `reverse`, so the selection and the header bar remain visible.
    public func degrade(_ style: Style) -> Style {
        var result = style
        switch self {
        case .colors256:
            return style
        case .noColor:
            result.foreground = .default
            result.background = .default
            if style.background != .default { result.attributes.insert(.reverse) }
            return result
        case .colors16:
            result.foreground = ColorSupport.nearestANSI(style.foreground)
            result.background = ColorSupport.nearestANSI(style.background)
        case .colors8:
            let foreground = ColorSupport.nearestANSI(style.foreground)
            if foreground == .brightBlack {
                result.foreground = .default
                result.attributes.insert(.dim)
            } else {
                result.foreground = ColorSupport.basic(foreground)
            }
            result.background = ColorSupport.basic(ColorSupport.nearestANSI(style.background))
        }
        if result.foreground == result.background, result.foreground != .default {
            result.foreground = .default
            result.background = .default
            result.attributes.insert(.reverse)
        }
        return result
    }

    /// The ANSI colour closest in meaning: greys by lightness, other colours by hue (so red stays red and
    /// orange becomes yellow, where plain RGB distance would turn pale colours grey), light ones bright.
    static func nearestANSI(_ colour: TerminalColor) -> TerminalColor {
        guard case .palette(let index) = colour, index >= 16, let rgb = colour.rgb else { return colour }
        let high = max(rgb.red, rgb.green, rgb.blue), low = min(rgb.red, rgb.green, rgb.blue)
        let chroma = high - low
        let lightness = (high + low) / 2
        if chroma == 0 || chroma * 4 < high {
            switch lightness {
            case ...40: return .black
            case ...150: return .brightBlack
            case ...220: return .white
            default: return .brightWhite
            }
        }
        let hue: Int
        if high == rgb.red {
            hue = (60 * (rgb.green - rgb.blue) / chroma + 360) % 360
        } else if high == rgb.green {
            hue = 60 * (rgb.blue - rgb.red) / chroma + 120
        } else {
            hue = 60 * (rgb.red - rgb.green) / chroma + 240
        }
        let basic: UInt8 = switch hue {
        case 30..<90: 3  // yellow (and orange)
        case 90..<150: 2  // green
        case 150..<200: 6  // cyan
        case 200..<270: 4  // blue
        case 270..<330: 5  // magenta
        default: 1  // red
        }
        return .palette(lightness >= 128 ? basic + 8 : basic)
    }

    /// A bright ANSI colour's basic colour (bright-red → red).
    private static func basic(_ colour: TerminalColor) -> TerminalColor {
        guard case .palette(let index) = colour, index >= 8 else { return colour }
        return .palette(index - 8)
    }
}
