import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel

/// The runAfter rules, decided without I/O: what starts, what is skipped, how a run ends.
struct RunSchedulerTests {
    func definition(_ actions: JSONValue) -> WorkflowDefinition {
        WorkflowDefinition(json: ["triggers": ["T": ["type": "Request"]], "actions": actions])
    }

    func record(_ name: String, _ status: ActionStatus, outputs: JSONValue? = nil) -> StoredAction {
        StoredAction(runID: "r", name: name, type: "Compose", status: status, startTime: Date(timeIntervalSince1970: 0), outputs: outputs)
    }

    func records(_ pairs: (String, ActionStatus)...) -> [String: StoredAction] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, record($0.0, $0.1)) })
    }

    func started(_ outcome: RunScheduler.Outcome) -> [String] {
        outcome.decisions.compactMap { if case .start(let address, _) = $0 { address.name } else { nil } }
    }

    func skipped(_ outcome: RunScheduler.Outcome) -> [String] {
        outcome.decisions.compactMap { if case .skip(let address, _, _) = $0 { address.name } else { nil } }
    }

    let chain: JSONValue = [
        "A": ["type": "Compose", "inputs": 1, "runAfter": [:]],
        "B": ["type": "Compose", "inputs": 2, "runAfter": ["A": ["Succeeded"]]],
        "C": ["type": "Compose", "inputs": 3, "runAfter": ["B": ["Succeeded"]]],
    ]

    @Test func successPathRunsInOrder() {
        let definition = definition(chain)
        #expect(started(RunScheduler.decide(definition: definition, records: [:])) == ["A"])
        #expect(started(RunScheduler.decide(definition: definition, records: records(("A", .running)))) == [])
        #expect(started(RunScheduler.decide(definition: definition, records: records(("A", .succeeded)))) == ["B"])
        let done = RunScheduler.decide(definition: definition, records: records(("A", .succeeded), ("B", .succeeded), ("C", .succeeded)))
        #expect(done.runStatus == .succeeded)
    }

    @Test func aFailureSkipsWhatFollowsAndFailsTheRun() {
        let definition = definition(chain)
        let outcome = RunScheduler.decide(definition: definition, records: records(("A", .failed)))
        #expect(skipped(outcome) == ["B"])
        let next = RunScheduler.decide(definition: definition, records: records(("A", .failed), ("B", .skipped)))
        #expect(skipped(next) == ["C"], "skips propagate down the chain")
        let end = RunScheduler.decide(definition: definition, records: records(("A", .failed), ("B", .skipped), ("C", .skipped)))
        #expect(end.runStatus == .failed)
        #expect(end.unhandledFailures == ["A"])
    }

    @Test func aFailedBranchHandlesTheFailure() {
        let definition = definition([
            "A": ["type": "Compose", "inputs": 1, "runAfter": [:]],
            "OnSuccess": ["type": "Compose", "inputs": 2, "runAfter": ["A": ["Succeeded"]]],
            "OnFailure": ["type": "Compose", "inputs": 3, "runAfter": ["A": ["Failed", "TimedOut"]]],
        ])
        let outcome = RunScheduler.decide(definition: definition, records: records(("A", .failed)))
        #expect(started(outcome) == ["OnFailure"])
        #expect(skipped(outcome) == ["OnSuccess"])
        let end = RunScheduler.decide(definition: definition, records: records(("A", .failed), ("OnSuccess", .skipped), ("OnFailure", .succeeded)))
        #expect(end.runStatus == .succeeded, "the failure was handled")
    }

    @Test func skippedCanBeRunAfter() {
        let definition = definition([
            "A": ["type": "Compose", "inputs": 1, "runAfter": [:]],
            "B": ["type": "Compose", "inputs": 2, "runAfter": ["A": ["Failed"]]],
            "Always": ["type": "Compose", "inputs": 3, "runAfter": ["B": ["Succeeded", "Skipped"]]],
        ])
        let outcome = RunScheduler.decide(definition: definition, records: records(("A", .succeeded), ("B", .skipped)))
        #expect(started(outcome) == ["Always"])
    }

    @Test func parallelBranchesStartTogetherAndJoin() {
        let definition = definition([
            "Left": ["type": "Compose", "inputs": 1, "runAfter": [:]],
            "Right": ["type": "Compose", "inputs": 2, "runAfter": [:]],
            "Join": ["type": "Compose", "inputs": 3, "runAfter": ["Left": ["Succeeded"], "Right": ["Succeeded"]]],
        ])
        #expect(started(RunScheduler.decide(definition: definition, records: [:])) == ["Left", "Right"])
        #expect(started(RunScheduler.decide(definition: definition, records: records(("Left", .succeeded), ("Right", .running)))) == [])
        #expect(started(RunScheduler.decide(definition: definition, records: records(("Left", .succeeded), ("Right", .succeeded)))) == ["Join"])
        #expect(skipped(RunScheduler.decide(definition: definition, records: records(("Left", .succeeded), ("Right", .failed)))) == ["Join"])
    }

    @Test func ifRunsOneBranchAndSkipsTheOther() {
        let definition = definition([
            "Check": ["type": "If", "expression": "@true", "runAfter": [:],
                      "actions": ["Yes": ["type": "Compose", "inputs": 1, "runAfter": [:]]],
                      "else": ["actions": ["No": ["type": "Compose", "inputs": 2, "runAfter": [:]]]]],
            "After": ["type": "Compose", "inputs": 3, "runAfter": ["Check": ["Succeeded"]]],
        ])
        var state = ["Check": record("Check", .running, outputs: ["expression": false])]
        let outcome = RunScheduler.decide(definition: definition, records: state)
        #expect(started(outcome) == ["No"])
        #expect(outcome.decisions.contains(.skip(StepAddress(container: JSONPointer(["actions", "Check", "actions"]), name: "Yes"), .top, code: "ActionBranchingConditionNotSatisfied")))
        state["Yes"] = record("Yes", .skipped)
        state["No"] = record("No", .succeeded)
        let finished = RunScheduler.decide(definition: definition, records: state)
        #expect(finished.decisions == [.finishContainer(.action("Check"), .top, .succeeded)])
        state["Check"] = record("Check", .succeeded)
        #expect(started(RunScheduler.decide(definition: definition, records: state)) == ["After"])
    }

    @Test func aScopeFailsWhenAFailureInsideIsUnhandled() {
        let definition = definition([
            "Try": ["type": "Scope", "runAfter": [:], "actions": ["Risky": ["type": "Compose", "inputs": 1, "runAfter": [:]]]],
            "Catch": ["type": "Compose", "inputs": 2, "runAfter": ["Try": ["Failed"]]],
        ])
        let state = ["Try": record("Try", .running), "Risky": record("Risky", .failed)]
        #expect(RunScheduler.decide(definition: definition, records: state).decisions == [.finishContainer(.action("Try"), .top, .failed)])
        let after = ["Try": record("Try", .failed), "Risky": record("Risky", .failed)]
        #expect(started(RunScheduler.decide(definition: definition, records: after)) == ["Catch"])
        var end = after
        end["Catch"] = record("Catch", .succeeded)
        #expect(RunScheduler.decide(definition: definition, records: end).runStatus == .succeeded)
    }

    @Test func anUnhandledTimeoutFailsTheRun() {
        let definition = definition(["Wait_for_approval": ["type": "HttpWebhook", "runAfter": [:]]])
        let end = RunScheduler.decide(definition: definition, records: records(("Wait_for_approval", .timedOut)))
        #expect(end.runStatus == .failed)
    }
}

