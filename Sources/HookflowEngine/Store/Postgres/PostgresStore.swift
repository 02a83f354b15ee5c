import Foundation
import GRDB
import HookflowModel
import Logging
import NIOCore
import NIOSSL
import PostgresNIO
import Synchronization

/// The PostgreSQL store: one database shared by every engine node (SPEC §3, "Several engine
/// nodes"), behind the same ``EngineStore`` protocol as ``SQLiteStore``.
///
/// - Writes go through ``PostgresWriter``: one transaction per batch of pending writes (group
///   commit), compare-and-set guards read with `FOR UPDATE` so two nodes racing for the same
///   action or run see each other's commit.
/// - Background work is claimed: ``claimDueOutbox(now:limit:lease:skipping:)`` leases entries
///   with `FOR UPDATE SKIP LOCKED`, bumping their lease generation; another node takes an entry
///   over once its lease ran out.
/// - After a commit that changed apps or work, `pg_notify` tells every node (``changes()``).
///
/// Values are packed and sealed exactly as in the SQLite file (``PackedText``, ``SecretSealer``):
/// every node needs the same `sealing-key` file, which a check value in the database verifies at open.
public final class PostgresStore: EngineStore {
    public let location: PostgresLocation
    let client: PostgresClient
    let writer: PostgresWriter
    let sealer: SecretSealer
    let logger: Logger
    /// Names this process in lease_owner columns.
    public let nodeID: String
    private let runTask: Task<Void, Never>
    private let listener = Mutex<Task<Void, Never>?>(nil)
    private let subscribers = Mutex<[UUID: AsyncStream<StoreChange>.Continuation]>([:])
    /// The lease generation of each `Running` run this node holds, as of its own last commit:
    /// a guarded write of a run whose generation moved on was taken over by another node
    /// (this one stalled past its lease) and is refused (fencing).
    private let ownedRuns = Mutex<[String: Int64]>([:])
    private let renewal = Mutex<Task<Void, Never>?>(nil)
    /// How long a node's hold on a `Running` run lasts without renewal (renewed every third of it).
    public let runLease: TimeInterval

    /// Where errors say a value was found.
    var place: String { location.description }

    /// Connects, migrates (one node at a time) and checks the sealing key.
    ///
    /// Throws ``StoreError/databaseUnavailable(database:reason:)`` when the server cannot be used,
    /// ``StoreError/newerDatabase(database:unknownMigrations:)`` when a newer Hookflow migrated it.
    public static func open(_ location: PostgresLocation, sealer: SecretSealer, connections: Int = 8, runLease: TimeInterval = 30,
                            logger: Logger = Logger(label: "hookflow.store")) async throws -> PostgresStore {
        // One connection first: a server that is not there, a wrong password or a missing database
        // is an error now, not after the pool's minute of retries.
        do {
            let connection = try await PostgresConnection.connect(configuration: try location.connectionConfiguration(), id: 0, logger: Self.quiet(logger))
            try await connection.close()
        } catch {
            throw PostgresStore.translated(error, place: location.description)
        }
        let store = PostgresStore(location: location, sealer: sealer, connections: connections, runLease: runLease, logger: logger)
        do {
            try await store.migrate()
            try await store.checkSealingKey()
            try await store.beat()
            store.startRenewing()
        } catch {
            await store.close()
            throw error
        }
        return store
    }

    private init(location: PostgresLocation, sealer: SecretSealer, connections: Int, runLease: TimeInterval, logger: Logger) {
        self.location = location
        self.runLease = runLease
        self.sealer = sealer
        self.logger = logger
        nodeID = "\(ProcessInfo.processInfo.hostName):\(getpid()):\(UUID().uuidString.prefix(8))"
        // Writes, reads, and one held by the listener.
        let client = PostgresClient(configuration: location.clientConfiguration(connections: connections + 2), backgroundLogger: Self.quiet(logger))
        self.client = client
        runTask = Task { await client.run() }
        writer = PostgresWriter(client: client, channel: PostgresSchema.channel, logger: logger)
    }

    // MARK: Migrations

    func migrate() async throws {
        try await withConnection { connection in
            try await self.exec(connection, "BEGIN")
            do {
                try await self.exec(connection, "SELECT pg_advisory_xact_lock(\(PostgresSchema.migrationLock))")
                try await self.exec(connection, "CREATE TABLE IF NOT EXISTS hookflow_migration (identifier text PRIMARY KEY, applied_at double precision NOT NULL)")
                var applied = Set<String>()
                for row in try await self.exec(connection, "SELECT identifier FROM hookflow_migration") {
                    applied.insert(try row.decode(String.self))
                }
                let known = PostgresSchema.migrations.map(\.identifier)
                let unknown = applied.subtracting(known)
                if !unknown.isEmpty { throw StoreError.newerDatabase(database: self.place, unknownMigrations: unknown.sorted()) }
                for migration in PostgresSchema.migrations where !applied.contains(migration.identifier) {
                    for statement in migration.sql { try await self.exec(connection, PostgresQuery(unsafeSQL: statement)) }
                    try await self.exec(connection, "INSERT INTO hookflow_migration (identifier, applied_at) VALUES (\(migration.identifier), \(Date().timeIntervalSince1970))")
                    self.logger.info("database \(self.place): applied migration \"\(migration.identifier)\"")
                }
                try await self.exec(connection, "COMMIT")
            } catch {
                _ = try? await self.exec(connection, "ROLLBACK")
                throw error
            }
        }
    }

    /// The migrations the database has (for tests and diagnostics).
    public func appliedMigrations() async throws -> [String] {
        try await rows("SELECT identifier FROM hookflow_migration ORDER BY applied_at, identifier").map { try $0.decode(String.self) }
    }

    private static let sealingProbe = "hookflow sealing check"

    /// The first node seals a known text; every later one must open it with its own key.
    func checkSealingKey() async throws {
        let sealed = try PackedText.sealed(Self.sealingProbe, with: sealer)
        try await exec("INSERT INTO sealing_check (id, sealed) VALUES (1, \(Self.buffer(sealed))) ON CONFLICT (id) DO NOTHING")
        guard let row = try await rows("SELECT sealed FROM sealing_check WHERE id = 1").first else { return }
        let stored = try stored(row, "sealing_check", key: "id")
        let text: String
        do { text = try stored.opened("sealed", with: sealer) } catch StoreError.sealing {
            throw StoreError.sealing("its key does not open the values sealed in the database \(place) by another node; copy the sealing-key file of the first node into this node's data folder (every node needs the same one)")
        }
        guard text == Self.sealingProbe else { throw stored.damage("sealed", "holds a sealed value that is not the check value") }
    }

    // MARK: Connections and errors

