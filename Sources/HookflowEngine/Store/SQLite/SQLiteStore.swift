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

    /// Opens (creating if needed) `hookflow.sqlite` in `folder` and migrates it.
    public convenience init(folder: URL) throws {
        _ = try DataFolder.secure(folder)
        let file = folder.appendingPathComponent("hookflow.sqlite")
        // SQLite gives its -wal and -shm files the database file's mode: 0600 from the start.
        try DataFolder.createPrivateFile(file)
        try self.init(path: file.path)
        for suffix in ["-wal", "-shm"] { DataFolder.tighten(URL(fileURLWithPath: file.path + suffix)) }
    }

    /// Opens the database at `path`; the sealing key is the one in the same folder.
    /// Reader connections: enough that a burst of resumes (each reads its run and its actions)
    /// does not queue for one.
    static let readers = 32

    public init(path: String) throws {
        sealer = try SecretSealer.forFolder(URL(fileURLWithPath: path).deletingLastPathComponent())
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        // Resumes read a run and its actions before they write: with GRDB's default of 5 readers
        // those reads queued behind each other (60–90 ms each at 1,000 resumes/s, CPU idle).
        configuration.maximumReaderCount = Self.readers
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        writer = StoreWriter(pool: pool)
        // GRDB sets synchronous=NORMAL on the pool's writer while opening it; FULL has to come after.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            try WALCheckpointer.disableAutomaticCheckpoint(db)
        }
        try SQLiteSchema.migrator.migrate(pool)
        checkpointer = try WALCheckpointer(path: path)
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
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM workflow WHERE name = ?", arguments: [name]).map(self.workflow) }
    }

    public func workflows() async throws -> [StoredWorkflow] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM workflow ORDER BY name").map(self.workflow) }
    }

    public func definitionText(workflow: String, version: Int) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT definition FROM workflow_version WHERE workflow_name = ? AND version = ?", arguments: [workflow, version])
                .map(self.sealer.open)
        }
    }

    // MARK: Subscriptions

    public func subscriptions(workflow: String?) async throws -> [StoredSubscription] {
        try await pool.read { db in
            if let workflow {
                return try Row.fetchAll(db, sql: "SELECT * FROM subscription WHERE workflow_name = ? ORDER BY created_at DESC, rowid DESC", arguments: [workflow])
                    .map(self.subscription)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM subscription ORDER BY created_at DESC, rowid DESC").map(self.subscription)
        }
    }

    public func subscription(id: String) async throws -> StoredSubscription? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM subscription WHERE id = ?", arguments: [id]).map(self.subscription) }
    }

    public func dueSubscribes(now: Date) async throws -> [StoredSubscription] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.* FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                WHERE s.status IN ('Subscribing', 'SubscribeFailed') AND w.state = 'Enabled'
                  AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?)
                ORDER BY s.next_attempt_at
                """, arguments: [now.timeIntervalSince1970]).map(self.subscription)
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
                INSERT INTO workflow (name, state, version, definition, kind, access_key, access_key_version, created_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET state = excluded.state, version = excluded.version, definition = excluded.definition,
                    kind = excluded.kind, access_key = excluded.access_key, access_key_version = excluded.access_key_version,
                    changed_at = excluded.changed_at
                """).execute(arguments: [workflow.name, workflow.state.rawValue, workflow.version, sealer.seal(workflow.definitionText), workflow.kind,
                                 workflow.accessKey, workflow.accessKeyVersion, workflow.createdAt.timeIntervalSince1970,
                                 workflow.changedAt.timeIntervalSince1970])
            if addVersion {
                try db.cachedStatement(sql: "INSERT INTO workflow_version (workflow_name, version, definition, saved_at) VALUES (?, ?, ?, ?)").execute(
                               arguments: [workflow.name, workflow.version, sealer.seal(workflow.definitionText), workflow.changedAt.timeIntervalSince1970])
            }
        case .deleteWorkflow(let name):
            try db.cachedStatement(sql: "DELETE FROM workflow WHERE name = ?").execute(arguments: [name])
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
                                 subscription.unsubscribeRequest.map(sealedRequest),
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
                                 sealedRequest(entry.request), entry.attempts, entry.nextAttemptAt.timeIntervalSince1970,
                                 entry.lastError.map(encode), entry.createdAt.timeIntervalSince1970])
        case .updateOutbox(let entry):
            guard let id = entry.id else { return }
            try db.cachedStatement(sql: "UPDATE outbox SET attempts = ?, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?").execute(
                           arguments: [entry.attempts, entry.nextAttemptAt.timeIntervalSince1970, entry.lastError.map(encode), id])
        case .deleteOutbox(let id):
            try db.cachedStatement(sql: "DELETE FROM outbox WHERE id = ?").execute(arguments: [id])
        case .putAction(let action):
            try db.cachedStatement(sql: """
                INSERT OR REPLACE INTO action (run_id, name, type, status, code, start_time, end_time, inputs, outputs, sealed_outputs, error,
                    subscription_id, unsubscribe_request, callback_base)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """).execute(arguments: [action.runID, action.name, action.type, action.status.rawValue, action.code, action.startTime.timeIntervalSince1970,
                                 action.endTime?.timeIntervalSince1970, action.inputs.map(compact), action.historyOutputs.map(compact),
                                 action.maskedOutputs == nil ? nil : action.outputs.map { sealer.seal(compact($0)) },
                                 action.error.map(compact), action.subscriptionID, action.unsubscribeRequest.map(sealedRequest), action.callbackBase])
        case .setRunStatus(let id, let status, let endTime, let error):
            try db.cachedStatement(sql: "UPDATE run SET status = ?, end_time = ?, error = ? WHERE id = ?").execute(
                           arguments: [status.rawValue, endTime?.timeIntervalSince1970, error.map(compact), id])
        case .setRunRecoveries(let ids, let count):
            for id in ids { try db.cachedStatement(sql: "UPDATE run SET recoveries = ? WHERE id = ?").execute(arguments: [count, id]) }
        case .putTimer(let timer):
            try db.cachedStatement(sql: "INSERT INTO timer (kind, workflow_name, run_id, action_name, due_at) VALUES (?, ?, ?, ?, ?)").execute(
                           arguments: [timer.kind.rawValue, timer.workflowName, timer.runID, timer.actionName, timer.dueAt.timeIntervalSince1970])
        case .deleteTimer(let id):
            try db.cachedStatement(sql: "DELETE FROM timer WHERE id = ?").execute(arguments: [id])
        case .deleteTimers(let runID, let actionName):
            if let actionName {
                try db.cachedStatement(sql: "DELETE FROM timer WHERE run_id = ? AND action_name = ?").execute(arguments: [runID, actionName])
            } else {
                try db.cachedStatement(sql: "DELETE FROM timer WHERE run_id = ?").execute(arguments: [runID])
            }
        case .closeOpenActions(let runID, let workflowName, let status, let code, let at):
            let open = try Row.fetchAll(db, sql: """
                SELECT name, subscription_id, unsubscribe_request FROM action
                WHERE run_id = ? AND status IN ('Running', 'Waiting') AND unsubscribe_request IS NOT NULL
                """, arguments: [runID])
            for row in open {
                let entry = OutboxEntry(kind: .unsubscribe, subscriptionID: row["subscription_id"] ?? "", workflowName: workflowName,
                                        operationName: row["name"], request: try decodeRequest(row["unsubscribe_request"]), nextAttemptAt: at, createdAt: at)
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
                                 compact(run.maskedTriggerOutputs ?? run.triggerOutputs),
                                 run.maskedTriggerOutputs == nil ? nil : sealer.seal(compact(run.triggerOutputs)),
                                 run.error.map(compact), run.recoveries])
        }
    }

    public func openRuns(startedBefore cutoff: Date, limit: Int) async throws -> [StoredRun] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT * FROM run WHERE status IN ('Running', 'Waiting') AND start_time < ? ORDER BY start_time LIMIT ?
                """, arguments: [cutoff.timeIntervalSince1970, limit]).map(self.run)
        }
    }

    public func oldestOpenRunStart() async throws -> Date? {
        try await pool.read { db in
            try Double.fetchOne(db, sql: "SELECT MIN(start_time) FROM run WHERE status IN ('Running', 'Waiting')").map(Date.init(timeIntervalSince1970:))
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
    public func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEntry] {
        try await pool.read { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM outbox WHERE next_attempt_at <= ? ORDER BY next_attempt_at, id LIMIT ?"),
                             arguments: [now.timeIntervalSince1970, limit]).map(self.outboxEntry)
        }
    }

    public func outbox(subscriptionID: String) async throws -> [OutboxEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE subscription_id = ? ORDER BY id", arguments: [subscriptionID]).map(self.outboxEntry)
        }
    }

    public func nextDueTime(after now: Date) async throws -> Date? {
        try await pool.read { db in
            let after = now.timeIntervalSince1970
            let outbox = try Double.fetchOne(db, sql: "SELECT MIN(next_attempt_at) FROM outbox WHERE next_attempt_at > ?", arguments: [after])
            let subscribes = try Double.fetchOne(db, sql: """
                SELECT MIN(s.next_attempt_at) FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                WHERE s.status IN ('Subscribing', 'SubscribeFailed') AND w.state = 'Enabled' AND s.next_attempt_at > ?
                """, arguments: [after])
            let timers = try Double.fetchOne(db, sql: "SELECT MIN(due_at) FROM timer")
            return [outbox, subscribes, timers].compactMap { $0 }.min().map { Date(timeIntervalSince1970: $0) }
        }
    }

    // MARK: Runs

    public func run(workflow: String, id: String) async throws -> StoredRun? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run WHERE workflow_name = ? AND id = ?", arguments: [workflow, id]).map(self.run)
        }
    }

    public func runs(workflow: String, status: RunStatus?, limit: Int, before: Int64?) async throws -> [StoredRun] {
        try await pool.read { db in
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
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM run WHERE status = 'Running' ORDER BY seq LIMIT ?", arguments: [limit]).map(self.run)
        }
    }

    // MARK: Actions and timers

    public func actions(runID: String) async throws -> [StoredAction] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM action WHERE run_id = ? ORDER BY start_time, rowid", arguments: [runID]).map(self.action)
        }
    }

    public func waitingActions(runIDs: [String]) async throws -> [String: [String]] {
        guard !runIDs.isEmpty else { return [:] }
        return try await pool.read { db in
            var result: [String: [String]] = [:]
            let placeholders = Array(repeating: "?", count: runIDs.count).joined(separator: ",")
            let rows = try Row.fetchAll(db, sql: "SELECT run_id, name FROM action WHERE status = 'Waiting' AND run_id IN (\(placeholders)) ORDER BY start_time",
                                        arguments: StatementArguments(runIDs))
            for row in rows { result[row["run_id"], default: []].append(row["name"]) }
            return result
        }
    }

    public func transitionAction(runID: String, name: String, from expected: Set<ActionStatus>, mutations: [StoreMutation]) async throws -> Bool {
        try await commit(mutations, if: [.action(runID: runID, name: name, in: expected)])
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

    /// Checked inside the write transaction, before anything of its write is applied.
    private func holds(_ condition: StoreGuard, in db: Database) throws -> Bool {
        switch condition {
        case .action(let runID, let name, let expected):
            let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM action WHERE run_id = ? AND name = ?"), arguments: [runID, name])
            return status.flatMap(ActionStatus.init(rawValue:)).map(expected.contains) ?? false
        case .run(let id, let expected):
            let status = try String.fetchOne(db.cachedStatement(sql: "SELECT status FROM run WHERE id = ?"), arguments: [id])
            return status.flatMap(RunStatus.init(rawValue:)).map(expected.contains) ?? false
        case .subscription(let id, let fingerprint, let expected):
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT status, fingerprint FROM subscription WHERE id = ?"), arguments: [id]) else {
                return false
            }
            let status = SubscriptionStatus(rawValue: try row.decode(String.self, forColumn: "status"))
            return try row.decode(String.self, forColumn: "fingerprint") == fingerprint && status.map(expected.contains) == true
        case .noOutbox(let subscriptionID):
            return try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM outbox WHERE subscription_id = ?)"), arguments: [subscriptionID]) == false
        }
    }

    public func waitingActions(onBaseOtherThan base: String, limit: Int) async throws -> [WaitingAction] {
        try await pool.read { db in
            // Two range scans of the partial index: nothing to read when every action is on `base`.
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT a.run_id, a.name, r.workflow_name FROM action a JOIN run r ON r.id = a.run_id
                WHERE a.status = 'Waiting' AND a.callback_base IS NOT NULL AND (a.callback_base < ? OR a.callback_base > ?)
                LIMIT ?
                """), arguments: [base, base, limit]).map { row in
                WaitingAction(runID: try row.decode(forColumn: "run_id"), action: try row.decode(forColumn: "name"),
                              workflow: try row.decode(forColumn: "workflow_name"))
            }
        }
    }

    public func dueTimers(now: Date, limit: Int) async throws -> [StoredTimer] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM timer WHERE due_at <= ? ORDER BY due_at, id LIMIT ?",
                             arguments: [now.timeIntervalSince1970, limit]).map(self.timer)
        }
    }

    // MARK: Row decoding

    func compact(_ value: JSONValue) -> String { JSONWriter.compact.string(from: value) }

    /// Stored values are at most ``JSONValue/maximumDepth`` deep plus what the engine wraps around them.
    func json(_ text: String?) throws -> JSONValue? { try text.map { try JSONParser.parse($0, maximumDepth: JSONValue.envelopeReadingDepth) } }

    func action(_ row: Row) throws -> StoredAction {
        let statusText: String = row["status"]
        guard let status = ActionStatus(rawValue: statusText) else { throw StoreError.corrupt("action status \(statusText)") }
        let request: String? = row["unsubscribe_request"]
        let sealed: String? = row["sealed_outputs"]
        let history = try json(row["outputs"])
        return StoredAction(
            runID: row["run_id"], name: row["name"], type: row["type"], status: status, code: row["code"],
            startTime: Date(timeIntervalSince1970: row["start_time"]), endTime: date(row["end_time"]), inputs: try json(row["inputs"]),
            outputs: try sealed.map { try json(try sealer.open($0)) } ?? history, maskedOutputs: sealed == nil ? Optional<JSONValue>.none : history,
            error: try json(row["error"]), subscriptionID: row["subscription_id"], unsubscribeRequest: try request.map(decodeRequest),
            callbackBase: row["callback_base"])
    }

    func timer(_ row: Row) throws -> StoredTimer {
        let kindText: String = row["kind"]
        guard let kind = StoredTimer.Kind(rawValue: kindText) else { throw StoreError.corrupt("timer kind \(kindText)") }
        return StoredTimer(id: row["id"], kind: kind, workflowName: row["workflow_name"], runID: row["run_id"], actionName: row["action_name"],
                           dueAt: Date(timeIntervalSince1970: row["due_at"]))
    }

    func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }

    func workflow(_ row: Row) throws -> StoredWorkflow {
        let stateText: String = row["state"]
        guard let state = WorkflowState(rawValue: stateText) else { throw StoreError.corrupt("workflow state \(stateText)") }
        return StoredWorkflow(
            name: row["name"], state: state, version: row["version"], definitionText: try sealer.open(row["definition"]), kind: row["kind"],
            accessKey: row["access_key"], accessKeyVersion: row["access_key_version"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), changedAt: Date(timeIntervalSince1970: row["changed_at"]))
    }

    func subscription(_ row: Row) throws -> StoredSubscription {
        let statusText: String = row["status"]
        guard let status = SubscriptionStatus(rawValue: statusText) else { throw StoreError.corrupt("subscription status \(statusText)") }
        let request: String? = row["unsubscribe_request"]
        let error: String? = row["last_error"]
        return StoredSubscription(
            id: row["id"], workflowName: row["workflow_name"], triggerName: row["trigger_name"], workflowVersion: row["workflow_version"],
            status: status, fingerprint: row["fingerprint"], callbackURL: row["callback_url"],
            unsubscribeRequest: try request.map(decodeRequest), mayExistRemotely: row["may_exist_remotely"],
            lastError: error.flatMap(decodeError), attempts: row["attempts"], nextAttemptAt: date(row["next_attempt_at"]),
            createdAt: Date(timeIntervalSince1970: row["created_at"]), updatedAt: Date(timeIntervalSince1970: row["updated_at"]))
    }

    func outboxEntry(_ row: Row) throws -> OutboxEntry {
        let kindText: String = row["kind"]
        guard let kind = OutboxEntry.Kind(rawValue: kindText) else { throw StoreError.corrupt("outbox kind \(kindText)") }
        let error: String? = row["last_error"]
        return OutboxEntry(
            id: row["id"], kind: kind, subscriptionID: row["subscription_id"], workflowName: row["workflow_name"],
            operationName: row["operation_name"], request: try decodeRequest(row["request"]), attempts: row["attempts"],
            nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]), leaseUntil: date(row["lease_until"]),
            lastError: error.flatMap(decodeError), createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    func run(_ row: Row) throws -> StoredRun {
        let statusText: String = row["status"]
        guard let status = RunStatus(rawValue: statusText) else { throw StoreError.corrupt("run status \(statusText)") }
        let sealedTriggerOutputs: String? = row["sealed_trigger_outputs"]
        let history = try JSONParser.parse(row["trigger_outputs"] as String, maximumDepth: JSONValue.envelopeReadingDepth)
        return StoredRun(
            id: row["id"], workflowName: row["workflow_name"], workflowVersion: row["workflow_version"], triggerName: row["trigger_name"],
            status: status, startTime: Date(timeIntervalSince1970: row["start_time"]), endTime: date(row["end_time"]),
            triggerOutputs: try json(sealedTriggerOutputs.map(sealer.open)) ?? history, maskedTriggerOutputs: sealedTriggerOutputs == nil ? Optional<JSONValue>.none : history,
            error: try json(row["error"]), sequence: row["seq"],
            recoveries: row["recoveries"])
    }

    /// A stored request is sealed whole: its authentication holds credentials.
    func sealedRequest(_ request: OutboundRequest) -> String { sealer.seal(compact(request.json)) }

    func decodeRequest(_ text: String) throws -> OutboundRequest {
        guard let request = OutboundRequest(json: try JSONParser.parse(try sealer.open(text), maximumDepth: JSONValue.envelopeReadingDepth)) else { throw StoreError.corrupt("stored request \(text.prefix(80))") }
        return request
    }

    func encode(_ error: SubscriptionError) -> String {
        var object: JSONObject = ["message": .string(error.message)]
        if let status = error.statusCode { object["statusCode"] = .int(status) }
        if let excerpt = error.excerpt { object["excerpt"] = .string(excerpt) }
        return JSONWriter.compact.string(from: .object(object))
    }

    func decodeError(_ text: String) -> SubscriptionError? {
        guard let value = try? JSONParser.parse(text), let message = value["message"]?.stringValue else { return nil }
        return SubscriptionError(statusCode: value["statusCode"]?.intValue, message: message, excerpt: value["excerpt"]?.stringValue)
    }
}

/// The database holds something this version of Hookflow cannot read.
public enum StoreError: Error, CustomStringConvertible {
    case corrupt(String)
    /// The sealing key is missing, unreadable or not the one the sealed values were made with.
    case sealing(String)
    /// The store was closed (the engine is stopping): nothing more is written.
    case closed
    public var description: String {
        switch self {
        case .closed: "the data store is closed: the engine is stopping"
        case .corrupt(let what): "the data folder's database holds an unreadable \(what); was it written by a newer Hookflow?"
        case .sealing(let what): "the data folder's sealing key: \(what)"
        }
    }
}
