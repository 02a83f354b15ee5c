import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel

/// Runs started by concurrent commits (a storm of trigger callbacks) read back exactly as
/// written on both stores. On PostgreSQL these commits share a group transaction and their runs
/// and actions go in as multi-row inserts (``PostgresNewRuns``): every column, NULL or not,
/// sealed or not, a second record of the same action, the rows written after the insert.
@Suite struct NewRunsContractTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// The commit that starts run `index`: what the intake writes for a trigger + Compose run,
    /// with every kind of column filled in some runs and left empty in others.
    static func start(_ index: Int) -> (run: StoredRun, actions: [StoredAction], mutations: [StoreMutation]) {
        let id = String(format: "run-%04d", index)
        let finished = index % 3 == 0
        var run = StoredRun(id: id, workflowName: "app", workflowVersion: 1 + index % 2, triggerName: "manual", status: finished ? .succeeded : .running,
                            startTime: now.addingTimeInterval(Double(index)), triggerOutputs: ["body": ["n": .int(index)], "headers": [:]],
                            maskedTriggerOutputs: index % 4 == 0 ? ["body": "*** secret ***"] : nil)
        if finished { run.endTime = run.startTime.addingTimeInterval(0.5) }
        if index % 5 == 0 {
            run.status = RunStatus.failed
            run.endTime = run.startTime
            run.error = ["code": "ActionFailed", "message": "run \(index) failed"]
        }
        let compose = StoredAction(runID: id, name: "Echo", type: "Compose", status: .succeeded, code: "OK", startTime: run.startTime,
                                   endTime: run.startTime, inputs: ["n": .int(index)], outputs: ["n": .int(index)],
                                   maskedOutputs: index % 4 == 0 ? "*** secret ***" : nil)
        let running = StoredAction(runID: id, name: "Hook", type: "HttpWebhook", status: .running, startTime: run.startTime,
                                   subscriptionID: index % 2 == 0 ? "sub-\(index)" : nil,
                                   unsubscribeRequest: index % 2 == 0 ? OutboundRequest(method: "POST", uri: "https://svc.example/u/\(index)") : nil,
                                   callbackBase: index % 2 == 0 ? "http://127.0.0.1:1" : nil)
        var hook = running
        hook.status = .waiting
        var looped = compose
        looped.name = "Line"
        looped.repetition = ActionKey.repetition(index % 3, inside: "")
        var variables = RunVariables()
        variables.put(.init(name: "count", type: .integer, value: .int(index)))
        var mutations: [StoreMutation] = [.insertRun(run), .putAction(compose), .putAction(running), .putAction(looped), .putAction(hook)]
        if index % 2 == 1 { mutations.append(.setRunVariables(id: id, variables: variables)) }
        if !finished { mutations.append(.putTimer(StoredTimer(kind: .wait, workflowName: "app", runID: id, actionName: "Pause", dueAt: run.startTime))) }
        if index % 2 == 1 { run.variables = variables }
        return (run, [compose, looped, hook], mutations)
    }

    @Test(arguments: StoreKind.allCases)
    func runsStartedByConcurrentCommitsReadBackAsWritten(kind: StoreKind) async throws {
        try await withTestStore(kind) { store, _ async throws in
            let count = 120
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<count {
                    group.addTask { try await store.commit(Self.start(index).mutations) }
                }
                try await group.waitForAll()
            }
            for index in 0..<count {
                let expected = Self.start(index)
                let stored = try #require(try await store.run(workflow: "app", id: expected.run.id))
                var run = expected.run
                run.sequence = stored.sequence
                #expect(stored == run, "run \(index)")
                let actions = try await store.actions(runID: expected.run.id)
                #expect(actions.count == 3, "one record per action and repetition in run \(index)")
                for action in expected.actions {
                    #expect(actions.first { $0.key == action.key } == action, "action \(action.key) of run \(index)")
                }
            }
            let timers = try await store.dueTimers(now: Self.now.addingTimeInterval(Double(count)), limit: 1_000)
            #expect(timers.count == (0..<count).filter { $0 % 3 != 0 }.count)
            #expect(try await store.runsToResume(limit: 1_000).isEmpty || kind == .sqlite, "a node holds the runs it started")
            let statistics = store.writeStatistics
            print("\(kind): \(count) runs started in \(statistics.commits) commits")
            #expect(statistics.writes >= count)
            // A duplicate run is refused alone; the others of its batch are written.
            try await withThrowingTaskGroup(of: Bool.self) { group in
                group.addTask { (try? await store.commit(Self.start(0).mutations)) != nil }
                group.addTask { (try? await store.commit(Self.start(count).mutations)) != nil }
                let outcomes = try await group.reduce(into: [Bool]()) { $0.append($1) }
                #expect(outcomes.filter { $0 }.count == 1, "the duplicate fails, the other is written")
            }
            #expect(try await store.run(workflow: "app", id: Self.start(count).run.id) != nil)
        }
    }
}
