import Testing
@testable import HookflowModel

/// Definitions whose size or shape broke validation (issue 10): long `runAfter` chains, many
/// cycles, many references to missing steps, deep nesting. Each is validated on a task's thread
/// (a smaller stack than the main thread's) and must give the exact problems a user sees; real
/// timings are in `Benchmarks/HookflowBenchmarks`.
@Suite struct ValidationScaleTests {
    static func validate(_ text: String) async throws -> [String] {
        let definition = try WorkflowDocument.read(text).definition
        return await Task.detached { WorkflowValidator().validate(definition).map(\.description) }.value
    }

    /// A definition whose actions are `entries` (each `"Name": {...}`), in order.
    static func definition(_ entries: [String]) -> String {
        #"{"definition": {"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {"# + entries.joined(separator: ",\n") + "}}}"
    }

    static func compose(_ name: String, after predecessors: [String]) -> String {
        let runAfter = predecessors.map { #""\#($0)": ["Succeeded"]"# }.joined(separator: ", ")
        return #""\#(name)": {"type": "Compose", "inputs": "@triggerBody()?['n']", "runAfter": {\#(runAfter)}}"#
    }

    /// Overflowed the stack before (a recursive depth-first search), when written last step first.
    @Test func aFiveThousandStepChainValidatesInEitherWrittenOrder() async throws {
        let forward = (0..<5_000).map { Self.compose("Step_\($0)", after: $0 == 0 ? [] : ["Step_\($0 - 1)"]) }
        #expect(try await Self.validate(Self.definition(forward)) == [])
        let backward = (0..<5_000).map { Self.compose("Step_\($0)", after: $0 == 4_999 ? [] : ["Step_\($0 + 1)"]) }
        #expect(try await Self.validate(Self.definition(backward)) == [])
    }

    @Test func aFiveThousandStepCycleIsOneProblem() async throws {
        let steps = (0..<5_000).map { Self.compose("Step_\($0)", after: ["Step_\(($0 + 4_999) % 5_000)"]) }
        let problems = try await Self.validate(Self.definition(steps))
        let path = ((0..<5_000).map { "Step_\($0)" } + ["Step_0"]).joined(separator: " → ")
        #expect(problems == ["/actions/Step_0/runAfter: Run after forms a cycle: \(path)"])
    }

    /// Took 35 s before: the rank of every step was rebuilt for each cycle found.
    @Test func eightThousandTwoStepCyclesAreEachReportedOnce() async throws {
        let steps = (0..<8_000).flatMap { [Self.compose("A_\($0)", after: ["B_\($0)"]), Self.compose("B_\($0)", after: ["A_\($0)"])] }
        let problems = try await Self.validate(Self.definition(steps))
        #expect(problems.count == 8_000)
        #expect(problems.first == "/actions/A_0/runAfter: Run after forms a cycle: A_0 → B_0 → A_0")
        #expect(problems.last == "/actions/A_7999/runAfter: Run after forms a cycle: A_7999 → B_7999 → A_7999")
    }

    /// Cycles that share steps form one group, reported once through its first step.
    @Test func cyclesThatShareAStepAreOneProblem() async throws {
        let steps = [Self.compose("A", after: ["B", "C"]), Self.compose("B", after: ["A"]), Self.compose("C", after: ["A"]), Self.compose("D", after: ["C"])]
        #expect(try await Self.validate(Self.definition(steps)) == ["/actions/A/runAfter: Run after forms a cycle: A → B → A"])
    }

    /// Took 39 s before: each reference searched every step of the workflow.
    @Test func twentyThousandReferencesToMissingStepsAreListedInOrder() async throws {
        let steps = (0..<20_000).map { Self.compose("Step_\($0)", after: ["Missing_\($0)"]) }
        let problems = try await Self.validate(Self.definition(steps))
        #expect(problems.count == 20_000)
        #expect(problems.first == #"/actions/Step_0/runAfter/Missing_0: Run after refers to "Missing_0", which is not a step in this scope"#)
        #expect(problems.last == #"/actions/Step_19999/runAfter/Missing_19999: Run after refers to "Missing_19999", which is not a step in this scope"#)
    }

    /// Scopes nested as deep as the JSON limit allows: every walk (steps, containers,
    /// expressions, problem order, renaming) gets to the innermost step.
    @Test func scopesNestedToTheJSONLimitValidateAndRename() async throws {
        let depth = 250
        var inner = #"{"Inner": {"type": "Compose", "inputs": "@bad(", "runAfter": {}}, "Use": {"type": "Compose", "inputs": "@body('Inner')", "runAfter": {"Inner": ["Succeeded"]}}}"#
        for level in stride(from: depth - 1, through: 0, by: -1) {
            inner = #"{"Scope_\#(level)": {"type": "Scope", "actions": \#(inner), "runAfter": {}}}"#
        }
        let text = #"{"definition": {"triggers": {}, "actions": \#(inner)}}"#
        let document = try WorkflowDocument.read(text)
        #expect(document.definition.value.nestingDepth < JSONValue.maximumDepth)
        let container = JSONPointer(["actions"] + (0..<depth).flatMap { ["Scope_\($0)", "actions"] })

        let problems = try await Self.validate(text)
        #expect(problems.count == 1)
        #expect(problems.first?.hasPrefix("\(container)/Inner/inputs: Invalid expression: ") == true)

        let renamed = try await Task.detached {
            var definition = document.definition
            try definition.renameStep(at: StepAddress(container: container, name: "Inner"), to: "Renamed")
            return (definition.allSteps.count, definition[pointer: container / "Use"]?["inputs"])
        }.value
        #expect(renamed.0 == depth + 2)
        #expect(renamed.1 == "@body('Renamed')")
    }
}
