import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// A run's passes are linear in the size of its definition (issue 10, point 2): a 3,000-step
/// sequential run finishes (before, each step re-read every action and it was still Running
/// after 120 s). The time it takes is a benchmark figure, not asserted here beyond a generous deadline.
struct LargeDefinitionRunTests {
    static func chain(_ count: Int) -> JSONValue {
        var actions = JSONObject()
        for index in 0..<count {
            let runAfter: JSONValue = index == 0 ? [:] : .object([("Step_\(index - 1)", ["Succeeded"])].reduce(into: JSONObject()) { $0[$1.0] = $1.1 })
            let inputs: JSONValue = index == 0 ? "@triggerBody()?['n']" : .string("@add(outputs('Step_\(index - 1)'), 1)")
            actions["Step_\(index)"] = ["type": "Compose", "inputs": inputs, "runAfter": runAfter]
        }
        return EngineHarness.manual(.object(actions))
    }

    @Test func aThreeThousandStepSequentialRunSucceeds() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "long", definition: Self.chain(3_000), state: nil)
            let run = try await harness.fire("long", trigger: "manual", body: ["n": 0])
            let done = try await harness.waitForRun("long", run.id, .succeeded, timeout: 120)
            #expect(done.actions.count == 3_000)
            #expect(done.action("Step_2999")?.outputs == 2_999)
        }
    }
}
