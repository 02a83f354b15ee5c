import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The data folder holds every app's signing key and every secret (SPEC §3): only its owner may
/// read it, whatever the umask. The folder is 0700 and every file in it 0600.
extension DataFolder {
    public static let folderMode: mode_t = 0o700
    public static let fileMode: mode_t = 0o600

    /// Creates the folder with mode 0700, or tightens an existing folder and the files in it that
    /// others could read or write; returns one warning per thing it had to tighten.
    public static func secure(_ folder: URL) throws -> [String] {
        var warnings: [String] = []
        var status = stat()
        if stat(folder.path, &status) != 0 {
            guard errno == ENOENT else { throw failure(folder, "cannot be examined") }
            let parent = folder.deletingLastPathComponent()
            if parent.path != folder.path { try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true) }
            if mkdir(folder.path, folderMode) != 0, errno != EEXIST { throw failure(folder, "cannot be created") }
            // mkdir's mode went through the umask, which can only remove bits; set it exactly.
            guard chmod(folder.path, folderMode) == 0 else { throw failure(folder, "cannot be made private (chmod 700)") }
            return warnings
        }
        guard status.st_mode & S_IFMT == S_IFDIR else {
            throw DataFolderError(path: folder.path, reason: "is a file, not a folder; pass --data with a folder (or set $HOOKFLOW_HOME)")
        }
        if status.st_mode & 0o077 != 0 {
            guard chmod(folder.path, folderMode) == 0 else { throw failure(folder, "is readable by others and cannot be made private (chmod 700)") }
            warnings.append("the data folder \(folder.path) was \(octal(status.st_mode)); it is now 700, as it holds signing keys and secrets")
        }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names.sorted() {
            let path = folder.appendingPathComponent(name).path
            var file = stat()
            guard lstat(path, &file) == 0, file.st_mode & S_IFMT == S_IFREG, file.st_mode & 0o077 != 0 else { continue }
            if chmod(path, fileMode) == 0 {
                warnings.append("\(path) was \(octal(file.st_mode)); it is now 600")
            } else {
                warnings.append("\(path) is \(octal(file.st_mode)) and could not be made 600: \(String(cString: strerror(errno)))")
            }
        }
        return warnings
    }

    /// Creates `file` empty with mode 0600 when it does not exist (before SQLite or a writer opens
    /// it, so it is never readable by others, not even for a moment); tightens it when it does.
    public static func createPrivateFile(_ file: URL) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_CLOEXEC, fileMode)
        guard descriptor >= 0 else { throw failure(file, "cannot be created") }
        defer { close(descriptor) }
        guard fchmod(descriptor, fileMode) == 0 else { throw failure(file, "cannot be made private (chmod 600)") }
    }

    /// Makes an existing file 0600 (files a library created beside ours, such as SQLite's `-wal`).
    static func tighten(_ file: URL) {
        _ = chmod(file.path, fileMode)
    }

    private static func octal(_ mode: mode_t) -> String { String(mode & 0o777, radix: 8) }

    private static func failure(_ url: URL, _ what: String) -> DataFolderError {
        DataFolderError(path: url.path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// The data folder or a file in it cannot be set up.
public struct DataFolderError: Error, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "\(path) \(reason)" }
}
