/// The characters used for boxes, connectors, statuses and truncation, in a Unicode set and an ASCII fallback.
///
/// The Unicode set needs a UTF-8 locale; ``detect(environment:)`` picks it from `LC_ALL`, `LC_CTYPE`
/// and `LANG` (the first one set), and `HOOKFLOW_GLYPHS=ascii|unicode` overrides the choice.
/// Every glyph is one cell wide in both sets (except the ASCII ellipsis, `...`), so layouts do not change between them.
///
/// ```swift
/// let glyphs = Glyphs.detect(environment: ProcessInfo.processInfo.environment)
/// buffer.put(glyphs.statusSucceeded, at: 2, y: 5, role: .statusSucceeded)
/// ```
public struct Glyphs: Hashable, Sendable {
    public var topLeft: String
    public var topRight: String
    public var bottomLeft: String
    public var bottomRight: String
    public var horizontal: String
    public var vertical: String
    /// A left edge with a line going right (`├`), for separators inside boxes.
    public var teeRight: String
    /// A right edge with a line going left (`┤`).
    public var teeLeft: String
    /// The arrow between two cards (`↓`).
    public var connectorDown: String
    /// Where parallel branches split (`┬`).
    public var branchSplit: String
    /// Where parallel branches join (`┴`).
    public var branchJoin: String
    public var statusSucceeded: String
    public var statusFailed: String
    public var statusRunning: String
    public var statusWaiting: String
    public var statusCancelled: String
    public var statusSkipped: String
    public var statusTimedOut: String
    /// The mark of a validation warning (`⚠`), beside the error mark `✗`.
    public var warning: String
    /// The end of truncated text (`…`).
    public var ellipsis: String
    /// The marker of the selected row (`▸`).
    public var pointer: String
    /// Whether this is the ASCII set.
    public var isASCII: Bool

    /// Rounded boxes, arrows and status symbols.
    ///
    /// Timed out uses ⧗ (U+29D7) rather than ⌛, which terminals draw two cells wide.
    public static let unicode = Glyphs(
        topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯", horizontal: "─", vertical: "│",
        teeRight: "├", teeLeft: "┤", connectorDown: "↓", branchSplit: "┬", branchJoin: "┴",
        statusSucceeded: "✓", statusFailed: "✗", statusRunning: "●", statusWaiting: "◷",
        statusCancelled: "⊘", statusSkipped: "↷", statusTimedOut: "⧗", warning: "⚠",
        ellipsis: "…", pointer: "▸", isASCII: false
    )

    /// Plain ASCII for terminals without a UTF-8 locale.
    public static let ascii = Glyphs(
        topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+", horizontal: "-", vertical: "|",
        teeRight: "+", teeLeft: "+", connectorDown: "v", branchSplit: "+", branchJoin: "+",
        statusSucceeded: "+", statusFailed: "x", statusRunning: "*", statusWaiting: "o",
        statusCancelled: "-", statusSkipped: ">", statusTimedOut: "!", warning: "!",
        ellipsis: "...", pointer: ">", isASCII: true
    )

    /// The glyph for a run or step status role (`.statusFailed` → `✗`); `nil` for other roles.
    public func status(_ role: StyleRole) -> String? {
        switch role {
        case .statusSucceeded: statusSucceeded
        case .statusFailed: statusFailed
        case .statusRunning: statusRunning
        case .statusWaiting: statusWaiting
        case .statusCancelled: statusCancelled
        case .statusSkipped: statusSkipped
        case .statusTimedOut: statusTimedOut
        default: nil
        }
    }

    /// ``unicode`` in a UTF-8 locale, else ``ascii``; `HOOKFLOW_GLYPHS=ascii` or `unicode` decides instead.
    public static func detect(environment: [String: String]) -> Glyphs {
        switch environment["HOOKFLOW_GLYPHS"]?.lowercased() {
        case "ascii": return .ascii
        case "unicode": return .unicode
        default: return isUTF8Locale(environment: environment) ? .unicode : .ascii
        }
    }

    /// Whether the locale the environment names is UTF-8: the first non-empty of `LC_ALL`, `LC_CTYPE`, `LANG`.
    public static func isUTF8Locale(environment: [String: String]) -> Bool {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let name = locale.lowercased()
        return name.contains("utf-8") || name.contains("utf8")
    }
}
