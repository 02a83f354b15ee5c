import Foundation
import GRDB
import HookflowModel

/// The SQLite store: one file in the data folder, WAL, `synchronous=FULL` so that a commit
/// that returned survives a power cut, not only a crash.
public final class SQLiteStore: EngineStore {
    let pool: DatabasePool
    public let path: String

    /// Opens (creating if needed) `hookflow.sqlite` in `folder` and migrates it.
    public convenience init(folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try self.init(path: folder.appendingPathComponent("hookflow.sqlite").path)
    }

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA foreign_keys = ON")
        }
        self.path = path
        pool = try DatabasePool(path: path, configuration: configuration)
        // GRDB sets synchronous=NORMAL on the pool's writer while opening it; FULL has to come after.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        try SQLiteSchema.migrator.migrate(pool)
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
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM workflow WHERE name = ?", arguments: [name]).map(Self.workflow) }
    }

    public func workflows() async throws -> [StoredWorkflow] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM workflow ORDER BY name").map(Self.workflow) }
    }

    public func definitionText(workflow: String, version: Int) async throws -> String? {
        try await pool.read { db in
            try String.fetchOne(db, sql: "SELECT definition FROM workflow_version WHERE workflow_name = ? AND version = ?", arguments: [workflow, version])
        }
    }

    // MARK: Subscriptions

    public func subscriptions(workflow: String?) async throws -> [StoredSubscription] {
        try await pool.read { db in
            if let workflow {
                return try Row.fetchAll(db, sql: "SELECT * FROM subscription WHERE workflow_name = ? ORDER BY created_at DESC, rowid DESC", arguments: [workflow])
                    .map(Self.subscription)
            }
            return try Row.fetchAll(db, sql: "SELECT * FROM subscription ORDER BY created_at DESC, rowid DESC").map(Self.subscription)
        }
    }

    public func subscription(id: String) async throws -> StoredSubscription? {
        try await pool.read { db in try Row.fetchOne(db, sql: "SELECT * FROM subscription WHERE id = ?", arguments: [id]).map(Self.subscription) }
    }

    public func dueSubscribes(now: Date) async throws -> [StoredSubscription] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.* FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                WHERE s.status IN ('Pending', 'SubscribeFailed') AND w.state = 'Enabled'
                  AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= ?)
                ORDER BY s.next_attempt_at
                """, arguments: [now.timeIntervalSince1970]).map(Self.subscription)
        }
    }

    // MARK: Commit

    public func commit(_ mutations: [StoreMutation]) async throws {
        try await pool.write { db in
            for mutation in mutations { try Self.apply(mutation, in: db) }
        }
    }

    static func apply(_ mutation: StoreMutation, in db: Database) throws {
        switch mutation {
        case .putWorkflow(let workflow, let addVersion):
            try db.execute(sql: """
                INSERT INTO workflow (name, state, version, definition, kind, access_key, access_key_version, created_at, changed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT(name) DO UPDATE SET state = excluded.state, version = excluded.version, definition = excluded.definition,
                    kind = excluded.kind, access_key = excluded.access_key, access_key_version = excluded.access_key_version,
                    changed_at = excluded.changed_at
                """, arguments: [workflow.name, workflow.state.rawValue, workflow.version, workflow.definitionText, workflow.kind,
                                 workflow.accessKey, workflow.accessKeyVersion, workflow.createdAt.timeIntervalSince1970,
                                 workflow.changedAt.timeIntervalSince1970])
            if addVersion {
                try db.execute(sql: "INSERT INTO workflow_version (workflow_name, version, definition, saved_at) VALUES (?, ?, ?, ?)",
                               arguments: [workflow.name, workflow.version, workflow.definitionText, workflow.changedAt.timeIntervalSince1970])
            }
        case .deleteWorkflow(let name):
            try db.execute(sql: "DELETE FROM workflow WHERE name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM workflow_version WHERE workflow_name = ?", arguments: [name])
            try db.execute(sql: "DELETE FROM run WHERE workflow_name = ?", arguments: [name])
        case .putSubscription(let subscription):
            try db.execute(sql: """
                INSERT OR REPLACE INTO subscription (id, workflow_name, trigger_name, workflow_version, status, fingerprint, callback_url,
                    unsubscribe_request, may_exist_remotely, last_error, attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [subscription.id, subscription.workflowName, subscription.triggerName, subscription.workflowVersion,
                                 subscription.status.rawValue, subscription.fingerprint, subscription.callbackURL,
                                 subscription.unsubscribeRequest.map { JSONWriter.compact.string(from: $0.json) },
                                 subscription.mayExistRemotely, subscription.lastError.map(encode), subscription.attempts,
                                 subscription.nextAttemptAt?.timeIntervalSince1970, subscription.createdAt.timeIntervalSince1970,
                                 subscription.updatedAt.timeIntervalSince1970])
        case .deleteSubscription(let id):
            try db.execute(sql: "DELETE FROM subscription WHERE id = ?", arguments: [id])
        case .enqueue(let entry):
            try db.execute(sql: """
                INSERT INTO outbox (kind, subscription_id, workflow_name, operation_name, request, attempts, next_attempt_at, lease_until, last_error, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)
                """, arguments: [entry.kind.rawValue, entry.subscriptionID, entry.workflowName, entry.operationName,
                                 JSONWriter.compact.string(from: entry.request.json), entry.attempts, entry.nextAttemptAt.timeIntervalSince1970,
                                 entry.lastError.map(encode), entry.createdAt.timeIntervalSince1970])
        case .updateOutbox(let entry):
            guard let id = entry.id else { return }
            try db.execute(sql: "UPDATE outbox SET attempts = ?, next_attempt_at = ?, lease_until = NULL, last_error = ? WHERE id = ?",
                           arguments: [entry.attempts, entry.nextAttemptAt.timeIntervalSince1970, entry.lastError.map(encode), id])
        case .deleteOutbox(let id):
            try db.execute(sql: "DELETE FROM outbox WHERE id = ?", arguments: [id])
        case .releaseLeases:
            try db.execute(sql: "UPDATE outbox SET lease_until = NULL WHERE lease_until IS NOT NULL")
        case .insertRun(let run):
            try db.execute(sql: """
                INSERT INTO run (id, workflow_name, workflow_version, trigger_name, status, start_time, end_time, trigger_outputs)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [run.id, run.workflowName, run.workflowVersion, run.triggerName, run.status.rawValue,
                                 run.startTime.timeIntervalSince1970, run.endTime?.timeIntervalSince1970,
                                 JSONWriter.compact.string(from: run.triggerOutputs)])
        }
    }

    // MARK: Outbox

    public func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval) async throws -> [OutboxEntry] {
        try await pool.write { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT * FROM outbox WHERE next_attempt_at <= ? AND (lease_until IS NULL OR lease_until < ?)
                ORDER BY next_attempt_at, id LIMIT ?
                """, arguments: [now.timeIntervalSince1970, now.timeIntervalSince1970, limit])
            let until = now.addingTimeInterval(lease).timeIntervalSince1970
            for row in rows {
                try db.execute(sql: "UPDATE outbox SET lease_until = ? WHERE id = ?", arguments: [until, row["id"] as Int64])
            }
            return try rows.map(Self.outboxEntry)
        }
    }

    public func outbox(subscriptionID: String) async throws -> [OutboxEntry] {
        try await pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE subscription_id = ? ORDER BY id", arguments: [subscriptionID]).map(Self.outboxEntry)
        }
    }

    public func nextDueTime() async throws -> Date? {
        try await pool.read { db in
            let outbox = try Double.fetchOne(db, sql: "SELECT MIN(MAX(next_attempt_at, COALESCE(lease_until, 0))) FROM outbox")
            let subscribes = try Double.fetchOne(db, sql: """
                SELECT MIN(COALESCE(s.next_attempt_at, 0)) FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                WHERE s.status IN ('Pending', 'SubscribeFailed') AND w.state = 'Enabled'
                """)
            return [outbox, subscribes].compactMap { $0 }.min().map { Date(timeIntervalSince1970: $0) }
        }
    }

    // MARK: Runs

    public func run(workflow: String, id: String) async throws -> StoredRun? {
        try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM run WHERE workflow_name = ? AND id = ?", arguments: [workflow, id]).map(Self.run)
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
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map(Self.run)
        }
    }

    // MARK: Row decoding

    static func date(_ value: Double?) -> Date? { value.map(Date.init(timeIntervalSince1970:)) }

    static func workflow(_ row: Row) throws -> StoredWorkflow {
        let stateText: String = row["state"]
        guard let state = WorkflowState(rawValue: stateText) else { throw StoreError.corrupt("workflow state \(stateText)") }
        return StoredWorkflow(
            name: row["name"], state: state, version: row["version"], definitionText: row["definition"], kind: row["kind"],
            accessKey: row["access_key"], accessKeyVersion: row["access_key_version"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]), changedAt: Date(timeIntervalSince1970: row["changed_at"]))
    }

    static func subscription(_ row: Row) throws -> StoredSubscription {
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

    static func outboxEntry(_ row: Row) throws -> OutboxEntry {
        let kindText: String = row["kind"]
        guard let kind = OutboxEntry.Kind(rawValue: kindText) else { throw StoreError.corrupt("outbox kind \(kindText)") }
        let error: String? = row["last_error"]
        return OutboxEntry(
            id: row["id"], kind: kind, subscriptionID: row["subscription_id"], workflowName: row["workflow_name"],
            operationName: row["operation_name"], request: try decodeRequest(row["request"]), attempts: row["attempts"],
            nextAttemptAt: Date(timeIntervalSince1970: row["next_attempt_at"]), leaseUntil: date(row["lease_until"]),
            lastError: error.flatMap(decodeError), createdAt: Date(timeIntervalSince1970: row["created_at"]))
    }

    static func run(_ row: Row) throws -> StoredRun {
        let statusText: String = row["status"]
        guard let status = RunStatus(rawValue: statusText) else { throw StoreError.corrupt("run status \(statusText)") }
        return StoredRun(
            id: row["id"], workflowName: row["workflow_name"], workflowVersion: row["workflow_version"], triggerName: row["trigger_name"],
            status: status, startTime: Date(timeIntervalSince1970: row["start_time"]), endTime: date(row["end_time"]),
            triggerOutputs: try JSONParser.parse(row["trigger_outputs"] as String), sequence: row["seq"])
    }

    static func decodeRequest(_ text: String) throws -> OutboundRequest {
        guard let request = OutboundRequest(json: try JSONParser.parse(text)) else { throw StoreError.corrupt("stored request \(text.prefix(80))") }
        return request
    }

    static func encode(_ error: SubscriptionError) -> String {
        var object: JSONObject = ["message": .string(error.message)]
        if let status = error.statusCode { object["statusCode"] = .int(status) }
        if let excerpt = error.excerpt { object["excerpt"] = .string(excerpt) }
        return JSONWriter.compact.string(from: .object(object))
    }

    static func decodeError(_ text: String) -> SubscriptionError? {
        guard let value = try? JSONParser.parse(text), let message = value["message"]?.stringValue else { return nil }
        return SubscriptionError(statusCode: value["statusCode"]?.intValue, message: message, excerpt: value["excerpt"]?.stringValue)
    }
}

/// The database holds something this version of Hookflow cannot read.
public enum StoreError: Error, CustomStringConvertible {
    case corrupt(String)
    public var description: String {
        switch self {
        case .corrupt(let what): "the data folder's database holds an unreadable \(what); was it written by a newer Hookflow?"
        }
    }
}
