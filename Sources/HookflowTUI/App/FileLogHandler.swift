import Foundation
import Logging
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A swift-log handler that appends one line per message to a file.
///
/// While the designer owns the screen nothing may write to stderr, so an engine running in the
/// designer's process logs to `<data folder>/hookflow.log` through this.
///
/// ```swift
/// let log = try FileLogHandler.Sink(url: folder.appendingPathComponent("hookflow.log"))
/// let logger = Logger(label: "hookflow.engine") { FileLogHandler(label: $0, sink: log) }
/// ```
public struct FileLogHandler: LogHandler {
    /// The open file, shared by every logger writing to it; lines from several threads never interleave.
    public final class Sink: Sendable {
        public let url: URL
        private let descriptor: Int32
        private let lock = Mutex(())

        /// Opens (creating, mode 0600) `url` for appending.
        public init(url: URL) throws(AtomicFile.Failure) {
            self.url = url
            let descriptor = open(url.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else { throw AtomicFile.Failure(path: url.path, reason: String(cString: strerror(errno))) }
            self.descriptor = descriptor
        }

        deinit { close(descriptor) }

        func append(_ line: String) {
            let bytes = Array((line + "\n").utf8)
            lock.withLock { _ in
                var offset = 0
                while offset < bytes.count {
                    let count = bytes[offset...].withUnsafeBytes { buffer in
                        #if canImport(Glibc)
                        Glibc.write(descriptor, buffer.baseAddress, buffer.count)
                        #else
                        Darwin.write(descriptor, buffer.baseAddress, buffer.count)
                        #endif
                    }
                    if count < 0 && errno == EINTR { continue }
                    // A full disk must not stop the designer: the line is dropped.
                    guard count > 0 else { return }
                    offset += count
                }
            }
        }
    }

    public let label: String
    public let sink: Sink
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?

    public init(label: String, sink: Sink, logLevel: Logger.Level = .info) {
        self.label = label
        self.sink = sink
        self.logLevel = logLevel
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { _, new in new } }
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        let details = merged.isEmpty ? "" : " " + merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        let time = Date().formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        sink.append("\(time) \(event.level) \(label): \(event.message)\(details)")
    }
}
