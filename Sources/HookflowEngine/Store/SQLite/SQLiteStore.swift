import Foundation
import GRDB
import HookflowModel

/// The SQLite store: one file in the data folder, WAL, `synchronous=FULL` so that a commit
/// that returned survives a power cut, not only a crash.
public final class SQLiteStore: EngineStore {
    let pool: DatabasePool
    /// Every write goes through here so concurrent writes share commits.
    let writer: StoreWriter
    /// Copies the write-ahead log into the database file off the commit path.
    private let checkpointer: WALCheckpointer
    /// Seals definitions, stored requests and the real value of masked outputs (``SecretSealer``).
    let sealer: SecretSealer
    public let path: String

    /// Opens (creating if needed) `hookflow.sqlite` in `folder` and migrates it, with at most
    /// `readers` reader connections (each holds the database and its -wal file open).
    public convenience init(folder: URL, readers: Int = SQLiteStore.readers) throws {
        _ = try DataFolder.secure(folder)
        let file = folder.appendingPathComponent("hookflow.sqlite")
        // SQLite gives its -wal and -shm files the database file's mode: 0600 from the start.
        try DataFolder.createPrivateFile(file)
        try self.init(path: file.path, readers: readers)
        for suffix in ["-wal", "-shm"] { DataFolder.tighten(URL(fileURLWithPath: file.path + suffix)) }
    }

