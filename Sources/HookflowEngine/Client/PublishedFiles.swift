import Foundation
import HookflowModel

/// Which version of an app each workflow file was last published as, per engine: the version a
/// file's next publish was edited from (SPEC §3 Versions). `hookflow publish` and the designer
/// write it after each publish of a file; a publish then names that version, so a newer one
/// saved from elsewhere meanwhile is a `VersionConflict` instead of being overwritten unseen.
///
/// Kept in the data folder (`published-files.json`, 0600). A file never published from here
/// has no entry: its first publish names no version (the file is the source of truth).
public struct PublishedFiles: Sendable {
    public static let fileName = "published-files.json"
    /// Entries kept at most (the oldest go first): a record, not a history.
    static let limit = 1000

    let url: URL

    public init(dataFolder: URL) { url = dataFolder.appendingPathComponent(Self.fileName) }

    /// The version `file` was last published as to `app` on `engine`, if it was from here.
    public func version(engine: String, app: String, file: URL) -> Int? {
        entries().last { $0.matches(engine: engine, app: app, file: file) }?.version
    }

    /// Notes that `file` is now `app` version `version` on `engine`. A record that cannot be
    /// written only costs the next publish its check, so failing is not an error for the caller.
    @discardableResult
    public func record(engine: String, app: String, file: URL, version: Int) -> Bool {
        var all = entries().filter { !$0.matches(engine: engine, app: app, file: file) }
        all.append(Entry(engine: engine, app: app, file: file.standardizedFileURL.path, version: version))
        if all.count > Self.limit { all.removeFirst(all.count - Self.limit) }
        let json: JSONValue = ["files": .array(all.map(\.json))]
        do {
            let folder = url.deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let temporary = folder.appendingPathComponent(".\(Self.fileName).\(UUID().uuidString.prefix(8))")
            guard FileManager.default.createFile(atPath: temporary.path, contents: Data(JSONWriter().string(from: json).utf8),
                                                 attributes: [.posixPermissions: 0o600])
            else { return false }
            guard rename(temporary.path, url.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                return false
            }
            return true
        } catch {
            return false
        }
    }

    private struct Entry {
        var engine: String
        var app: String
        var file: String
        var version: Int

        func matches(engine: String, app: String, file: URL) -> Bool {
            self.engine == engine && self.app == app && self.file == file.standardizedFileURL.path
        }

        var json: JSONValue { ["engine": .string(engine), "app": .string(app), "file": .string(file), "version": .int(version)] }
    }

    /// What the record holds; a missing or unreadable record holds nothing (it is only a hint).
    private func entries() -> [Entry] {
        guard let data = FileManager.default.contents(atPath: url.path),
            let json = try? JSONParser.parse(data, maximumDepth: JSONValue.envelopeReadingDepth), let files = json["files"]?.arrayValue
        else { return [] }
        return files.compactMap { item in
            guard let engine = item["engine"]?.stringValue, let app = item["app"]?.stringValue, let file = item["file"]?.stringValue,
                let version = item["version"]?.intValue
            else { return nil }
            return Entry(engine: engine, app: app, file: file, version: version)
        }
    }
}
