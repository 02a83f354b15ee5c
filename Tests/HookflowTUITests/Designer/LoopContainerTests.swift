import Foundation
import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// For each and Until hold actions as a Scope does: the canvas draws them under the loop's card
/// and adds, moves and deletes them there.
@Suite struct LoopContainerTests {
    static let loops = """
        {"triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"method": "POST"}}},
         "actions": {
           "For_each": {"type": "Foreach", "foreach": "@triggerBody()?['items']", "actions": {}, "runAfter": {}},
           "Until": {"type": "Until", "expression": "@equals(triggerBody()?['done'], true)", "limit": {"count": 60, "timeout": "PT1H"},
             "actions": {"Poll": {"type": "Http", "inputs": {"method": "GET", "uri": "https://svc.example.com/status"}, "runAfter": {}},
                         "Check": {"type": "Compose", "inputs": "@body('Poll')", "runAfter": {"Poll": ["Succeeded"]}}},
             "runAfter": {"For_each": ["Succeeded"]}}
         }}
        """

    @Test func aLoopsActionsAreAddedMovedAndDeletedOnTheCanvas() throws {
        var state = try DesignerFixtures.designer(Self.loops, height: 40)
        let forEachActions = JSONPointer(["actions", "For_each", "actions"])
        let untilActions = JSONPointer(["actions", "Until", "actions"])
        let screen = state.text()
        #expect(screen.contains("∀ For_each"))
        #expect(screen.contains("For each · over @triggerBody()?['items']"))
        #expect(screen.contains("⟲ Until"))
        #expect(screen.contains("⇢ Poll"))
        #expect(screen.contains("+ Add an action"))

        // The empty loop's "+ Add an action" opens the palette for its inside.
        state.press(.down, .down)
        #expect(state.selection == .add(forEachActions))
        state.press(.enter)
        #expect(state.palette?.placement == .action(after: nil, in: forEachActions))
        #expect(state.palette?.matches.contains { $0.title == "Initialize variable" } == false, "variables are declared at the top level only")
        #expect(state.palette?.matches.contains { $0.title == "Set variable" } == true)
        state.type("compose")
        state.press(.enter, .escape)
        #expect(state.definition.steps(in: forEachActions).map(\.name) == ["Compose"])
        #expect(state.selection == .step(StepAddress(container: forEachActions, name: "Compose")))
        #expect(state.problems.isEmpty)

        // Inside Until: move Check above Poll (the chain follows), then delete Poll.
        let check = StepAddress(container: untilActions, name: "Check")
        for _ in 0..<8 where state.selection != .step(check) { state.press(.down) }
        #expect(state.selection == .step(check))
        state.press(.character("K"))
        #expect(state.definition.steps(in: untilActions).map(\.name) == ["Check", "Poll"])
        #expect(state.definition.step(at: StepAddress(container: untilActions, name: "Poll"))?.runAfter.map(\.predecessor) == ["Check"])
        state.press(.down, .character("d"), .character("y"))
        #expect(state.definition.steps(in: untilActions).map(\.name) == ["Check"])
        #expect(state.definition.step(named: "Until")?.json["expression"] == "@equals(triggerBody()?['done'], true)")
    }

    @Test func aForEachsConcurrencyIsSetInItsSettings() throws {
        var harness = try FormHarness(Self.loops, step: .action("For_each"))
        harness.press(.ctrl("t"))
        #expect(harness.labels.prefix(2) == ["Timeout", "Concurrency"])
        harness.focus("Concurrency")
        harness.type("1")
        #expect(harness.json("/actions/For_each/runtimeConfiguration") == #"{"concurrency":{"repetitions":1}}"#)
        #expect(harness.definition.step(named: "For_each")?.isSequential == true)
        harness.type("00")
        #expect(harness.problems.map(\.message).contains("Repetitions must be a whole number from 1 to 50 (iterations run at once; 20 by default)"))
        harness.press(.ctrl("u"))
        #expect(harness.value("/actions/For_each/runtimeConfiguration") == nil, "no empty configuration is left behind")
    }

    @Test func aWorkflowActionIsEditedWhereTheFileNamesTheApp() throws {
        let json = #"{"triggers": {}, "actions": {"Call_child": {"type": "Workflow", "inputs": {"host": {"id": "/subscriptions/x/workflows/child"}}, "runAfter": {}}}}"#
        var harness = try FormHarness(json, step: .action("Call_child"))
        #expect(harness.fields.contains { if case .text(let spec) = $0.kind { spec.value == "/subscriptions/x/workflows/child" } else { false } })
        harness.focus("Workflow")
        harness.press(.ctrl("u"))
        harness.type("other")
        #expect(harness.json("/actions/Call_child/inputs") == #"{"host":{"id":"other"}}"#)
    }
}
