import Foundation
import GRDB
import Synchronization

/// The one owner of the database's write connection: a thread of its own that takes every write
/// pending, runs them all in one `BEGIN IMMEDIATE … COMMIT`, and only then resumes their callers.
///
/// With `synchronous=FULL` each commit waits for the disk; sharing that wait is what lets a burst
/// of callbacks be durable before their `202` without paying one flush each (group commit).
/// Writes are plain closures over the connection, run back to back with no savepoint each: they
/// are validated before they are queued, and a compare-and-set is a statement whose change count
/// the closure checks. Should one still throw, the whole transaction is rolled back and each
/// write is run again in a transaction of its own, so only the one at fault fails.
///
/// Callers wait on a continuation; the thread never waits on them. The statistics (commits,
/// writes) are how the benchmark counts writes per commit.
final class StoreWriter: Sendable {
    private typealias Work = @Sendable (Database) throws -> Void

    private struct Pending: Sendable {
        let work: Work
        let finish: @Sendable (Result<Void, any Error>) -> Void
    }

    private struct State {
        var queue: [Pending] = []
        var stopped = false
    }

    /// Writes committed so far and the commits they took.
    struct Statistics: Sendable, Equatable {
        var commits = 0
        var writes = 0
    }

    private let pool: DatabasePool
    private let state = Mutex(State())
    private let wake = DispatchSemaphore(value: 0)
    private let counts = Mutex(Statistics())
    /// Upper bound of writes per transaction: keeps one commit's latency bounded under a flood.
    private let maximumBatch = 4096

    init(pool: DatabasePool) {
        self.pool = pool
        // The thread holds the writer weakly: a store nobody uses any more ends its thread too.
        let wake = self.wake
        let thread = Thread { [weak self] in
            while true {
                wake.wait()
                guard let self, self.drain() else { return }
            }
        }
        thread.name = "hookflow-store-writer"
        thread.start()
    }

    deinit {
        wake.signal()
    }

    var statistics: Statistics { counts.withLock { $0 } }

    /// Runs `body` inside the next group transaction and returns its value once that
    /// transaction is durably committed.
    func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let result = Mutex<T?>(nil)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let pending = Pending(
                work: { db in
                    let value = try body(db)
                    result.withLock { $0 = value }
                },
                finish: { continuation.resume(with: $0) })
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped else { return false }
                state.queue.append(pending)
                return true
            }
            if accepted { wake.signal() } else { continuation.resume(throwing: StoreError.closed) }
        }
        guard let value = result.withLock({ $0 }) else { throw StoreError.lostWriteResult }
        return value
    }

    /// Lets the writes already queued finish, refuses new ones, and ends the thread.
    func stop() {
        state.withLock { $0.stopped = true }
        wake.signal()
    }

    // MARK: The thread

    /// Commits everything pending, in batches; false once stopped and empty (the thread ends).
    private func drain() -> Bool {
        while true {
            let (batch, stopped) = state.withLock { state -> ([Pending], Bool) in
                let taken = Array(state.queue.prefix(maximumBatch))
                state.queue.removeFirst(taken.count)
                return (taken, state.stopped)
            }
            if batch.isEmpty { return !stopped }
            commit(batch)
        }
    }

    private func commit(_ batch: [Pending]) {
        do {
            try transaction { db in for pending in batch { try pending.work(db) } }
            counts.withLock {
                $0.commits += 1
                $0.writes += batch.count
            }
            for pending in batch { pending.finish(.success(())) }
        } catch where batch.count > 1 {
            // One write failed and took the transaction with it: each again on its own.
            for pending in batch { commit([pending]) }
        } catch {
            batch[0].finish(.failure(error))
        }
    }

    private func transaction(_ body: (Database) throws -> Void) throws {
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            do {
                try body(db)
                try db.execute(sql: "COMMIT")
            } catch {
                if db.isInsideTransaction { try? db.execute(sql: "ROLLBACK") }
                throw error
            }
        }
    }
}
