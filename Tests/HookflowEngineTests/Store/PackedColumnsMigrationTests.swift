import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// A data file of the previous schema (v6, every value as text: JSON, `sealed:v1:` base64)
/// opens with this version: it migrates to v7 without rewriting a row, its runs, actions,
/// subscriptions and owed calls read back unchanged, and new rows written beside them in the
/// packed forms read back too.
struct PackedColumnsMigrationTests {
    static let previousSchema = "v6: Subscribing, callback bases of waiting actions"
    static let now = PackedColumnsTests.now

    static let run = StoredRun(id: "run-1", workflowName: "orders", workflowVersion: 1, triggerName: "manual", status: .waiting,
                               startTime: now.addingTimeInterval(0.125), triggerOutputs: PackedColumnsTests.triggerOutputs, sequence: 1)
    static let secureRun = StoredRun(id: "run-2", workflowName: "orders", workflowVersion: 1, triggerName: "manual", status: .failed,
                                     startTime: now, endTime: now.addingTimeInterval(2), triggerOutputs: ["body": ["token": "tok-1"]],
                                     maskedTriggerOutputs: ["body": "********"], error: ["code": "ActionFailed", "message": "Fetch failed"],
                                     sequence: 2, recoveries: 1)
    static let webhook = PackedColumnsTests.webhookAction(runID: "run-1")
    static let secureOutputs = StoredAction(runID: "run-2", name: "Token", type: "Http", status: .failed, code: "BadRequest", startTime: now,
                                            endTime: now.addingTimeInterval(1), inputs: ["uri": "https://service.example/token"],
                                            outputs: ["body": ["token": "tok-2"]], maskedOutputs: "********", error: ["code": "BadRequest"])
    static let request = PackedColumnsTests.unsubscribe(callbackURL: "http://127.0.0.1:7071/cb", trackingID: "s1", password: "pw")
    static let subscription = StoredSubscription(id: "s1", workflowName: "orders", triggerName: "Webhook", workflowVersion: 1, status: .unsubscribing,
                                                 fingerprint: "f", callbackURL: "http://127.0.0.1:7071/cb", unsubscribeRequest: request,
                                                 mayExistRemotely: true, lastError: SubscriptionError(statusCode: 503, message: "busy", excerpt: "try later"),
                                                 attempts: 2, nextAttemptAt: now.addingTimeInterval(30), createdAt: now, updatedAt: now)
    static let owed = OutboxEntry(id: 1, kind: .unsubscribe, subscriptionID: "s1", workflowName: "orders", operationName: "Webhook", request: request,
                                  attempts: 1, nextAttemptAt: now, createdAt: now)
    static let timer = StoredTimer(id: 1, kind: .actionTimeout, workflowName: "orders", runID: "run-1", actionName: "Approve", dueAt: now.addingTimeInterval(60))