    func withConnection<T: Sendable>(_ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do { return try await client.withConnection { try await body($0) } } catch { throw translated(error) }
    }

    @discardableResult
    func exec(_ connection: PostgresConnection, _ query: PostgresQuery) async throws -> [PostgresRow] {
        try await connection.query(query, logger: logger).collect()
    }

    @discardableResult
    func exec(_ query: PostgresQuery) async throws -> [PostgresRow] {
        do { return try await client.query(query, logger: logger).collect() } catch { throw translated(error) }
    }

    func rows(_ query: PostgresQuery) async throws -> [PostgresRow] { try await exec(query) }

    /// The pool's own logger: it reports every failed connection attempt at info; those become the store's errors.
    static func quiet(_ logger: Logger) -> Logger {
        var quiet = logger
        quiet.logLevel = max(logger.logLevel, .warning)
        return quiet
    }

    func translated(_ error: any Error) -> any Error { Self.translated(error, place: place) }

    /// Errors of the connection (not of a statement) become ``StoreError/databaseUnavailable(database:reason:)``.
    static func translated(_ error: any Error, place: String) -> any Error {
        if error is StoreError { return error }
        if "\(type(of: error))".contains("ConnectionPoolError") {
            return StoreError.databaseUnavailable(database: place, reason: "no connection to the server could be made (\(error))")
        }
        if let error = error as? NIOSSLError {
            return StoreError.databaseUnavailable(database: place, reason: "TLS failed (\(error))")
        }
        guard let error = error as? PSQLError else { return error }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "(no message)"
            // Class 08 connection, 28 authorization, 3D no such database, 57P shutdown, 53 out of resources.
            if ["08", "28", "3D", "53"].contains(where: state.hasPrefix) || state.hasPrefix("57P") {
                return StoreError.databaseUnavailable(database: place, reason: "the server said: \(message) (SQLSTATE \(state))")
            }
            return StoreDatabaseError(database: place, message: message, sqlState: state)
        }
        if let underlying = error.underlying {
            return StoreError.databaseUnavailable(database: place, reason: "\(Self.codeDescription(error.code)) (\(underlying))")
        }
        return StoreError.databaseUnavailable(database: place, reason: Self.codeDescription(error.code))
    }

    static func codeDescription(_ code: PSQLError.Code) -> String {
        switch code {
        case .connectionError: "cannot connect to the server"
        case .serverClosedConnection: "the server closed the connection"
        case .poolClosed, .clientClosedConnection: "the connection pool is closed"
        case .sslUnsupported: "the server does not offer TLS (sslmode=require was asked)"
        case .queryCancelled: "the query was cancelled"
        case .unsupportedAuthMechanism: "the server asks for a login method not supported here"
        default: "\(code)"
        }
    }

    // MARK: Workflows

    public func workflow(named name: String) async throws -> StoredWorkflow? {
        try await rows("SELECT * FROM workflow WHERE name = \(name)").first.map(workflow)
    }

    public func workflows() async throws -> [StoredWorkflow] {
        try await rows("SELECT * FROM workflow ORDER BY name").map(workflow)
    }

    public func definitionText(workflow: String, version: Int) async throws -> String? {
        try await rows("SELECT workflow_name, version, definition FROM workflow_version WHERE workflow_name = \(workflow) AND version = \(version)")
            .first.map { try self.stored($0, "workflow_version", key: "workflow_name", "version").opened("definition", with: self.sealer) }
    }

    // MARK: Subscriptions

    public func subscriptions(workflow: String?) async throws -> [StoredSubscription] {
        if let workflow {
            return try await rows("SELECT * FROM subscription WHERE workflow_name = \(workflow) ORDER BY created_at DESC, seq DESC").map(subscription)
        }
        return try await rows("SELECT * FROM subscription ORDER BY created_at DESC, seq DESC").map(subscription)
    }

    public func subscription(id: String) async throws -> StoredSubscription? {
        try await rows("SELECT * FROM subscription WHERE id = \(id)").first.map(subscription)
    }

    public func dueSubscribes(now: Date) async throws -> [StoredSubscription] {
        try await rows("""
            SELECT s.* FROM subscription s JOIN workflow w ON w.name = s.workflow_name
            WHERE s.status IN ('Subscribing', 'SubscribeFailed') AND w.state = 'Enabled'
              AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= \(now.timeIntervalSince1970))
            ORDER BY s.next_attempt_at NULLS FIRST
            """).map(subscription)
    }

    // MARK: Commit

    public func commit(_ mutations: [StoreMutation]) async throws {
        if let (rows, rest) = try newRunRows(mutations) {
            // A run started: its rows go in the batch's multi-row insert, the rest after it.
            try await write(notifying: Self.notices(mutations), rows: rows) { connection in
                for mutation in rest { try await self.apply(mutation, on: connection) }
            }
            return
        }
        try await write(notifying: Self.notices(mutations)) { connection in
            for mutation in mutations { try await self.apply(mutation, on: connection) }
        }
    }

    /// The rows of a commit that starts runs, for ``PostgresNewRuns``, and its other writes; nil
    /// unless it starts with a new run and writes nothing but that run's rows and rows of its own
    /// (timers, outbox entries, the run's variables — written after the insert, in order).
    func newRunRows(_ mutations: [StoreMutation]) throws -> (rows: PostgresNewRuns, rest: [StoreMutation])? {
        guard case .insertRun = mutations.first else { return nil }
        var started = Set<String>()
        var rows = PostgresNewRuns()
        var actions: [StoredAction] = []
        var actionIndex: [String: Int] = [:]
        var rest: [StoreMutation] = []
        let until = Date().timeIntervalSince1970 + runLease
        for mutation in mutations {
            switch mutation {
            case .insertRun(let run):
                started.insert(run.id)
                rows.runs.id.append(run.id)
                rows.runs.workflow.append(run.workflowName)
                rows.runs.version.append(Int64(run.workflowVersion))
                rows.runs.trigger.append(run.triggerName)
                rows.runs.status.append(run.status.rawValue)
                rows.runs.start.append(run.startTime.timeIntervalSince1970)
                rows.runs.end.append(run.endTime?.timeIntervalSince1970)
                rows.runs.outputs.append(Self.buffer(packed(run.maskedTriggerOutputs ?? run.triggerOutputs)))
                rows.runs.sealedOutputs.append(run.maskedTriggerOutputs == nil ? nil : Self.buffer(try sealed(run.triggerOutputs)))
                rows.runs.error.append(run.error.map(packed).map(Self.buffer))
                rows.runs.recoveries.append(Int64(run.recoveries))
                rows.runs.leaseOwner.append(nodeID)
                rows.runs.leaseUntil.append(until)
            case .putAction(let action) where started.contains(action.runID):
                // One row per action: a later record of the same action replaces the earlier one.
                let key = action.runID + "\u{1F}" + action.key
                if let index = actionIndex[key] { actions[index] = action } else {
                    actionIndex[key] = actions.count
                    actions.append(action)
                }
            case .setRunVariables(let id, _) where started.contains(id): rest.append(mutation)
            case .putTimer(let timer) where started.contains(timer.runID): rest.append(mutation)
            case .enqueue: rest.append(mutation)
            default: return nil
            }
        }
        for action in actions {
            rows.actions.runID.append(action.runID)
            rows.actions.name.append(action.name)
            rows.actions.repetition.append(action.repetition)
            rows.actions.type.append(action.type)
            rows.actions.status.append(action.status.rawValue)
            rows.actions.code.append(action.code)
            rows.actions.start.append(action.startTime.timeIntervalSince1970)
            rows.actions.end.append(action.endTime?.timeIntervalSince1970)
            rows.actions.inputs.append(action.inputs.map(packed).map(Self.buffer))
            rows.actions.outputs.append(action.historyOutputs.map(packed).map(Self.buffer))
            rows.actions.sealedOutputs.append(action.maskedOutputs == nil ? nil : try action.outputs.map(sealed).map(Self.buffer))
            rows.actions.error.append(action.error.map(packed).map(Self.buffer))
            rows.actions.subscriptionID.append(action.subscriptionID)
            rows.actions.unsubscribe.append(try unsubscribeColumn(action).map(Self.buffer))
            rows.actions.callbackBase.append(action.callbackBase)
            rows.actions.effectOwner.append(effectOwner(action))
        }
        // The node that took the callback advances the run (the executor got it in memory).
        let running = mutations.compactMap { if case .insertRun(let run) = $0, run.status == .running { run.id } else { nil } }
        if !running.isEmpty { ownedRuns.withLock { owned in for id in running { owned[id] = 1 } } }
        return (rows, rest)
    }

    public func commit(_ mutations: [StoreMutation], if guards: [StoreGuard]) async throws -> Bool {
        let runs = guards.compactMap { if case .run(let id, _) = $0 { id } else { nil } }
        let (written, held) = try await write(notifying: Self.notices(mutations)) { connection -> (Bool, [String: Int64?]) in
            for condition in guards where try await !self.holds(condition, on: connection) { return (false, [:]) }
            for mutation in mutations { try await self.apply(mutation, on: connection) }
            // The node that advances a run holds it: another node's guarded write of it fails from now on.
            var held: [String: Int64?] = [:]
            for id in runs { held[id] = try await self.hold(run: id, on: connection) }
            return (true, held)
        }
        if written { remember(held) }
        return written
    }

    /// The node making a running action's outside effect: the one that writes it `Running` (it
    /// starts the effect after the commit, or is restarting it).
    func effectOwner(_ action: StoredAction) -> String? { action.status == .running ? nodeID : nil }

    /// Takes (or keeps) this node's lease on a `Running` run; its generation, or nil when the run is not running.
    private func hold(run id: String, on db: PostgresConnection) async throws -> Int64? {
        let until = Date().timeIntervalSince1970 + runLease
        let rows = try await exec(db, """
            UPDATE run SET lease_until = \(until),
                lease_generation = CASE WHEN lease_owner IS DISTINCT FROM \(nodeID) THEN lease_generation + 1 ELSE lease_generation END,
                lease_owner = \(nodeID)
            WHERE id = \(id) AND status = 'Running'
            RETURNING lease_generation
            """)
        return try rows.first?.decode(Int64.self)
    }

    private func remember(_ held: [String: Int64?]) {
        ownedRuns.withLock { owned in
            for (id, generation) in held { owned[id] = generation }
        }
    }

    /// This node's heartbeat: alive for one ``runLease`` more. The running actions it writes are
    /// its effects in flight (``effectOwner(_:)``); once its heartbeat runs out another node adopts them.
    func beat() async throws {
        let now = Date().timeIntervalSince1970
        try await exec("""
            INSERT INTO node (id, alive_until) VALUES (\(nodeID), \(now + runLease))
            ON CONFLICT (id) DO UPDATE SET alive_until = excluded.alive_until
            """)
        // Every start is a new node id: those dead for a day go (a missing node counts as dead).
        try await exec("DELETE FROM node WHERE alive_until < \(now - 86_400)")
    }

    /// Running actions whose effect a node that stopped was making (its heartbeat ran out, or it
    /// closed), claimed for this node with `FOR UPDATE SKIP LOCKED`: one node adopts each and
    /// makes its effect again (``RunEvent/adoptEffects(_:)``). By run, with the app's name.
    public func claimOrphanedEffects(limit: Int) async throws -> [(runID: String, workflow: String, key: String)] {
        let now = Date().timeIntervalSince1970
        let claimed = try await rows("""
            WITH orphaned AS (
                SELECT a.run_id, a.name, a.repetition, r.workflow_name, a.effect_owner AS previous_owner
                FROM action a JOIN run r ON r.id = a.run_id LEFT JOIN node n ON n.id = a.effect_owner
                WHERE a.status = 'Running' AND a.effect_owner IS NOT NULL AND a.effect_owner <> \(nodeID)
                  AND r.status = 'Running' AND COALESCE(n.alive_until, 0) <= \(now)
                ORDER BY a.seq LIMIT \(limit)
                FOR UPDATE OF a SKIP LOCKED)
            UPDATE action a SET effect_owner = \(nodeID) FROM orphaned
            WHERE a.run_id = orphaned.run_id AND a.name = orphaned.name AND a.repetition = orphaned.repetition
            RETURNING a.run_id, a.name, a.repetition, orphaned.workflow_name, orphaned.previous_owner
            """)
        try noteTakeovers(claimed, of: "call(s) in flight")
        return try claimed.map { row in
            let row = try stored(row, "action", key: "run_id", "name", "repetition")
            return (try row.value("run_id"), try row.value("workflow_name"), ActionKey.make(name: try row.value("name"), repetition: try row.value("repetition")))
        }
    }

    /// Renews this node's leases on the runs it advances, every third of ``runLease``.
    private func startRenewing() {
        renewal.withLock { task in
            task = Task { [weak self] in
                while !Task.isCancelled {
                    guard let lease = self?.runLease else { return }
                    try? await Task.sleep(for: .seconds(lease / 3))
                    guard let self, !Task.isCancelled else { return }
                    do {
                        try await self.beat()
                        // Rows a transaction has locked are skipped, never waited for: a bulk update
                        // waiting on rows locked in another order deadlocked with this node's own
                        // group commits. A run being written now gets its lease from that write (hold).
                        try await self.exec("""
                            UPDATE run SET lease_until = \(Date().timeIntervalSince1970 + lease)
                            WHERE seq IN (
                                SELECT seq FROM run WHERE lease_owner = \(self.nodeID) AND status = 'Running'
                                ORDER BY seq
                                FOR UPDATE SKIP LOCKED)
                            """)
                    } catch {
                        self.logger.warning("renewing this node's run leases on \(self.place) failed: \(error)")
                    }
                }
            }
        }
    }

    public func transitionAction(runID: String, name: String, from expected: Set<ActionStatus>, mutations: [StoreMutation]) async throws -> Bool {
        try await commit(mutations, if: [.action(runID: runID, name: name, in: expected)])
    }

    public func transitionRun(id: String, from expected: Set<RunStatus>, mutations: [StoreMutation]) async throws -> Bool {
        try await commit(mutations, if: [.run(id: id, in: expected)])
    }

    private func write<T: Sendable>(notifying notices: Set<String>, rows: PostgresNewRuns? = nil,
                                    _ body: @escaping @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        do { return try await writer.write(notifying: notices, rows: rows, body) } catch { throw translated(error) }
    }

    /// What a commit tells the other nodes: `apps` when an app changed (their app views reload),
    /// `work` when it wrote something due that any node may take (timers, outbox entries,
    /// subscriptions, Recurrence ticks). A run started or advanced is not: the node that wrote it
    /// holds it (others take it over by polling, once its lease ran out), and a notice per commit
    /// would send every node to look for work hundreds of times a second in a callback storm.
    static func notices(_ mutations: [StoreMutation]) -> Set<String> {
        var notices = Set<String>()
        for mutation in mutations {
            switch mutation {
            case .putWorkflow, .deleteWorkflow: notices.insert(StoreChange.apps.rawValue)
            case .putTimer, .enqueue, .updateOutbox, .putSubscription, .putRecurrence, .closeOpenActions:
                notices.insert(StoreChange.work.rawValue)
            case .deleteSubscription, .updateSubscriptionStatus, .deleteOutbox, .insertRun, .setRunRecoveries, .putAction, .setRunVariables,
                 .setRunStatus, .deleteRecurrence, .deleteTimer, .deleteTimers, .releaseLeases:
                break
            }
        }
        return notices
    }

    func apply(_ mutation: StoreMutation, on db: PostgresConnection) async throws {
        switch mutation {
        case .putWorkflow(let workflow, let addVersion):
            let definition = Self.buffer(sealer.seal(workflow.definitionText).databaseValue)
            let properties = workflow.propertiesText.map { Self.buffer(sealer.seal($0).databaseValue) }
            try await exec(db, """
                INSERT INTO workflow (name, state, version, definition, kind, access_key, access_key_version, created_at, changed_at, properties)
                VALUES (\(workflow.name), \(workflow.state.rawValue), \(workflow.version), \(definition), \(workflow.kind),
                        \(ByteBuffer(bytes: workflow.accessKey)), \(workflow.accessKeyVersion), \(workflow.createdAt.timeIntervalSince1970),
                        \(workflow.changedAt.timeIntervalSince1970), \(properties))
                ON CONFLICT (name) DO UPDATE SET state = excluded.state, version = excluded.version, definition = excluded.definition,
                    kind = excluded.kind, access_key = excluded.access_key, access_key_version = excluded.access_key_version,
                    changed_at = excluded.changed_at, properties = excluded.properties
                """)
            if addVersion {
                try await exec(db, """
                    INSERT INTO workflow_version (workflow_name, version, definition, saved_at)
                    VALUES (\(workflow.name), \(workflow.version), \(definition), \(workflow.changedAt.timeIntervalSince1970))
                    """)
            }
        case .deleteWorkflow(let name):
            try await exec(db, "DELETE FROM workflow WHERE name = \(name)")
            try await exec(db, "DELETE FROM recurrence WHERE workflow_name = \(name)")
            try await exec(db, "DELETE FROM workflow_version WHERE workflow_name = \(name)")
            try await exec(db, "DELETE FROM action WHERE run_id IN (SELECT id FROM run WHERE workflow_name = \(name))")
            try await exec(db, "DELETE FROM timer WHERE workflow_name = \(name)")
            try await exec(db, "DELETE FROM run WHERE workflow_name = \(name)")
        case .putSubscription(let subscription):
            let unsubscribe = try subscription.unsubscribeRequest.map(sealedRequest).map(Self.buffer)
            let lastError = subscription.lastError.map { ByteBuffer(string: encode($0)) }
            try await exec(db, """
                INSERT INTO subscription (id, workflow_name, trigger_name, workflow_version, status, fingerprint, callback_url,
                    unsubscribe_request, may_exist_remotely, last_error, attempts, next_attempt_at, created_at, updated_at)
                VALUES (\(subscription.id), \(subscription.workflowName), \(subscription.triggerName), \(subscription.workflowVersion),
                        \(subscription.status.rawValue), \(subscription.fingerprint), \(subscription.callbackURL), \(unsubscribe),
                        \(subscription.mayExistRemotely), \(lastError), \(subscription.attempts), \(subscription.nextAttemptAt?.timeIntervalSince1970),
                        \(subscription.createdAt.timeIntervalSince1970), \(subscription.updatedAt.timeIntervalSince1970))
                ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, workflow_name = excluded.workflow_name, trigger_name = excluded.trigger_name,
                    workflow_version = excluded.workflow_version, status = excluded.status, fingerprint = excluded.fingerprint,
                    callback_url = excluded.callback_url, unsubscribe_request = excluded.unsubscribe_request,
                    may_exist_remotely = excluded.may_exist_remotely, last_error = excluded.last_error, attempts = excluded.attempts,
                    next_attempt_at = excluded.next_attempt_at, created_at = excluded.created_at, updated_at = excluded.updated_at,
                    lease_until = NULL, lease_owner = NULL
                """)
        case .updateSubscriptionStatus(let id, let status, let error, let at):
            let lastError = error.map { ByteBuffer(string: encode($0)) }
            try await exec(db, "UPDATE subscription SET status = \(status.rawValue), last_error = \(lastError), updated_at = \(at.timeIntervalSince1970) WHERE id = \(id)")
        case .deleteSubscription(let id):
            try await exec(db, "DELETE FROM subscription WHERE id = \(id)")
        case .enqueue(let entry):
            let request = Self.buffer(try sealedRequest(entry.request))
            let lastError = entry.lastError.map { ByteBuffer(string: encode($0)) }
            try await exec(db, """
                INSERT INTO outbox (kind, subscription_id, workflow_name, operation_name, request, attempts, next_attempt_at, lease_until, last_error, created_at)
                VALUES (\(entry.kind.rawValue), \(entry.subscriptionID), \(entry.workflowName), \(entry.operationName), \(request), \(entry.attempts),
                        \(entry.nextAttemptAt.timeIntervalSince1970), NULL, \(lastError), \(entry.createdAt.timeIntervalSince1970))
                """)
        case .updateOutbox(let entry):
            guard let id = entry.id else { return }
            let lastError = entry.lastError.map { ByteBuffer(string: encode($0)) }
            // Fencing: written only under the claim it was sent under. A node that stalled past its
            // lease finds the entry taken over (generation moved on) and leaves the other node's record.
            let updated = try await exec(db, """
                UPDATE outbox SET attempts = \(entry.attempts), next_attempt_at = \(entry.nextAttemptAt.timeIntervalSince1970), lease_until = NULL,
                    lease_owner = NULL, last_error = \(lastError)
                WHERE id = \(id) AND (\(entry.leaseGeneration)::bigint IS NULL OR lease_generation = \(entry.leaseGeneration))
                RETURNING id
                """)
            if updated.isEmpty, entry.leaseGeneration != nil {
                logger.warning("unsubscribe \(entry.workflowName)/\(entry.operationName): another node took it over while this one sent it; its outcome here is not recorded")
            }
        case .deleteOutbox(let id):
            try await exec(db, "DELETE FROM outbox WHERE id = \(id)")
        case .putAction(let action):
            let repetition = action.repetition
            let inputs = action.inputs.map(packed).map(Self.buffer)
            let outputs = action.historyOutputs.map(packed).map(Self.buffer)
            let sealedOutputs = action.maskedOutputs == nil ? nil : try action.outputs.map(sealed).map(Self.buffer)
            let error = action.error.map(packed).map(Self.buffer)
            let unsubscribe = try unsubscribeColumn(action).map(Self.buffer)
            try await exec(db, """
                INSERT INTO action (run_id, name, repetition, type, status, code, start_time, end_time, inputs, outputs, sealed_outputs, error,
                    subscription_id, unsubscribe_request, callback_base, effect_owner)
                VALUES (\(action.runID), \(action.name), \(repetition), \(action.type), \(action.status.rawValue), \(action.code),
                        \(action.startTime.timeIntervalSince1970), \(action.endTime?.timeIntervalSince1970), \(inputs), \(outputs), \(sealedOutputs),
                        \(error), \(action.subscriptionID), \(unsubscribe), \(action.callbackBase), \(effectOwner(action)))
                ON CONFLICT (run_id, name, repetition) DO UPDATE SET seq = excluded.seq, type = excluded.type, status = excluded.status,
                    code = excluded.code, start_time = excluded.start_time, end_time = excluded.end_time, inputs = excluded.inputs,
                    outputs = excluded.outputs, sealed_outputs = excluded.sealed_outputs, error = excluded.error,
                    subscription_id = excluded.subscription_id, unsubscribe_request = excluded.unsubscribe_request,
                    callback_base = excluded.callback_base, effect_owner = excluded.effect_owner
                """)
        case .setRunStatus(let id, let status, let endTime, let error):
            let error = error.map(packed).map(Self.buffer)
            // A run that stops running settled: the count of nodes that stopped while advancing it starts again (``runsToResume(limit:)``).
            if status == .running {
                try await exec(db, "UPDATE run SET status = \(status.rawValue), end_time = \(endTime?.timeIntervalSince1970), error = \(error) WHERE id = \(id)")
            } else {
                try await exec(db, """
                    UPDATE run SET status = \(status.rawValue), end_time = \(endTime?.timeIntervalSince1970), error = \(error), recoveries = 0 WHERE id = \(id)
                    """)
            }
            // A run that stops running is held by nobody; whoever runs it next takes it (``hold(run:on:)``).
            if status != .running { _ = ownedRuns.withLock { $0.removeValue(forKey: id) } }
        case .setRunVariables(let id, let variables):
            let column = variables.isEmpty ? nil : Self.buffer(try sealed(variables.json))
            try await exec(db, "UPDATE run SET variables = \(column) WHERE id = \(id)")
        case .setRunRecoveries(let ids, let count):
            try await exec(db, "UPDATE run SET recoveries = \(count) WHERE id = ANY(\(ids))")
        case .putTimer(let timer):
            try await exec(db, """
                INSERT INTO timer (kind, workflow_name, run_id, action_name, due_at)
                VALUES (\(timer.kind.rawValue), \(timer.workflowName), \(timer.runID), \(timer.actionName), \(timer.dueAt.timeIntervalSince1970))
                """)
        case .deleteTimer(let id):
            try await exec(db, "DELETE FROM timer WHERE id = \(id)")
        case .putRecurrence(let tick):
            try await exec(db, """
                INSERT INTO recurrence (workflow_name, trigger_name, fingerprint, anchor_at, next_at)
                VALUES (\(tick.workflowName), \(tick.triggerName), \(tick.fingerprint), \(tick.anchor.timeIntervalSince1970), \(tick.nextAt.timeIntervalSince1970))
                ON CONFLICT (workflow_name, trigger_name) DO UPDATE SET fingerprint = excluded.fingerprint, anchor_at = excluded.anchor_at,
                    next_at = excluded.next_at, lease_until = NULL, lease_owner = NULL
                """)
        case .deleteRecurrence(let workflow, let trigger):
            try await exec(db, "DELETE FROM recurrence WHERE workflow_name = \(workflow) AND trigger_name = \(trigger)")
        case .deleteTimers(let runID, let actionName):
            if let actionName {
                try await exec(db, "DELETE FROM timer WHERE run_id = \(runID) AND action_name = \(actionName)")
            } else {
                try await exec(db, "DELETE FROM timer WHERE run_id = \(runID)")
            }
        case .closeOpenActions(let runID, let workflowName, let status, let code, let at):
            let open = try await exec(db, """
                SELECT run_id, name, repetition, subscription_id, unsubscribe_request, inputs FROM action
                WHERE run_id = \(runID) AND status IN ('Running', 'Waiting') AND unsubscribe_request IS NOT NULL
                ORDER BY seq
                FOR UPDATE
                """)
            for row in try open.map({ try stored($0, "action", key: "run_id", "name", "repetition") }) {
                guard let request = try row.optionalRequest("unsubscribe_request", sealer: sealer, recorded: { try row.json("inputs")?["unsubscribe"] })
                else { continue }
                let entry = OutboxEntry(kind: .unsubscribe, subscriptionID: try row.value("subscription_id", as: String?.self) ?? "",
                                        workflowName: workflowName,
                                        operationName: ActionKey.make(name: try row.value("name"), repetition: try row.value("repetition")),
                                        request: request, nextAttemptAt: at, createdAt: at)
                try await apply(.enqueue(entry), on: db)
            }
            try await exec(db, """
                UPDATE action SET status = \(status.rawValue), code = \(code), end_time = \(at.timeIntervalSince1970)
                WHERE run_id = \(runID) AND status IN ('Running', 'Waiting')
                """)
        case .releaseLeases:
            // Several nodes share the database: a node starting up must not take what a live one
            // holds. Leases run out on their own (a dead node's work is taken over then).
            break
        case .insertRun(let run):
            let outputs = Self.buffer(packed(run.maskedTriggerOutputs ?? run.triggerOutputs))
            let sealedOutputs = run.maskedTriggerOutputs == nil ? nil : Self.buffer(try sealed(run.triggerOutputs))
            let error = run.error.map(packed).map(Self.buffer)
            try await exec(db, """
                INSERT INTO run (id, workflow_name, workflow_version, trigger_name, status, start_time, end_time, trigger_outputs,
                    sealed_trigger_outputs, error, recoveries, lease_owner, lease_until, lease_generation)
                VALUES (\(run.id), \(run.workflowName), \(run.workflowVersion), \(run.triggerName), \(run.status.rawValue),
                        \(run.startTime.timeIntervalSince1970), \(run.endTime?.timeIntervalSince1970), \(outputs), \(sealedOutputs), \(error),
                        \(run.recoveries), \(nodeID), \(Date().timeIntervalSince1970 + runLease), 1)
                """)
            // The node that took the callback advances the run (the executor got it in memory).
            if run.status == .running { ownedRuns.withLock { $0[run.id] = 1 } }
        }
    }

    /// Checked inside the write transaction, with the row locked (`FOR UPDATE`): a node racing
    /// for the same row waits for this transaction and then sees its outcome.
    private func holds(_ condition: StoreGuard, on db: PostgresConnection) async throws -> Bool {
        switch condition {
        case .action(let runID, let name, let repetition, let expected):
            guard let row = try await exec(db, """
                SELECT run_id, name, repetition, status FROM action WHERE run_id = \(runID) AND name = \(name) AND repetition = \(repetition) FOR UPDATE
                """).first
            else { return false }
            let status: ActionStatus = try stored(row, "action", key: "run_id", "name", "repetition").known("status")
            return expected.contains(status)
        case .recurrence(let workflow, let trigger, let nextAt):
            guard let row = try await exec(db, "SELECT next_at FROM recurrence WHERE workflow_name = \(workflow) AND trigger_name = \(trigger) FOR UPDATE").first
            else { return false }
            return try row.decode(Double.self) == nextAt.timeIntervalSince1970
        case .run(let id, let expected):
            guard let row = try await exec(db, "SELECT id, status, lease_owner, lease_generation FROM run WHERE id = \(id) FOR UPDATE").first else { return false }
            let stored = try stored(row, "run", key: "id")
            let status: RunStatus = try stored.known("status")
            guard expected.contains(status) else { return false }
            // Fencing: this node held the run at generation g; another node took it over since.
            let owner = try stored.value("lease_owner", as: String?.self)
            if status == .running, let held = ownedRuns.withLock({ $0[id] }), try stored.value("lease_generation", as: Int64.self) != held, owner != nodeID {
                logger.warning("run \(id) was taken over by another node (\(owner ?? "none")) while this one held it: this node's write is refused")
                _ = ownedRuns.withLock { $0.removeValue(forKey: id) }
                return false
            }
            return true
        case .subscription(let id, let fingerprint, let expected):
            guard let row = try await exec(db, "SELECT id, status, fingerprint FROM subscription WHERE id = \(id) FOR UPDATE").first else { return false }
            let stored = try stored(row, "subscription", key: "id")
            let status: SubscriptionStatus = try stored.known("status")
            return try stored.value("fingerprint", as: String.self) == fingerprint && expected.contains(status)
        case .noOutbox(let subscriptionID):
            // The subscription's row, when there is one, serialises two nodes queuing its unsubscribe.
            try await exec(db, "SELECT 1 FROM subscription WHERE id = \(subscriptionID) FOR UPDATE")
            return try await exec(db, "SELECT 1 FROM outbox WHERE subscription_id = \(subscriptionID) LIMIT 1").isEmpty
        }
    }

    // MARK: Outbox

    /// Leases up to `limit` due entries to this node with `FOR UPDATE SKIP LOCKED`: entries another
    /// node holds (locked now, or leased and not expired) are left to it; an expired lease is
    /// taken over, its generation bumped so the node that held it can tell.
    public func claimDueOutbox(now: Date, limit: Int, lease: TimeInterval, skipping: Set<Int64>) async throws -> [OutboxEntry] {
        let at = now.timeIntervalSince1970
        let claimed = try await rows("""
            WITH due AS (
                SELECT id, lease_owner AS previous_owner FROM outbox
                WHERE next_attempt_at <= \(at) AND (lease_until IS NULL OR lease_until <= \(at)) AND NOT (id = ANY(\(Array(skipping))))
                ORDER BY next_attempt_at, id LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            UPDATE outbox o SET lease_until = \(at + lease), lease_owner = \(nodeID), lease_generation = o.lease_generation + 1
            FROM due WHERE o.id = due.id
            RETURNING o.*, due.previous_owner
            """)
        try noteTakeovers(claimed, of: "owed call(s)")
        return try claimed.map(outboxEntry).sorted { ($0.nextAttemptAt, $0.id ?? 0) < ($1.nextAttemptAt, $1.id ?? 0) }
    }

    /// Logs the claimed rows that another node held until its lease ran out (it died or stalled):
    /// what a node's log shows when it takes over another's work.
    private func noteTakeovers(_ rows: [PostgresRow], of what: String) throws {
        var owners: [String: Int] = [:]
        for row in rows {
            if let owner = try stored(row, "claim", key: []).value("previous_owner", as: String?.self), owner != nodeID {
                owners[owner, default: 0] += 1
            }
        }
        guard !owners.isEmpty else { return }
        let described = owners.sorted { $0.key < $1.key }.map { "\($0.value) of \($0.key)" }.joined(separator: ", ")
        logger.warning("took over \(owners.values.reduce(0, +)) \(what) another node claimed and did not finish before its lease ran out (it died or stalled): \(described)")
    }

    public func outbox(subscriptionID: String) async throws -> [OutboxEntry] {
        try await rows("SELECT * FROM outbox WHERE subscription_id = \(subscriptionID) ORDER BY id").map(outboxEntry)
    }

    public func nextDueTime(after now: Date) async throws -> Date? {
        let after = now.timeIntervalSince1970
        guard let row = try await rows("""
            SELECT LEAST(
                (SELECT MIN(next_attempt_at) FROM outbox WHERE next_attempt_at > \(after)),
                (SELECT MIN(GREATEST(s.next_attempt_at, COALESCE(s.lease_until, 0))) FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                 WHERE s.status IN ('Subscribing', 'SubscribeFailed') AND w.state = 'Enabled'
                   AND GREATEST(s.next_attempt_at, COALESCE(s.lease_until, 0)) > \(after)),
                (SELECT MIN(GREATEST(due_at, COALESCE(lease_until, 0))) FROM timer),
                (SELECT MIN(GREATEST(next_at, COALESCE(lease_until, 0))) FROM recurrence)) AS next
            """).first else { return nil }
        // A timer or tick another node holds is due for this one when that lease runs out, not at
        // once (which would have it look again every 20 ms meanwhile).
        return try stored(row, "outbox", key: []).optionalDate("next")
    }

    // MARK: Runs

    public func run(workflow: String, id: String) async throws -> StoredRun? {
        try await rows("SELECT * FROM run WHERE workflow_name = \(workflow) AND id = \(id)").first.map(run)
    }

    public func runs(workflow: String, status: RunStatus?, limit: Int, before: Int64?) async throws -> [StoredRun] {
        var binds = PostgresBindings()
        binds.append(workflow)
        var sql = "SELECT * FROM run WHERE workflow_name = $1"
        if let status {
            binds.append(status.rawValue)
            sql += " AND status = $\(binds.count)"
        }
        if let before {
            binds.append(before)
            sql += " AND seq < $\(binds.count)"
        }
        binds.append(limit)
        sql += " ORDER BY seq DESC LIMIT $\(binds.count)"
        return try await rows(PostgresQuery(unsafeSQL: sql, binds: binds)).map(run)
    }

    /// Claims `Running` runs no live node holds (never leased, or the lease ran out: the node
    /// died or stalled), with `FOR UPDATE SKIP LOCKED`, bumping their lease generation. A run
    /// taken from another node has its `recoveries` counted up, as a restart counts the runs it
    /// was advancing (``Engine/resumeRuns()``): a run that stops node after node is failed, not
    /// passed round the cluster for ever. Leaving `Running` sets the count back to 0.
    public func runsToResume(limit: Int) async throws -> [StoredRun] {
        let now = Date().timeIntervalSince1970
        let claimed = try await rows("""
            UPDATE run SET lease_owner = \(nodeID), lease_until = \(now + runLease), lease_generation = lease_generation + 1,
                recoveries = recoveries + CASE WHEN lease_owner IS NOT NULL AND lease_owner <> \(nodeID) THEN 1 ELSE 0 END
            WHERE seq IN (
                SELECT seq FROM run WHERE status = 'Running' AND (lease_until IS NULL OR lease_until <= \(now))
                ORDER BY seq LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            RETURNING *
            """)
        var runs: [StoredRun] = []
        var held: [String: Int64?] = [:]
        for row in claimed {
            let run = try run(row)
            runs.append(run)
            held[run.id] = try stored(row, "run", key: "id").value("lease_generation", as: Int64.self)
        }
        remember(held)
        return runs.sorted { ($0.sequence ?? 0) < ($1.sequence ?? 0) }
    }

    public func openRuns(startedBefore cutoff: Date, limit: Int) async throws -> [StoredRun] {
        try await rows("""
            SELECT * FROM run WHERE status IN ('Running', 'Waiting') AND start_time < \(cutoff.timeIntervalSince1970) ORDER BY start_time LIMIT \(limit)
            """).map(run)
    }

    public func oldestOpenRunStart() async throws -> Date? {
        guard let row = try await rows("SELECT MIN(start_time) AS oldest FROM run WHERE status IN ('Running', 'Waiting')").first else { return nil }
        return try stored(row, "run", key: []).optionalDate("oldest")
    }

    // MARK: Actions and timers

    public func runWithActions(workflow: String, id: String) async throws -> (run: StoredRun, actions: [StoredAction])? {
        // One snapshot: the run and its actions as of the same moment.
        return try await withConnection { connection in
            try await self.exec(connection, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            do {
                guard let runRow = try await self.exec(connection, "SELECT * FROM run WHERE workflow_name = \(workflow) AND id = \(id)").first else {
                    try await self.exec(connection, "COMMIT")
                    return nil
                }
                let actions = try await self.exec(connection, self.actionsQuery(runID: id)).map(self.action)
                try await self.exec(connection, "COMMIT")
                return (try self.run(runRow), actions)
            } catch {
                _ = try? await self.exec(connection, "ROLLBACK")
                throw error
            }
        }
    }

    /// A run's actions, each with whether a live node other than this one is making its effect
    /// (``StoredAction/effectElsewhere``).
    func actionsQuery(runID: String) -> PostgresQuery {
        """
        SELECT a.*, (a.status = 'Running' AND a.effect_owner IS NOT NULL AND a.effect_owner <> \(nodeID)
                     AND COALESCE(n.alive_until, 0) > \(Date().timeIntervalSince1970)) AS effect_elsewhere
        FROM action a LEFT JOIN node n ON n.id = a.effect_owner
        WHERE a.run_id = \(runID) ORDER BY a.start_time, a.seq
        """
    }

    public func actions(runID: String) async throws -> [StoredAction] {
        try await rows(actionsQuery(runID: runID)).map(action)
    }

    public func waitingActions(runIDs: [String]) async throws -> [String: [String]] {
        guard !runIDs.isEmpty else { return [:] }
        var result: [String: [String]] = [:]
        for row in try await rows("SELECT run_id, name FROM action WHERE status = 'Waiting' AND run_id = ANY(\(runIDs)) ORDER BY start_time, seq") {
            let row = try stored(row, "action", key: "run_id", "name")
            // One name per action, however many of its loop repetitions wait.
            let (runID, name): (String, String) = (try row.value("run_id"), try row.value("name"))
            if result[runID]?.contains(name) != true { result[runID, default: []].append(name) }
        }
        return result
    }

    public func waitingActions(onBaseOtherThan base: String, limit: Int) async throws -> [WaitingAction] {
        try await rows("""
            SELECT a.run_id, a.name, a.repetition, r.workflow_name FROM action a JOIN run r ON r.id = a.run_id
            WHERE a.status = 'Waiting' AND a.callback_base IS NOT NULL AND a.callback_base <> \(base)
            ORDER BY a.callback_base, a.run_id
            LIMIT \(limit)
            """).map { row in
            let row = try self.stored(row, "action", key: "run_id", "name", "repetition")
            return WaitingAction(runID: try row.value("run_id"), action: ActionKey.make(name: try row.value("name"), repetition: try row.value("repetition")),
                                 workflow: try row.value("workflow_name"))
        }
    }

    public func recurrences(workflow: String) async throws -> [StoredRecurrence] {
        try await rows("SELECT * FROM recurrence WHERE workflow_name = \(workflow) ORDER BY trigger_name").map(recurrence)
    }

    public func dueRecurrences(now: Date, limit: Int) async throws -> [StoredRecurrence] {
        try await rows("SELECT * FROM recurrence WHERE next_at <= \(now.timeIntervalSince1970) ORDER BY next_at LIMIT \(limit)").map(recurrence)
    }

    public func dueTimers(now: Date, limit: Int) async throws -> [StoredTimer] {
        try await rows("SELECT * FROM timer WHERE due_at <= \(now.timeIntervalSince1970) ORDER BY due_at, id LIMIT \(limit)").map(timer)
    }

    // Claims, like the outbox's: `FOR UPDATE SKIP LOCKED` leaves rows another node is claiming
    // right now, an unexpired lease those it holds; an expired one (its node died or stalled) is
    // taken over with its generation bumped. Firing a timer deletes it; writing a tick's or a
    // subscription's next state releases its lease.

    public func claimDueTimers(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredTimer] {
        let at = now.timeIntervalSince1970
        let claimed = try await rows("""
            WITH due AS (
                SELECT id, lease_owner AS previous_owner FROM timer WHERE due_at <= \(at) AND (lease_until IS NULL OR lease_until <= \(at))
                ORDER BY due_at, id LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            UPDATE timer t SET lease_until = \(at + lease), lease_owner = \(nodeID), lease_generation = t.lease_generation + 1
            FROM due WHERE t.id = due.id
            RETURNING t.*, due.previous_owner
            """)
        try noteTakeovers(claimed, of: "timer(s)")
        return try claimed.map(timer).sorted { ($0.dueAt, $0.id ?? 0) < ($1.dueAt, $1.id ?? 0) }
    }

    public func claimDueRecurrences(now: Date, limit: Int, lease: TimeInterval) async throws -> [StoredRecurrence] {
        let at = now.timeIntervalSince1970
        let claimed = try await rows("""
            WITH due AS (
                SELECT workflow_name, trigger_name, lease_owner AS previous_owner FROM recurrence
                WHERE next_at <= \(at) AND (lease_until IS NULL OR lease_until <= \(at))
                ORDER BY next_at LIMIT \(limit)
                FOR UPDATE SKIP LOCKED)
            UPDATE recurrence r SET lease_until = \(at + lease), lease_owner = \(nodeID), lease_generation = r.lease_generation + 1
            FROM due WHERE r.workflow_name = due.workflow_name AND r.trigger_name = due.trigger_name
            RETURNING r.*, due.previous_owner
            """)
        try noteTakeovers(claimed, of: "Recurrence tick(s)")
        return try claimed.map(recurrence).sorted { $0.nextAt < $1.nextAt }
    }

    public func claimDueSubscribes(now: Date, lease: TimeInterval) async throws -> [StoredSubscription] {
        let at = now.timeIntervalSince1970
        let claimed = try await rows("""
            WITH due AS (
                SELECT s.id, s.lease_owner AS previous_owner FROM subscription s JOIN workflow w ON w.name = s.workflow_name
                WHERE s.status IN ('Subscribing', 'SubscribeFailed') AND w.state = 'Enabled'
                  AND (s.next_attempt_at IS NULL OR s.next_attempt_at <= \(at))
                  AND (s.lease_until IS NULL OR s.lease_until <= \(at))
                ORDER BY s.next_attempt_at NULLS FIRST
                FOR UPDATE OF s SKIP LOCKED)
            UPDATE subscription s SET lease_until = \(at + lease), lease_owner = \(nodeID), lease_generation = s.lease_generation + 1
            FROM due WHERE s.id = due.id
            RETURNING s.*, due.previous_owner
            """)
        try noteTakeovers(claimed, of: "subscribe retry(ies)")
        return try claimed.map(subscription).sorted { ($0.nextAttemptAt ?? .distantPast) < ($1.nextAttemptAt ?? .distantPast) }
    }

    // MARK: Changes of other nodes

    /// What other nodes (and this one) committed, as they commit it: `LISTEN` on one pooled
    /// connection, started on first use and re-established when the connection drops. A node
    /// must still poll: notifications sent while no connection listened are gone.
    public func changes() -> AsyncStream<StoreChange> {
        let (stream, continuation) = AsyncStream<StoreChange>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let id = UUID()
        subscribers.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in _ = self?.subscribers.withLock { $0.removeValue(forKey: id) } }
        startListening()
        return stream
    }

    private func startListening() {
        listener.withLock { task in
            guard task == nil else { return }
            task = Task { [weak self] in
                while !Task.isCancelled {
                    guard let self else { return }
                    do {
                        try await self.client.withConnection { connection in
                            try await connection.listen(on: PostgresSchema.channel) { notifications in
                                // A reconnect may have missed changes: everyone looks again.
                                self.broadcast(.apps)
                                self.broadcast(.work)
                                for try await notification in notifications {
                                    self.broadcast(StoreChange(rawValue: notification.payload) ?? .work)
                                }
                            }
                        }
                    } catch {
                        if Task.isCancelled { return }
                        self.logger.warning("listening for other nodes' changes on \(self.place) failed (\(self.translated(error))); polling until it is back")
                    }
                    try? await Task.sleep(for: .seconds(1))
                }
            }
        }
    }

    private func broadcast(_ change: StoreChange) {
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.yield(change) }
    }

    // MARK: Closing

    public func close() async {
        renewal.withLock { $0?.cancel() }
        await writer.stop()
        // Stopped: what it was making is for the other nodes to adopt now, not after its heartbeat.
        _ = try? await exec("UPDATE node SET alive_until = 0 WHERE id = \(nodeID)")
        listener.withLock { $0?.cancel() }
        for continuation in subscribers.withLock({ Array($0.values) }) { continuation.finish() }
        runTask.cancel()
        await runTask.value
    }

    public var writeStatistics: StoreWriteStatistics { writer.statistics }

    /// Drops every table of the store (tests, and `hookflow migrate --replace`): the database is empty after it.
    func dropEverything() async throws {
        try await exec("DROP TABLE IF EXISTS workflow, workflow_version, subscription, outbox, run, action, timer, recurrence, sealing_check, node, hookflow_migration")
    }
}

/// What another node committed, as a `NOTIFY` payload.
public enum StoreChange: String, Sendable {
    /// An app was saved, enabled, disabled or deleted, or its key regenerated: reload the app view.
    case apps
    /// Runs, timers, outbox entries or subscriptions were written: look for due work.
    case work
}

/// A statement failed on the server for a reason of its own (a constraint, a type): what it said.
public struct StoreDatabaseError: Error, Sendable, CustomStringConvertible {
    public var database: String
    public var message: String
    public var sqlState: String

    public var description: String { "the database \(database) refused a write: \(message) (SQLSTATE \(sqlState))" }
}
