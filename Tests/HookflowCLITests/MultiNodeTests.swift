import AsyncHTTPClient
import Foundation
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport
import NIOCore
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Several `hookflow serve` nodes on one PostgreSQL database (SPEC §3 "Several engine nodes",
/// §7; issue 14 point 5).
///
/// The storm: three nodes, 300 trigger callbacks spread over them; each run waits on a timer
/// (Wait, 1 s), then on a webhook action whose callback the fake service sends 1 s after the
/// subscribe, to a node other than the one that took the run's trigger callback and other than
/// the one that subscribed (the lease owner as the subscribe arrived). One node is SIGKILLed while
/// it holds runs in their timer, runs waiting on its subscribes and a subscribe call (the service
/// holds subscribe calls for that moment, so that run is moved on by a takeover only), and started
/// again once another node logged the takeover. Checked: every 202 has exactly one run and no two
/// callbacks share one; every run succeeded with each action once, its Wait not early; every
/// waiting action resumed by exactly one callback, through another node; a repeated subscribe
/// keeps its tracking id and callback URL and comes only from a takeover of the killed node's call
/// in flight (a live node's call is left to it); every owed unsubscribe reached the service once, under the subscription's tracking id
/// (a second copy only when the kill came right after the first, as in `CrashStormTests`); nothing
/// is left in the timer or outbox tables; a surviving node logged `took over N running run(s)`.
/// A summary line and the takeover lines are printed; `HOOKFLOW_MULTINODE_LOGS=/folder` keeps
/// every node's log.
///
/// And a plain one: webhook actions subscribed by one node resume from callbacks to the other.
@Suite(.serialized)
struct MultiNodeTests {
    // MARK: The storm

    /// What the senders, the service and the killer saw.
    final class Ledger: Sendable {
        struct Approval {
            var run: String
            var callbackURL: String
            var trackingID: String?
            var subscribedAt: Date
            /// The node holding the run's lease when each of its subscribes arrived: the one that
            /// subscribed (a second one: a node that took the run over and subscribed again).
            var subscribers: [(node: Int, at: Date)] = []
            /// The node whose trigger callback made the run (nil: not acknowledged when approved).
            var triggerNode: Int?
            /// The first subscriber was the killed process.
            var subscriberKilled = false
            /// Nodes the approval must not go to: the trigger node and the living subscribers.
            var excluded: Set<Int> = []
            /// The nodes the callback went to, in order, and what each answered.
            var targets: [Int] = []
            var statuses: [Int] = []
            var lost = 0
            var taken = false
            var done = false
        }

        struct State {
            var next = 0
            var finishedSenders = 0
            /// Callback number → the run id its 202 carried and the node that answered it.
            var acknowledged: [Int: (run: String, node: Int)] = [:]
            /// Run id → the node its trigger callback went to.
            var triggerNode: [String: Int] = [:]
            /// Attempts sent whose answer never came (the node died): the engine may have taken them.
            var ambiguous: [Int: Int] = [:]
            var refused = 0
            var unexpected: [String] = []
            /// Run id → the approval the fake service sends for it.
            var approvals: [String: Approval] = [:]
            var killedAt: Date?
            /// The service holds subscribe calls (and approves nothing) from the moment before the kill until a takeover.
            var holdingSince: Date?
            var atKill = ""
        }

        let state = Mutex(State())
        let total: Int
        init(total: Int) { self.total = total }

        var acknowledgedCount: Int { state.withLock { $0.acknowledged.count } }
        var sendersDone: Bool { state.withLock { $0.finishedSenders } == MultiNodeTests.senders }
    }

    static let senders = 12
    /// One trigger callback every 20 ms at most: the storm lasts about 6 s, so that at any moment
    /// some runs sit in their timer and some wait on their webhook.
    static let pace: TimeInterval = 0.02
    /// The fake service approves a subscription this long after it arrived.
    static let approvalDelay: TimeInterval = 1
    static let victim = 1

    static func stormDefinition(_ fake: FakeWebhookService) -> JSONValue {
        [
            "triggers": ["manual": ["type": "Request", "kind": "Http"]],
            "actions": [
                "Pause": ["type": "Wait", "runAfter": [:], "inputs": ["interval": ["count": 1, "unit": "Second"]]],
                "Approve": [
                    "type": "HttpWebhook", "runAfter": ["Pause": ["Succeeded"]],
                    "inputs": [
                        "subscribe": ["method": "POST", "uri": .string(fake.url("/subscribe")),
                                      "body": ["callbackUrl": "@{listCallbackUrl()}", "run": "@{workflow().run.name}"]],
                        "unsubscribe": ["method": "POST", "uri": .string(fake.url("/unsubscribe")), "body": ["run": "@{workflow().run.name}"]],
                    ],
                ],
                "Done": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]],
            ],
        ]
    }

    @Test func aStormOverThreeNodesOneKilledAndRestartedEveryRunOnceEveryWaitResumedFromAnotherNode() async throws {
        let total = 300
        let started = Date()
        try await TestDatabase.with { database in
            try await FakeWebhookService.with { fake in
                let folder = try TemporaryFolder()
                // 2 s run leases: a dead node's runs are taken over within the test.
                try await MultiNodeCluster.with(count: 3, database: database, folder: folder.url, environment: ["HOOKFLOW_RUN_LEASE": "2"]) { cluster in
                    try await withTeardown(try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(cluster.folders[0]), connections: 2), { store in
                        try await withTeardown(Self.makeClient(), { client in
                            try await Self.storm(total: total, cluster: cluster, fake: fake, store: store, client: client, started: started)
                        }, teardown: { try? await $0.shutdown() })
                    }, teardown: { await $0.close() })
                }
            }
        }
    }

    static func storm(total: Int, cluster: MultiNodeCluster, fake: FakeWebhookService, store: PostgresStore, client: HTTPClient, started: Date) async throws {
        let token = try String(contentsOf: cluster.folders[0].appendingPathComponent(EngineServer.managementTokenFileName), encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let engine = HTTPEngineClient(baseURL: cluster.url(0), token: token)
        _ = try await engine.saveWorkflow(name: "storm", definition: stormDefinition(fake), state: nil)
        let signed = try await engine.callbackURL(workflow: "storm", trigger: "manual")
        #expect(signed.hasPrefix(MultiNodeCluster.publicURL + "/"))
        let path = String(signed.dropFirst(MultiNodeCluster.publicURL.count))
        // Every node knows the app before the storm (the others learn of it by NOTIFY): an unsigned
        // callback gets 401 from a node that knows it (nothing recorded), 404 from one that does not.
        let unsigned = String(path.prefix { $0 != "?" })
        for node in 0..<cluster.count {
            try await eventually(timeout: 30, "node \(node + 1) knows the app") {
                (try? await CallbackPost.send(cluster.url(node) + unsigned, client: client).status) == 401
            }
        }

        let ledger = Ledger(total: total)
        let stormStart = Date()
        try await withThrowingTaskGroup(of: Void.self) { group in
            // The senders: callback n goes first to node n % 3, to the next one when refused.
            for _ in 0..<senders {
                group.addTask {
                    while true {
                        let number = ledger.state.withLock { state -> Int in defer { state.next += 1 }; return state.next }
                        if number >= total { break }
                        let due = stormStart.addingTimeInterval(Double(number) * pace)
                        if due > Date() { try await Task.sleep(nanoseconds: UInt64(due.timeIntervalSinceNow * 1e9)) }
                        var attempt = 0
                        while attempt < 200 {
                            let node = (number + attempt) % cluster.count
                            attempt += 1
                            let base = cluster.url(node)
                            if base.isEmpty { continue }
                            switch await attemptPost(base + path, body: #"{"n": \#(number)}"#, client: client) {
                            case .answered(202, let run):
                                ledger.state.withLock {
                                    $0.acknowledged[number] = (run, node)
                                    $0.triggerNode[run] = node
                                }
                            case .answered(let status, _):
                                ledger.state.withLock { $0.unexpected.append("trigger callback \(number) to node \(node + 1): HTTP \(status)") }
                                try await Task.sleep(nanoseconds: 20_000_000)
                                continue
                            case .refused:
                                ledger.state.withLock { $0.refused += 1 }
                                try await Task.sleep(nanoseconds: 10_000_000)
                                continue
                            case .lost:
                                ledger.state.withLock { $0.ambiguous[number, default: 0] += 1 }
                                try await Task.sleep(nanoseconds: 20_000_000)
                                continue
                            }
                            break
                        }
                    }
                    ledger.state.withLock { $0.finishedSenders += 1 }
                }
            }

            // The killer. Once a third is acknowledged and the victim holds runs waiting on webhooks
            // it subscribed while timers are pending, the service stops answering subscribe calls
            // until the victim sent one (its run stays Running, held by nobody once it is dead: a
            // takeover, not a callback or a timer, moves it on); then SIGKILL. The service answers
            // again once another node logged the takeover, and the victim starts again.
            group.addTask {
                try await eventually(timeout: 60, "a third acknowledged, node \(victim + 1) with runs waiting on its subscribes, timers pending") {
                    guard ledger.acknowledgedCount >= total / 3 else { return false }
                    let waiting = ledger.state.withLock { state in state.approvals.values.filter { !$0.done && $0.subscribers.first?.node == victim }.count }
                    guard waiting > 0 else { return false }
                    return try await !store.rows("SELECT id FROM timer").isEmpty
                }
                let holding = Date()
                fake.hold("/subscribe")
                ledger.state.withLock { $0.holdingSince = holding }
                try await eventually(timeout: 30, "node \(victim + 1) sent a subscribe call") {
                    ledger.state.withLock { state in state.approvals.values.contains { $0.subscribers.contains { $0.node == victim && $0.at >= holding } } }
                }
                let running = try await leases(store).filter { $0.status == "Running" && cluster.node(ofLeaseOwner: $0.owner ?? "")?.node == victim }.count
                let timers = try await store.rows("SELECT id FROM timer").count
                ledger.state.withLock { state in
                    let waiting = state.approvals.values.filter { !$0.done && $0.subscribers.first?.node == victim && $0.subscribedAt < holding }.count
                    let calling = state.approvals.values.filter { $0.subscribers.first?.node == victim && $0.subscribedAt >= holding }.count
                    state.atKill = "\(state.acknowledged.count) acknowledged; node \(victim + 1) held \(running) running run(s) (\(calling) in a subscribe call), "
                        + "\(waiting) waiting on its subscribes; \(timers) timer(s) pending"
                }
                await cluster.kill(victim)
                ledger.state.withLock { $0.killedAt = Date() }
                try await eventually(timeout: 60, "another node took over node \(victim + 1)'s runs") {
                    (0..<cluster.count).contains { $0 != victim && !cluster.lines($0, containing: "took over").isEmpty }
                }
                fake.release("/subscribe")
                ledger.state.withLock { $0.holdingSince = nil }
                try await cluster.restart(victim)
            }

            // The service: approves each subscription a moment after it arrived, through a node
            // other than the run's trigger node and its subscribers. Runs until cancelled.
            let service = Task {
                await approveSubscriptions(ledger: ledger, cluster: cluster, fake: fake, store: store, client: client)
            }
            try await withTeardown(service, { _ in
                do {
                    try await group.waitForAll()
                    try await eventually(timeout: 120, "every run succeeded, nothing left in the timer and outbox tables") {
                        let runs = try await store.runs(workflow: "storm", status: nil, limit: 10_000, before: nil)
                        let timers = try await store.rows("SELECT id FROM timer").count
                        let owed = try await store.rows("SELECT id FROM outbox").count
                        return runs.count >= ledger.acknowledgedCount && runs.allSatisfy { $0.status == .succeeded } && timers == 0 && owed == 0
                    }
                } catch {
                    try? await describeStuck(ledger: ledger, cluster: cluster, fake: fake, store: store)
                    throw error
                }
            }, teardown: { service in
                fake.release("/subscribe")
                service.cancel()
                _ = await service.result
            })
        }
        let seconds = Date().timeIntervalSince(started)
        try await check(ledger: ledger, cluster: cluster, fake: fake, store: store, seconds: seconds)
    }

    /// The fake service's side: every subscription is approved `approvalDelay` after it arrived,
    /// by a callback to a node that neither took the run's trigger callback nor subscribed.
    static func approveSubscriptions(ledger: Ledger, cluster: MultiNodeCluster, fake: FakeWebhookService, store: PostgresStore,
                                     client: HTTPClient) async {
        await withTaskGroup(of: Void.self) { group in
            var seen = 0
            while !Task.isCancelled {
                let subscribes = fake.requests(to: "/subscribe")
                if subscribes.count > seen, let owners = try? await leases(store) {
                    // Who holds each run's lease now: the node that just subscribed it.
                    for request in subscribes[seen...] {
                        guard let run = request.json?["run"]?.stringValue, let callback = request.json?["callbackUrl"]?.stringValue else {
                            ledger.state.withLock { $0.unexpected.append("a subscribe without run or callbackUrl: \(request.text)") }
                            continue
                        }
                        let owner = owners.first { $0.id == run }?.owner.flatMap { cluster.node(ofLeaseOwner: $0) }
                        ledger.state.withLock { state in
                            var approval = state.approvals[run]
                                ?? Ledger.Approval(run: run, callbackURL: callback, trackingID: request.header("x-ms-client-tracking-id"), subscribedAt: request.receivedAt)
                            if let owner { approval.subscribers.append((owner.node, request.receivedAt)) }
                            state.approvals[run] = approval
                        }
                    }
                    seen = subscribes.count
                }
                // Due: a moment old, the service not stuck, the trigger node known (or the senders done: a run nobody acknowledged).
                let due = ledger.state.withLock { state -> [Ledger.Approval] in
                    guard state.holdingSince == nil else { return [] }
                    var due: [Ledger.Approval] = []
                    for (run, approval) in state.approvals where !approval.taken && Date().timeIntervalSince(approval.subscribedAt) >= approvalDelay
                        && (state.triggerNode[run] != nil || state.finishedSenders == senders) {
                        var approval = approval
                        approval.taken = true
                        approval.triggerNode = state.triggerNode[run]
                        approval.excluded = Set([approval.triggerNode].compactMap { $0 })
                        let killedAt = state.killedAt
                        func killed(_ subscriber: (node: Int, at: Date)) -> Bool { subscriber.node == victim && killedAt.map { subscriber.at < $0 } == true }
                        for subscriber in approval.subscribers where !killed(subscriber) { approval.excluded.insert(subscriber.node) }
                        approval.subscriberKilled = approval.subscribers.first.map(killed) ?? false
                        state.approvals[run] = approval
                        due.append(approval)
                    }
                    return due
                }
                for approval in due {
                    group.addTask { await approve(approval, ledger: ledger, cluster: cluster, client: client) }
                }
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
            group.cancelAll()
        }
    }

    /// Sends one approval, to the next allowed node when refused, again when cut off, until a node answers it.
    static func approve(_ approval: Ledger.Approval, ledger: Ledger, cluster: MultiNodeCluster, client: HTTPClient) async {
        var candidates = (0..<cluster.count).filter { !approval.excluded.contains($0) }
        if candidates.isEmpty {
            ledger.state.withLock { $0.unexpected.append("run \(approval.run): no node left to approve through (excluded \(approval.excluded))") }
            candidates = Array(0..<cluster.count)
        }
        var targets: [Int] = []
        var statuses: [Int] = []
        var lost = 0
        let deadline = Date().addingTimeInterval(60)
        var attempt = 0
        defer {
            ledger.state.withLock { state in
                state.approvals[approval.run]?.targets = targets
                state.approvals[approval.run]?.statuses = statuses
                state.approvals[approval.run]?.lost = lost
                state.approvals[approval.run]?.done = true
            }
        }
        while Date() < deadline, !Task.isCancelled {
            let node = candidates[attempt % candidates.count]
            attempt += 1
            let base = cluster.url(node)
            if base.isEmpty {
                try? await Task.sleep(nanoseconds: 20_000_000)
                continue
            }
            let url = approval.callbackURL.replacingOccurrences(of: MultiNodeCluster.publicURL, with: base)
            switch await attemptPost(url, body: #"{"approved": "\#(approval.run)"}"#, client: client) {
            case .answered(let status, _):
                targets.append(node)
                statuses.append(status)
                // 200: resumed. 409 after a lost attempt: that attempt had resumed it. Anything else is recorded and tried again.
                if status == 200 || status == 409 { return }
                try? await Task.sleep(nanoseconds: 50_000_000)
            case .refused:
                try? await Task.sleep(nanoseconds: 20_000_000)
            case .lost:
                targets.append(node)
                lost += 1
                try? await Task.sleep(nanoseconds: 20_000_000)
            }
        }
    }

    /// What a storm that did not settle left: runs by status (with their actions), timers, outbox
    /// entries, approvals not done, and the nodes' logs when `HOOKFLOW_MULTINODE_LOGS` names a folder.
    static func describeStuck(ledger: Ledger, cluster: MultiNodeCluster, fake: FakeWebhookService, store: PostgresStore) async throws {
        let runs = try await store.runs(workflow: "storm", status: nil, limit: 10_000, before: nil)
        let open = runs.filter { $0.status != .succeeded }
        print("storm did not settle: \(runs.count) runs, \(Dictionary(grouping: runs, by: \.status.rawValue).mapValues(\.count)); "
              + "\(try await store.rows("SELECT id FROM timer").count) timer(s), \(try await store.rows("SELECT id FROM outbox").count) outbox entries")
        // A Wait still Running with no timer row for its run: its timer was deleted without ending it.
        let timerRuns = try await store.rows("SELECT run_id FROM timer").map { try store.stored($0, "timer", key: "run_id").value("run_id", as: String.self) }
        var lostTimers: [String] = []
        for run in open where !timerRuns.contains(run.id) {
            if try await store.actions(runID: run.id).contains(where: { $0.name == "Pause" && $0.status == .running }) { lostTimers.append(run.id) }
        }
        if !lostTimers.isEmpty {
            Issue.record("\(lostTimers.count) run(s) wait forever: their Wait is Running and no timer row is left for it, e.g. \(lostTimers.prefix(3))")
        }
        let seen = ledger.state.withLock { $0 }
        let samples = Dictionary(grouping: open, by: \.status.rawValue).values.flatMap { $0.prefix(3) }
        for run in samples {
            let actions = try await store.actions(runID: run.id).map { "\($0.name) \($0.status.rawValue) at +\(String(format: "%.2f", $0.startTime.timeIntervalSince(run.startTime)))" }
            let approval = seen.approvals[run.id]
            let owner = try await leases(store).first { $0.id == run.id }?.owner
            let ownerNode = owner.flatMap { cluster.node(ofLeaseOwner: $0) }.map { "node \($0.node + 1)\($0.current ? "" : ", a process gone")" } ?? "?"
            print("  \(run.id) \(run.status.rawValue) since +0 at \(run.startTime) (lease \(owner ?? "none"): \(ownerNode)): \(actions); trigger node \(seen.triggerNode[run.id].map { $0 + 1 } ?? 0), "
                  + "subscribes \(fake.requests(to: "/subscribe").filter { $0.json?["run"]?.stringValue == run.id }.count), "
                  + "approval \(approval.map { "to \($0.targets.map { $0 + 1 }) got \($0.statuses), \($0.lost) lost, done \($0.done)" } ?? "none")")
        }
        if let folder = ProcessInfo.processInfo.environment["HOOKFLOW_MULTINODE_LOGS"] {
            try cluster.saveLogs(to: URL(fileURLWithPath: folder))
            print("  node logs in \(folder)")
        }
    }

    /// Every run's status and lease owner.
    static func leases(_ store: PostgresStore) async throws -> [(id: String, status: String, owner: String?)] {
        try await store.rows("SELECT id, status, lease_owner FROM run").map { row in
            let stored = try store.stored(row, "run", key: "id")
            return (try stored.value("id", as: String.self), try stored.value("status", as: String.self), try stored.value("lease_owner", as: String?.self))
        }
    }

    static func check(ledger: Ledger, cluster: MultiNodeCluster, fake: FakeWebhookService, store: PostgresStore, seconds: TimeInterval) async throws {
        let seen = ledger.state.withLock { $0 }
        #expect(seen.unexpected.isEmpty, "\(seen.unexpected.prefix(5))")
        #expect(seen.acknowledged.count == ledger.total, "every trigger callback was acknowledged by one node or another")
        #expect(seen.killedAt != nil, "a node was killed mid-storm")

        // Every 202 has exactly one run; no two callbacks share one.
        let runs = try await store.runs(workflow: "storm", status: nil, limit: 10_000, before: nil)
        let acknowledgedRuns = seen.acknowledged.values.map(\.run)
        #expect(Set(acknowledgedRuns).count == acknowledgedRuns.count, "no two callbacks got one run")
        #expect(Set(acknowledgedRuns).isSubset(of: Set(runs.map(\.id))), "every 202 has its run")
        var runsByNumber: [Int: [String]] = [:]
        for run in runs {
            guard let number = run.triggerOutputs["body"]?["n"]?.intValue else {
                Issue.record("run \(run.id) has no callback number in its trigger body: \(JSONWriter.compact.string(from: run.triggerOutputs))")
                continue
            }
            runsByNumber[number, default: []].append(run.id)
        }
        let duplicated = runsByNumber.filter { number, found in found.count > 1 + (seen.ambiguous[number] ?? 0) }
        #expect(duplicated.isEmpty, "no callback has more runs than the attempts a node may have taken: \(duplicated.prefix(5))")
        let unacknowledged = runs.count - acknowledgedRuns.count

        // Every run ended Succeeded, each action recorded once, the timer not early, the webhook resumed by its approval.
        let notSucceeded = runs.filter { $0.status != .succeeded }
        #expect(notSucceeded.isEmpty, "\(notSucceeded.prefix(5).map { "\($0.id): \($0.status.rawValue) \($0.error.map { JSONWriter.compact.string(from: $0) } ?? "")" })")
        var badActions: [String] = []
        for run in runs {
            let actions = try await store.actions(runID: run.id)
            let names = actions.map(\.name).sorted()
            let pause = actions.first { $0.name == "Pause" }
            let approve = actions.first { $0.name == "Approve" }
            let done = actions.first { $0.name == "Done" }
            if names != ["Approve", "Done", "Pause"] { badActions.append("\(run.id): actions \(names)") }
            if let pause, pause.status != .succeeded || (pause.endTime ?? .distantPast).timeIntervalSince(pause.startTime) < 0.95 {
                badActions.append("\(run.id): Pause \(pause.status.rawValue) after \(pause.endTime.map { $0.timeIntervalSince(pause.startTime) } ?? -1) s")
            }
            if approve?.status != .succeeded { badActions.append("\(run.id): Approve \(approve?.status.rawValue ?? "missing")") }
            if done?.outputs != ["approved": .string(run.id)] { badActions.append("\(run.id): Done \(done?.outputs.map { JSONWriter.compact.string(from: $0) } ?? "nil")") }
        }
        #expect(badActions.isEmpty, "\(badActions.count) run(s) with wrong actions: \(badActions.prefix(5))")
        #expect(try await store.rows("SELECT id FROM timer").isEmpty, "no timer left to fire")
        #expect(try await store.rows("SELECT id FROM outbox").isEmpty, "no outbox entry left")

        // Subscribes: every run subscribed; a second subscribe (a takeover of a node killed between
        // the call and its commit) keeps the subscription: same tracking id, same callback URL.
        var subscribes: [String: [FakeWebhookService.Recorded]] = [:]
        for request in fake.requests(to: "/subscribe") { subscribes[request.json?["run"]?.stringValue ?? "?", default: []].append(request) }
        #expect(Set(subscribes.keys) == Set(runs.map(\.id)), "every run subscribed (and no other)")
        let resubscribed = subscribes.filter { $0.value.count > 1 }
        for (run, copies) in resubscribed {
            #expect(Set(copies.map { $0.header("x-ms-client-tracking-id") ?? "" }).count == 1, "run \(run) subscribed again under another tracking id")
            #expect(Set(copies.map { $0.json?["callbackUrl"]?.stringValue ?? "" }).count == 1, "run \(run) subscribed again with another callback URL")
        }

        // Approvals: each run resumed once, from a node other than its trigger node and its subscriber.
        var twice: [String] = []
        var sameNode: [String] = []
        for run in runs {
            guard let approval = seen.approvals[run.id] else {
                Issue.record("run \(run.id) was never approved")
                continue
            }
            let resumed = approval.statuses.filter { $0 == 200 }.count + (approval.lost > 0 && approval.statuses.last == 409 ? 1 : 0)
            if resumed != 1 || approval.statuses.contains(where: { $0 != 200 && $0 != 409 }) { twice.append("\(run.id): \(approval.statuses), \(approval.lost) lost") }
            if approval.targets.isEmpty || approval.targets.contains(where: approval.excluded.contains) || (approval.triggerNode == nil && acknowledgedRuns.contains(run.id)) {
                sameNode.append("\(run.id): trigger node \(approval.triggerNode ?? -1), subscribers \(approval.subscribers.map(\.node)), callbacks to \(approval.targets)")
            }
        }
        #expect(twice.isEmpty, "every waiting action resumed by exactly one callback: \(twice.prefix(5))")
        #expect(sameNode.isEmpty, "every callback went to another node: \(sameNode.prefix(5))")
        let approvals = seen.approvals.values
        let ofKilled = approvals.filter(\.subscriberKilled).count
        // Subscribed by another node than the trigger's: a node that fired the run's timer or took the run over.
        let subscribedElsewhere = approvals.filter { $0.triggerNode != nil && $0.subscribers.first != nil && $0.triggerNode != $0.subscribers.first?.node }.count
        let resubscribedAfterKill = resubscribed.keys.filter { seen.approvals[$0]?.subscriberKilled == true }.count
        // Who sent the copies (the lease owner as each arrived) and how far apart.
        let resubscribedSamples = resubscribed.keys.sorted().prefix(3).map { run in
            let copies = subscribes[run] ?? []
            let gap = (copies.last?.receivedAt ?? .distantPast).timeIntervalSince(copies.first?.receivedAt ?? .distantPast)
            return "\(run) by node(s) \(seen.approvals[run]?.subscribers.map { $0.node + 1 } ?? []) \(String(format: "%.3f", gap)) s apart"
        }
        let resubscribedByOthers = resubscribed.keys.filter { Set(seen.approvals[$0]?.subscribers.map(\.node) ?? []).count > 1 }.count
        #expect(ofKilled > 0, "some waiting actions the killed node subscribed were resumed through another node")
        // A call is made again only when the node making it stopped (its heartbeat ran out): a node
        // that loads a run leaves a live node's call in flight to it.
        let repeatedByLiveNodes = resubscribed.keys.filter { seen.approvals[$0]?.subscriberKilled != true }.sorted()
        #expect(repeatedByLiveNodes.isEmpty, "subscribes repeated while their node was alive: \(resubscribedSamples)")

        // Unsubscribes: one per run, under its subscription's tracking id; a second copy only when
        // the kill came right after the first (sent, not yet recorded as sent: sent again by the node that took it over).
        var unsubscribes: [String: [FakeWebhookService.Recorded]] = [:]
        for request in fake.requests(to: "/unsubscribe") { unsubscribes[request.json?["run"]?.stringValue ?? "?", default: []].append(request) }
        #expect(Set(unsubscribes.keys) == Set(runs.map(\.id)), "every run unsubscribed (and no other)")
        var repeatedByKill = 0
        var repeated: [String] = []
        for (run, copies) in unsubscribes {
            let tracking = subscribes[run]?.first?.header("x-ms-client-tracking-id")
            #expect(copies.allSatisfy { $0.header("x-ms-client-tracking-id") == tracking }, "run \(run) unsubscribed under its subscription's tracking id")
            guard copies.count > 1 else { continue }
            if let killed = seen.killedAt, copies.count == 2, killed.timeIntervalSince(copies[0].receivedAt) > -1, killed < copies[1].receivedAt {
                repeatedByKill += 1
            } else {
                repeated.append("\(run): \(copies.count) copies at \(copies.map(\.receivedAt))")
            }
        }
        #expect(repeated.isEmpty, "each owed unsubscribe sent once: \(repeated.prefix(5))")

        // The takeover, as the nodes' logs tell it.
        var takeoverLines: [String] = []
        var perNode: [String] = []
        for node in 0..<cluster.count {
            let lines = cluster.lines(node, containing: "took over")
            let fenced = cluster.lines(node, containing: "was taken over by another node").count
            let errors = cluster.lines(node, containing: "error").count
            perNode.append("node \(node + 1): \(lines.count) takeover line(s), \(fenced) fenced write(s), \(errors) error line(s)")
            takeoverLines += lines.prefix(3).map { "node \(node + 1)\(node == victim ? " (killed, restarted)" : ""): \($0)" }
        }
        let survivors = (0..<cluster.count).filter { $0 != victim }
        #expect(survivors.contains { !cluster.lines($0, containing: "took over").isEmpty }, "a surviving node logged that it took over the killed node's runs")

        let subscribeCount = fake.requests(to: "/subscribe").count
        let unsubscribeCount = fake.requests(to: "/unsubscribe").count
        print("""
            multi-node storm (3 nodes, node \(victim + 1) SIGKILLed and restarted) in \(String(format: "%.1f", seconds)) s: \
            \(seen.acknowledged.count) acknowledged, \(seen.ambiguous.values.reduce(0, +)) cut off, \(seen.refused) refused and retried, \
            \(runs.count) runs (\(unacknowledged) unacknowledged), all Succeeded: \(notSucceeded.isEmpty); \
            at the kill: \(seen.atKill); \
            subscribes \(subscribeCount) for \(subscribes.count) runs (\(resubscribed.count) runs subscribed more than once, \(resubscribedAfterKill) of them first by the killed node), \
            \(subscribedElsewhere) subscribed by a node other than the trigger's; \
            approvals through another node \(approvals.count) (\(ofKilled) for actions the killed node had subscribed), \
            unsubscribes \(unsubscribeCount) for \(unsubscribes.count) runs (\(repeatedByKill) repeated by the kill); \
            \(perNode.joined(separator: "; "))
            """)
        for line in takeoverLines { print("  \(line)") }
        print("  subscribed more than once: \(resubscribed.count) run(s), \(resubscribedByOthers) with copies from two nodes; e.g. \(resubscribedSamples)")
        if let folder = ProcessInfo.processInfo.environment["HOOKFLOW_MULTINODE_LOGS"] {
            try cluster.saveLogs(to: URL(fileURLWithPath: folder))
            print("  node logs in \(folder)")
        }
    }

    // MARK: One webhook action, two nodes

    @Test func aWaitingActionResumesFromACallbackToAnotherNodeAndIsUnsubscribedOnce() async throws {
        try await TestDatabase.with { database in
            try await FakeWebhookService.with { fake in
                let folder = try TemporaryFolder()
                try await MultiNodeCluster.with(count: 2, database: database, folder: folder.url) { cluster in
                    let token = try String(contentsOf: cluster.folders[0].appendingPathComponent(EngineServer.managementTokenFileName), encoding: .utf8)
                        .trimmingCharacters(in: .whitespacesAndNewlines)
                    let client = HTTPEngineClient(baseURL: cluster.url(0), token: token)
                    _ = try await client.saveWorkflow(name: "approvals", definition: [
                        "triggers": ["manual": ["type": "Request", "kind": "Http"]],
                        "actions": [
                            "Approve": [
                                "type": "HttpWebhook", "runAfter": [:],
                                "inputs": [
                                    "subscribe": ["method": "POST", "uri": .string(fake.url("/subscribe")),
                                                  "body": ["callbackUrl": "@{listCallbackUrl()}", "run": "@{workflow().run.name}"]],
                                    "unsubscribe": ["method": "POST", "uri": .string(fake.url("/unsubscribe"))],
                                ],
                            ],
                            "Done": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]],
                        ],
                    ], state: nil)
                    let trigger = try await client.callbackURL(workflow: "approvals", trigger: "manual")
                    let count = 10
                    var runs: [String] = []
                    for _ in 0..<count {
                        // Started on the first node: its webhook actions subscribe from there.
                        let answer = try await CallbackPost.send(trigger.replacingOccurrences(of: MultiNodeCluster.publicURL, with: cluster.url(0)), body: "{}")
                        #expect(answer.status == 202)
                        runs.append(answer.runID)
                    }
                    let subscribes = try await fake.waitForRequests(to: "/subscribe", count: count, timeout: 60)
                    for request in subscribes {
                        let callback = try #require(request.json?["callbackUrl"]?.stringValue)
                        #expect(callback.hasPrefix(MultiNodeCluster.publicURL + "/"))
                        // The callback goes to the other node.
                        let answer = try await CallbackPost.send(callback.replacingOccurrences(of: MultiNodeCluster.publicURL, with: cluster.url(1)), body: #"{"ok": true}"#)
                        #expect([200, 202].contains(answer.status), "callback to the second node: \(answer.status)")
                    }
                    try await withTeardown(try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(cluster.folders[0]), connections: 2), { store in
                        try await eventually(timeout: 60, "every run succeeded and nothing is owed") {
                            let stored = try await store.runs(workflow: "approvals", status: nil, limit: 100, before: nil)
                            let owed = try await store.rows("SELECT id FROM outbox")
                            return stored.count == count && stored.allSatisfy { $0.status == .succeeded } && owed.isEmpty
                        }
                        let unsubscribes = fake.requests(to: "/unsubscribe")
                        #expect(unsubscribes.count == count, "each owed unsubscribe sent once: \(unsubscribes.count) for \(count)")
                        #expect(Set(unsubscribes.compactMap { $0.header("x-ms-client-tracking-id") }).count == count)
                        for run in runs {
                            #expect(try await store.actions(runID: run).first { $0.name == "Done" }?.outputs == ["ok": true])
                        }
                    }, teardown: { await $0.close() })
                }
            }
        }
    }

    // MARK: Helpers

    enum Outcome {
        case answered(Int, runID: String)
        /// Nothing listened: the request never reached a node.
        case refused
        /// Sent, but the answer never came: the node may or may not have taken it.
        case lost
    }

    static func attemptPost(_ url: String, body: String, client: HTTPClient) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        do {
            let response = try await client.execute(request, timeout: .seconds(30))
            _ = try await response.body.collect(upTo: 1 << 20)
            return .answered(Int(response.status.code), runID: response.headers.first(name: "x-ms-workflow-run-id") ?? "")
        } catch {
            let text = String(describing: error)
            if text.localizedCaseInsensitiveContains("connection refused") || text.localizedCaseInsensitiveContains("connectTimeout") { return .refused }
            return .lost
        }
    }

    /// Fails at once on a refused connection (a killed node: another one is tried).
    static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }
}
