import Foundation
import Synchronization

/// The open `GET /management/events` streams, so the server can end them when it stops
/// (a graceful shutdown waits for open requests, and an event stream never ends on its own).
final class EventStreamRegistry: Sendable {
    private let closers = Mutex<[UUID: @Sendable () -> Void]>([:])
    private let closed = Mutex(false)

    /// Registers a stream's closer; returns false when the server is already stopping.
    func add(_ id: UUID, close: @escaping @Sendable () -> Void) -> Bool {
        let accepted = closed.withLock { closed in !closed }
        guard accepted else { return false }
        closers.withLock { $0[id] = close }
        return true
    }

    func remove(_ id: UUID) { _ = closers.withLock { $0.removeValue(forKey: id) } }

    func closeAll() {
        closed.withLock { $0 = true }
        let all = closers.withLock { closers -> [@Sendable () -> Void] in
            defer { closers.removeAll() }
            return Array(closers.values)
        }
        for close in all { close() }
    }
}
