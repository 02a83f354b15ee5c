import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// The six variable actions through the engine, on the Logic Apps how-to's examples, with their
/// rules (declared once, typed) and error codes — and variables that outlive an engine restart
/// while the run waits on a webhook.
@Suite(.serialized)
struct VariableStepTests {
    static func initialize(_ name: String, _ type: String, _ value: JSONValue?, after: JSONValue = [:]) -> JSONValue {
        var variable: JSONObject = ["name": .string(name), "type": .string(type)]
        if let value { variable["value"] = value }
        return ["type": "InitializeVariable", "inputs": ["variables": [.object(variable)]], "runAfter": after]
    }

    static func change(_ type: String, _ name: JSONValue, _ value: JSONValue?, after: String) -> JSONValue {
        var inputs: JSONObject = ["name": name]
        if let value { inputs["value"] = value }
        return ["type": .string(type), "inputs": .object(inputs), "runAfter": .object([after: ["Succeeded"]])]
    }

    static func run(_ actions: JSONValue, body: JSONValue = [:], until status: RunStatus = .succeeded, in harness: EngineHarness) async throws -> RunDetail {
        _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual(actions), state: nil)
        let run = try await harness.fire("flow", trigger: "manual", body: body)
        return try await harness.waitForRun("flow", run.id, status)
    }

    /// The how-to's Count: initialized at 0, incremented by 1, set to 100, decremented by the
    /// default 1; `variables('Count')` sees each value in turn.
    @Test func initializeIncrementSetDecrement() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Initialize_variable": Self.initialize("Count", "Integer", 0),
                "Increment_variable": Self.change("IncrementVariable", "Count", 1, after: "Initialize_variable"),
                "After_increment": ["type": "Compose", "inputs": "@variables('Count')", "runAfter": ["Increment_variable": ["Succeeded"]]],
                "Set_variable": Self.change("SetVariable", "Count", 100, after: "After_increment"),
                "Decrement_variable": Self.change("DecrementVariable", "count", nil, after: "Set_variable"),
                "Result": ["type": "Compose", "inputs": "Count is @{variables('Count')}", "runAfter": ["Decrement_variable": ["Succeeded"]]],
            ], in: harness)
            let initialize = try #require(detail.action("Initialize_variable"))
            #expect(initialize.status == "Succeeded")
            #expect(initialize.inputs == ["variables": [["name": "Count", "type": "Integer", "value": 0]]])
            #expect(initialize.outputs == nil)
            #expect(detail.action("Increment_variable")?.inputs == ["name": "Count", "value": 1])
            #expect(detail.action("Increment_variable")?.outputs == ["body": ["name": "Count", "value": 1]])
            #expect(detail.action("After_increment")?.outputs == 1)
            #expect(detail.action("Set_variable")?.outputs == ["body": ["name": "Count", "value": 100]])
            #expect(detail.action("Decrement_variable")?.outputs == ["body": ["name": "Count", "value": 99]], "the value defaults to 1; names match in any case")
            #expect(detail.action("Result")?.outputs == "Count is 99")
        }
    }

    /// The how-to's array: `[1, 2, 3]` with "red" appended is `[1, 2, 3, "red"]`; strings and floats too.
    @Test func appendAndFloats() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Initialize_array": Self.initialize("myArrayVariable", "Array", [1, 2, 3]),
                "Append_to_array_variable": Self.change("AppendToArrayVariable", "myArrayVariable", "red", after: "Initialize_array"),
                "Initialize_string": Self.initialize("log", "String", nil),
                "Append_a": Self.change("AppendToStringVariable", "log", "started;", after: "Initialize_string"),
                "Append_b": Self.change("AppendToStringVariable", "log", "@triggerBody()?['n']", after: "Append_a"),
                "Initialize_float": Self.initialize("myFloatVariable", "float", 1.5),
                "Increment_float": Self.change("IncrementVariable", "myFloatVariable", 0.25, after: "Initialize_float"),
                "Initialize_object": Self.initialize("MyObjectVariable", "object", ["ProductItem": ["Name": "myProductName", "ProductID": "000000"]]),
                "Initialize_bool": Self.initialize("myBooleanVariable", "boolean", false),
                "Set_bool": Self.change("SetVariable", "myBooleanVariable", true, after: "Initialize_bool"),
                "All": ["type": "Compose", "inputs": [
                    "array": "@variables('myArrayVariable')", "log": "@variables('log')", "float": "@variables('myFloatVariable')",
                    "object": "@variables('MyObjectVariable')?['ProductItem']?['Name']", "bool": "@variables('myBooleanVariable')",
                ], "runAfter": ["Append_to_array_variable": ["Succeeded"], "Append_b": ["Succeeded"], "Increment_float": ["Succeeded"],
                                "Initialize_object": ["Succeeded"], "Set_bool": ["Succeeded"]]],
            ], body: ["n": 7], in: harness)
            #expect(detail.action("Append_to_array_variable")?.outputs == ["body": ["name": "myArrayVariable", "value": [1, 2, 3, "red"]]])
            #expect(detail.action("All")?.outputs == [
                "array": [1, 2, 3, "red"], "log": "started;7", "float": 1.75, "object": "myProductName", "bool": true,
            ])
        }
    }

    @Test func aValueOfTheWrongTypeFailsWithLogicAppsCodes() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Initialize_count": Self.initialize("Count", "Integer", 0),
                "Set_text": Self.change("SetVariable", "Count", "@triggerBody()?['word']", after: "Initialize_count"),
                "Increment_by_half": Self.change("IncrementVariable", "Count", "@triggerBody()?['half']", after: "Initialize_count"),
                "Initialize_start": Self.initialize("Start", "Integer", "@triggerBody()?['word']"),
                "Initialize_name": Self.initialize("Name", "String", "x"),
                // Names known only at run time: validation cannot refuse these before the run.
                "Increment_name": Self.change("IncrementVariable", "@triggerBody()?['text']", nil, after: "Initialize_name"),
                "Append_to_name": Self.change("AppendToArrayVariable", "@triggerBody()?['text']", "y", after: "Initialize_name"),
                "Set_unknown": Self.change("SetVariable", "@triggerBody()?['which']", 1, after: "Initialize_count"),
            ], body: ["word": "seven", "half": 0.5, "text": "Name", "which": "Missing"], until: .failed, in: harness)
            let failures = ["Set_text", "Increment_by_half", "Initialize_start", "Increment_name", "Append_to_name", "Set_unknown"].map { name in
                "\(name): \(detail.action(name)?.code ?? "-") \(detail.action(name)?.error?["message"]?.stringValue ?? "-")"
            }
            #expect(failures == [
                "Set_text: InvalidVariableOperation The variable 'Count' of type 'Integer' cannot be initialized or updated with value of type 'String'. The variable 'Count' only supports values of types 'Integer'.",
                "Increment_by_half: InvalidVariableOperation The variable 'Count' of type 'Integer' cannot be initialized or updated with value of type 'Float'. The variable 'Count' only supports values of types 'Integer'.",
                "Initialize_start: InvalidVariableInitialization The variable 'Start' of type 'Integer' cannot be initialized or updated with value of type 'String'. The variable 'Start' only supports values of types 'Integer'.",
                "Increment_name: InvalidVariableOperation The variable 'Name' is of type 'String'; IncrementVariable works on Integer and Float variables",
                "Append_to_name: InvalidVariableOperation The variable 'Name' is of type 'String'; AppendToArrayVariable works on Array variables",
                "Set_unknown: InvalidTemplate The variable 'Missing' is not initialized: an Initialize variable action at the top level must run before Set_unknown",
            ])
        }
    }

    @Test func anUndeclaredVariableInAnExpressionFailsTheStep() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Use": ["type": "Compose", "inputs": "@variables('nowhere')", "runAfter": [:]],
            ], until: .failed, in: harness)
            #expect(detail.action("Use")?.code == "InvalidTemplate")
            #expect(detail.action("Use")?.error?["message"]?.stringValue?.contains("variable 'nowhere' is not initialized") == true)
        }
    }

    /// A run that set a variable and waits on a webhook resumes on a new engine with the value:
    /// the variables are stored with the run's progress, not only held in memory.
    @Test func variablesSurviveARestartWhileTheRunWaits() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Initialize_counter": Self.initialize("counter", "Integer", 0),
                "Initialize_seen": Self.initialize("seen", "Array", []),
                "Before": Self.change("IncrementVariable", "counter", 5, after: "Initialize_counter"),
                "Remember": Self.change("AppendToArrayVariable", "seen", "@triggerBody()?['id']", after: "Initialize_seen"),
                "Approve": harness.webhookAction(runAfter: ["Before": ["Succeeded"], "Remember": ["Succeeded"]]),
                "After": Self.change("IncrementVariable", "counter", "@body('Approve')?['more']", after: "Approve"),
                "Report": ["type": "Compose", "inputs": ["counter": "@variables('counter')", "seen": "@variables('seen')"], "runAfter": ["After": ["Succeeded"]]],
            ]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual", body: ["id": "A-1"])
            let url = try #require(try await harness.waitForRun("flow", run.id, .waiting).action("Approve")?.callbackURL)
            let stored = try #require(try await harness.engine.store.run(workflow: "flow", id: run.id))
            #expect(stored.variables.variable(named: "counter")?.value == 5, "written with the progress before the wait")
            #expect(stored.variables.variable(named: "seen")?.value == ["A-1"])
            await harness.engine.shutdown()

            try await harness.withRestartedEngine { restarted in
                await restarted.start()
                _ = try await restarted.acceptActionCallback(workflow: "flow", runID: run.id, action: "Approve",
                                                             request: EngineHarness.callback(to: url, body: ["more": 3]))
                let done = try await harness.waitForRun("flow", run.id, .succeeded, engine: restarted)
                #expect(done.action("After")?.outputs == ["body": ["name": "counter", "value": 8]])
                #expect(done.action("Report")?.outputs == ["counter": 8, "seen": ["A-1"]])
                #expect(try await restarted.store.run(workflow: "flow", id: run.id)?.variables.variable(named: "counter")?.value == 8)
            }
        }
    }

    /// A variable made from a secure parameter is secret wherever it is read, and its value is
    /// sealed in the store.
    @Test func aVariableMadeFromASecretIsMasked() async throws {
        try await EngineHarness.with { harness in
            _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual([
                "Initialize_token": Self.initialize("token", "String", "@parameters('apiKey')"),
                "Append": Self.change("AppendToStringVariable", "token", "-suffix", after: "Initialize_token"),
                "Use": ["type": "Compose", "inputs": "Bearer @{variables('token')}", "runAfter": ["Append": ["Succeeded"]]],
                "Call": ["type": "Http", "inputs": ["method": "POST", "uri": .string(harness.fake.url("/api")), "body": ["auth": "@variables('token')"]],
                         "runAfter": ["Use": ["Succeeded"]]],
            ], parameters: ["apiKey": ["type": "securestring", "defaultValue": "s3cret-key-value"]]), state: nil)
            let run = try await harness.fire("flow", trigger: "manual")
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Use")?.outputs == "********", "a string that read a secret is hidden whole")
            #expect(detail.action("Append")?.outputs == ["body": ["name": "token", "value": "********"]])
            #expect(!JSONWriter.compact.string(from: detail.json).contains("s3cret-key-value"))
            #expect(harness.fake.requests(to: "/api").first?.json?["auth"] == "s3cret-key-value-suffix", "the service still gets the real value")
            for name in try FileManager.default.contentsOfDirectory(atPath: harness.folder.path) where name.hasPrefix("hookflow.sqlite") {
                let file = try Data(contentsOf: harness.folder.appendingPathComponent(name))
                #expect(file.range(of: Data("s3cret-key-value-suffix".utf8)) == nil, "\(name): the stored variable is sealed")
            }
        }
    }
}
