import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// `Foreach` and `Until` through the engine: one record per action and iteration (its
/// repetition), `items()`, `iterationIndexes()`, `result()`, concurrency and `Sequential`,
/// webhook actions waiting in several iterations at once, and a restart in the middle.
@Suite(.serialized)
struct LoopStepTests {
    @Test func foreachRunsItsActionsOncePerElementWithItemsAndIndexes() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Loop": ["type": "Foreach", "foreach": "@triggerBody()?['orders']", "runAfter": [:], "actions": [
                    "Line": ["type": "Compose", "inputs": "@concat(string(iterationIndexes('Loop')), ':', items('Loop')?['sku'])", "runAfter": [:]],
                    "Upper": ["type": "Compose", "inputs": "@toUpper(outputs('Line'))", "runAfter": ["Line": ["Succeeded"]]],
                ]],
                "Count": ["type": "Compose", "inputs": "@length(result('Loop'))", "runAfter": ["Loop": ["Succeeded"]]],
                "Names": ["type": "Compose", "inputs": "@join(body('Select_names'), ',')", "runAfter": ["Select_names": ["Succeeded"]]],
                "Select_names": ["type": "Select", "inputs": ["from": "@result('Loop')", "select": "@item()?['outputs']"], "runAfter": ["Loop": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["orders": [["sku": "a"], ["sku": "b"], ["sku": "c"]]])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            let loop = try #require(detail.action("Loop"))
            #expect(loop.status == "Succeeded" && loop.repetition == nil)
            let lines = detail.actions.filter { $0.name == "Upper" }
            #expect(lines.map(\.repetition) == ["000000", "000001", "000002"])
            #expect(lines.map(\.outputs) == ["0:A", "1:B", "2:C"])
            #expect(lines.map(\.iterationIndexes) == [[0], [1], [2]])
            // result('Loop'): the first-level actions of every iteration (Line and Upper, three times).
            #expect(detail.action("Count")?.outputs == 6)
            #expect(detail.action("Names")?.outputs == "0:a,0:A,1:b,1:B,2:c,2:C")
        }
    }

    @Test func anEmptyArraySucceedsAtOnceAndANonArrayFailsClearly() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Loop": ["type": "Foreach", "foreach": "@triggerBody()?['orders']", "runAfter": [:], "actions": [
                    "Line": ["type": "Compose", "inputs": "@items('Loop')", "runAfter": [:]],
                ]],
            ]), state: nil)
            let empty = try await harness.fire("flow", trigger: "manual", body: ["orders": []])
            let emptyDetail = try await harness.waitForRun("flow", empty.id, .succeeded)
            #expect(emptyDetail.action("Loop")?.status == "Succeeded")
            #expect(emptyDetail.action("Line") == nil)

            let wrong = try await harness.fire("flow", trigger: "manual", body: ["orders": "abc"])
            let wrongDetail = try await harness.waitForRun("flow", wrong.id, .failed)
            let loop = try #require(wrongDetail.action("Loop"))
            #expect(loop.code == "InvalidTemplate")
            #expect(loop.error?["message"]?.stringValue?.contains("/actions/Loop/foreach: the 'foreach' expression of Loop gave") == true, "\(loop.error ?? nil)")
            #expect(loop.error?["message"]?.stringValue?.contains("it must give an array") == true)
        }
    }

    @Test func aFailedIterationFailsTheLoopAfterEveryIterationRan() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Loop": ["type": "Foreach", "foreach": "@createArray(1, 0, 2)", "runAfter": [:], "actions": [
                    "Divide": ["type": "Compose", "inputs": "@div(10, items('Loop'))", "runAfter": [:]],
                ]],
                "Handled": ["type": "Compose", "inputs": "@actions('Loop')?['status']", "runAfter": ["Loop": ["Failed"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: [:])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            let divides = detail.actions.filter { $0.name == "Divide" }
            #expect(divides.map(\.status) == ["Succeeded", "Failed", "Succeeded"], "the other iterations still run")
            #expect(divides.map(\.outputs) == [10, nil, 5])
            #expect(detail.action("Loop")?.status == "Failed")
            #expect(detail.action("Handled")?.outputs == "Failed")
        }
    }

    @Test func aSequentialLoopRunsInOrderAndAppendsInOrder() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Init": ["type": "InitializeVariable", "inputs": ["variables": [["name": "seen", "type": "array", "value": []]]], "runAfter": [:]],
                "Loop": ["type": "Foreach", "foreach": "@range(0, 25)", "operationOptions": "Sequential", "runAfter": ["Init": ["Succeeded"]], "actions": [
                    "Add": ["type": "AppendToArrayVariable", "inputs": ["name": "seen", "value": "@items('Loop')"], "runAfter": [:]],
                ]],
                "Seen": ["type": "Compose", "inputs": "@variables('seen')", "runAfter": ["Loop": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: [:])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Seen")?.outputs == .array((0..<25).map { .int($0) }))
            #expect(detail.actions.filter { $0.name == "Add" }.count == 25)
        }
    }

    @Test func nestedLoopsNameEachIterationByBothIndexes() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Rows": ["type": "Foreach", "foreach": "@createArray('x', 'y')", "runAfter": [:], "actions": [
                    "Cells": ["type": "Foreach", "foreach": "@createArray(1, 2, 3)", "runAfter": [:], "actions": [
                        "Cell": ["type": "Compose", "inputs": "@concat(items('Rows'), string(items('Cells')))", "runAfter": [:]],
                    ]],
                ]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: [:])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            let cells = detail.actions.filter { $0.name == "Cell" }
            #expect(cells.map(\.repetition) == ["000000-000000", "000000-000001", "000000-000002", "000001-000000", "000001-000001", "000001-000002"])
            #expect(cells.map(\.outputs) == ["x1", "x2", "x3", "y1", "y2", "y3"])
            #expect(detail.actions.filter { $0.name == "Cells" }.map(\.repetition) == ["000000", "000001"])
        }
    }

    /// A webhook action in each iteration: each subscribes with its own callback URL, each callback
    /// resumes its own iteration only, and the loop ends when the last one is called — across a
    /// restart of the engine in the middle.
    @Test func webhookActionsWaitInEveryIterationAndResumeOneByOneAcrossARestart() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Loop": ["type": "Foreach", "foreach": "@triggerBody()?['orders']", "runAfter": [:], "actions": [
                    "Approve": harness.webhookAction(timeout: "PT1H"),
                    "Done": ["type": "Compose", "inputs": "@concat(items('Loop'), ' ', body('Approve')?['answer'])", "runAfter": ["Approve": ["Succeeded"]]],
                ]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["orders": ["a", "b"]])
            let subscribes = try await harness.fake.waitForRequests(to: "/approvals/subscribe", count: 2)
            let urls = subscribes.compactMap { $0.json?["callbackUrl"]?.stringValue }
            #expect(Set(urls).count == 2, "one callback URL per iteration: \(urls)")
            _ = try await harness.waitForRun("flow", run.id, .waiting)
            await harness.engine.shutdown()

            try await harness.withRestartedEngine { engine in
                await engine.start()
                // The second iteration's URL first: only that iteration moves on.
                let second = try #require(urls.first { $0.contains("000001") })
                _ = try await engine.acceptActionCallback(workflow: "flow", runID: run.id, action: "Approve#000001",
                                                          request: EngineHarness.callback(to: second, body: ["answer": "yes"]))
                try await eventually("the second iteration is done") {
                    try await engine.run(workflow: "flow", id: run.id).actions.contains { $0.name == "Done" && $0.repetition == "000001" }
                }
                let middle = try await engine.run(workflow: "flow", id: run.id)
                #expect(middle.summary.status == .waiting)
                #expect(middle.actions.filter { $0.name == "Approve" }.map(\.status) == ["Waiting", "Succeeded"])
                // Each iteration's timeout is its own: the answered one's is gone, the other's is still there.
                let timers = try await engine.store.dueTimers(now: Date().addingTimeInterval(7200), limit: 10).filter { $0.runID == run.id }
                #expect(timers.compactMap(\.actionName) == ["Approve#000000"])
                // A second call of the same URL changes nothing.
                await #expect(throws: EngineError.self) {
                    _ = try await engine.acceptActionCallback(workflow: "flow", runID: run.id, action: "Approve#000001",
                                                              request: EngineHarness.callback(to: second, body: ["answer": "again"]))
                }

                let first = try #require(urls.first { $0.contains("000000") })
                _ = try await engine.acceptActionCallback(workflow: "flow", runID: run.id, action: "Approve#000000",
                                                          request: EngineHarness.callback(to: first, body: ["answer": "no"]))
                let detail = try await harness.waitForRun("flow", run.id, .succeeded, engine: engine)
                #expect(detail.actions.filter { $0.name == "Done" }.map(\.outputs) == ["a no", "b yes"])
                // Each iteration's unsubscribe is owed once.
                let unsubscribes = try await harness.fake.waitForRequests(to: "/approvals/unsubscribe", count: 2)
                #expect(Set(unsubscribes.compactMap { $0.json?["callbackUrl"]?.stringValue }) == Set(urls))
            }
        }
    }

    @Test func untilRepeatsUntilItsConditionHolds() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Init": ["type": "InitializeVariable", "inputs": ["variables": [["name": "n", "type": "integer", "value": 0]]], "runAfter": [:]],
                "Repeat": ["type": "Until", "expression": "@equals(variables('n'), 3)", "limit": ["count": 10, "timeout": "PT1H"],
                           "runAfter": ["Init": ["Succeeded"]], "actions": [
                    "Step": ["type": "IncrementVariable", "inputs": ["name": "n", "value": 1], "runAfter": [:]],
                    "Index": ["type": "Compose", "inputs": "@iterationIndexes('Repeat')", "runAfter": ["Step": ["Succeeded"]]],
                ]],
                "Final": ["type": "Compose", "inputs": "@variables('n')", "runAfter": ["Repeat": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: [:])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Final")?.outputs == 3)
            #expect(detail.actions.filter { $0.name == "Index" }.map(\.outputs) == [0, 1, 2])
            #expect(detail.action("Repeat")?.outputs?["iterations"] == 3)
        }
    }

    @Test func untilStopsAtItsCountSucceededAndAFailureInsideFailsIt() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Forever": ["type": "Until", "expression": "@equals(1, 2)", "limit": ["count": 4], "runAfter": [:], "actions": [
                    "Tick": ["type": "Compose", "inputs": "@iterationIndexes('Forever')", "runAfter": [:]],
                ]],
                "Broken": ["type": "Until", "expression": "@equals(1, 2)", "runAfter": ["Forever": ["Succeeded"]], "actions": [
                    "Fail": ["type": "Compose", "inputs": "@div(1, 0)", "runAfter": [:]],
                ]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: [:])
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            #expect(detail.action("Forever")?.status == "Succeeded", "reaching the count ends the loop, as in Logic Apps")
            #expect(detail.actions.filter { $0.name == "Tick" }.count == 4)
            #expect(detail.action("Broken")?.status == "Failed")
            #expect(detail.actions.filter { $0.name == "Fail" }.count == 1, "a failed iteration ends the loop")
        }
    }

    @Test func theConditionSeesTheLoopAsAction() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Poll": ["type": "Until", "expression": "@greaterOrEquals(action()?['outputs']?['iterations'], 2)", "runAfter": [:], "actions": [
                    "Tick": ["type": "Compose", "inputs": "tick", "runAfter": [:]],
                ]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: [:])
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.actions.filter { $0.name == "Tick" }.count == 2)
        }
    }
}