    /// The file as the previous version left it: its schema, and its rows written with its SQL
    /// and encodings (JSON text, secrets as `sealed:v1:` text).
    static func previousFile(in folder: URL) throws {
        _ = try DataFolder.secure(folder)
        let sealer = try SecretSealer.forFolder(folder)
        func json(_ value: JSONValue) -> String { JSONWriter.compact.string(from: value) }
        func sealed(_ value: JSONValue) -> String { sealer.seal(json(value)) }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("hookflow.sqlite").path)
        try SQLiteSchema.migrator.migrate(queue, upTo: previousSchema)
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO workflow (name, state, version, definition, kind, access_key, access_key_version, created_at, changed_at)
                VALUES ('orders', 'Enabled', 1, ?, NULL, X'010203', 1, ?, ?)
                """, arguments: [sealer.seal(#"{"triggers":{},"actions":{}}"#), now.timeIntervalSince1970, now.timeIntervalSince1970])
            for run in [run, secureRun] {
                try db.execute(sql: """
                    INSERT INTO run (id, workflow_name, workflow_version, trigger_name, status, start_time, end_time, trigger_outputs,
                        sealed_trigger_outputs, error, recoveries)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [run.id, run.workflowName, run.workflowVersion, run.triggerName, run.status.rawValue,
                                     run.startTime.timeIntervalSince1970, run.endTime?.timeIntervalSince1970,
                                     json(run.maskedTriggerOutputs ?? run.triggerOutputs),
                                     run.maskedTriggerOutputs == nil ? nil : sealed(run.triggerOutputs), run.error.map(json), run.recoveries])
            }
            for action in [webhook, secureOutputs] {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO action (run_id, name, type, status, code, start_time, end_time, inputs, outputs, sealed_outputs, error,
                        subscription_id, unsubscribe_request, callback_base)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [action.runID, action.name, action.type, action.status.rawValue, action.code, action.startTime.timeIntervalSince1970,
                                     action.endTime?.timeIntervalSince1970, action.inputs.map(json), action.historyOutputs.map(json),
                                     action.maskedOutputs == nil ? nil : action.outputs.map(sealed), action.error.map(json), action.subscriptionID,
                                     action.unsubscribeRequest.map { sealed($0.json) }, action.callbackBase])
            }
            try db.execute(sql: """
                INSERT OR REPLACE INTO subscription (id, workflow_name, trigger_name, workflow_version, status, fingerprint, callback_url,
                    unsubscribe_request, may_exist_remotely, last_error, attempts, next_attempt_at, created_at, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [subscription.id, subscription.workflowName, subscription.triggerName, subscription.workflowVersion,
                                 subscription.status.rawValue, subscription.fingerprint, subscription.callbackURL, sealed(request.json),
                                 subscription.mayExistRemotely, #"{"message":"busy","statusCode":503,"excerpt":"try later"}"#,
                                 subscription.attempts, subscription.nextAttemptAt?.timeIntervalSince1970, now.timeIntervalSince1970,
                                 now.timeIntervalSince1970])
            try db.execute(sql: """
                INSERT INTO outbox (kind, subscription_id, workflow_name, operation_name, request, attempts, next_attempt_at, lease_until, last_error, created_at)
                VALUES ('unsubscribe', 's1', 'orders', 'Webhook', ?, 1, ?, NULL, NULL, ?)
                """, arguments: [sealed(request.json), now.timeIntervalSince1970, now.timeIntervalSince1970])
            try db.execute(sql: "INSERT INTO timer (kind, workflow_name, run_id, action_name, due_at) VALUES ('actionTimeout', 'orders', 'run-1', 'Approve', ?)",
                           arguments: [timer.dueAt.timeIntervalSince1970])
        }
        try queue.close()
    }

    @Test func aFileOfThePreviousSchemaMigratesAndReadsBackUnchanged() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-v6-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try Self.previousFile(in: folder)

        do {
            let store = try SQLiteStore(folder: folder)
            let applied = try await store.pool.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
            #expect(applied == Set(SQLiteSchema.migrator.migrations))
            try await Self.expectEverythingAsWritten(store)
            // Nothing was rewritten: the old rows keep their text.
            let types = try await store.pool.read { db in
                try String.fetchAll(db, sql: "SELECT typeof(inputs) || '/' || typeof(unsubscribe_request) FROM action WHERE name = 'Approve'")
                    + String.fetchAll(db, sql: "SELECT typeof(trigger_outputs) FROM run ORDER BY seq")
            }
            #expect(types == ["text/text", "text", "text"])

            // New rows beside the old ones, in the packed forms.
            try await store.commit([
                .insertRun(StoredRun(id: "run-3", workflowName: "orders", workflowVersion: 1, triggerName: "manual", status: .waiting,
                                     startTime: Self.now, triggerOutputs: PackedColumnsTests.triggerOutputs)),
                .putAction(PackedColumnsTests.webhookAction(runID: "run-3")),
            ])
            await store.close()
        }

        let reopened = try SQLiteStore(folder: folder)
        try await Self.expectEverythingAsWritten(reopened)
        #expect(try await reopened.actions(runID: "run-3") == [PackedColumnsTests.webhookAction(runID: "run-3")])
        let page = try await reopened.runs(workflow: "orders", status: .waiting, limit: 10, before: nil)
        #expect(page.map(\.id) == ["run-3", "run-1"])
        #expect(page.last == Self.run)
        await reopened.close()
    }

    static func expectEverythingAsWritten(_ store: SQLiteStore) async throws {
        #expect(try await store.run(workflow: "orders", id: "run-1") == run)
        #expect(try await store.run(workflow: "orders", id: "run-2") == secureRun)
        #expect(try await store.actions(runID: "run-1") == [webhook])
        #expect(try await store.actions(runID: "run-2") == [secureOutputs])
        #expect(try await store.waitingActions(runIDs: ["run-1", "run-2"]) == ["run-1": ["Approve"]])
        #expect(try await store.subscription(id: "s1") == subscription)
        #expect(try await store.outbox(subscriptionID: "s1") == [owed])
        #expect(try await store.dueTimers(now: .distantFuture, limit: 10) == [timer])
        #expect(try await store.workflow(named: "orders")?.definitionText == #"{"triggers":{},"actions":{}}"#)
        #expect(try await store.openRuns(startedBefore: .distantFuture, limit: 10).map(\.id).filter { $0 != "run-3" } == ["run-1"])
    }
}
