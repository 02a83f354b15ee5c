/// A terminal colour: the terminal's own default, or an entry of the 256-colour palette.
///
/// Entries 0-15 are the 16 ANSI colours, which the user's terminal palette defines (so they follow
/// the user's scheme); 16-231 are a 6×6×6 colour cube and 232-255 a grey ramp. In theme files
/// colours are written `default`, by name (`red`, `bright-black`) or by index (`244`).
public enum TerminalColor: Hashable, Sendable, CustomStringConvertible {
    /// The terminal's own foreground or background (transparent backgrounds stay transparent).
    case `default`
    /// Palette entry 0-255.
    case palette(UInt8)

    public static let black = TerminalColor.palette(0)
    public static let red = TerminalColor.palette(1)
    public static let green = TerminalColor.palette(2)
    public static let yellow = TerminalColor.palette(3)
    public static let blue = TerminalColor.palette(4)
    public static let magenta = TerminalColor.palette(5)
    public static let cyan = TerminalColor.palette(6)
    public static let white = TerminalColor.palette(7)
    public static let brightBlack = TerminalColor.palette(8)
    public static let brightRed = TerminalColor.palette(9)
    public static let brightGreen = TerminalColor.palette(10)
    public static let brightYellow = TerminalColor.palette(11)
    public static let brightBlue = TerminalColor.palette(12)
    public static let brightMagenta = TerminalColor.palette(13)
    public static let brightCyan = TerminalColor.palette(14)
    public static let brightWhite = TerminalColor.palette(15)

    /// The names of the 16 ANSI colours as theme files spell them, in palette order.
    public static let ansiNames = [
        "black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
        "bright-black", "bright-red", "bright-green", "bright-yellow", "bright-blue", "bright-magenta", "bright-cyan", "bright-white",
    ]

    /// Parses `default`, an ANSI name (`bright-red`; `grey`/`gray` mean `bright-black`) or an index `0`-`255`.
    public init?(name: String) {
        let key = name.lowercased()
        if key == "default" {
            self = .default
        } else if key == "grey" || key == "gray" {
            self = .brightBlack
        } else if let index = TerminalColor.ansiNames.firstIndex(of: key) {
            self = .palette(UInt8(index))
        } else if key.allSatisfy(\.isASCII), key.allSatisfy(\.isNumber), let index = UInt8(key) {
            self = .palette(index)
        } else {
            return nil
        }
    }

    /// The theme-file spelling: `default`, the ANSI name, or the index.
    public var description: String {
        switch self {
        case .default: "default"
        case .palette(let index) where index < 16: TerminalColor.ansiNames[Int(index)]
        case .palette(let index): String(index)
        }
    }

    /// The colour xterm shows for this palette entry, used to find the nearest colour on smaller palettes.
    var rgb: (red: Int, green: Int, blue: Int)? {
        guard case .palette(let entry) = self else { return nil }
        let index = Int(entry)
        switch index {
        case 0..<16:
            return TerminalColor.ansiRGB[index]
        case 16..<232:
            let levels = [0, 95, 135, 175, 215, 255]
            let cube = index - 16
            return (levels[cube / 36], levels[cube / 6 % 6], levels[cube % 6])
        default:
            let grey = 8 + 10 * (index - 232)
            return (grey, grey, grey)
        }
    }

    /// xterm's default values for the 16 ANSI colours.
    private static let ansiRGB: [(red: Int, green: Int, blue: Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
}