/// One pass carries a chain of steps that finish at once, however the chain is written: the plan
/// lists each step after its predecessors, and a pass applying its decisions sees them at once.
struct RunSchedulerPassTests {
    /// A pass that finishes every step it starts.
    struct FinishingEverything: RunScheduler.Pass {
        var records: [String: StoredAction] = [:]

        func record(_ name: String, in scope: IterationScope) -> StoredAction? { records[scope.key(name)] }
        func finishedIterations(of key: String) -> (count: Int, unhandled: [String]) { (0, []) }
        mutating func noteFinishedIterations(of key: String, _ progress: (count: Int, unhandled: [String])) {}

        mutating func decided(_ decision: RunScheduler.Decision) {
            if case .start(let address, _) = decision {
                records[address.name] = StoredAction(runID: "r", name: address.name, type: "Compose", status: .succeeded,
                                                     startTime: Date(timeIntervalSince1970: 0))
            }
        }
    }

    /// `count` Compose steps, each after the next one written: the worst order for a pass in written order.
    static func reversedChain(_ count: Int) -> WorkflowDefinition {
        var actions = JSONObject()
        for index in (0..<count).reversed() {
            actions["S\(index)"] = ["type": "Compose", "inputs": .int(index),
                                    "runAfter": index == 0 ? [:] : .object(["S\(index - 1)": ["Succeeded"]])]
        }
        return WorkflowDefinition(json: ["triggers": ["T": ["type": "Request"]], "actions": .object(actions)])
    }

    @Test func theMostBackwardChainIsOrderedPredecessorsFirst() {
        let plan = RunPlan(definition: Self.reversedChain(50))
        #expect(plan.steps(in: .actions).map(\.step.name) == (0..<50).map { "S\($0)" })
    }

    @Test func oneWalkRunsAThreeThousandStepChainToItsEnd() {
        let plan = RunPlan(definition: Self.reversedChain(3_000))
        var pass = FinishingEverything()
        let end = RunScheduler.walk(plan: plan, &pass)
        #expect(pass.records.count == 3_000, "every step started in the one walk")
        #expect(end?.status == .succeeded, "and the walk saw the run finish")
    }

    @Test func stepsOnACycleKeepTheirWrittenOrderAtTheEnd() {
        let steps = WorkflowDefinition(json: ["triggers": [:], "actions": [
            "X": ["type": "Compose", "inputs": 1, "runAfter": ["Y": ["Succeeded"]]],
            "Y": ["type": "Compose", "inputs": 1, "runAfter": ["X": ["Succeeded"]]],
            "Free": ["type": "Compose", "inputs": 1, "runAfter": [:]],
        ]]).steps(in: .actions)
        #expect(RunPlan.predecessorsFirst(steps).map(\.name) == ["Free", "X", "Y"])
    }
}
