import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// Every column the store packs (PackedText), through the store on a real SQLite file: what is
/// written comes back the same, in the form the column should have, secrets never in clear, and a
/// webhook action's unsubscribe request kept once when its recorded inputs already show it.
struct PackedColumnsTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-packed-\(UUID().uuidString)")
    }

    /// The first byte of a column's blob (nil: the column holds text), and its SQLite type.
    func form(_ store: SQLiteStore, _ sql: String) async throws -> (type: String, first: UInt8?) {
        try await store.pool.read { db in
            let row = try #require(try Row.fetchOne(db, sql: "SELECT typeof(v) AS t, CAST(v AS BLOB) AS b FROM (\(sql))"))
            let type: String = try row.decode(String.self, forColumn: "t")
            let bytes = try row.decode(Data?.self, forColumn: "b")
            return (type, type == "blob" ? bytes?.first : nil)
        }
    }

    /// The same for either store kind: PostgreSQL keeps a packed column as `bytea` holding the text
    /// or the packed blob, told apart by the first byte as the store reads it back.
    func form(_ store: any EngineStore, _ sql: String) async throws -> (type: String, first: UInt8?) {
        if let store = store as? SQLiteStore { return try await form(store, sql) }
        let postgres = try #require(store as? PostgresStore)
        let bytes = try #require(try await postgres.rawBytes(sql))
        guard let first = bytes.first, first < 0x09 else { return ("text", nil) }
        return ("blob", first)
    }

    /// The unsubscribe a webhook action records before it subscribes, as WebhookRequestResolver makes it.
    static func unsubscribe(callbackURL: String, trackingID: String, password: String? = nil) -> OutboundRequest {
        var request = OutboundRequest(method: "POST", uri: "https://service.example/unsubscribe", body: ["callbackUrl": .string(callbackURL)],
                                      retryPolicy: .standard)
        if let password { request.authentication = ["type": "Basic", "username": "hookflow", "password": .string(password)] }
        request.setHeader("x-ms-workflow-name", "orders")
        request.setHeader("x-ms-workflow-operation-name", "Approve")
        request.setHeader("x-ms-client-tracking-id", trackingID)
        return request
    }

    /// What SecretMasker records of a request: the authentication's secrets masked.
    static func recorded(_ request: OutboundRequest) -> JSONValue {
        guard case .object(var object) = request.json, case .object(var authentication)? = object["authentication"] else { return request.json }
        authentication["password"] = .string(SecretMasking.placeholder)
        object["authentication"] = .object(authentication)
        return .object(object)
    }

    static let callbackURL = "http://127.0.0.1:7071/workflows/orders/runs/01M8Q66D3HATBWQW2DGA1WG4G1/actions/Approve/run?api-version=2016-10-01"
        + "&sp=%2Fruns%2F01M8Q66D3HATBWQW2DGA1WG4G1%2Factions%2FApprove%2Frun&sv=1.0&sig=7F_sYVgToy0kb23yk7jqsZO91l0GKmZayS8rtgTbG_M"

    /// A waiting webhook action: inputs as recorded (subscribe and unsubscribe), the unsubscribe it owes.
    static func webhookAction(runID: String, name: String = "Approve", password: String? = nil) -> StoredAction {
        let unsubscribe = unsubscribe(callbackURL: callbackURL, trackingID: "sub-\(name)", password: password)
        var subscribe = unsubscribe
        subscribe.uri = "https://service.example/subscribe"
        return StoredAction(runID: runID, name: name, type: "HttpWebhook", status: .waiting, startTime: now,
                            inputs: ["subscribe": recorded(subscribe), "unsubscribe": recorded(unsubscribe)], subscriptionID: "sub-\(name)",
                            unsubscribeRequest: unsubscribe, callbackBase: "http://127.0.0.1:7071")
    }

    static let triggerOutputs: JSONValue = [
        "headers": ["Host": "127.0.0.1:7071", "Content-Type": "application/json", "Content-Length": "298", "User-Agent": "service/1.0"],
        "body": .string(PackedTextTests.document(bytes: 600)), "queries": [:],
    ]

    @Test func everyPackedColumnReadsBackAsWritten() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let secret = "PLANTED-\(UUID().uuidString)"
        let run = StoredRun(id: "run-1", workflowName: "orders", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: Self.now,
                            triggerOutputs: Self.triggerOutputs)
        let secureRun = StoredRun(id: "run-2", workflowName: "orders", workflowVersion: 1, triggerName: "manual", status: .running, startTime: Self.now,
                                  triggerOutputs: ["body": ["token": .string(secret), "rest": .string(PackedTextTests.document(bytes: 800))]],
                                  maskedTriggerOutputs: ["body": "********"])
        let plain = Self.webhookAction(runID: "run-1")
        let withPassword = Self.webhookAction(runID: "run-1", name: "Authenticated", password: secret)
        let http = StoredAction(runID: "run-1", name: "Fetch", type: "Http", status: .failed, code: "BadRequest", startTime: Self.now,
                                endTime: Self.now.addingTimeInterval(1.5), inputs: ["method": "GET", "uri": "https://service.example/orders"],
                                outputs: ["statusCode": 400, "body": .string(PackedTextTests.document(bytes: 2_000))],
                                error: ["code": "BadRequest", "message": .string(String(repeating: "the service said no. ", count: 40))])
        let secureOutputs = StoredAction(runID: "run-1", name: "Token", type: "Http", status: .succeeded, startTime: Self.now,
                                         outputs: ["body": ["token": .string(secret), "long": .string(PackedTextTests.document(bytes: 900))]],
                                         maskedOutputs: "********")
        try await store.commit([.insertRun(run), .insertRun(secureRun), .putAction(plain), .putAction(withPassword), .putAction(http), .putAction(secureOutputs)])
        let runError: JSONValue = ["code": "Cancelled", "message": .string(String(repeating: "cancelled by the user. ", count: 30))]
        try await store.commit([.setRunStatus(id: "run-2", status: .cancelled, endTime: Self.now, error: runError)])

        // Read back whole.
        #expect(try await store.run(workflow: "orders", id: "run-1") == { var r = run; r.sequence = 1; return r }())
        var cancelled = secureRun
        cancelled.sequence = 2
        cancelled.status = .cancelled
        cancelled.endTime = Self.now
        cancelled.error = runError
        #expect(try await store.run(workflow: "orders", id: "run-2") == cancelled)
        let actions = Dictionary(uniqueKeysWithValues: try await store.actions(runID: "run-1").map { ($0.name, $0) })
        #expect(actions["Approve"] == plain)
        #expect(actions["Authenticated"] == withPassword)
        #expect(actions["Authenticated"]?.unsubscribeRequest?.authentication?["password"]?.stringValue == secret, "the real password, to send")
        #expect(actions["Fetch"] == http)
        #expect(actions["Token"] == secureOutputs)

        // The forms in the file: long values deflated, secrets sealed, the plain unsubscribe recorded once.
        #expect(try await form(store, "SELECT trigger_outputs AS v FROM run WHERE id = 'run-1'") == ("blob", 0x01))
        #expect(try await form(store, "SELECT sealed_trigger_outputs AS v FROM run WHERE id = 'run-2'") == ("blob", 0x02))
        #expect(try await form(store, "SELECT trigger_outputs AS v FROM run WHERE id = 'run-2'") == ("text", nil), "short: text as before")
        #expect(try await form(store, "SELECT error AS v FROM run WHERE id = 'run-2'") == ("blob", 0x01))
        #expect(try await form(store, "SELECT inputs AS v FROM action WHERE name = 'Approve'") == ("blob", 0x01))
        #expect(try await form(store, "SELECT unsubscribe_request AS v FROM action WHERE name = 'Approve'") == ("blob", 0x03))
        #expect(try await form(store, "SELECT unsubscribe_request AS v FROM action WHERE name = 'Authenticated'") == ("blob", 0x02),
                "recorded masked, so sealed beside")
        #expect(try await form(store, "SELECT outputs AS v FROM action WHERE name = 'Fetch'") == ("blob", 0x01))
        #expect(try await form(store, "SELECT error AS v FROM action WHERE name = 'Fetch'") == ("blob", 0x01))
        #expect(try await form(store, "SELECT sealed_outputs AS v FROM action WHERE name = 'Token'") == ("blob", 0x02))
        #expect(try await form(store, "SELECT outputs AS v FROM action WHERE name = 'Token'") == ("text", nil))

        try await store.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("hookflow.sqlite") {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(name) holds the secret in clear")
        }
        let deflated = try await store.pool.read { db in try PackedText.deflatedTexts(in: db) }
        #expect(deflated.count == 6, "trigger outputs, a run error, inputs of both webhook actions, outputs and error of Fetch")
        #expect(!deflated.contains { $0.contains(secret) }, "a deflated value holds the secret")
        await store.close()
    }

    /// The owed unsubscribe survives: cancelling the run queues it from the recorded inputs (for
    /// a request kept once) or the sealed copy, and reopening the file reads it back the same.
    @Test(arguments: StoreKind.allCases)
    func anUnsubscribeRecordedOnceIsStillOwedAndSent(kind: StoreKind) async throws {
        let place = try await TestStorePlace.make(kind)
        let plain = Self.webhookAction(runID: "run-1")
        let withPassword = Self.webhookAction(runID: "run-1", name: "Authenticated", password: "s3cret")
        do {
            let store = try await place.open()
            try await store.commit([
                .insertRun(StoredRun(id: "run-1", workflowName: "orders", workflowVersion: 1, triggerName: "manual", status: .waiting,
                                     startTime: Self.now, triggerOutputs: Self.triggerOutputs)),
                .putAction(plain), .putAction(withPassword),
            ])
            await store.close()
        }
        let store = try await place.open()
        #expect(try await store.actions(runID: "run-1").map(\.unsubscribeRequest) == [plain.unsubscribeRequest, withPassword.unsubscribeRequest])
        try await store.commit([.closeOpenActions(runID: "run-1", workflowName: "orders", status: .cancelled, code: "Cancelled", at: Self.now)])
        let owed = try await store.claimDueOutbox(now: Self.now, limit: 10, lease: 60, skipping: [])
        #expect(owed.map(\.subscriptionID) == ["sub-Approve", "sub-Authenticated"])
        #expect(owed.map(\.request) == [plain.unsubscribeRequest, withPassword.unsubscribeRequest].compactMap { $0 })
        #expect(try await form(store, "SELECT request AS v FROM outbox LIMIT 1") == ("blob", 0x02), "an owed request is sealed")
        await store.close()
        await place.remove()
    }

    @Test(arguments: StoreKind.allCases)
    func subscriptionAndOutboxRequestsReadBack(kind: StoreKind) async throws {
        let place = try await TestStorePlace.make(kind)
        let store = try await place.open()
        let request = Self.unsubscribe(callbackURL: Self.callbackURL, trackingID: "s1", password: "pw")
        let subscription = StoredSubscription(id: "s1", workflowName: "orders", triggerName: "Webhook", workflowVersion: 1, status: .subscribed,
                                              fingerprint: "f", callbackURL: Self.callbackURL, unsubscribeRequest: request, mayExistRemotely: true,
                                              createdAt: Self.now, updatedAt: Self.now)
        let entry = OutboxEntry(id: 1, kind: .unsubscribe, subscriptionID: "s1", workflowName: "orders", operationName: "Webhook", request: request,
                                nextAttemptAt: Self.now, createdAt: Self.now)
        try await store.commit([.putSubscription(subscription), .enqueue(entry)])
        #expect(try await store.subscription(id: "s1") == subscription)
        #expect(try await store.outbox(subscriptionID: "s1") == [entry])
        #expect(try await form(store, "SELECT unsubscribe_request AS v FROM subscription") == ("blob", 0x02))
        await store.close()
        await place.remove()
    }

    /// A reference to recorded inputs the row does not hold is damage, named like any other.
    @Test func aReferenceWithoutRecordedInputsIsAClearError() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        try await store.commit([.putAction(Self.webhookAction(runID: "run-1"))])
        try await store.pool.write { db in try db.execute(sql: "UPDATE action SET inputs = NULL") }
        let error = await #expect(throws: StoreError.self) { try await store.actions(runID: "run-1") }
        #expect(error?.description.contains(#"table action, column unsubscribe_request, row run_id "run-1", name "Approve" holds a reference to a recorded value the row does not hold"#) == true,
                "\(error?.description ?? "")")
        await store.close()
    }
}
