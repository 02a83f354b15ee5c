import Foundation
import GRDB
import Synchronization

/// Copies the write-ahead log back into the database file from a connection and a thread of its
/// own, so that no commit pays for it.
///
/// SQLite's automatic checkpoint runs inside the commit that crosses 1,000 pages of log, on the
/// writer's connection: that commit then also copies pages and fsyncs the database file, and
/// while readers keep the log from being reset, nearly every later commit tries again. Under a
/// resume load that made commits take 30–110 ms with the CPU idle. The writer's automatic
/// checkpoint is off (``disableAutomaticCheckpoint(_:)``); this thread runs a PASSIVE checkpoint
/// (it never waits for readers or the writer) every ``interval`` while the log has frames to
/// copy, and once more when stopped.
final class WALCheckpointer: Sendable {
    /// How often the log is copied back while the engine writes.
    static let interval: TimeInterval = 0.5

    private let connection: DatabaseQueue
    private let stopped = Mutex(false)
    private let wake = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)

    init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        connection = try DatabaseQueue(path: path, configuration: configuration)
        // The thread holds the checkpointer weakly: a store nobody uses any more ends its thread too.
        let (wake, finished) = (self.wake, self.finished)
        let thread = Thread { [weak self] in
            while true {
                _ = wake.wait(timeout: .now() + Self.interval)
                guard let self else { break }
                // A failed round (the file busy, the disk full) is retried at the next one; the
                // log only grows meanwhile, nothing is lost.
                _ = try? self.connection.writeWithoutTransaction { db in try db.checkpoint(.passive) }
                if self.stopped.withLock({ $0 }) { break }
            }
            finished.signal()
        }
        thread.name = "hookflow-checkpoint"
        thread.start()
    }

    deinit {
        wake.signal()
    }

    /// The writer's connection stops checkpointing on its own.
    static func disableAutomaticCheckpoint(_ db: Database) throws {
        try db.execute(sql: "PRAGMA wal_autocheckpoint = 0")
    }

    /// Runs a last checkpoint and ends the thread.
    func stop() {
        let first = stopped.withLock { stopped -> Bool in
            defer { stopped = true }
            return !stopped
        }
        guard first else { return }
        wake.signal()
        finished.wait()
    }
}