/// The Foreach scheduling rules on their own, without an engine: no more iterations unfinished
/// at once than the loop's concurrency.
struct ForeachSchedulingTests {
    static func definition(_ loop: JSONObject) -> WorkflowDefinition {
        var step: JSONObject = ["type": "Foreach", "foreach": "@x", "runAfter": [:], "actions": [
            "Call": ["type": "Http", "inputs": ["method": "GET", "uri": "http://127.0.0.1:9/x"], "runAfter": [:]],
        ]]
        for entry in loop.entries { step[entry.key] = entry.value }
        return WorkflowDefinition(json: ["triggers": ["manual": ["type": "Request"]], "actions": ["Loop": .object(step)]])
    }

    /// The records of a Foreach over `count` elements with `running` iterations' Http calls in flight.
    static func records(count: Int, running: Int) -> [String: StoredAction] {
        let start = Date(timeIntervalSince1970: 0)
        var records: [String: StoredAction] = [:]
        let loop = StoredAction(runID: "r", name: "Loop", type: "Foreach", status: .running, startTime: start,
                                outputs: ["items": .array((0..<count).map { .int($0) })])
        records[loop.key] = loop
        for index in 0..<running {
            let call = StoredAction(runID: "r", name: "Call", repetition: ActionKey.repetition(index, inside: ""), type: "Http", status: .running, startTime: start)
            records[call.key] = call
        }
        return records
    }

