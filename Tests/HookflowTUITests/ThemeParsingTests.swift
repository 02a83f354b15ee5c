import Testing
@testable import HookflowTUI

/// The theme file format: values, comments, fallbacks, and an error that names file, line and key for every mistake.
struct ThemeParsingTests {
    private let colours = "default, black, red, green, yellow, blue, magenta, cyan, white, bright-black, bright-red, bright-green, "
        + "bright-yellow, bright-blue, bright-magenta, bright-cyan, bright-white, 0-255"

    private func error(_ text: String, file: String = "Themes/bad.theme") -> String? {
        #expect(throws: ThemeError.self) { try Theme.parse(text, file: file) }?.description
    }

    @Test func parsesColoursBackgroundsAndAttributes() throws {
        let theme = try Theme.parse("""
            # A comment line
            name = sample
            description = For the tests
            normal = default
            border = 244 on default, bold   # trailing comment
            status.failed = red
            selection = white on 25, bold, underline
            header = on blue
            card.title = BOLD,italic
            dim = grey
            """, file: "sample.theme")
        #expect(theme.name == "sample")
        #expect(theme[.normal] == .plain)
        #expect(theme[.border] == Style(foreground: .palette(244), attributes: .bold))
        #expect(theme[.statusFailed] == Style(foreground: .red))
        #expect(theme[.selection] == Style(foreground: .white, background: .palette(25), attributes: [.bold, .underline]))
        #expect(theme[.header] == Style(background: .blue))
        #expect(theme[.cardTitle] == Style(attributes: [.bold, .italic]))
        #expect(theme[.dim] == Style(foreground: .brightBlack))
    }

    @Test func windowsLineEndingsAndBlankLinesAreFine() throws {
        let theme = try Theme.parse("name = crlf\r\n\r\nborder = red\r\nkey = blue\r\n", file: "crlf.theme")
        #expect(theme[.border] == Style(foreground: .red))
        #expect(theme[.key] == Style(foreground: .blue))
    }

    @Test func theNameDefaultsToTheFileName() throws {
        #expect(try Theme.parse("border = red", file: "/home/me/themes/solarized.theme").name == "solarized")
    }

    @Test func unsetRolesFollowTheFallbackChain() throws {
        let theme = try Theme.parse("error.mark = red, bold\ndim = 244\nselection = black on yellow", file: "partial.theme")
        #expect(theme[.statusFailed] == Style(foreground: .red, attributes: .bold), "status.failed → error.mark")
        #expect(theme[.required] == Style(foreground: .red, attributes: .bold))
        #expect(theme[.connector] == Style(foreground: .palette(244)), "connector → dim")
        #expect(theme[.buttonFocused] == Style(foreground: .black, background: .yellow), "button.focused → selection")
        #expect(theme[.headerAccent] == Style(foreground: .black, background: .yellow), "header.accent → header → selection")
        #expect(theme[.cardTitle] == Style(attributes: .bold), "card.title → title → built-in bold")
        #expect(theme[.codeKey] == .plain)
        #expect(theme.unsetRoles.count == StyleRole.allCases.count - 3)
    }

    @Test func anEmptyThemeIsStillReadable() {
        let theme = Theme(name: "empty", styles: [:])
        #expect(theme[.selection] == Style(attributes: .reverse))
        #expect(theme[.valueFocused] == Style(attributes: .reverse))
        #expect(theme[.help] == Style(attributes: .dim))
        #expect(theme[.title] == Style(attributes: .bold))
        #expect(theme[.value] == .plain)
    }

    @Test func everyRoleFallsBackToARoot() {
        for role in StyleRole.allCases {
            var seen: Set<StyleRole> = [role]
            var current = role
            while let next = current.fallback {
                #expect(!seen.contains(next), "fallback loop at \(role)")
                seen.insert(next)
                current = next
            }
            #expect([.normal, .dim, .title, .selection].contains(current))
        }
    }

