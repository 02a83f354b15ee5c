/// Maps every ``StyleRole`` to a ``Style``: what the screens look like.
///
/// A theme file need not set every role: an unset role takes the style of its
/// ``StyleRole/fallback`` (an unset `status.failed` looks like `error.mark`, then `title`), and the
/// roots of that chain have built-in styles (`normal` plain, `dim` dim, `title` bold, `selection`
/// reverse), so a partial theme is always readable.
///
/// ```swift
/// let theme = try ThemeLoader().load(nil)       // --theme / HOOKFLOW_THEME / default
/// theme[.cardTitle]                              // Style(foreground: .default, attributes: .bold)
/// ```
public struct Theme: Hashable, Sendable {
    /// The theme's name (`name = ...` in its file).
    public var name: String
    /// The roles the theme sets itself, before fallbacks.
    public private(set) var styles: [StyleRole: Style]

    /// A theme from explicit styles; roles not in `styles` fall back as described above.
    public init(name: String, styles: [StyleRole: Style]) {
        self.name = name
        self.styles = styles
    }

    /// The style for `role`, following the fallback chain for roles the theme does not set.
    public subscript(role: StyleRole) -> Style {
        var current = role
        while true {
            if let style = styles[current] { return style }
            guard let next = current.fallback else { return Theme.builtIn(current) }
            current = next
        }
    }

    /// The roles the theme leaves to fallbacks.
    public var unsetRoles: [StyleRole] {
        StyleRole.allCases.filter { styles[$0] == nil }
    }

    /// The built-in dark theme (the text of `Themes/default.theme`), used when no theme is chosen or the folder is missing.
    public static let `default`: Theme = (try? Theme.parse(DefaultThemeText.text, file: "default.theme")) ?? Theme(name: "default", styles: [:])

    private static func builtIn(_ root: StyleRole) -> Style {
        switch root {
        case .dim: Style(attributes: .dim)
        case .title: Style(attributes: .bold)
        case .selection: Style(attributes: .reverse)
        default: .plain
        }
    }
}
