import Foundation
import GRDB
import Synchronization

/// Group commit: writes that arrive while one transaction is being committed are gathered and
/// committed together in the next one, each in its own savepoint.
///
/// With `synchronous=FULL` every commit waits for the disk; sharing that wait among many
/// callbacks is what lets a burst of trigger callbacks all be durable before their `202`
/// without paying one flush each. A write that fails rolls back its own savepoint only; the
/// others in the group still commit.
final class GroupCommitWriter: Sendable {
    private typealias Work = @Sendable (Database) throws -> Void

    private struct Pending: Sendable {
        let work: Work
        let continuation: CheckedContinuation<Void, any Error>
    }

    private struct State {
        var queue: [Pending] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    /// Upper bound of writes per transaction (keeps one transaction's latency bounded).
    private let maximumGroup = 512

    init(pool: DatabasePool) { self.pool = pool }

    /// Runs `body` in a write transaction shared with other concurrent writers, and returns
    /// once that transaction is durably committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = Mutex<T?>(nil)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let pending = Pending(work: { db in
                let value = try body(db)
                result.withLock { $0 = value }
            }, continuation: continuation)
            let startDrain = state.withLock { state -> Bool in
                state.queue.append(pending)
                if state.draining { return false }
                state.draining = true
                return true
            }
            if startDrain { Task { await self.drain() } }
        }
        guard let value = result.withLock({ $0 }) else { throw StoreError.corrupt("write result") }
        return value
    }

    private func drain() async {
        while true {
            let group = state.withLock { state -> [Pending] in
                let taken = Array(state.queue.prefix(maximumGroup))
                state.queue.removeFirst(taken.count)
                if taken.isEmpty { state.draining = false }
                return taken
            }
            guard !group.isEmpty else { return }
            let outcomes = Mutex<[Result<Void, any Error>]>([])
            do {
                try await pool.write { db in
                    var results: [Result<Void, any Error>] = []
                    for item in group {
                        do {
                            try db.inSavepoint {
                                try item.work(db)
                                return .commit
                            }
                            results.append(.success(()))
                        } catch {
                            results.append(.failure(error))
                        }
                    }
                    outcomes.withLock { $0 = results }
                }
                let results = outcomes.withLock { $0 }
                for (item, result) in zip(group, results) { item.continuation.resume(with: result) }
            } catch {
                // The commit itself failed (disk full, ...): nothing in the group was written.
                for item in group { item.continuation.resume(throwing: error) }
            }
        }
    }
}
