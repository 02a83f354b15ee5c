import Foundation
import HookflowEngine

/// Finds and loads the theme chosen with `--theme NAME|PATH` or `HOOKFLOW_THEME`.
///
/// A value containing `/` or ending in `.theme` is a path. Anything else is a name, looked up as
/// `NAME.theme` in, in order:
/// 1. `$HOOKFLOW_HOME/themes` (else `~/.local/share/hookflow/themes`): the user's own themes win;
/// 2. the `Themes` folder next to the executable, or in `../share/hookflow/Themes` from it;
/// 3. the `Themes` folder of the source tree this was built from (for `swift run`).
///
/// `default` always works: when no folder has it, the built-in copy is used.
///
/// ```swift
/// let theme = try ThemeLoader().load(themeOption)   // nil → HOOKFLOW_THEME → "default"
/// ```
public struct ThemeLoader: Sendable {
    /// The folders searched for `NAME.theme`, in order.
    public var searchFolders: [URL]
    private let environment: [String: String]

    /// A loader with the standard folders for this process.
    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executableURL: URL? = Bundle.main.executableURL
    ) {
        self.environment = environment
        var folders = [DataFolder.resolve(option: nil, environment: environment).url.appendingPathComponent("themes")]
        if let executableFolder = executableURL?.resolvingSymlinksInPath().deletingLastPathComponent() {
            folders.append(executableFolder.appendingPathComponent("Themes"))
            folders.append(executableFolder.deletingLastPathComponent().appendingPathComponent("share/hookflow/Themes"))
        }
        folders.append(ThemeLoader.sourceTreeThemes)
        self.searchFolders = folders
    }

    /// `Themes/` in the package this file was compiled from: Sources/HookflowTUI/Theme/ThemeLoader.swift → the root.
    static let sourceTreeThemes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Themes")

    /// A loader that searches exactly `searchFolders`.
    public init(searchFolders: [URL], environment: [String: String] = [:]) {
        self.searchFolders = searchFolders
        self.environment = environment
    }

    /// Loads the theme named or pointed to by `choice`, else by `HOOKFLOW_THEME`, else `default`.
    public func load(_ choice: String?) throws(ThemeError) -> Theme {
        let requested = [choice, environment["HOOKFLOW_THEME"]].lazy.compactMap { $0 }.first { !$0.isEmpty } ?? "default"
        if requested.contains("/") || requested.hasSuffix(".theme") {
            return try load(file: URL(fileURLWithPath: requested), displayName: requested)
        }
        if let url = locate(requested) {
            return try load(file: url, displayName: url.path)
        }
        if requested == "default" { return .default }
        throw ThemeError(file: requested, problem: .notFound(name: requested, searched: searchFolders.map(\.path), available: availableThemes()))
    }

    /// The theme names found in the search folders (plus `default`), sorted.
    public func availableThemes() -> [String] {
        var names: Set<String> = ["default"]
        for folder in searchFolders {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files where file.hasSuffix(".theme") {
                names.insert(String(file.dropLast(".theme".count)))
            }
        }
        return names.sorted()
    }

    /// The first `NAME.theme` in the search folders.
    func locate(_ name: String) -> URL? {
        searchFolders.lazy.map { $0.appendingPathComponent(name + ".theme") }.first { FileManager.default.isReadableFile(atPath: $0.path) }
    }

    private func load(file url: URL, displayName: String) throws(ThemeError) -> Theme {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            let reason = FileManager.default.fileExists(atPath: url.path) ? error.localizedDescription : "no such file"
            throw ThemeError(file: displayName, problem: .unreadable(reason: reason))
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ThemeError(file: displayName, problem: .unreadable(reason: "not UTF-8 text"))
        }
        return try Theme.parse(text, file: displayName)
    }
}
