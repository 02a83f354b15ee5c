import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// A run's step list with loops: each iteration the run reached lists the loop's steps again,
/// numbered from 1 as Logic Apps shows them; the selection follows the iteration, not the name.
struct RunStepLoopTests {
    static let definition = WorkflowDefinition(json: [
        "triggers": ["manual": ["type": "Request"]],
        "actions": [
            "Loop": ["type": "Foreach", "foreach": "@x", "runAfter": [:], "actions": [
                "Line": ["type": "Compose", "inputs": "x", "runAfter": [:]],
                "Cells": ["type": "Foreach", "foreach": "@y", "runAfter": ["Line": ["Succeeded"]], "actions": [
                    "Cell": ["type": "Compose", "inputs": "y", "runAfter": [:]],
                ]],
            ]],
            "After": ["type": "Compose", "inputs": "z", "runAfter": ["Loop": ["Succeeded"]]],
        ],
    ])

    static func action(_ name: String, _ repetition: String?, _ status: String = "Succeeded") -> ActionRun {
        ActionRun(name: name, type: name == "Loop" || name == "Cells" ? "Foreach" : "Compose", status: status, startTime: "2026-11-22T10:08:00Z",
                  repetition: repetition)
    }

    @Test func eachIterationListsTheLoopsStepsUnderItsNumber() {
        let run = RunDetail(
            summary: RunSummary(id: "r", workflowName: "w", triggerName: "manual", status: .running, startTime: "2026-11-22T10:08:00Z"),
            triggerOutputs: [:],
            actions: [
                Self.action("Loop", nil, "Running"),
                Self.action("Line", "000000"), Self.action("Cells", "000000"),
                Self.action("Cell", "000000-000000"), Self.action("Cell", "000000-000001"),
                Self.action("Line", "000001", "Running"),
            ])
        let steps = RunStep.steps(of: run, definition: Self.definition)
        #expect(steps.map(\.label) == ["manual", "Loop", "Line #1", "Cells #1", "Cell #1.1", "Cell #1.2", "Line #2", "Cells #2", "Cell #2", "After"])
        #expect(steps.map(\.depth) == [0, 0, 1, 1, 2, 2, 1, 1, 2, 0])
        #expect(steps.map(\.isReached) == [true, true, true, true, true, true, true, false, false, false])
        #expect(Set(steps.map(\.key)).count == steps.count, "every line has its own key")
    }
}