    static func started(_ outcome: RunScheduler.Outcome) -> [String] {
        outcome.decisions.compactMap { if case .start(let address, let scope) = $0 { scope.key(address.name) } else { nil } }
    }

    @Test func twentyAtOnceByDefault() {
        let first = RunScheduler.decide(definition: Self.definition([:]), records: Self.records(count: 30, running: 0))
        #expect(Self.started(first).count == 20)
        #expect(Self.started(first).first == "Call#000000" && Self.started(first).last == "Call#000019")
        let full = RunScheduler.decide(definition: Self.definition([:]), records: Self.records(count: 30, running: 20))
        #expect(Self.started(full).isEmpty, "twenty in flight: nothing more starts")
    }

    @Test func repetitionsAndSequentialSetTheLimit() {
        let five = Self.definition(["runtimeConfiguration": ["concurrency": ["repetitions": 5]]])
        #expect(Self.started(RunScheduler.decide(definition: five, records: Self.records(count: 30, running: 3))) == ["Call#000003", "Call#000004"])
        let sequential = Self.definition(["operationOptions": "Sequential"])
        #expect(Self.started(RunScheduler.decide(definition: sequential, records: Self.records(count: 30, running: 0))) == ["Call#000000"])
        #expect(Self.started(RunScheduler.decide(definition: sequential, records: Self.records(count: 30, running: 1))).isEmpty)
    }

    @Test func keysSplitBackIntoNameAndRepetition() {
        #expect(ActionKey.make(name: "A", repetition: "") == "A")
        #expect(ActionKey.make(name: "A", repetition: "000001-000002") == "A#000001-000002")
        #expect(ActionKey.split("A#000001-000002") == ("A", "000001-000002"))
        #expect(ActionKey.split("Step #1") == ("Step #1", ""), "a name with # and no repetition after it")
        #expect(ActionKey.split("Odd#000001", isStep: { $0 == "Odd#000001" }) == ("Odd#000001", ""))
        #expect(ActionKey.repetition(7, inside: "000002") == "000002-000007")
        #expect(ActionKey.indexes(of: "000002-000007") == [2, 7])
    }
}
