import Foundation
import Testing
@testable import HookflowTUI

/// Choosing a theme with --theme NAME|PATH or HOOKFLOW_THEME, and the search folders.
struct ThemeLoaderTests {
    private let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-themes-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("user/themes"), withIntermediateDirectories: true)
        try "name = ocean\nborder = blue\n".write(to: folder.appendingPathComponent("user/themes/ocean.theme"), atomically: true, encoding: .utf8)
        try "name = mine\nborder = red\n".write(to: folder.appendingPathComponent("user/themes/light.theme"), atomically: true, encoding: .utf8)
        try "name = bad\nborder = red\ncard.title = purpel\n".write(to: folder.appendingPathComponent("bad.theme"), atomically: true, encoding: .utf8)
    }

    private var userFolder: URL { folder.appendingPathComponent("user/themes") }

    @Test func theStandardFoldersIncludeHookflowHomeTheExecutableAndTheSourceTree() {
        let loader = ThemeLoader(environment: ["HOOKFLOW_HOME": folder.appendingPathComponent("user").path],
                                 executableURL: URL(fileURLWithPath: "/opt/hookflow/bin/hookflow"))
        #expect(loader.searchFolders.map(\.path) == [
            userFolder.path,
            "/opt/hookflow/bin/Themes",
            "/opt/hookflow/share/hookflow/Themes",
            ShippedThemeTests.themesFolder.path,
        ])
    }

    @Test func namesAreFoundAndTheUserFolderWins() throws {
        let loader = ThemeLoader(environment: ["HOOKFLOW_HOME": folder.appendingPathComponent("user").path], executableURL: nil)
        #expect(try loader.load("ocean").name == "ocean")
        #expect(try loader.load("light").name == "mine", "a user theme overrides a shipped one of the same name")
        #expect(try loader.load("monochrome").name == "monochrome", "shipped themes come from the source tree")
        #expect(loader.availableThemes() == ["default", "high-contrast", "light", "monochrome", "ocean"])
    }

    @Test func theOptionWinsOverTheEnvironmentWhichWinsOverTheDefault() throws {
        let loader = ThemeLoader(searchFolders: [userFolder, ShippedThemeTests.themesFolder], environment: ["HOOKFLOW_THEME": "ocean"])
        #expect(try loader.load(nil).name == "ocean")
        #expect(try loader.load("high-contrast").name == "high-contrast")
        #expect(try loader.load("").name == "ocean", "an empty option is no option")
        #expect(try ThemeLoader(searchFolders: [ShippedThemeTests.themesFolder]).load(nil) == Theme.default)
    }

    @Test func pathsAreLoadedDirectly() throws {
        let loader = ThemeLoader(searchFolders: [])
        #expect(try loader.load(userFolder.appendingPathComponent("ocean.theme").path).name == "ocean")
        let error = #expect(throws: ThemeError.self) { try loader.load(folder.appendingPathComponent("bad.theme").path) }
        #expect(error?.description.hasPrefix("\(folder.path)/bad.theme:3: unknown colour \"purpel\" for \"card.title\" (colours: default,") == true)
        let missing = #expect(throws: ThemeError.self) { try loader.load("nowhere/else.theme") }
        #expect(missing?.description == "nowhere/else.theme: cannot read the theme: no such file")
    }

    @Test func theDefaultWorksWithoutAnyFolder() throws {
        let loader = ThemeLoader(searchFolders: [folder.appendingPathComponent("missing")])
        #expect(try loader.load(nil) == Theme.default)
        #expect(try loader.load("default") == Theme.default)
    }

    @Test func anUnknownNameListsWhatThereIsAndWhereItLooked() {
        let loader = ThemeLoader(searchFolders: [userFolder, folder.appendingPathComponent("missing")])
        let error = #expect(throws: ThemeError.self) { try loader.load("solarized") }
        #expect(error?.description == "theme \"solarized\" not found (available: default, light, ocean; looked in: "
            + "\(userFolder.path), \(folder.path)/missing); pass a theme name or the path of a .theme file")
    }
}
