import Foundation

/// Where the engine keeps its state: `--data`, else `$HOOKFLOW_HOME`, else `~/.local/share/hookflow`.
public struct DataFolder: Sendable, Equatable {
    public let url: URL

    public init(url: URL) { self.url = url }

    /// Resolves the folder from an explicit option and the environment, in that order.
    public static func resolve(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> DataFolder {
        if let option, !option.isEmpty { return DataFolder(url: URL(fileURLWithPath: option).standardizedFileURL) }
        if let home = environment["HOOKFLOW_HOME"], !home.isEmpty { return DataFolder(url: URL(fileURLWithPath: home).standardizedFileURL) }
        let userHome = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return DataFolder(url: URL(fileURLWithPath: userHome).appendingPathComponent(".local/share/hookflow"))
    }
}
