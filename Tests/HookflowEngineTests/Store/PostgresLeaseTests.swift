import Foundation
import HookflowTestSupport
import Testing
@testable import HookflowEngine
import HookflowModel

/// Leases on PostgreSQL beyond the outbox's (issue 14, point 2): timers, Recurrence ticks and
/// subscribe retries go to one node at a time and to another once the lease runs out; an outbox
/// entry's outcome is written only under the claim it was sent under (fencing); a run taken over
/// from a node that stopped is counted, so a run that stops node after node can be failed.
@Suite struct PostgresLeaseTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// Two nodes of one database, opened from the same folder (the same sealing key).
    private func twoNodes(runLease: TimeInterval = 30) async throws -> (TestStorePlace, PostgresStore, PostgresStore) {
        let place = try await TestStorePlace.make(.postgres)
        _ = try DataFolder.secure(place.folder)
        let database = try #require(place.database)
        let one = try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(place.folder), connections: 2, runLease: runLease)
        let two = try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(place.folder), connections: 2, runLease: runLease)
        return (place, one, two)
    }

    private static let app = StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil, accessKey: Data([1]),
                                            accessKeyVersion: 1, createdAt: now, changedAt: now)

    @Test func aDueTimerGoesToOneNodeAndToAnotherOnlyOnceItsLeaseRanOut() async throws {
        let (place, one, two) = try await twoNodes()
        try await one.commit([
            .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .waiting, startTime: Self.now,
                                 triggerOutputs: [:])),
        ] + (0..<40).map { index in
            .putTimer(StoredTimer(kind: .wait, workflowName: "app", runID: "run-1", actionName: "Delay\(index)", dueAt: Self.now.addingTimeInterval(Double(index))))
        })
        let at = Self.now.addingTimeInterval(100)
        async let fromOne = one.claimDueTimers(now: at, limit: 15, lease: 30)
        async let fromTwo = two.claimDueTimers(now: at, limit: 15, lease: 30)
        let (a, b) = try await (fromOne, fromTwo)
        #expect(Set(a.compactMap(\.id)).isDisjoint(with: b.compactMap(\.id)), "a timer was claimed by both nodes")
        #expect(a.count + b.count == 30)
        #expect(a.map(\.dueAt) == a.map(\.dueAt).sorted(), "earliest first")
        let rest = try await one.claimDueTimers(now: at, limit: 100, lease: 30)
        #expect(rest.count == 10, "the rest, and none of those leased")
        #expect(try await two.claimDueTimers(now: at.addingTimeInterval(10), limit: 100, lease: 30).isEmpty, "leased for 30 s")
        // The node that held them stopped: after the lease the other node takes them.
        let taken = try await two.claimDueTimers(now: at.addingTimeInterval(31), limit: 100, lease: 30)
        #expect(taken.count == 40)
        // Due again (for this node) when the lease runs out, not at once: no look every 20 ms meanwhile.
        #expect(try await one.nextDueTime(after: at.addingTimeInterval(32)) == at.addingTimeInterval(61))
        try await two.commit([.deleteTimers(runID: "run-1", actionName: nil)])
        #expect(try await one.claimDueTimers(now: at.addingTimeInterval(100), limit: 100, lease: 30).isEmpty, "a fired timer is gone")
        await one.close()
        await two.close()
        await place.remove()
    }

    @Test func aRecurrenceTickGoesToOneNodeUntilItsNextTickIsWritten() async throws {
        let (place, one, two) = try await twoNodes()
        let tick = StoredRecurrence(workflowName: "app", triggerName: "Tick", fingerprint: "f", anchor: Self.now, nextAt: Self.now)
        try await one.commit([.putWorkflow(Self.app, addVersion: true), .putRecurrence(tick)])
        async let fromOne = one.claimDueRecurrences(now: Self.now, limit: 10, lease: 60)
        async let fromTwo = two.claimDueRecurrences(now: Self.now, limit: 10, lease: 60)
        let (a, b) = try await (fromOne, fromTwo)
        #expect(a.count + b.count == 1, "one node has the tick")
        let holder = a.isEmpty ? two : one
        let other = a.isEmpty ? one : two
        #expect(try await other.claimDueRecurrences(now: Self.now.addingTimeInterval(5), limit: 10, lease: 60).isEmpty)
        // The holder starts the tick's run and writes the next tick: that one is free for any node when due.
        var next = tick
        next.nextAt = Self.now.addingTimeInterval(10)
        #expect(try await holder.commit([.putRecurrence(next)], if: [.recurrence(workflow: "app", trigger: "Tick", nextAt: Self.now)]))
        #expect(try await other.claimDueRecurrences(now: Self.now.addingTimeInterval(10), limit: 10, lease: 60).map(\.nextAt) == [next.nextAt])
        await one.close()
        await two.close()
        await place.remove()
    }

    @Test func aSubscribeRetryGoesToOneNodeAndItsOutcomeReleasesIt() async throws {
        let (place, one, two) = try await twoNodes()
        var subscription = StoredSubscription(id: "sub-1", workflowName: "app", triggerName: "Hook", workflowVersion: 1, status: .subscribeFailed,
                                              fingerprint: "f", callbackURL: "u", unsubscribeRequest: nil, mayExistRemotely: false, attempts: 1,
                                              nextAttemptAt: Self.now, createdAt: Self.now, updatedAt: Self.now)
        try await one.commit([.putWorkflow(Self.app, addVersion: true), .putSubscription(subscription)])
        #expect(try await one.dueSubscribes(now: Self.now).map(\.id) == ["sub-1"], "a read claims nothing")
        async let fromOne = one.claimDueSubscribes(now: Self.now, lease: 60)
        async let fromTwo = two.claimDueSubscribes(now: Self.now, lease: 60)
        let (a, b) = try await (fromOne, fromTwo)
        #expect(a.count + b.count == 1, "one node makes the attempt")
        let other = a.isEmpty ? one : two
        #expect(try await other.claimDueSubscribes(now: Self.now.addingTimeInterval(59), lease: 60).isEmpty)
        // The attempt failed again: its outcome, with the next time, frees it for whichever node looks then.
        subscription.attempts = 2
        subscription.nextAttemptAt = Self.now.addingTimeInterval(20)
        try await one.commit([.putSubscription(subscription)])
        #expect(try await other.claimDueSubscribes(now: Self.now.addingTimeInterval(20), lease: 60).map(\.attempts) == [2])
        await one.close()
        await two.close()
        await place.remove()
    }

    @Test func anOutboxOutcomeIsWrittenOnlyUnderTheClaimItWasSentUnder() async throws {
        let (place, one, two) = try await twoNodes()
        let request = OutboundRequest(method: "POST", uri: "https://svc.example/u")
        try await one.commit([.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: "s1", workflowName: "app", operationName: "T", request: request,
                                                   nextAttemptAt: Self.now, createdAt: Self.now))])
        let stalled = try #require(try await one.claimDueOutbox(now: Self.now, limit: 10, lease: 30, skipping: []).first)
        #expect(stalled.leaseGeneration != nil)
        // Node one stalls past its lease; node two takes the entry over and records a failed attempt.
        var taken = try #require(try await two.claimDueOutbox(now: Self.now.addingTimeInterval(31), limit: 10, lease: 30, skipping: []).first)
        #expect(taken.leaseGeneration != stalled.leaseGeneration)
        taken.attempts = 1
        taken.nextAttemptAt = Self.now.addingTimeInterval(90)
        try await two.commit([.updateOutbox(taken)])
        // Node one comes back with its outcome: refused, node two's record stands.
        var late = stalled
        late.attempts = 7
        late.nextAttemptAt = Self.now
        try await one.commit([.updateOutbox(late)])
        let stored = try #require(try await one.outbox(subscriptionID: "s1").first)
        #expect(stored.attempts == 1)
        #expect(stored.nextAttemptAt == Self.now.addingTimeInterval(90))
        await one.close()
        await two.close()
        await place.remove()
    }

    @Test func aRunTakenOverIsCountedAndItsCountGoesBackOnceItSettles() async throws {
        let (place, one, two) = try await twoNodes(runLease: 3)
        try await one.commit([
            .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .running, startTime: Self.now,
                                 triggerOutputs: [:])),
        ])
        #expect(try await two.runsToResume(limit: 10).isEmpty, "node one holds its new run")
        // Node one stops renewing (closed: as if it died); node two takes the run over once the lease ran out.
        await one.close()
        var taken: [StoredRun] = []
        try await eventually(timeout: 20, "the run taken over") {
            taken += try await two.runsToResume(limit: 10)
            return !taken.isEmpty
        }
        #expect(taken.map(\.recoveries) == [1])
        // A third node takes it from node two in turn (node two stopped too): counted again.
        await two.close()
        let database = try #require(place.database)
        let three = try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(place.folder), connections: 2, runLease: 3)
        taken = []
        try await eventually(timeout: 20, "the run taken over again") {
            taken += try await three.runsToResume(limit: 10)
            return !taken.isEmpty
        }
        #expect(taken.map(\.recoveries) == [2])
        // Settled (waiting, finished): counted from 0 again.
        #expect(try await three.commit([.setRunStatus(id: "run-1", status: .waiting, endTime: nil, error: nil)], if: [.run(id: "run-1", in: [.running])]))
        #expect(try await three.run(workflow: "app", id: "run-1")?.recoveries == 0)
        await three.close()
        await place.remove()
    }

    @Test func aRunningActionsCallBelongsToItsLiveNodeAndIsAdoptedOnceWhenItStops() async throws {
        let (place, one, two) = try await twoNodes()
        try await one.commit([
            .insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .running, startTime: Self.now,
                                 triggerOutputs: [:])),
            .putAction(StoredAction(runID: "run-1", name: "Approve", type: "HttpWebhook", status: .running, startTime: Self.now)),
            .putAction(StoredAction(runID: "run-1", name: "Before", type: "Compose", status: .succeeded, startTime: Self.now)),
        ])
        // Node one writes it Running: node one makes its subscribe; node two, loading the run, must not.
        #expect(try await two.actions(runID: "run-1").filter(\.effectElsewhere).map(\.name) == ["Approve"])
        #expect(try await one.actions(runID: "run-1").filter(\.effectElsewhere).isEmpty)
        #expect(try await two.claimOrphanedEffects(limit: 10).isEmpty, "its node is alive")
        // Node one stops: one other node adopts the call, once.
        await one.close()
        let adopted = try await two.claimOrphanedEffects(limit: 10)
        #expect(adopted.map(\.key) == ["Approve"])
        #expect(adopted.map(\.workflow) == ["app"])
        #expect(try await two.claimOrphanedEffects(limit: 10).isEmpty, "adopted once")
        #expect(try await two.actions(runID: "run-1").filter(\.effectElsewhere).isEmpty, "node two makes it now")
        await two.close()
        await place.remove()
    }
}