    /// Opens the database at `path`; the sealing key is the one in the same folder.
    ///
    /// A file written by a newer Hookflow, or one that is not an SQLite database, is refused
    /// first, before anything (the WAL switch, a migration, a new sealing key) could change it.
    public init(path: String, readers: Int = SQLiteStore.readers) throws {
        try Self.refuseUnreadable(path)
        sealer = try SecretSealer.forFolder(URL(fileURLWithPath: path).deletingLastPathComponent())
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // Resumes read a run and its actions before they write: with GRDB's default of 5 readers
        // those reads queued behind each other (60–90 ms each at 1,000 resumes/s, CPU idle).
        configuration.maximumReaderCount = max(1, readers)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        self.path = path
        let pool = try Self.unreadableFileError(path) { try DatabasePool(path: path, configuration: configuration) }
        self.pool = pool
        writer = StoreWriter(pool: pool)
        // GRDB sets synchronous=NORMAL on the pool's writer while opening it; FULL has to come after.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try WALCheckpointer.disableAutomaticCheckpoint(db)
        }
        try Self.unreadableFileError(path) { try SQLiteSchema.migrator.migrate(pool) }
        checkpointer = try WALCheckpointer(path: path)
    }

    /// Reader connections: enough that a burst of resumes (each reads its run and its actions)
    /// does not queue for one.
    public static let readers = 32

    /// Reads the file's applied migrations on a read-only connection: one this build does not
    /// know means a newer Hookflow migrated it (``StoreError/newerVersion(file:unknownMigrations:)``).
    static func refuseUnreadable(_ path: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { return }
        var configuration = Configuration()
        configuration.readonly = true
        let applied = try unreadableFileError(path) {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
        }
        let unknown = applied.subtracting(SQLiteSchema.migrator.migrations)
        if !unknown.isEmpty { throw StoreError.newerVersion(file: path, unknownMigrations: unknown.sorted()) }
    }

    /// Runs `body`; SQLite finding that the file is not a database, or that its structure is
    /// broken, becomes ``StoreError/unreadableFile(file:reason:)`` naming the file.
    static func unreadableFileError<T>(_ path: String, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as DatabaseError {
            guard [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) else { throw error }
            throw StoreError.unreadableFile(file: path, reason: "SQLite: \(error.message ?? "\(error.resultCode)")")
        }
    }

    /// A read on the pool; a file SQLite finds broken is an error naming it.
    func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) async throws -> T {
        do { return try await pool.read(body) } catch {
            // (Not `catch … where`: that form has crashed the compiler in async functions.)
            if let error = error as? DatabaseError, [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
                throw StoreError.unreadableFile(file: path, reason: "SQLite: \(error.message ?? "\(error.resultCode)")")
            }
            throw error
        }
    }

    /// The writer connection's `PRAGMA synchronous` (2 = FULL), for tests and diagnostics.
    public func synchronousSetting() throws -> Int {
        try pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? -1 }
    }

    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }

    // MARK: Workflows

    public func workflow(named name: String) async throws -> StoredWorkflow? {
        try await read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM workflow WHERE name = ?"), arguments: [name]).map(self.workflow) }
    }

    public func workflows() async throws -> [StoredWorkflow] {
        try await read { db in try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM workflow ORDER BY name")).map(self.workflow) }
    }

    public func definitionText(workflow: String, version: Int) async throws -> String? {
        try await read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT workflow_name, version, definition FROM workflow_version WHERE workflow_name = ? AND version = ?"),
                             arguments: [workflow, version])
                .map { try self.stored($0, "workflow_version", key: "workflow_name", "version").opened("definition", with: self.sealer) }
        }
    }

    // MARK: Subscriptions

    public func subscriptions(workflow: String?) async throws -> [StoredSubscription] {
        try await read { db in
            if let workflow {
                return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM subscription WHERE workflow_name = ? ORDER BY created_at DESC, rowid DESC"), arguments: [workflow])
                    .map(self.subscription)
            }
            return try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM subscription ORDER BY created_at DESC, rowid DESC")).map(self.subscription)
        }
    }

    public func subscription(id: String) async throws -> StoredSubscription? {
        try await read { db in try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM subscription WHERE id = ?"), arguments: [id]).map(self.subscription) }
    }

    public func dueSubscribes(now: Date) async throws -> [StoredSubscription] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT s.* FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                WHERE s.status IN ('Subscribing', 'SubscribeFailed') AND w.state = 'Enabled'
                  AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?)
                ORDER BY s.next_attempt_at
                """), arguments: [now.timeIntervalSince1970]).map(self.subscription)
        }
    }

    // MARK: Commit

    public func commit(_ mutations: [StoreMutation]) async throws {
        try await writer.write { db in
            for mutation in mutations { try self.apply(mutation, in: db) }
        }
    }

    func apply(_ mutation: StoreMutation, in db: Database) throws {
        switch mutation {
        case .putWorkflow(let workflow, let addVersion):
            try db.cachedStatement(sql: """
                INSERT INTO workflow (name, state, version, definition, kind, access_key, access_key_version, created_at, changed_at, properties)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET state = excluded.state, version = excluded.version, definition = excluded.definition,
                    kind = excluded.kind, access_key = excluded.access_key, access_key_version = excluded.access_key_version,
                    changed_at = excluded.changed_at, properties = excluded.properties
                """).execute(arguments: [workflow.name, workflow.state.rawValue, workflow.version, sealer.seal(workflow.definitionText), workflow.kind,
                                 workflow.accessKey, workflow.accessKeyVersion, workflow.createdAt.timeIntervalSince1970,
                                 workflow.changedAt.timeIntervalSince1970, workflow.propertiesText.map { sealer.seal($0) }])
            if addVersion {
                try db.cachedStatement(sql: "INSERT INTO workflow_version (workflow_name, version, definition, saved_at) VALUES (?, ?, ?, ?)").execute(
                               arguments: [workflow.name, workflow.version, sealer.seal(workflow.definitionText), workflow.changedAt.timeIntervalSince1970])
            }
        case .deleteWorkflow(let name):
            try db.cachedStatement(sql: "DELETE FROM workflow WHERE name = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM recurrence WHERE workflow_name = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM workflow_version WHERE workflow_name = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM action WHERE run_id IN (SELECT id FROM run WHERE workflow_name = ?)").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM timer WHERE workflow_name = ?").execute(arguments: [name])
            try db.cachedStatement(sql: "DELETE FROM run WHERE workflow_name = ?").execute(arguments: [name])
        case .putSubscription(let subscription):
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO subscription (id, workflow_name, trigger_name, workflow_version, status, fingerprint, callback_url,
                    unsubscribe_request, may_exist_remotely, last_error, attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [subscription.id, subscription.workflowName, subscription.triggerName, subscription.workflowVersion,
                                 subscription.status.rawValue, subscription.fingerprint, subscription.callbackURL,
                                 try subscription.unsubscribeRequest.map(sealedRequest),
                                 subscription.mayExistRemotely, subscription.lastError.map(encode), subscription.attempts,
                                 subscription.nextAttemptAt?.timeIntervalSince1970, subscription.createdAt.timeIntervalSince1970,
                                 subscription.updatedAt.timeIntervalSince1970])
        case .updateSubscriptionStatus(let id, let status, let error, let at):
            try db.cachedStatement(sql: "UPDATE subscription SET status = ?, last_error = ?, updated_at = ? WHERE id = ?").execute(
                           arguments: [status.rawValue, error.map(encode), at.timeIntervalSince1970, id])
        case .deleteSubscription(let id):
            try db.cachedStatement(sql: "DELETE FROM subscription WHERE id = ?").execute(arguments: [id])
        case .enqueue(let entry):
            try db.cachedStatement(sql: """
                INSERT INTO outbox (kind, subscription_id, workflow_name, operation_name, request, attempts, next_attempt_at, lease_until, last_error, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                """).execute(arguments: [entry.kind.rawValue, entry.subscriptionID, entry.workflowName, entry.operationName,
                                 try sealedRequest(entry.request), entry.attempts, entry.nextAttemptAt.timeIntervalSince1970,
                                 entry.lastError.map(encode), entry.createdAt.timeIntervalSince1970])
        case .updateOutbox(let entry):
            guard let id = entry.id else { return }
            try db.cachedStatement(sql: "UPDATE outbox SET attempts = ?, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?").execute(
                           arguments: [entry.attempts, entry.nextAttemptAt.timeIntervalSince1970, entry.lastError.map(encode), id])
        case .deleteOutbox(let id):
            try db.cachedStatement(sql: "DELETE FROM outbox WHERE id = ?").execute(arguments: [id])
        case .putAction(let action):
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO action (run_id, name, repetition, type, status, code, start_time, end_time, inputs, outputs, sealed_outputs, error,
                    subscription_id, unsubscribe_request, callback_base)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [action.runID, action.name, action.repetition, action.type, action.status.rawValue, action.code, action.startTime.timeIntervalSince1970,
                                 action.endTime?.timeIntervalSince1970, action.inputs.map(packed), action.historyOutputs.map(packed),
                                 action.maskedOutputs == nil ? nil : try action.outputs.map(sealed),
                                 action.error.map(packed), action.subscriptionID, try unsubscribeColumn(action), action.callbackBase])
        case .setRunStatus(let id, let status, let endTime, let error):
            try db.cachedStatement(sql: "UPDATE run SET status = ?, end_time = ?, error = ? WHERE id = ?").execute(
                           arguments: [status.rawValue, endTime?.timeIntervalSince1970, error.map(packed), id])
        case .setRunVariables(let id, let variables):
            try db.cachedStatement(sql: "UPDATE run SET variables = ? WHERE id = ?").execute(
                           arguments: [variables.isEmpty ? nil : try sealed(variables.json), id])
        case .setRunRecoveries(let ids, let count):
            for id in ids { try db.cachedStatement(sql: "UPDATE run SET recoveries = ? WHERE id = ?").execute(arguments: [count, id]) }
        case .putTimer(let timer):
            try db.cachedStatement(sql: "INSERT INTO timer (kind, workflow_name, run_id, action_name, due_at) VALUES (?, ?, ?, ?, ?)").execute(
                           arguments: [timer.kind.rawValue, timer.workflowName, timer.runID, timer.actionName, timer.dueAt.timeIntervalSince1970])
        case .deleteTimer(let id):
            try db.cachedStatement(sql: "DELETE FROM timer WHERE id = ?").execute(arguments: [id])
        case .putRecurrence(let tick):
            try db.cachedStatement(sql: """
                INSERT INTO recurrence (workflow_name, trigger_name, fingerprint, anchor_at, next_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(workflow_name, trigger_name) DO UPDATE SET fingerprint = excluded.fingerprint, anchor_at = excluded.anchor_at,
                    next_at = excluded.next_at
                """).execute(arguments: [tick.workflowName, tick.triggerName, tick.fingerprint, tick.anchor.timeIntervalSince1970,
                                         tick.nextAt.timeIntervalSince1970])
        case .deleteRecurrence(let workflow, let trigger):
            try db.cachedStatement(sql: "DELETE FROM recurrence WHERE workflow_name = ? AND trigger_name = ?").execute(arguments: [workflow, trigger])
        case .deleteTimers(let runID, let actionName):
            if let actionName {
                try db.cachedStatement(sql: "DELETE FROM timer WHERE run_id = ? AND action_name = ?").execute(arguments: [runID, actionName])
            } else {
                try db.cachedStatement(sql: "DELETE FROM timer WHERE run_id = ?").execute(arguments: [runID])
            }
        case .closeOpenActions(let runID, let workflowName, let status, let code, let at):
            let open = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT run_id, name, repetition, subscription_id, unsubscribe_request, inputs FROM action
                WHERE run_id = ? AND status IN ('Running', 'Waiting') AND unsubscribe_request IS NOT NULL
                """), arguments: [runID])
            for row in open.map({ stored($0, "action", key: "run_id", "name", "repetition") }) {
                guard let request = try row.optionalRequest("unsubscribe_request", sealer: sealer, recorded: { try row.json("inputs")?["unsubscribe"] })
                else { continue }
                let entry = OutboxEntry(kind: .unsubscribe, subscriptionID: try row.value("subscription_id", as: String?.self) ?? "",
                                        workflowName: workflowName,
                                        operationName: ActionKey.make(name: try row.value("name"), repetition: try row.value("repetition")),
                                        request: request, nextAttemptAt: at, createdAt: at)
                try apply(.enqueue(entry), in: db)
            }
            try db.cachedStatement(sql: "UPDATE action SET status = ?, code = ?, end_time = ? WHERE run_id = ? AND status IN ('Running', 'Waiting')").execute(
                           arguments: [status.rawValue, code, at.timeIntervalSince1970, runID])
        case .releaseLeases:
            try db.cachedStatement(sql: "UPDATE outbox SET lease_until = NULL WHERE lease_until IS NOT NULL").execute()
        case .insertRun(let run):
            try db.cachedStatement(sql: """
                INSERT INTO run (id, workflow_name, workflow_version, trigger_name, status, start_time, end_time, trigger_outputs,
                    sealed_trigger_outputs, error, recoveries)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [run.id, run.workflowName, run.workflowVersion, run.triggerName, run.status.rawValue,
                                 run.startTime.timeIntervalSince1970, run.endTime?.timeIntervalSince1970,
                                 packed(run.maskedTriggerOutputs ?? run.triggerOutputs),
                                 run.maskedTriggerOutputs == nil ? nil : try sealed(run.triggerOutputs),
                                 run.error.map(packed), run.recoveries])
        }
    }

    public func openRuns(startedBefore cutoff: Date, limit: Int) async throws -> [StoredRun] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT * FROM run WHERE status IN ('Running', 'Waiting') AND start_time < ? ORDER BY start_time LIMIT ?
                """), arguments: [cutoff.timeIntervalSince1970, limit]).map(self.run)
        }
    }

    public func oldestOpenRunStart() async throws -> Date? {
        try await read { db in
            try Double.fetchOne(db.cachedStatement(sql: "SELECT MIN(start_time) FROM run WHERE status IN ('Running', 'Waiting')")).map(Date.init(timeIntervalSince1970:))
        }
    }

    public func close() async {
        writer.stop()
        // The last checkpoint waits for its thread: not on a thread of the caller's executor.
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async { [checkpointer] in
                checkpointer.stop()
                done.resume()
            }
        }
    }

    public var writeStatistics: StoreWriteStatistics {
        let statistics = writer.statistics
        return StoreWriteStatistics(commits: statistics.commits, writes: statistics.writes)
    }

    // MARK: Outbox

    /// One process owns the SQLite file (the data folder's lock), so claiming is the engine's
    /// in-memory business (``OutboxSender``): this only reads. `lease` is for stores shared by
    /// several nodes.
    public func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval, skipping: Set<Int64>) async throws -> [OutboxEntry] {
        try await read { db in
            // The ids from the index alone, then whole rows only for those not skipped: the entries
            // being sent are most of what is due under load, and decoding them again on every look
            // cost more than sending them.
            let ids = try Int64.fetchAll(db.cachedStatement(sql: "SELECT id FROM outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"),
                                         arguments: [now.timeIntervalSince1970, limit + skipping.count])
            let byID = try db.cachedStatement(sql: "SELECT * FROM outbox WHERE id = ?")
            return try ids.lazy.filter { !skipping.contains($0) }.prefix(limit).compactMap { id in
                try Row.fetchOne(byID, arguments: [id]).map(self.outboxEntry)
            }
        }
    }

    public func outbox(subscriptionID: String) async throws -> [OutboxEntry] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM outbox WHERE subscription_id = ? ORDER BY id"), arguments: [subscriptionID]).map(self.outboxEntry)
        }
    }

    public func nextDueTime(after now: Date) async throws -> Date? {
        try await read { db in
            let after = now.timeIntervalSince1970
            let outbox = try Double.fetchOne(db.cachedStatement(sql: "SELECT MIN(next_attempt_at) FROM outbox WHERE next_attempt_at > ?"), arguments: [after])
            let subscribes = try Double.fetchOne(db.cachedStatement(sql: """
                SELECT MIN(s.next_attempt_at) FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                WHERE s.status IN ('Subscribing', 'SubscribeFailed') AND w.state = 'Enabled' AND s.next_attempt_at > ?
                """), arguments: [after])
            let timers = try Double.fetchOne(db.cachedStatement(sql: "SELECT MIN(due_at) FROM timer"))
            let ticks = try Double.fetchOne(db.cachedStatement(sql: "SELECT MIN(next_at) FROM recurrence"))
            return [outbox, subscribes, timers, ticks].compactMap { $0 }.min().map { Date(timeIntervalSince1970: $0) }
        }
    }

    // MARK: Runs

    public func run(workflow: String, id: String) async throws -> StoredRun? {
        try await read { db in
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM run WHERE workflow_name = ? AND id = ?"), arguments: [workflow, id]).map(self.run)
        }
    }

    public func runs(workflow: String, status: RunStatus?, limit: Int, before: Int64?) async throws -> [StoredRun] {
        try await read { db in
            var sql = "SELECT * FROM run WHERE workflow_name = ?"
            var arguments: StatementArguments = [workflow]
            if let status {
                sql += " AND status = ?"
                arguments += [status.rawValue]
            }
            if let before {
                sql += " AND seq < ?"
                arguments += [before]
            }
            sql += " ORDER BY seq DESC LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(self.run)
        }
    }

    public func runsToResume(limit: Int) async throws -> [StoredRun] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM run WHERE status = 'Running' ORDER BY seq LIMIT ?"), arguments: [limit]).map(self.run)
        }
    }

    // MARK: Actions and timers

    public func runWithActions(workflow: String, id: String) async throws -> (run: StoredRun, actions: [StoredAction])? {
        try await read { db in
            guard let run = try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM run WHERE workflow_name = ? AND id = ?"),
                                             arguments: [workflow, id]).map(self.run) else { return nil }
            let actions = try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM action WHERE run_id = ? ORDER BY start_time, rowid"),
                                           arguments: [id]).map(self.action)
            return (run, actions)
        }
    }

    public func actions(runID: String) async throws -> [StoredAction] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM action WHERE run_id = ? ORDER BY start_time, rowid"), arguments: [runID]).map(self.action)
        }
    }

    public func waitingActions(runIDs: [String]) async throws -> [String: [String]] {
        guard !runIDs.isEmpty else { return [:] }
        return try await read { db in
            var result: [String: [String]] = [:]
            let placeholders = Array(repeating: "?", count: runIDs.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: "SELECT run_id, name FROM action WHERE status = 'Waiting' AND run_id IN (\(placeholders)) ORDER BY start_time",
                                        arguments: StatementArguments(runIDs))
            for row in rows.map({ self.stored($0, "action", key: "run_id", "name") }) {
                // One name per action, however many of its loop repetitions wait.
                let (runID, name): (String, String) = (try row.value("run_id"), try row.value("name"))
                if result[runID]?.contains(name) != true { result[runID, default: []].append(name) }
            }
            return result
        }
    }

    public func transitionAction(runID: String, name: String, from expected: Set<ActionStatus>, mutations: [StoreMutation]) async throws -> Bool {
        let (name, repetition) = ActionKey.split(name)
        return try await commit(mutations, if: [.action(runID: runID, name: name, repetition: repetition, in: expected)])
    }

    public func transitionRun(id: String, from expected: Set<RunStatus>, mutations: [StoreMutation]) async throws -> Bool {
        try await commit(mutations, if: [.run(id: id, in: expected)])
    }

    public func commit(_ mutations: [StoreMutation], if guards: [StoreGuard]) async throws -> Bool {
        try await writer.write { db in
            for condition in guards where try !self.holds(condition, in: db) { return false }
            for mutation in mutations { try self.apply(mutation, in: db) }
            return true
        }
    }

    /// Checked inside the write transaction, before anything of its write is applied. A status
    /// this version does not know is an error, not a guard that fails.
    private func holds(_ condition: StoreGuard, in db: Database) throws -> Bool {
        switch condition {
        case .action(let runID, let name, let repetition, let expected):
            guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM action WHERE run_id = ? AND name = ? AND repetition = ?"),
                                                 arguments: [runID, name, repetition])
            else { return false }
            guard let status = ActionStatus(rawValue: text) else {
                throw unknown(text, of: ActionStatus.self, table: "action",
                              row: "run_id \(StoredRow.quoted(runID)), name \(StoredRow.quoted(ActionKey.make(name: name, repetition: repetition)))")
            }
            return expected.contains(status)
        case .recurrence(let workflow, let trigger, let nextAt):
            let stored = try Double.fetchOne(db.cachedStatement(sql: "SELECT next_at FROM recurrence WHERE workflow_name = ? AND trigger_name = ?"),
                                             arguments: [workflow, trigger])
            return stored == nextAt.timeIntervalSince1970
        case .run(let id, let expected):
            guard let text = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM run WHERE id = ?"), arguments: [id]) else { return false }
            guard let status = RunStatus(rawValue: text) else { throw unknown(text, of: RunStatus.self, table: "run", row: "id \(StoredRow.quoted(id))") }
            return expected.contains(status)
        case .subscription(let id, let fingerprint, let expected):
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, status, fingerprint FROM subscription WHERE id = ?"), arguments: [id])
            else { return false }
            let stored = stored(row, "subscription", key: "id")
            let status: SubscriptionStatus = try stored.known("status")
            return try stored.value("fingerprint", as: String.self) == fingerprint && expected.contains(status)
        case .noOutbox(let subscriptionID):
            return try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE subscription_id = ?)"), arguments: [subscriptionID]) == false
        }
    }

    private func unknown<Value: RawRepresentable & CaseIterable>(_ text: String, of type: Value.Type, table: String, row: String) -> StoreError
    where Value.RawValue == String {
        .damaged(StoreDamage(file: path, table: table, column: "status", row: row, problem: StoredRow.unknown(text, of: type), mayBeNewer: true))
    }

    public func waitingActions(onBaseOtherThan base: String, limit: Int) async throws -> [WaitingAction] {
        try await read { db in
            // Two range scans of the partial index: nothing to read when every action is on `base`.
            // (Written as one `callback_base < ? OR callback_base > ?`, SQLite 3.40 scans the
            // whole index instead: every waiting action, at each start.)
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.run_id, a.name, a.repetition, r.workflow_name FROM action a JOIN run r ON r.id = a.run_id
                WHERE a.status = 'Waiting' AND a.callback_base IS NOT NULL AND a.callback_base < ?
                UNION ALL
                SELECT a.run_id, a.name, a.repetition, r.workflow_name FROM action a JOIN run r ON r.id = a.run_id
                WHERE a.status = 'Waiting' AND a.callback_base IS NOT NULL AND a.callback_base > ?
                LIMIT ?
                """), arguments: [base, base, limit]).map { row in
                let row = self.stored(row, "action", key: "run_id", "name")
                return WaitingAction(runID: try row.value("run_id"), action: ActionKey.make(name: try row.value("name"), repetition: try row.value("repetition")),
                                     workflow: try row.value("workflow_name"))
            }
        }
    }

    public func recurrences(workflow: String) async throws -> [StoredRecurrence] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM recurrence WHERE workflow_name = ? ORDER BY trigger_name"),
                             arguments: [workflow]).map(self.recurrence)
        }
    }

    public func dueRecurrences(now: Date, limit: Int) async throws -> [StoredRecurrence] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM recurrence WHERE next_at <= ? ORDER BY next_at LIMIT ?"),
                             arguments: [now.timeIntervalSince1970, limit]).map(self.recurrence)
        }
    }

    // One process owns the file: it claims in memory (its rounds never overlap), so a claim is a read.

    public func claimDueTimers(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredTimer] {
        try await dueTimers(now: now, limit: limit)
    }

    public func claimDueRecurrences(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredRecurrence] {
        try await dueRecurrences(now: now, limit: limit)
    }

    public func claimDueSubscribes(now: Date, lease: TimeInterval) async throws -> [StoredSubscription] {
        try await dueSubscribes(now: now)
    }

    public func dueTimers(now: Date, limit: Int) async throws -> [StoredTimer] {
        try await read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM timer WHERE due_at <= ? ORDER BY due_at, id LIMIT ?"),
                             arguments: [now.timeIntervalSince1970, limit]).map(self.timer)
        }
    }

    // MARK: Row decoding

    func compact(_ value: JSONValue) -> String { JSONWriter.compact.string(from: value) }

    /// A row of `table` read back, named in errors by its `key` columns.
    func stored(_ row: Row, _ table: String, key: String...) -> StoredRow { StoredRow(row, file: path, table: table, key: key) }

    func action(_ row: Row) throws -> StoredAction {
        let row = stored(row, "action", key: "run_id", "name", "repetition")
        let sealed = try row.optionalOpened("sealed_outputs", with: sealer)
        let history = try row.json("outputs")
        let inputs = try row.json("inputs")
        return StoredAction(
            runID: try row.value("run_id"), name: try row.value("name"), repetition: try row.value("repetition"), type: try row.value("type"), status: try row.known("status"),
            code: try row.value("code"), startTime: try row.date("start_time"), endTime: try row.optionalDate("end_time"),
            inputs: inputs, outputs: try sealed.map { try row.json("sealed_outputs", parsing: $0) } ?? history,
            maskedOutputs: sealed == nil ? Optional<JSONValue>.none : history, error: try row.json("error"),
            subscriptionID: try row.value("subscription_id"),
            unsubscribeRequest: try row.optionalRequest("unsubscribe_request", sealer: sealer, recorded: { inputs?["unsubscribe"] }),
            callbackBase: try row.value("callback_base"))
    }

    func timer(_ row: Row) throws -> StoredTimer {
        let row = stored(row, "timer", key: "id")
        return StoredTimer(id: try row.value("id"), kind: try row.known("kind"), workflowName: try row.value("workflow_name"),
                           runID: try row.value("run_id"), actionName: try row.value("action_name"), dueAt: try row.date("due_at"))
    }

    func recurrence(_ row: Row) throws -> StoredRecurrence {
        let row = stored(row, "recurrence", key: "trigger_name")
        return StoredRecurrence(workflowName: try row.value("workflow_name"), triggerName: try row.value("trigger_name"),
                                fingerprint: try row.value("fingerprint"), anchor: try row.date("anchor_at"), nextAt: try row.date("next_at"))
    }

    func workflow(_ row: Row) throws -> StoredWorkflow {
        let row = stored(row, "workflow", key: "name")
        return StoredWorkflow(
            name: try row.value("name"), state: try row.known("state"), version: try row.count("version"),
            definitionText: try row.opened("definition", with: sealer), kind: try row.value("kind"), accessKey: try row.value("access_key"),
            accessKeyVersion: try row.count("access_key_version"), createdAt: try row.date("created_at"), changedAt: try row.date("changed_at"),
            propertiesText: try row.optionalOpened("properties", with: sealer))
    }

    func subscription(_ row: Row) throws -> StoredSubscription {
        let row = stored(row, "subscription", key: "id")
        return StoredSubscription(
            id: try row.value("id"), workflowName: try row.value("workflow_name"), triggerName: try row.value("trigger_name"),
            workflowVersion: try row.count("workflow_version"), status: try row.known("status"), fingerprint: try row.value("fingerprint"),
            callbackURL: try row.value("callback_url"), unsubscribeRequest: try row.optionalRequest("unsubscribe_request", sealer: sealer),
            mayExistRemotely: try row.value("may_exist_remotely"), lastError: try row.subscriptionError("last_error"),
            attempts: try row.count("attempts"), nextAttemptAt: try row.optionalDate("next_attempt_at"),
            createdAt: try row.date("created_at"), updatedAt: try row.date("updated_at"))
    }

    func outboxEntry(_ row: Row) throws -> OutboxEntry {
        let row = stored(row, "outbox", key: "id")
        return OutboxEntry(
            id: try row.value("id"), kind: try row.known("kind"), subscriptionID: try row.value("subscription_id"),
            workflowName: try row.value("workflow_name"), operationName: try row.value("operation_name"),
            request: try row.request("request", sealer: sealer), attempts: try row.count("attempts"),
            nextAttemptAt: try row.date("next_attempt_at"), leaseUntil: try row.optionalDate("lease_until"),
            lastError: try row.subscriptionError("last_error"), createdAt: try row.date("created_at"))
    }

    func run(_ row: Row) throws -> StoredRun {
        let row = stored(row, "run", key: "id")
        let sealed = try row.optionalOpened("sealed_trigger_outputs", with: sealer)
        let history = try row.requiredJSON("trigger_outputs")
        return StoredRun(
            id: try row.value("id"), workflowName: try row.value("workflow_name"), workflowVersion: try row.count("workflow_version"),
            triggerName: try row.value("trigger_name"), status: try row.known("status"), startTime: try row.date("start_time"),
            endTime: try row.optionalDate("end_time"), triggerOutputs: try sealed.map { try row.json("sealed_trigger_outputs", parsing: $0) } ?? history,
            maskedTriggerOutputs: sealed == nil ? Optional<JSONValue>.none : history, error: try row.json("error"),
            sequence: try row.value("seq"), recoveries: try row.count("recoveries"), variables: try row.variables("variables", sealer: sealer))
    }

    /// A JSON value as a clear column keeps it (``PackedText``: deflated when long).
    func packed(_ value: JSONValue) -> DatabaseValue { PackedText.clear(compact(value)) }

    /// A JSON value as a sealed column keeps it (``PackedText``).
    func sealed(_ value: JSONValue) throws -> DatabaseValue { try PackedText.sealed(compact(value), with: sealer) }

    /// A stored request is sealed whole: its authentication holds credentials.
    func sealedRequest(_ request: OutboundRequest) throws -> DatabaseValue { try sealed(request.json) }

    /// A webhook action's unsubscribe request, owed when the run ends or the action stops waiting:
    /// sealed, like every stored request, unless its recorded inputs already show exactly this
    /// request in clear (it holds no secret): then a reference to them, instead of a second copy.
    func unsubscribeColumn(_ action: StoredAction) throws -> DatabaseValue? {
        guard let request = action.unsubscribeRequest else { return nil }
        let text = compact(request.json)
        if let shown = action.inputs?["unsubscribe"], compact(shown) == text { return PackedText.asRecorded }
        return try PackedText.sealed(text, with: sealer)
    }

    func encode(_ error: SubscriptionError) -> String {
        var object: JSONObject = ["message": .string(error.message)]
        if let status = error.statusCode { object["statusCode"] = .int(status) }
        if let excerpt = error.excerpt { object["excerpt"] = .string(excerpt) }
        return JSONWriter.compact.string(from: .object(object))
    }
}
