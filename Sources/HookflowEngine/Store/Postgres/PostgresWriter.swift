import Foundation
import Logging
import PostgresNIO
import Synchronization

/// Group commit on PostgreSQL: every write pending when the writer's task comes round runs in
/// one `BEGIN … COMMIT` on one connection, and only then are their callers resumed — the same
/// contract as the SQLite ``StoreWriter``, so a burst of callbacks shares one commit's wait for
/// the server's WAL flush.
///
/// A write is an async closure over the transaction's connection, and may carry new runs' rows
/// (``PostgresNewRuns``): those of the whole batch are inserted first, one statement per table,
/// so a storm of trigger callbacks costs a few statements per commit. Should one throw, the
/// transaction is rolled back and each write is run again in a transaction of its own, so only
/// the one at fault fails. A deadlock or serialization failure between nodes (40P01, 40001) is
/// retried up to three times before it is the caller's error.
final class PostgresWriter: Sendable {
    typealias Work = @Sendable (PostgresConnection) async throws -> Void

    private struct Pending: Sendable {
        /// New runs' rows: inserted with every other pending write's, one statement per table.
        let rows: PostgresNewRuns?
        let work: Work
        /// NOTIFY payloads owed once this write commits (sent once per batch, inside its transaction).
        let notices: Set<String>
        let finish: @Sendable (Result<Void, any Error>) -> Void
    }

    private struct State {
        var queue: [Pending] = []
        var stopped = false
        var waiter: CheckedContinuation<Void, Never>?
    }

    private let client: PostgresClient
    private let logger: Logger
    private let state = Mutex(State())
    private let counts = Mutex(StoreWriteStatistics(commits: 0, writes: 0))
    /// Upper bound of writes per transaction: keeps one commit's latency bounded under a flood.
    private let maximumBatch = 1024
    /// The channel the batch's notices go to (PostgresSchema.channel).
    private let channel: String
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(client: PostgresClient, channel: String, logger: Logger) {
        self.client = client
        self.logger = logger
        self.channel = channel
        let task = Task { [self] in
            while await self.next() {}
        }
        self.task.withLock { $0 = task }
    }

    var statistics: StoreWriteStatistics { counts.withLock { $0 } }

    /// Runs `body` inside the next group transaction and returns its value once it committed.
    /// `rows` (new runs) are inserted before the batch's writes run, with the other writes' rows.
    func write<T: Sendable>(notifying notices: Set<String> = [], rows: PostgresNewRuns? = nil,
                            _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        let result = Mutex<T?>(nil)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
            let pending = Pending(
                rows: rows,
                work: { connection in
                    let value = try await body(connection)
                    result.withLock { $0 = value }
                },
                notices: notices,
                finish: { continuation.resume(with: $0) })
            let (accepted, waiter) = state.withLock { state -> (Bool, CheckedContinuation<Void, Never>?) in
                guard !state.stopped else { return (false, nil) }
                state.queue.append(pending)
                defer { state.waiter = nil }
                return (true, state.waiter)
            }
            waiter?.resume()
            if !accepted { continuation.resume(throwing: StoreError.closed) }
        }
        guard let value = result.withLock({ $0 }) else { throw StoreError.lostWriteResult }
        return value
    }

    /// Lets the writes already queued finish, refuses new ones, and waits for the writer's task.
    func stop() async {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            state.stopped = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
        await task.withLock { $0 }?.value
    }

    // MARK: The task

    /// Commits one batch; false once stopped and empty.
    private func next() async -> Bool {
        guard let batch = await take() else { return false }
        await commit(batch)
        return true
    }

    /// The next batch, waiting for one to arrive; nil once stopped and empty.
    private func take() async -> [Pending]? {
        while true {
            let taken = state.withLock { state -> [Pending]?? in
                if !state.queue.isEmpty {
                    let taken = Array(state.queue.prefix(maximumBatch))
                    state.queue.removeFirst(taken.count)
                    return .some(taken)
                }
                return state.stopped ? .some(nil) : nil
            }
            if let taken { return taken }
            await withCheckedContinuation { (woken: CheckedContinuation<Void, Never>) in
                let ready = state.withLock { state -> Bool in
                    if !state.queue.isEmpty || state.stopped { return true }
                    state.waiter = woken
                    return false
                }
                if ready { woken.resume() }
            }
        }
    }

    private func commit(_ batch: [Pending]) async {
        guard !batch.isEmpty else { return }
        do {
            try await transaction(batch)
            counts.withLock {
                $0.commits += 1
                $0.writes += batch.count
            }
            for pending in batch { pending.finish(.success(())) }
        } catch where batch.count > 1 {
            // One write failed and took the transaction with it: each again on its own.
            for pending in batch { await commit([pending]) }
        } catch {
            batch[0].finish(.failure(error))
        }
    }

    private func transaction(_ batch: [Pending]) async throws {
        var attempt = 0
        while true {
            attempt += 1
            do {
                try await client.withConnection { connection in
                    try await connection.query("BEGIN", logger: logger)
                    do {
                        // The batch's new runs first (rows nobody else has yet), in at most two statements.
                        let rows = PostgresNewRuns.merged(batch.compactMap(\.rows))
                        if !rows.isEmpty { try await rows.insert(on: connection, logger: logger) }
                        for pending in batch { try await pending.work(connection) }
                        // Delivered at COMMIT, to every node listening (this one too).
                        for notice in batch.reduce(into: Set<String>(), { $0.formUnion($1.notices) }).sorted() {
                            try await connection.query("SELECT pg_notify(\(channel), \(notice))", logger: logger)
                        }
                        try await connection.query("COMMIT", logger: logger)
                    } catch {
                        _ = try? await connection.query("ROLLBACK", logger: logger)
                        throw error
                    }
                }
                return
            } catch let error as PSQLError where attempt < 3 && Self.isRetryable(error) {
                logger.debug("a write transaction met another node's (\(error.serverInfo?[.sqlState] ?? "")); trying again")
            }
        }
    }

    /// A deadlock or serialization failure: the same transaction may well pass when run again.
    static func isRetryable(_ error: PSQLError) -> Bool {
        guard let state = error.serverInfo?[.sqlState] else { return false }
        return state == "40P01" || state == "40001"
    }
}
