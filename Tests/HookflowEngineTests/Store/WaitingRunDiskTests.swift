import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// SPEC §6: a waiting run costs at most 1.5 KB of disk. Measured as the benchmark does (a run the
/// engine itself left waiting in an HTTP Webhook action, its rows copied through the store API),
/// on 2,000 copies: the file's growth per copy, so that a change to what a waiting run records,
/// or to how the store keeps it, cannot raise it past the figure unnoticed.
struct WaitingRunDiskTests {
    static let copies = 2_000
    static let bound = 1_536

    /// The benchmark's callback body (Benchmarks/wrk/post-json.lua, 298 bytes).
    static let body: JSONValue = [
        "order": ["id": 1234, "lines": [["sku": "A-1", "qty": 2], ["sku": "B-7", "qty": 1]], "customer": "Ada Lovelace",
                  "total": ["amount": "42.50", "currency": "EUR"]],
        "event": "order.created", "note": "benchmark payload of about three hundred bytes, shaped like a real webhook callback", "attempt": 1,
    ]

    /// The database file's size once its log is copied in (what the data folder keeps).
    static func fileBytes(_ folder: URL) throws -> Int {
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("hookflow.sqlite").path)
        defer { try? queue.close() }
        try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        return try queue.read { db in
            (try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0) * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 0)
        }
    }

    @Test func aWaitingRunCostsAtMostOnePointFiveKilobytes() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: EngineHarness.manual([
                "Wait_for_callback": ["type": "HttpWebhook", "runAfter": [:], "inputs": [
                    "subscribe": ["method": "POST", "uri": .string(harness.fake.url("/subscribe")), "body": ["callback": "@{listCallbackUrl()}"]],
                    "unsubscribe": ["method": "POST", "uri": .string(harness.fake.url("/unsubscribe"))],
                ]],
            ]), state: nil)
            let url = try await harness.engine.callbackURL(workflow: "orders", trigger: "manual")
            let callback = EngineHarness.callback(to: url, body: Self.body, headers: [("Host", "127.0.0.1:47331"), ("Content-Length", "298")])
            let template = try await harness.engine.acceptTriggerCallback(workflow: "orders", trigger: "manual", request: callback)
            try await harness.waitForRun("orders", template.id, .waiting)
            await harness.engine.shutdown()

            let before = try Self.fileBytes(harness.folder)
            let store = try SQLiteStore(folder: harness.folder)
            let run = try #require(try await store.run(workflow: "orders", id: template.id))
            let actions = try await store.actions(runID: template.id)
            #expect(actions.map(\.status) == [.waiting])
            var batch: [StoreMutation] = []
            for index in 0..<Self.copies {
                var copy = run
                copy.id = "\(template.id.prefix(10))\(String(index + 1_000_000_000_000_000))"
                copy.sequence = nil
                batch.append(.insertRun(copy))
                for action in actions {
                    var copied = action
                    copied.runID = copy.id
                    copied.subscriptionID = UUID().uuidString.lowercased()
                    batch.append(.putAction(copied))
                }
            }
            try await store.commit(batch)
            await store.close()

            let perRun = (try Self.fileBytes(harness.folder) - before) / Self.copies
            #expect(perRun <= Self.bound, "\(perRun) bytes of disk per waiting run (SPEC §6: ≤ \(Self.bound))")
        }
    }
}