    @Test func styleDescriptionsParseBackToTheSameStyle() throws {
        let styles = [
            Style.plain, Style(foreground: .palette(244)), Style(foreground: .red, background: .palette(25), attributes: [.bold, .reverse]),
            Style(background: .blue), Style(attributes: [.dim, .italic, .underline]),
        ]
        for style in styles {
            #expect(try Theme.parseStyle(style.description) == style, "\(style)")
        }
        #expect(Style(foreground: .palette(244), attributes: .bold).description == "244, bold")
        #expect(Style(background: .blue).description == "default on blue")
    }

    @Test func unknownColourNamesTheFileLineKeyAndTheChoices() {
        #expect(error("name = bad\n# comment\n\ncard.title = purpel") ==
            "Themes/bad.theme:4: unknown colour \"purpel\" for \"card.title\" (colours: \(colours))")
        #expect(error("border = 244 on blakc") ==
            "Themes/bad.theme:1: unknown colour \"blakc\" for \"border\"; did you mean \"black\"? (colours: \(colours))")
        #expect(error("border = 256") == "Themes/bad.theme:1: unknown colour \"256\" for \"border\" (colours: \(colours))")
        #expect(error("border = -1") == "Themes/bad.theme:1: unknown colour \"-1\" for \"border\" (colours: \(colours))")
    }

    @Test func unknownRole() {
        let roles = StyleRole.allCases.map(\.rawValue).joined(separator: ", ")
        #expect(error("card.titel = red") ==
            "Themes/bad.theme:1: unknown role \"card.titel\"; did you mean \"card.title\"? (roles: \(roles))")
        #expect(error("background = red") == "Themes/bad.theme:1: unknown role \"background\" (roles: \(roles))")
    }

    @Test func unknownAttribute() {
        #expect(error("card.type = 110, blod") ==
            "Themes/bad.theme:1: unknown attribute \"blod\" for \"card.type\"; did you mean \"bold\"? "
            + "(attributes: bold, dim, italic, underline, reverse)")
        #expect(error("card.type = bold, blinking") ==
            "Themes/bad.theme:1: unknown attribute \"blinking\" for \"card.type\" (attributes: bold, dim, italic, underline, reverse)")
    }

    @Test func misplacedWords() {
        #expect(error("border = red blue") ==
            "Themes/bad.theme:1: unexpected \"blue\" for \"border\": write \"FOREGROUND on BACKGROUND, attribute, ...\" (e.g. \"244 on default, bold\")")
        #expect(error("border = bold red") ==
            "Themes/bad.theme:1: unexpected \"bold\" for \"border\": write \"FOREGROUND on BACKGROUND, attribute, ...\" (e.g. \"244 on default, bold\")")
        #expect(error("border = bold, red") ==
            "Themes/bad.theme:1: unexpected \"red\" for \"border\": write \"FOREGROUND on BACKGROUND, attribute, ...\" (e.g. \"244 on default, bold\")")
        #expect(error("border = red on blue on green")?.hasPrefix("Themes/bad.theme:1: unexpected \"on\" for \"border\"") == true)
        #expect(error("border = red on") == "Themes/bad.theme:1: \"on\" needs a background colour after it for \"border\" (e.g. \"white on 24\")")
    }

    @Test func malformedEmptyAndDuplicateLines() {
        #expect(error("name = x\nborder red") == "Themes/bad.theme:2: expected \"role = style\" (or \"name = ...\"), found \"border red\"")
        #expect(error("= red") == "Themes/bad.theme:1: expected \"role = style\" (or \"name = ...\"), found \"= red\"")
        #expect(error("border =   # nothing") == "Themes/bad.theme:1: no style for \"border\" (write \"default\" for the terminal's own colours)")
        #expect(error("border = red\nkey = blue\nborder = green") == "Themes/bad.theme:3: \"border\" is set twice (first on line 1)")
    }
}
