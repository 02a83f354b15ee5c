import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// A data file that is damaged or from a newer Hookflow is an error message, never a crash
/// (SPEC §7): each table gets a bad value planted with raw SQL, and the store read that meets it
/// throws an error naming the file, table, column and row, and what to do. Every read here would
/// have trapped inside GRDB's `row["col"]` before (the process gone, not one call failed).
struct DamagedDataFileTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A store holding one row of each table: app "app" (version 1), subscription "sub-1" with an
    /// owed unsubscribe (outbox id 1), run "run-1" waiting on action "Approve", timer id 1.
    static func seededStore(in folder: URL) async throws -> SQLiteStore {
        let store = try SQLiteStore(folder: folder)
        let request = OutboundRequest(method: "POST", uri: "https://example.com/unsubscribe")
        try await store.commit([
            .putWorkflow(StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: #"{"triggers":{},"actions":{}}"#, kind: nil,
                                        accessKey: Data([1, 2, 3]), accessKeyVersion: 1, createdAt: now, changedAt: now), addVersion: true),
            .putSubscription(StoredSubscription(id: "sub-1", workflowName: "app", triggerName: "Webhook", workflowVersion: 1, status: .subscribed,
                                                fingerprint: "f", callbackURL: "http://127.0.0.1/cb", unsubscribeRequest: request,
                                                mayExistRemotely: true, lastError: SubscriptionError(statusCode: 503, message: "busy", excerpt: nil),
                                                createdAt: now, updatedAt: now)),
            .enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: "sub-1", workflowName: "app", operationName: "Webhook", request: request,
                                 nextAttemptAt: now, createdAt: now)),
            .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: now,
                                 triggerOutputs: ["body": ["id": 42]])),
            .putAction(StoredAction(runID: "run-1", name: "Approve", type: "HttpWebhook", status: .waiting, startTime: now, inputs: ["a": 1],
                                    outputs: ["b": 2], subscriptionID: "act-1", unsubscribeRequest: request, callbackBase: "http://127.0.0.1:1")),
            .putTimer(StoredTimer(kind: .actionTimeout, workflowName: "app", runID: "run-1", actionName: "Approve", dueAt: now)),
        ])
        return store
    }

    /// One bad value, the read that meets it, and what its error must say.
    struct Planted: Sendable, CustomTestStringConvertible {
        let sql: String
        let table: String
        let column: String
        let row: String
        /// What the error says is there (and why it cannot be used).
        let problem: String
        /// Well-formed but unknown: a newer Hookflow may have written it.
        var newer = false
        let read: @Sendable (SQLiteStore) async throws -> Void

        var testDescription: String { sql }
    }

    static let planted: [Planted] = [
        // workflow
        Planted(sql: "UPDATE workflow SET state = 'Paused'", table: "workflow", column: "state", row: #"name "app""#,
                problem: #"holds "Paused", which is not one of Enabled, Disabled"#, newer: true) { _ = try await $0.workflows() },
        Planted(sql: "UPDATE workflow SET version = 'three'", table: "workflow", column: "version", row: #"name "app""#,
                problem: #"holds the text "three" where a count (0 or more) belongs"#) { _ = try await $0.workflow(named: "app") },
        Planted(sql: "UPDATE workflow SET access_key = 42", table: "workflow", column: "access_key", row: #"name "app""#,
                problem: "holds the whole number 42 where binary data belongs") { _ = try await $0.workflows() },
        Planted(sql: "UPDATE workflow SET created_at = X'00'", table: "workflow", column: "created_at", row: #"name "app""#,
                problem: "holds 1 byte of binary data where a time (seconds since 1970) belongs") { _ = try await $0.workflow(named: "app") },
        Planted(sql: "UPDATE workflow SET version = -1", table: "workflow", column: "version", row: #"name "app""#,
                problem: "holds -1 where a count (0 or more) belongs") { _ = try await $0.workflows() },
        // subscription
        Planted(sql: "UPDATE subscription SET status = 'Quarantined'", table: "subscription", column: "status", row: #"id "sub-1""#,
                problem: #"holds "Quarantined", which is not one of Subscribing, "#, newer: true) { _ = try await $0.subscriptions(workflow: "app") },
        Planted(sql: #"UPDATE subscription SET last_error = '{"message":'"#, table: "subscription", column: "last_error", row: #"id "sub-1""#,
                problem: "holds text that is not valid JSON (line 1") { _ = try await $0.subscription(id: "sub-1") },
        Planted(sql: "UPDATE subscription SET may_exist_remotely = 'yes'", table: "subscription", column: "may_exist_remotely",
                row: #"id "sub-1""#, problem: #"holds the text "yes" where 0 or 1 belongs"#) { _ = try await $0.subscriptions(workflow: nil) },
        Planted(sql: "UPDATE subscription SET attempts = -3", table: "subscription", column: "attempts", row: #"id "sub-1""#,
                problem: "holds -3 where a count") { _ = try await $0.subscriptions(workflow: nil) },
        // outbox
        Planted(sql: "UPDATE outbox SET kind = 'resubscribe'", table: "outbox", column: "kind", row: "id 1",
                problem: #"holds "resubscribe", which is not one of unsubscribe"#, newer: true) { _ = try await $0.outbox(subscriptionID: "sub-1") },
        Planted(sql: #"UPDATE outbox SET request = '{"uri": "https://example.com"}'"#, table: "outbox", column: "request", row: "id 1",
                problem: "holds JSON that is not a request (no method or uri)") {
            _ = try await $0.claimDueOutbox(now: now, limit: 10, lease: 60, skipping: [])
        },
        Planted(sql: #"UPDATE outbox SET request = '{"method":'"#, table: "outbox", column: "request", row: "id 1",
                problem: "holds text that is not valid JSON") { _ = try await $0.outbox(subscriptionID: "sub-1") },
        // run
        Planted(sql: "UPDATE run SET status = 'Paused'", table: "run", column: "status", row: #"id "run-1""#,
                problem: #"holds "Paused", which is not one of Running, Waiting, "#, newer: true) { _ = try await $0.run(workflow: "app", id: "run-1") },
        Planted(sql: "UPDATE run SET start_time = 'yesterday'", table: "run", column: "start_time", row: #"id "run-1""#,
                problem: #"holds the text "yesterday" where a time (seconds since 1970) belongs"#) {
            _ = try await $0.runs(workflow: "app", status: nil, limit: 10, before: nil)
        },
        Planted(sql: "UPDATE run SET end_time = 1e999", table: "run", column: "end_time", row: #"id "run-1""#,
                problem: "holds inf where a time (seconds since 1970) belongs") { _ = try await $0.run(workflow: "app", id: "run-1") },
        Planted(sql: "UPDATE run SET trigger_outputs = '{broken'", table: "run", column: "trigger_outputs", row: #"id "run-1""#,
                problem: "holds text that is not valid JSON") { _ = try await $0.openRuns(startedBefore: now.addingTimeInterval(1), limit: 10) },
        // run variables (RunVariables.json): damaged, or from a newer format or with a type this version does not know
        Planted(sql: "UPDATE run SET variables = '{\"version\": 1, \"variables\": [{'", table: "run", column: "variables", row: #"id "run-1""#,
                problem: "holds text that is not valid JSON") { _ = try await $0.run(workflow: "app", id: "run-1") },
        Planted(sql: #"UPDATE run SET variables = '{"version": 1, "variables": [{"name": "n"}]}'"#, table: "run", column: "variables", row: #"id "run-1""#,
                problem: "holds variable 0 without a name, a type and a value") {
            _ = try await $0.openRuns(startedBefore: now.addingTimeInterval(1), limit: 10)
        },
        Planted(sql: #"UPDATE run SET variables = '{"version": 2, "variables": []}'"#, table: "run", column: "variables", row: #"id "run-1""#,
                problem: "holds variables in format version 2, which this version of Hookflow does not know", newer: true) {
            _ = try await $0.runWithActions(workflow: "app", id: "run-1")
        },
        Planted(sql: #"UPDATE run SET variables = '{"version": 1, "variables": [{"name": "when", "type": "DateTime", "value": "2026"}]}'"#, table: "run",
                column: "variables", row: #"id "run-1""#, problem: #"holds variable "when" of type "DateTime", which is not one of Boolean, "#, newer: true) {
            _ = try await $0.run(workflow: "app", id: "run-1")
        },
        // action
        Planted(sql: "UPDATE action SET status = 'Paused'", table: "action", column: "status", row: #"run_id "run-1", name "Approve""#,
                problem: #"holds "Paused", which is not one of Running, "#, newer: true) { _ = try await $0.actions(runID: "run-1") },
        Planted(sql: "UPDATE action SET outputs = '[1,'", table: "action", column: "outputs", row: #"run_id "run-1", name "Approve""#,
                problem: "holds text that is not valid JSON") { _ = try await $0.actions(runID: "run-1") },
        // Packed text (PackedText): a form this version does not know, deflated bytes that do not inflate.
        Planted(sql: "UPDATE action SET outputs = X'7F0102'", table: "action", column: "outputs", row: #"run_id "run-1", name "Approve""#,
                problem: "holds 3 bytes of binary data in a form this version does not know", newer: true) { _ = try await $0.actions(runID: "run-1") },
        Planted(sql: "UPDATE run SET trigger_outputs = X'0110AABB'", table: "run", column: "trigger_outputs", row: #"id "run-1""#,
                problem: "holds 4 bytes of binary data that") { _ = try await $0.run(workflow: "app", id: "run-1") },
        Planted(sql: "UPDATE action SET start_time = X'0102'", table: "action", column: "start_time", row: #"run_id "run-1", name "Approve""#,
                problem: "holds 2 bytes of binary data where a time (seconds since 1970) belongs") { _ = try await $0.actions(runID: "run-1") },
        Planted(sql: "UPDATE action SET name = X'FF'", table: "action", column: "name", row: "run_id \"run-1\", name (1 byte of binary data)",
                problem: "holds 1 byte of binary data where text belongs") { _ = try await $0.waitingActions(runIDs: ["run-1"]) },
        Planted(sql: "UPDATE action SET unsubscribe_request = 'not json'", table: "action", column: "unsubscribe_request",
                row: #"run_id "run-1", name "Approve""#, problem: "holds text that is not valid JSON") {
            // Read inside a write: cancelling the run queues the waiting action's unsubscribe.
            try await $0.commit([.closeOpenActions(runID: "run-1", workflowName: "app", status: .cancelled, code: "Cancelled", at: now)])
        },
        Planted(sql: "UPDATE action SET status = 'Paused'", table: "action", column: "status", row: #"run_id "run-1", name "Approve""#,
                problem: #"holds "Paused""#, newer: true) {
            // A guarded write (a callback resuming the action) checks the status it finds.
            _ = try await $0.transitionAction(runID: "run-1", name: "Approve", from: [.waiting], mutations: [])
        },
        // timer
        Planted(sql: "UPDATE timer SET kind = 'reminder'", table: "timer", column: "kind", row: "id 1",
                problem: #"holds "reminder", which is not one of actionTimeout, wait, runTimeout"#, newer: true) {
            _ = try await $0.dueTimers(now: now, limit: 10)
        },
        Planted(sql: "UPDATE timer SET run_id = X'FF'", table: "timer", column: "run_id", row: "id 1",
                problem: "holds 1 byte of binary data where text belongs") { _ = try await $0.dueTimers(now: now, limit: 10) },
    ]

    @Test(arguments: planted)
    func aPlantedValueIsAClearErrorNamingWhereItIs(_ planted: Planted) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-damaged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Self.seededStore(in: folder)
        try await store.pool.write { db in try db.execute(sql: planted.sql) }

        let error = await #expect(throws: StoreError.self) { try await planted.read(store) }
        let message = error?.description ?? ""
        let file = folder.appendingPathComponent("hookflow.sqlite").path
        #expect(message.contains("the data file \(file) "), "\(message)")
        #expect(message.contains("table \(planted.table), column \(planted.column), row \(planted.row) \(planted.problem)"), "\(message)")
        #expect(message.contains("restore"), "\(message)")
        #expect(message.contains("backup"), "\(message)")
        #expect(message.contains("if a newer Hookflow wrote it, use that version") == planted.newer, "\(message)")

        // The store still answers what is not damaged.
        #expect(try await store.definitionText(workflow: "app", version: 1) != nil)
        await store.close()
    }

    @Test func aSealedValueThatDoesNotOpenNamesItsPlace() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-damaged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Self.seededStore(in: folder)
        try await store.pool.write { db in try db.execute(sql: "UPDATE workflow_version SET definition = 'sealed:v1:AAAA'") }

        let error = await #expect(throws: StoreError.self) { try await store.definitionText(workflow: "app", version: 1) }
        #expect(error?.description.contains("sealing key") == true)
        #expect(error?.description.contains(#"table workflow_version, column definition, row workflow_name "app", version 1"#) == true,
                "\(error?.description ?? "")")
        await store.close()
    }

    /// Through the engine's API: the call fails with the message, the engine stays up and answers
    /// what is not damaged.
    @Test func theEngineAnswersADamagedRowWithTheMessageAndGoesOn() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-damaged-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await Self.seededStore(in: folder)
        let engine = Engine(store: store, configuration: EngineConfiguration(dataFolder: folder))
        try await store.pool.write { db in
            try db.execute(sql: "UPDATE run SET status = 'Paused'")
            try db.execute(sql: #"UPDATE workflow SET definition = '{"triggers": {'"#)
        }

        let run = await #expect(throws: EngineError.self) { try await engine.run(workflow: "app", id: "run-1") }
        #expect(run?.message.contains(#"table run, column status, row id "run-1" holds "Paused""#) == true, "\(run?.message ?? "")")
        let list = await #expect(throws: EngineError.self) { try await engine.listWorkflows() }
        let listed = list?.message ?? ""
        #expect(listed.contains(#"the data file is damaged: table workflow, column definition, row name "app" (version 1) holds text that is not valid JSON"#),
                "\(listed)")
        #expect(listed.contains("restore the file from a backup"), "\(listed)")

        try await store.pool.write { db in try db.execute(sql: "UPDATE run SET status = 'Waiting'") }
        #expect(try await engine.run(workflow: "app", id: "run-1").summary.status == .waiting)
        await engine.shutdown()
    }

    // MARK: Whole files

    /// The database file and what its WAL holds, as bytes. (SQLite's shared-memory index, and an
    /// empty WAL that any connection to a WAL database creates, hold no data.)
    static func bytes(of folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("hookflow.sqlite") && !name.hasSuffix("-shm") {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            if !(name.hasSuffix("-wal") && data.isEmpty) { files[name] = data }
        }
        return files
    }

    /// A data folder whose file a newer Hookflow migrated: its migrations list has one this build does not know.
    static func newerFolder() async throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-newer-\(UUID().uuidString)")
        do {
            let store = try await seededStore(in: folder)
            await store.close()
        }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("hookflow.sqlite").path)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: a table from the future')")
            try db.execute(sql: "CREATE TABLE future (id INTEGER PRIMARY KEY)")
        }
        try await queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try queue.close()
        return folder
    }

    @Test func aFileFromANewerHookflowIsRefusedAtOpenAndLeftAsItWas() async throws {
        let folder = try await Self.newerFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Self.bytes(of: folder)
        let file = folder.appendingPathComponent("hookflow.sqlite").path

        let error = #expect(throws: StoreError.self) { try SQLiteStore(folder: folder) }
        #expect(error?.description == """
            the data file \(file) was written by a newer version of Hookflow (its schema has changes this version does not know: \
            "v99: a table from the future"); use that newer version with this data folder. Nothing in the file was changed.
            """)
        // As `hookflow list` and `hookflow serve` open it: the message as it is, not "check --data".
        let opened = #expect(throws: EngineError.self) {
            try EngineLocator.openEngine(EngineConfiguration(dataFolder: folder), logger: .init(label: "test"))
        }
        #expect(opened?.message == error?.description)
        let after = try Self.bytes(of: folder)
        #expect(after == before, "nothing was written to the file: \(before.mapValues(\.count)) → \(after.mapValues(\.count))")
    }

    @Test func aFileThatIsNotADatabaseIsRefusedWithItsName() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-garbage-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("hookflow.sqlite")
        let garbage = Data(repeating: 0x5A, count: 8192)
        try garbage.write(to: file)

        let error = #expect(throws: StoreError.self) { try SQLiteStore(folder: folder) }
        let message = error?.description ?? ""
        #expect(message.contains("the data file \(file.path) is damaged or not a Hookflow data file (SQLite: "), "\(message)")
        #expect(message.contains("restore it from a backup"), "\(message)")
        #expect(try Data(contentsOf: file) == garbage)
    }
}

/// Over HTTP: a damaged row is a `500` whose message says where and what to do; the server keeps answering.
struct DamagedDataFileOverHTTPTests {
    @Test func theManagementAPIAnswersADamagedRowWithTheMessageAndKeepsServing() async throws {
        try await ServerHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let store = try #require(harness.engine.store as? SQLiteStore)
            try await store.pool.write { db in try db.execute(sql: "UPDATE workflow SET state = 'Paused'") }

            let damaged = try await harness.management(.GET, "/management/workflows")
            #expect(damaged.status == 500)
            #expect(damaged.errorCode == "InternalError")
            let message = damaged.json?["error"]?["message"]?.stringValue ?? ""
            #expect(message.contains(#"table workflow, column state, row name "orders" holds "Paused", which is not one of Enabled, Disabled"#),
                    "\(damaged.body)")

            try await store.pool.write { db in try db.execute(sql: "UPDATE workflow SET state = 'Enabled'") }
            let repaired = try await harness.management(.GET, "/management/workflows")
            #expect(repaired.status == 200)
            #expect(repaired.json?["value"]?.arrayValue?.first?["name"] == "orders")
        }
    }
}
