import Foundation
import Testing
@testable import HookflowTUI

/// The four themes in Themes/: they load, set every role, stay readable when colours degrade, and the built-in copy matches.
struct ShippedThemeTests {
    static let themesFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes")
    static let names = ["default", "light", "high-contrast", "monochrome"]

    private func load(_ name: String) throws -> Theme {
        try ThemeLoader(searchFolders: [Self.themesFolder]).load(name)
    }

    @Test(arguments: names)
    func loadsAndSetsEveryRole(_ name: String) throws {
        let theme = try load(name)
        #expect(theme.name == name)
        #expect(theme.unsetRoles == [], "\(name) leaves roles to fallbacks")
    }

    @Test func theFolderHoldsExactlyTheShippedThemes() {
        #expect(ThemeLoader(searchFolders: [Self.themesFolder]).availableThemes() == Self.names.sorted())
    }

    @Test func monochromeUsesNoColours() throws {
        let theme = try load("monochrome")
        for role in StyleRole.allCases {
            #expect(theme[role].foreground == .default && theme[role].background == .default, "\(role)")
        }
        #expect(theme[.selection].reverse)
    }

    @Test func theBuiltInDefaultIsTheFile() throws {
        let file = try String(contentsOf: Self.themesFolder.appendingPathComponent("default.theme"), encoding: .utf8)
        #expect(DefaultThemeText.text + "\n" == file, "regenerate Theme/DefaultThemeText.swift from Themes/default.theme")
        #expect(Theme.default == (try load("default")))
        #expect(Theme.default.unsetRoles == [])
    }

    /// On the 16 and 8 colours a terminal may be limited to, text on the terminal's own background must not take the
    /// colour of that background (black on dark terminals, white on light ones), and every highlight must stay visible.
    @Test(arguments: [("default", false), ("high-contrast", false), ("light", true)], [ColorSupport.colors16, .colors8])
    func staysReadableWhenColoursDegrade(_ theme: (name: String, isLight: Bool), support: ColorSupport) throws {
        let loaded = try load(theme.name)
        let invisible: Set<TerminalColor> = theme.isLight ? [.white, .brightWhite] : [.black]
        for role in StyleRole.allCases {
            let style = support.degrade(loaded[role])
            if style.background == .default {
                #expect(!invisible.contains(style.foreground), "\(theme.name) \(role) at \(support): \(style)")
            } else {
                #expect(style.foreground != style.background, "\(theme.name) \(role) at \(support): \(style)")
            }
        }
        #expect(support.degrade(loaded[.selection]) != support.degrade(loaded[.normal]))
    }

    @Test(arguments: names)
    func theSelectionStaysVisibleWithoutColours(_ name: String) throws {
        let theme = try load(name)
        let style = ColorSupport.noColor.degrade(theme[.selection])
        #expect(style.reverse || style.bold && style.underline, "\(name): \(style)")
    }
}
