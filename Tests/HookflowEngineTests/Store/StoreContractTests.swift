import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel

/// What every store must do, run against each kind (``StoreKind``): the SQLite file and
/// PostgreSQL. A store-specific detail (the SQLite file's pragmas, PostgreSQL's leases) is in
/// that store's own tests; where the contract lets the kinds differ, the case says how.
@Suite struct StoreContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test(arguments: StoreKind.allCases)
    func everySaveAddsAVersionAndEverythingSurvivesReopening(kind: StoreKind) async throws {
        let place = try await TestStorePlace.make(kind)
        do {
            let store = try await place.open()
            for version in 1...3 {
                let workflow = StoredWorkflow(name: "app", state: .enabled, version: version, definitionText: #"{"v":\#(version)}"#, kind: "Stateful",
                                              accessKey: Data([1, 2, 3]), accessKeyVersion: 1, createdAt: Self.now, changedAt: Self.now)
                try await store.commit([.putWorkflow(workflow, addVersion: true)])
            }
            let request = OutboundRequest(method: "POST", uri: "https://svc.example/u", headers: [("x-ms-client-tracking-id", "s1")])
            try await store.commit([
                .putSubscription(StoredSubscription(id: "s1", workflowName: "app", triggerName: "T", workflowVersion: 3, status: .unsubscribing,
                                                    fingerprint: "f", callbackURL: "u", unsubscribeRequest: request, mayExistRemotely: true,
                                                    createdAt: Self.now, updatedAt: Self.now)),
                .enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: "s1", workflowName: "app", operationName: "T", request: request,
                                     nextAttemptAt: Self.now, createdAt: Self.now)),
            ])
            await store.close()
        }
        let reopened = try await place.open()
        #expect(try await reopened.workflow(named: "app")?.version == 3)
        #expect(try await reopened.workflow(named: "app")?.accessKey == Data([1, 2, 3]))
        #expect(try await reopened.definitionText(workflow: "app", version: 1) == #"{"v":1}"#)
        #expect(try await reopened.definitionText(workflow: "app", version: 2) == #"{"v":2}"#)
        #expect(try await reopened.subscription(id: "s1")?.unsubscribeRequest?.header("x-ms-client-tracking-id") == "s1")
        let claimed = try await reopened.claimDueOutbox(now: Self.now.addingTimeInterval(1), limit: 10, lease: 60, skipping: [])
        #expect(claimed.map(\.subscriptionID) == ["s1"])
        let again = try await reopened.claimDueOutbox(now: Self.now.addingTimeInterval(2), limit: 10, lease: 60, skipping: [])
        if kind.leasesInTheDatabase {
            // Several nodes share the database: the claim is a lease, not a look.
            #expect(again.isEmpty, "a leased entry is not claimed again while its lease lasts")
            let expired = try await reopened.claimDueOutbox(now: Self.now.addingTimeInterval(62), limit: 10, lease: 60, skipping: [])
            #expect(expired.map(\.subscriptionID) == ["s1"], "an expired lease is taken over")
        } else {
            // One process owns a SQLite file: the engine claims in memory, the store writes no lease.
            #expect(again.count == 1)
            #expect(reopened.writeStatistics.commits == 0, "looking at the outbox writes nothing")
        }
        await reopened.close()
        await place.remove()
    }

    /// Waiting webhook actions whose callback URL was made on another base than the engine's:
    /// those on a base sorting before it and after it, not those on it or no longer waiting.
    @Test(arguments: StoreKind.allCases)
    func waitingActionsOnAnotherBase(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            var mutations: [StoreMutation] = []
            for (index, (base, status)) in [("http://a:1", ActionStatus.waiting), ("http://b:1", .waiting), ("http://c:1", .waiting), ("http://a:1", .succeeded)]
                .enumerated() {
                mutations.append(.insertRun(StoredRun(id: "run-\(index)", workflowName: "app", workflowVersion: 1, triggerName: "T", status: .waiting,
                                                      startTime: Self.now, triggerOutputs: [:])))
                mutations.append(.putAction(StoredAction(runID: "run-\(index)", name: "Approve", type: "HttpWebhook", status: status, startTime: Self.now,
                                                         callbackBase: base)))
            }
            try await store.commit(mutations)
            let moved = try await store.waitingActions(onBaseOtherThan: "http://b:1", limit: 10)
            #expect(moved == [WaitingAction(runID: "run-0", action: "Approve", workflow: "app"), WaitingAction(runID: "run-2", action: "Approve", workflow: "app")])
            #expect(try await store.waitingActions(onBaseOtherThan: "http://b:1", limit: 1).count == 1)
            #expect(try await store.waitingActions(runIDs: ["run-0", "run-3", "run-9"]) == ["run-0": ["Approve"]])
        }
    }

    /// Loop iterations: one record per action and repetition, read back with it, guarded,
    /// listed as waiting by key, the waiting names once per action; a closed run owes one
    /// unsubscribe per waiting repetition, named by its key.
    @Test(arguments: StoreKind.allCases)
    func eachLoopRepetitionIsItsOwnRecord(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            let request = OutboundRequest(method: "POST", uri: "https://svc.example/u")
            var mutations: [StoreMutation] = [.insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "T",
                                                                  status: .waiting, startTime: Self.now, triggerOutputs: [:]))]
            for repetition in ["", "000000", "000001", "000001-000002"] {
                mutations.append(.putAction(StoredAction(runID: "run-1", name: "Approve", repetition: repetition, type: "HttpWebhook", status: .waiting,
                                                         startTime: Self.now, subscriptionID: "s-\(repetition)", unsubscribeRequest: request,
                                                         callbackBase: "http://old:1")))
            }
            try await store.commit(mutations)
            let actions = try await store.actions(runID: "run-1")
            #expect(Set(actions.map(\.key)) == ["Approve", "Approve#000000", "Approve#000001", "Approve#000001-000002"])
            #expect(try await store.waitingActions(runIDs: ["run-1"]) == ["run-1": ["Approve"]])
            let moved = try await store.waitingActions(onBaseOtherThan: "http://new:1", limit: 10)
            #expect(Set(moved.map(\.action)) == ["Approve", "Approve#000000", "Approve#000001", "Approve#000001-000002"])

            // The guard names one repetition: the others do not answer for it.
            var done = actions.first { $0.repetition == "000001" }!
            done.status = .succeeded
            #expect(try await store.commit([.putAction(done)], if: [.action(runID: "run-1", name: "Approve", repetition: "000001", in: [.waiting])]))
            #expect(try await !store.commit([.putAction(done)], if: [.action(runID: "run-1", name: "Approve", repetition: "000001", in: [.waiting])]))
            #expect(try await store.commit([], if: [.action(runID: "run-1", name: "Approve", repetition: "000000", in: [.waiting])]))
            #expect(try await store.actions(runID: "run-1").filter { $0.status == .waiting }.count == 3)

            try await store.commit([.closeOpenActions(runID: "run-1", workflowName: "app", status: .cancelled, code: "Cancelled", at: Self.now)])
            let owed = try await store.claimDueOutbox(now: Self.now.addingTimeInterval(1), limit: 10, lease: 60, skipping: [])
            #expect(Set(owed.map(\.operationName)) == ["Approve", "Approve#000000", "Approve#000001-000002"])
        }
    }

    /// What a published file held beside its definition is kept with the app, and replaced or
    /// dropped by the next save that says so.
    @Test(arguments: StoreKind.allCases)
    func anAppKeepsItsOtherProperties(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            var workflow = StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil, accessKey: Data([1]),
                                          accessKeyVersion: 1, createdAt: Self.now, changedAt: Self.now,
                                          propertiesText: #"{"parameters": {"$connections": {"value": {"key": "secret"}}}}"#)
            try await store.commit([.putWorkflow(workflow, addVersion: true)])
            #expect(try await store.workflow(named: "app")?.propertiesText == workflow.propertiesText)
            workflow.version = 2
            workflow.propertiesText = nil
            try await store.commit([.putWorkflow(workflow, addVersion: true)])
            #expect(try await store.workflow(named: "app")?.propertiesText == nil)
        }
    }

    /// A failed commit writes nothing: the batch is one transaction.
    @Test(arguments: StoreKind.allCases)
    func aBatchIsAllOrNothing(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            let workflow = StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil, accessKey: Data([1]),
                                          accessKeyVersion: 1, createdAt: Self.now, changedAt: Self.now)
            await #expect(throws: (any Error).self) {
                // The second insert of the same version violates the primary key.
                try await store.commit([.putWorkflow(workflow, addVersion: true), .putWorkflow(workflow, addVersion: true)])
            }
            #expect(try await store.workflow(named: "app") == nil)
        }
    }

    /// Concurrent commits share transactions; a failing one rolls back alone.
    @Test(arguments: StoreKind.allCases)
    func groupCommitIsolatesAFailingWrite(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            let workflow = StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil, accessKey: Data([1]),
                                          accessKeyVersion: 1, createdAt: Self.now, changedAt: Self.now)
            try await store.commit([.putWorkflow(workflow, addVersion: true)])
            let results = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<200 {
                    group.addTask {
                        let run = StoredRun(id: "run-\(index)", workflowName: "app", workflowVersion: 1, triggerName: "T", status: .running,
                                            startTime: Self.now, triggerOutputs: ["i": .int(index)])
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
            let page = try await store.runs(workflow: "app", status: .running, limit: 10, before: stored[9].sequence)
            #expect(page.map(\.id) == stored[10..<20].map(\.id), "paging continues after the token")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func aRunAndItsActionsAreReadTogether(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            try await store.commit([
                .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: Self.now,
                                     triggerOutputs: ["body": 1])),
                .putAction(StoredAction(runID: "run-1", name: "First", type: "Compose", status: .succeeded, startTime: Self.now, outputs: "one")),
                .putAction(StoredAction(runID: "run-1", name: "Approve", type: "HttpWebhook", status: .waiting, startTime: Self.now.addingTimeInterval(1))),
            ])
            let both = try #require(try await store.runWithActions(workflow: "app", id: "run-1"))
            #expect(both.run == (try await store.run(workflow: "app", id: "run-1")))
            #expect(both.actions == (try await store.actions(runID: "run-1")))
            #expect(both.actions.map(\.name) == ["First", "Approve"])
            #expect(try await store.runWithActions(workflow: "other", id: "run-1") == nil, "a run is read through its own app only")
            #expect(try await store.runWithActions(workflow: "app", id: "run-2") == nil)
        }
    }

    /// Compare-and-set: of many concurrent transitions of one waiting action, exactly one wins.
    @Test(arguments: StoreKind.allCases)
    func exactlyOneOfConcurrentTransitionsWins(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            try await store.commit([
                .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: Self.now,
                                     triggerOutputs: [:])),
                .putAction(StoredAction(runID: "run-1", name: "Approve", type: "HttpWebhook", status: .waiting, startTime: Self.now)),
            ])
            let wins = await withTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask {
                        let done = StoredAction(runID: "run-1", name: "Approve", type: "HttpWebhook", status: .succeeded, startTime: Self.now,
                                                outputs: .int(index))
                        return (try? await store.transitionAction(runID: "run-1", name: "Approve", from: [.waiting], mutations: [.putAction(done)])) ?? false
                    }
                }
                var count = 0
                for await won in group where won { count += 1 }
                return count
            }
            #expect(wins == 1)
            #expect(try await store.actions(runID: "run-1").first?.status == .succeeded)
            #expect(try await store.transitionRun(id: "run-1", from: [.running], mutations: [.setRunStatus(id: "run-1", status: .succeeded, endTime: Self.now, error: nil)]) == false)
            #expect(try await store.transitionRun(id: "run-1", from: [.waiting], mutations: [.setRunStatus(id: "run-1", status: .succeeded, endTime: Self.now, error: nil)]))
            #expect(try await store.run(workflow: "app", id: "run-1")?.status == .succeeded)
            #expect(try await store.commit([], if: [.run(id: "nope", in: [.running])]) == false, "a missing run holds no guard")
        }
    }

    /// Timers, Recurrence ticks, open runs and the next due time.
    @Test(arguments: StoreKind.allCases)
    func timersTicksAndDueTimes(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            try await store.commit([
                .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: Self.now,
                                     triggerOutputs: [:])),
                .putTimer(StoredTimer(kind: .wait, workflowName: "app", runID: "run-1", actionName: "Delay", dueAt: Self.now.addingTimeInterval(30))),
                .putTimer(StoredTimer(kind: .wait, workflowName: "app", runID: "run-1", actionName: "Later", dueAt: Self.now.addingTimeInterval(90))),
                .putRecurrence(StoredRecurrence(workflowName: "app", triggerName: "Tick", fingerprint: "f", anchor: Self.now,
                                                nextAt: Self.now.addingTimeInterval(60))),
            ])
            #expect(try await store.nextDueTime(after: Self.now) == Self.now.addingTimeInterval(30))
            #expect(try await store.dueTimers(now: Self.now.addingTimeInterval(31), limit: 10).map(\.actionName) == ["Delay"])
            #expect(try await store.dueRecurrences(now: Self.now.addingTimeInterval(60), limit: 10).map(\.triggerName) == ["Tick"])
            #expect(try await store.recurrences(workflow: "app").map(\.nextAt) == [Self.now.addingTimeInterval(60)])
            let tick = StoredRecurrence(workflowName: "app", triggerName: "Tick", fingerprint: "f", anchor: Self.now, nextAt: Self.now.addingTimeInterval(120))
            #expect(try await store.commit([.putRecurrence(tick)], if: [.recurrence(workflow: "app", trigger: "Tick", nextAt: Self.now.addingTimeInterval(60))]))
            #expect(try await store.commit([.putRecurrence(tick)], if: [.recurrence(workflow: "app", trigger: "Tick", nextAt: Self.now.addingTimeInterval(60))]) == false,
                    "a tick starts one run")
            try await store.commit([.deleteTimers(runID: "run-1", actionName: "Delay")])
            #expect(try await store.dueTimers(now: Self.now.addingTimeInterval(100), limit: 10).map(\.actionName) == ["Later"])
            #expect(try await store.openRuns(startedBefore: Self.now.addingTimeInterval(1), limit: 10).map(\.id) == ["run-1"])
            #expect(try await store.oldestOpenRunStart() == Self.now)
            #expect(try await store.runsToResume(limit: 10).isEmpty, "a waiting run is not resumed at start")
            try await store.commit([.deleteWorkflow("app")])
            #expect(try await store.dueTimers(now: Self.now.addingTimeInterval(100), limit: 10).isEmpty)
            #expect(try await store.run(workflow: "app", id: "run-1") == nil)
        }
    }

    /// Closing a run's open actions queues each webhook action's owed unsubscribe, once.
    @Test(arguments: StoreKind.allCases)
    func closingOpenActionsQueuesTheirUnsubscribes(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            let unsubscribe = OutboundRequest(method: "POST", uri: "https://svc.example/unsubscribe")
            try await store.commit([
                .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: Self.now,
                                     triggerOutputs: [:])),
                .putAction(StoredAction(runID: "run-1", name: "Approve", type: "HttpWebhook", status: .waiting, startTime: Self.now,
                                        subscriptionID: "sub-1", unsubscribeRequest: unsubscribe)),
                .putSubscription(StoredSubscription(id: "sub-1", workflowName: "app", triggerName: "Approve", workflowVersion: 1, status: .subscribed,
                                                    fingerprint: "f", callbackURL: "u", unsubscribeRequest: nil, mayExistRemotely: true,
                                                    createdAt: Self.now, updatedAt: Self.now)),
            ])
            #expect(try await store.commit([], if: [.noOutbox(subscriptionID: "sub-1")]))
            try await store.commit([.closeOpenActions(runID: "run-1", workflowName: "app", status: .cancelled, code: "Cancelled", at: Self.now)])
            #expect(try await store.outbox(subscriptionID: "sub-1").map(\.request) == [unsubscribe])
            #expect(try await store.commit([], if: [.noOutbox(subscriptionID: "sub-1")]) == false)
            #expect(try await store.actions(runID: "run-1").map(\.status) == [.cancelled])
            try await store.commit([.closeOpenActions(runID: "run-1", workflowName: "app", status: .cancelled, code: "Cancelled", at: Self.now)])
            #expect(try await store.outbox(subscriptionID: "sub-1").count == 1, "closed once, owed once")
            #expect(try await store.subscriptions(workflow: "app").map(\.id) == ["sub-1"])
            #expect(try await store.commit([], if: [.subscription(id: "sub-1", fingerprint: "f", in: [.subscribed])]))
            try await store.commit([.updateSubscriptionStatus(id: "sub-1", status: .unsubscribed, error: SubscriptionError(statusCode: 500, message: "no"), at: Self.now)])
            #expect(try await store.subscription(id: "sub-1")?.lastError?.statusCode == 500)
        }
    }
}
