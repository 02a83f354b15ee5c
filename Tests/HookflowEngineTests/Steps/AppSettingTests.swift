import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// `appsetting()` while a run runs: the engine's app settings (its environment, or a project's
/// local.settings.json Values given to it), a missing one a clear failure of the step.
@Suite(.serialized)
struct AppSettingTests {
    @Test func aRunReadsTheEnginesAppSettings() async throws {
        try await EngineHarness.with(configure: { $0.appSettings = ["Greeting": "hello", "Region": "westeurope"] }) { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Say": ["type": "Compose", "inputs": "@{appsetting('Greeting')} from @{appsetting('region')}", "runAfter": [:]],
                "Missing": ["type": "Compose", "inputs": "@appsetting('NotSet')", "runAfter": ["Say": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: [:])
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            #expect(detail.action("Say")?.outputs == "hello from westeurope", "names match without regard to case, as Logic Apps' do")
            #expect(detail.action("Missing")?.status == "Failed")
            #expect(detail.action("Missing")?.error?["message"]?.stringValue?.contains("app setting 'NotSet' is not defined") == true,
                    "\(detail.action("Missing")?.error ?? nil)")
        }
    }

    @Test func byDefaultTheAppSettingsAreTheEnvironment() {
        #expect(EngineConfiguration(dataFolder: URL(fileURLWithPath: "/tmp")).appSettings["PATH"] == ProcessInfo.processInfo.environment["PATH"])
    }
}
