import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// The SQLite store: durability settings, migrations, and what survives reopening.
struct SQLiteStoreTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-store-\(UUID().uuidString)")
    }

    @Test func usesWALAndSynchronousFull() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        #expect(try store.synchronousSetting() == 2, "2 is FULL; GRDB's pool default would be 1 (NORMAL)")
        #expect(try store.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("hookflow.sqlite").path))
    }

    @Test func migrationsAreRecorded() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let applied = try store.pool.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v1: workflows, versions, subscriptions, outbox, runs"))
        #expect(try store.pool.read { db in try SQLiteSchema.migrator.hasCompletedMigrations(db) })
    }

    @Test func everySaveAddsAVersionAndEverythingSurvivesReopening() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let store = try SQLiteStore(folder: folder)
            for version in 1...3 {
                let workflow = StoredWorkflow(name: "app", state: .enabled, version: version, definitionText: #"{"v":\#(version)}"#, kind: "Stateful",
                                              accessKey: Data([1, 2, 3]), accessKeyVersion: 1, createdAt: now, changedAt: now)
                try await store.commit([.putWorkflow(workflow, addVersion: true)])
            }
            let request = OutboundRequest(method: "POST", uri: "https://svc.example/u", headers: [("x-ms-client-tracking-id", "s1")])
            try await store.commit([
                .putSubscription(StoredSubscription(id: "s1", workflowName: "app", triggerName: "T", workflowVersion: 3, status: .unsubscribing,
                                                    fingerprint: "f", callbackURL: "u", unsubscribeRequest: request, mayExistRemotely: true,
                                                    createdAt: now, updatedAt: now)),
                .enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: "s1", workflowName: "app", operationName: "T", request: request,
                                     nextAttemptAt: now, createdAt: now)),
            ])
        }
        let reopened = try SQLiteStore(folder: folder)
        #expect(try await reopened.workflow(named: "app")?.version == 3)
        #expect(try await reopened.definitionText(workflow: "app", version: 1) == #"{"v":1}"#)
        #expect(try await reopened.definitionText(workflow: "app", version: 2) == #"{"v":2}"#)
        #expect(try await reopened.subscription(id: "s1")?.unsubscribeRequest?.header("x-ms-client-tracking-id") == "s1")
        let claimed = try await reopened.claimDueOutbox(now: now.addingTimeInterval(1), limit: 10, lease: 60, skipping: [])
        #expect(claimed.map(\.subscriptionID) == ["s1"])
        // One process owns a SQLite file: the engine claims in memory, the store writes no lease.
        #expect(try await reopened.claimDueOutbox(now: now.addingTimeInterval(2), limit: 10, lease: 60, skipping: []).count == 1)
        #expect(reopened.writeStatistics.commits == 0, "looking at the outbox writes nothing")
    }

    /// Waiting webhook actions whose callback URL was made on another base than the engine's:
    /// those on a base sorting before it and after it, not those on it or no longer waiting.
    @Test func waitingActionsOnAnotherBase() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        var mutations: [StoreMutation] = []
        for (index, (base, status)) in [("http://a:1", ActionStatus.waiting), ("http://b:1", .waiting), ("http://c:1", .waiting), ("http://a:1", .succeeded)]
            .enumerated() {
            mutations.append(.insertRun(StoredRun(id: "run-\(index)", workflowName: "app", workflowVersion: 1, triggerName: "T", status: .waiting,
                                                  startTime: now, triggerOutputs: [:])))
            mutations.append(.putAction(StoredAction(runID: "run-\(index)", name: "Approve", type: "HttpWebhook", status: status, startTime: now,
                                                     callbackBase: base)))
        }
        try await store.commit(mutations)
        let moved = try await store.waitingActions(onBaseOtherThan: "http://b:1", limit: 10)
        #expect(moved == [WaitingAction(runID: "run-0", action: "Approve", workflow: "app"), WaitingAction(runID: "run-2", action: "Approve", workflow: "app")])
        #expect(try await store.waitingActions(onBaseOtherThan: "http://b:1", limit: 1).count == 1)
        await store.close()
    }

    /// A failed commit writes nothing: the batch is one transaction.
    @Test func aBatchIsAllOrNothing() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let now = Date()
        let workflow = StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil, accessKey: Data([1]),
                                      accessKeyVersion: 1, createdAt: now, changedAt: now)
        await #expect(throws: (any Error).self) {
            // The second insert of the same version violates the primary key.
            try await store.commit([.putWorkflow(workflow, addVersion: true), .putWorkflow(workflow, addVersion: true)])
        }
        #expect(try await store.workflow(named: "app") == nil)
    }

    /// Concurrent commits share transactions; a failing one rolls back alone.
    @Test func groupCommitIsolatesAFailingWrite() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let now = Date()
        let workflow = StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil, accessKey: Data([1]),
                                      accessKeyVersion: 1, createdAt: now, changedAt: now)
        try await store.commit([.putWorkflow(workflow, addVersion: true)])
        let results = await withTaskGroup(of: Bool.self) { group in
            for index in 0..<200 {
                group.addTask {
                    let run = StoredRun(id: "run-\(index)", workflowName: "app", workflowVersion: 1, triggerName: "T", status: .running,
                                        startTime: now, triggerOutputs: ["i": .int(index)])
                    // Write 100 repeats the version insert of the first commit: it must fail alone.
                    let mutations: [StoreMutation] = index == 100 ? [.insertRun(run), .putWorkflow(workflow, addVersion: true)] : [.insertRun(run)]
                    do { try await store.commit(mutations); return true } catch { return false }
                }
            }
            var all: [Bool] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.filter { $0 }.count == 199)
        let stored = try await store.runs(workflow: "app", status: nil, limit: 500, before: nil)
        #expect(stored.count == 199)
        #expect(!stored.contains { $0.id == "run-100" }, "the failed write left nothing behind")
    }

    @Test func aRunAndItsActionsAreReadTogether() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        try await store.commit([
            .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: now,
                                 triggerOutputs: ["body": 1])),
            .putAction(StoredAction(runID: "run-1", name: "First", type: "Compose", status: .succeeded, startTime: now, outputs: "one")),
            .putAction(StoredAction(runID: "run-1", name: "Approve", type: "HttpWebhook", status: .waiting, startTime: now.addingTimeInterval(1))),
        ])
        let both = try #require(try await store.runWithActions(workflow: "app", id: "run-1"))
        #expect(both.run == (try await store.run(workflow: "app", id: "run-1")))
        #expect(both.actions == (try await store.actions(runID: "run-1")))
        #expect(both.actions.map(\.name) == ["First", "Approve"])
        #expect(try await store.runWithActions(workflow: "other", id: "run-1") == nil, "a run is read through its own app only")
        #expect(try await store.runWithActions(workflow: "app", id: "run-2") == nil)
        await store.close()
    }
}
