import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a file so that readers see the old content or the new, never half of it.
///
/// The text goes to a temporary file in the same folder, is flushed to disk, takes the old file's
/// permissions, and is renamed over the file. A symbolic link is followed: the file it points to
/// is replaced and the link stays.
///
/// ```swift
/// try AtomicFile.write("{...}\n", to: URL(fileURLWithPath: "orders/workflow.json"))
/// ```
public enum AtomicFile {
    /// Why the file could not be written, naming it.
    public struct Failure: Error, Equatable, Sendable, CustomStringConvertible {
        public var path: String
        public var reason: String
        public var description: String { "cannot write \(path): \(reason)" }
    }

    public static func write(_ text: String, to url: URL) throws(Failure) {
        let target = url.resolvingSymlinksInPath()
        let folder = target.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(target.lastPathComponent).hookflow-\(UUID().uuidString.prefix(8))")

        // The old file's permissions; a new file gets the usual 0666 less the umask.
        var existing = stat()
        let mode: mode_t? = stat(target.path, &existing) == 0 ? existing.st_mode & 0o7777 : nil

        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw failure(url, errno) }
        var written = false
        defer {
            if !written { unlink(temporary.path) }
        }
        do {
            defer { close(descriptor) }
            let bytes = Array(text.utf8)
            var offset = 0
            while offset < bytes.count {
                let count = bytes[offset...].withUnsafeBytes { systemWrite(descriptor, $0.baseAddress, $0.count) }
                if count < 0 {
                    if errno == EINTR { continue }
                    throw failure(url, errno)
                }
                offset += count
            }
            if let mode, fchmod(descriptor, mode) != 0 { throw failure(url, errno) }
            if fsync(descriptor) != 0 { throw failure(url, errno) }
        }
        guard rename(temporary.path, target.path) == 0 else { throw failure(url, errno) }
        written = true
        // The rename itself is durable once the folder is flushed; best effort (some file systems refuse).
        let folderDescriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private static func systemWrite(_ descriptor: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        Glibc.write(descriptor, buffer, count)
        #else
        Darwin.write(descriptor, buffer, count)
        #endif
    }

    private static func failure(_ url: URL, _ code: Int32) -> Failure {
        Failure(path: url.path, reason: String(cString: strerror(code)))
    }
}
