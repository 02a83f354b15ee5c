import Testing
import HookflowModel
@testable import HookflowTUI

/// The Settings tab: timeout, retry policy, run after, secure inputs and outputs.
struct StepFormSettingsTests {
    @Test func timeoutIsWrittenToLimitAndRemovedWithIt() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Call_service"))
        #expect(harness.press(.ctrl("t")) == .handled)
        #expect(harness.focusedLabel == "Timeout")
        harness.type("PT30M")
        #expect(harness.json("/actions/Call_service/limit") == #"{"timeout":"PT30M"}"#)
        #expect(harness.problems.isEmpty)
        harness.type("x")
        #expect(harness.problems.map(\.description) == [
            #"/actions/Call_service/limit/timeout: Timeout "PT30Mx" is not an ISO 8601 duration (for example PT1H, P1D or PT30S)"#,
        ])
        harness.press(.ctrl("u"))
        #expect(harness.value("/actions/Call_service/limit") == nil, "an empty timeout leaves no empty limit behind")
        #expect(harness.keys("/actions/Call_service") == ["type", "inputs", "runAfter", "x-keep"])
    }

    @Test func retryPolicyTypesWriteInputsRetryPolicy() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Call_service"))
        harness.press(.ctrl("t"))
        harness.focus("Retry policy")
        harness.press(.enter)
        #expect(harness.form.list?.options == ["Default", "None", "Fixed", "Exponential"])
        #expect(harness.form.list?.highlighted == 0, "an absent policy is the default")
        harness.type("f")
        #expect(harness.press(.enter) == .edited)
        #expect(harness.json("/actions/Call_service/inputs/retryPolicy") == #"{"type":"fixed","count":4,"interval":"PT7S"}"#)
        #expect(harness.labels.prefix(4) == ["Timeout", "Retry policy", "Count", "Interval"])
        harness.press(.tab)
        harness.press(.ctrl("u"))
        harness.type("10")
        #expect(harness.json("/actions/Call_service/inputs/retryPolicy/count") == "10", "a whole number is written as a number")
        harness.press(.ctrl("u"))
        #expect(harness.value("/actions/Call_service/inputs/retryPolicy/count") == nil)
        #expect(harness.problems.map(\.message) == ["Retry policy - Count is required for a fixed policy"])
        harness.type("@parameters('n')")
        #expect(harness.json("/actions/Call_service/inputs/retryPolicy/count") == #""@parameters('n')""#)
        // Exponential keeps count and interval and adds its bounds as fields.
        harness.press(.backTab, .right)
        #expect(harness.json("/actions/Call_service/inputs/retryPolicy/type") == #""exponential""#)
        #expect(harness.labels.prefix(6) == ["Timeout", "Retry policy", "Count", "Interval", "Minimum interval", "Maximum interval"])
        // None drops the numbers; Default removes the policy.
        harness.press(.enter, .home, .down, .enter)
        #expect(harness.json("/actions/Call_service/inputs/retryPolicy") == #"{"type":"none"}"#)
        harness.press(.left)
        #expect(harness.value("/actions/Call_service/inputs/retryPolicy") == nil)
        #expect(harness.json("/actions/Call_service/inputs") == #"{"method":"GET","uri":"https://svc.example.com/orders"}"#)
    }

    @Test func runAfterTogglesButNeverClearsTheLastStatus() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Call_service"))
        harness.press(.ctrl("t"))
        harness.focus("A")
        #expect(harness.press(.character(" ")) == .handled)
        #expect(harness.json("/actions/Call_service/runAfter") == #"{"A":["Succeeded"]}"#)
        #expect(harness.form.notice == "A step needs at least one status to run after \"A\": tick another one first.")
        #expect(harness.screen()[17] == "│ A step needs at least one status to run after \"A\": tick another one first.   │")
        harness.press(.right)
        #expect(harness.press(.character(" ")) == .edited)
        #expect(harness.form.notice == nil)
        #expect(harness.json("/actions/Call_service/runAfter") == #"{"A":["Succeeded","Failed"]}"#)
        harness.press(.right, .right, .enter)
        #expect(harness.json("/actions/Call_service/runAfter") == #"{"A":["Succeeded","Failed","TimedOut"]}"#)
        harness.press(.left, .left, .left, .character(" "))
        #expect(harness.json("/actions/Call_service/runAfter") == #"{"A":["Failed","TimedOut"]}"#)
        #expect(harness.problems.isEmpty)
    }

    @Test func theFirstActionRunsAfterTheTrigger() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("A"))
        harness.press(.ctrl("t"))
        #expect(harness.fields.contains { if case .note("Runs after the trigger") = $0.kind { $0.label == "Run after" } else { false } })
        #expect(!harness.fields.contains { if case .runAfter = $0.kind { true } else { false } })
    }

    @Test func secureInputsAndOutputsWriteSecureDataProperties() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Call_service"))
        harness.press(.ctrl("t"))
        harness.focus("Secure outputs")
        #expect(harness.press(.character(" ")) == .edited)
        #expect(harness.json("/actions/Call_service/runtimeConfiguration") == #"{"secureData":{"properties":["outputs"]}}"#)
        harness.press(.up, .enter)
        #expect(harness.json("/actions/Call_service/runtimeConfiguration/secureData/properties") == #"["inputs","outputs"]"#)
        #expect(harness.definition.step(named: "Call_service")?.secureData == SecureData(inputs: true, outputs: true))
        harness.press(.enter, .down, .enter)
        #expect(harness.value("/actions/Call_service/runtimeConfiguration") == nil, "nothing secure: no empty configuration left")
    }

    @Test func theDocsSpellingOfRuntimeConfigurationIsKept() throws {
        var harness = try FormHarness(
            #"{"triggers": {"Hook": {"type": "Request", "kind": "Http", "runTimeConfiguration": {"secureData": {"properties": ["outputs"]}, "other": 1}}}}"#,
            step: .trigger("Hook"))
        harness.press(.ctrl("t"))
        #expect(harness.labels == ["Secure inputs", "Secure outputs"], "a Request trigger has no timeout or retry policy")
        harness.press(.enter)
        #expect(harness.json("/triggers/Hook/runTimeConfiguration") == #"{"secureData":{"properties":["inputs","outputs"]},"other":1}"#)
        #expect(harness.value("/triggers/Hook/runtimeConfiguration") == nil)
    }

    @Test func settingsProblemsShowOnTheParametersTabWithTheTabName() throws {
        let harness = try FormHarness(
            #"{"actions": {"A": {"type": "Compose", "inputs": 1, "runAfter": {}}, "B": {"type": "Compose", "inputs": 2, "runAfter": {"Gone": ["Succeeded"]}}}}"#,
            step: .action("B"))
        let lines = harness.screen()
        #expect(lines[3] == "│ ✗ Settings: Run after refers to \"Gone\", which is not a step in this scope    │")
    }
}
