import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Testing

/// Standard project folders and ARM templates through the real binary (issue 12, points 4 to 6):
/// validate and publish every workflow with the project's parameters.json and app settings or
/// the template's parameters; warnings printed as such and never stopping anything; export
/// writing an app back into its file with everything outside the definition as it was.
@Suite(.serialized)
struct ProjectCommandsTests {
    /// The model tests' fixtures, read where they are.
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("HookflowModelTests/Fixtures")

    static func lines(_ text: String) -> [String] { text.split(separator: "\n").map(String.init) }

    /// A project whose workflows call the fake service at the base URL its local.settings.json
    /// gives, through a parameters.json value `@appsetting('SERVICE_BASE')`.
    static func writeProject(in folder: TemporaryFolder, fake: FakeWebhookService) throws {
        let base = fake.url("/subscribe").replacingOccurrences(of: "/subscribe", with: "")
        try folder.write("app/host.json", #"{"version": "2.0", "extensionBundle": {"id": "Microsoft.Azure.Functions.ExtensionBundle.Workflows", "version": "[1.*, 2.0.0)"}}"#)
        try folder.write("app/connections.json", "{\n  \"managedApiConnections\": {}\n}\n")
        try folder.write("app/parameters.json", """
            {
              "ServiceBase": { "type": "String", "value": "@appsetting('SERVICE_BASE')" },
              "Topic": { "type": "String", "value": "orders" }
            }
            """)
        try folder.write("app/local.settings.json", """
            {"IsEncrypted": false, "Values": {"SERVICE_BASE": "\(base)", "Workflows.audit.FlowState": "Disabled"}}
            """)
        try folder.write("app/orders/workflow.json", """
            {
              "definition": {
                "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
                "actions": {
                  "Say": { "type": "Compose", "inputs": "@triggerBody()", "runAfter": {} }
                },
                "contentVersion": "1.0.0.0",
                "outputs": {},
                "triggers": {
                  "Webhook": {
                    "type": "HttpWebhook",
                    "inputs": {
                      "subscribe": { "method": "POST", "uri": "@{parameters('ServiceBase')}/subscribe",
                                     "body": { "callbackUrl": "@{listCallbackUrl()}", "topic": "@parameters('Topic')" } },
                      "unsubscribe": { "method": "POST", "uri": "@{parameters('ServiceBase')}/unsubscribe" }
                    }
                  }
                }
              },
              "kind": "Stateful"
            }
            """)
        try folder.write("app/audit/workflow.json", """
            {"definition": {"triggers": {"manual": {"type": "Request", "kind": "Http"}},
                            "actions": {"Record": {"type": "Http", "inputs": {"method": "POST", "uri": "@{parameters('ServiceBase')}/audit"}, "runAfter": {}}}},
             "kind": "Stateless"}
            """)
        try folder.write("app/workflow-designtime/host.json", "{}")
    }

    // MARK: validate

    /// The fixture project: every workflow checked in its project, its one warning printed as
    /// such, exit 0.
    @Test func validatingAProjectChecksEveryWorkflowWithItsParameters() throws {
        let project = Self.fixtures.appendingPathComponent("Projects/orders-app").path
        let result = try HookflowBinary.run(["validate", project])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr == "")
        #expect(Self.lines(result.stdout) == [
            "\(project)/shipping/workflow.json:/actions/Notify_carrier/inputs/uri: warning: URI evaluates to \"\", which is not an absolute URL "
                + "(for example https://service.example/subscribe); the value is set outside the definition (parameters.json), so this is a warning",
        ])
        // One workflow of it, by its folder or its file: the same project around it.
        let one = try HookflowBinary.run(["validate", "\(project)/orders", "\(project)/shipping/workflow.json"])
        #expect(one.status == 0)
        #expect(Self.lines(one.stdout).count == 1)
    }

    /// Read alone, a project's workflow may use the project's parameters: warnings, exit 0.
    @Test func aWorkflowJSONOnItsOwnWarnsAboutParametersDeclaredElsewhere() throws {
        let folder = try TemporaryFolder()
        let text = try String(contentsOf: Self.fixtures.appendingPathComponent("Projects/orders-app/orders/workflow.json"), encoding: .utf8)
        try folder.write("orders/workflow.json", text)
        let result = try HookflowBinary.run(["validate", "orders/workflow.json"], in: folder.url)
        #expect(result.status == 0)
        let lines = Self.lines(result.stdout)
        #expect(lines.count == 5)
        #expect(lines.allSatisfy { $0.hasPrefix("orders/workflow.json:/") && $0.contains(": warning: parameters('") })
        // The same definition under another name is no Standard workflow file: undeclared is an error.
        try folder.write("orders.json", text)
        let other = try HookflowBinary.run(["validate", "orders.json"], in: folder.url)
        #expect(other.status == 1)
        #expect(Self.lines(other.stdout).first?.contains(": parameters('ServiceBaseUrl') refers to a parameter that is not declared") == true)
    }

    /// Errors, warnings and the exit code; `--json` gives each problem's severity.
    @Test func warningsArePrintedAsSuchAndExitZero() throws {
        let folder = try TemporaryFolder()
        try folder.write("docs.json", """
            {"triggers": {"W": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "POST", "uri": "https://svc.example/s"}, "unsubscribe": {}},
                               "runAfter": {}}}, "actions": {}}
            """)
        let result = try HookflowBinary.run(["validate", "docs.json"], in: folder.url)
        #expect(result.status == 0)
        #expect(Self.lines(result.stdout) == [
            "docs.json:/triggers/W/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop",
            "docs.json:/triggers/W/inputs/unsubscribe/uri: warning: Unsubscribe - URI is missing: the service is never told to stop",
            "docs.json:/triggers/W/runAfter: warning: Run after does not apply to a trigger; the empty {} is ignored",
        ])
        let json = try HookflowBinary.run(["validate", "--json", "docs.json"], in: folder.url)
        #expect(json.status == 0)
        let file = try #require(try JSONParser.parse(json.stdout)["files"]?.arrayValue?.first)
        #expect(file["valid"] == true)
        #expect(file["problems"]?.arrayValue?.first?["severity"] == "warning")
    }

    /// A step name with a line break, and a multi-line expression: one problem, one line.
    @Test func everyProblemIsOneLine() throws {
        let folder = try TemporaryFolder()
        try folder.write("lines.json", #"""
            {"actions": {"Two\nLines": {"type": "Compose", "inputs": "@concat(\n  body('Ghost'),\n  'x'\n)", "runAfter": {}}}}
            """#)
        let result = try HookflowBinary.run(["validate", "lines.json"], in: folder.url)
        #expect(result.status == 1)
        #expect(Self.lines(result.stdout) == [
            #"lines.json:/actions/Two\nLines: Step name "Two\nLines" is not valid: a step name cannot contain control characters"#,
            #"lines.json:/actions/Two\nLines/inputs: body('Ghost') refers to an action that does not exist (at position 12 in expression "@concat(\n  body('Ghost'),\n  'x'\n)")"#,
        ])
    }

    /// A template with two workflows: each checked, named FILE#NAME; --resource checks one.
    @Test func validatingATemplateChecksEachWorkflowResource() throws {
        let template = Self.fixtures.appendingPathComponent("31-arm-template-two-workflows.json").path
        let result = try HookflowBinary.run(["validate", template])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(Self.lines(result.stdout) == [
            "\(template)#contoso-orders:/triggers/Order_placed/inputs/subscribe/headers/x-deployed-region: warning: ARM expression "
                + #""[parameters('location')]" is left unchecked: its value is not known outside Azure (the default of the template parameter 'location' is "[resourceGroup().location]")"#,
        ])
        let json = try HookflowBinary.run(["validate", "--json", template])
        let files = try #require(try JSONParser.parse(json.stdout)["files"]?.arrayValue)
        #expect(files.map { $0["resource"]?.stringValue } == ["contoso-orders", "contoso-status"])
        let one = try HookflowBinary.run(["validate", template, "--resource", "contoso-status"])
        #expect(one.status == 0)
        #expect(one.stdout == "")
        let none = try HookflowBinary.run(["validate", template, "--resource", "billing"])
        #expect(none.status == 1)
        #expect(none.stderr == "\(template): the template has no Microsoft.Logic/workflows resource named \"billing\"; it has \"contoso-orders\", \"contoso-status\"\n")
    }

    @Test func aFolderThatIsNeitherSaysWhatItExpects() throws {
        let folder = try TemporaryFolder()
        try folder.write("empty/readme.txt", "nothing here")
        try folder.write("bad/host.json", "{}")
        try folder.write("bad/parameters.json", "{\n  \"a\": ,\n}")
        try folder.write("bad/orders/workflow.json", #"{"definition": {"triggers": {}, "actions": {}}, "kind": "Stateful"}"#)
        let result = try HookflowBinary.run(["validate", "empty", "bad"], in: folder.url)
        #expect(result.status == 1)
        #expect(Self.lines(result.stderr) == [
            "empty: cannot read: it is a folder with no workflow.json and no host.json; name a workflow file, a workflow's folder or a Logic Apps Standard project folder",
            "bad/parameters.json:2:8: malformed JSON: unexpected ','; expected a value (object, array, string, number, true, false or null)",
        ])
    }

    // MARK: publish and export

    /// `publish DIR`: every workflow, named after its folder, bound to the project's parameters
    /// (the subscribe goes to the URL local.settings.json gives), the state from FlowState, the
    /// kind from the file; the project's files are not touched.
    @Test func publishingAProjectPublishesEveryWorkflowBound() async throws {
        let fake = try await FakeWebhookService.start()
        do {
            let folder = try TemporaryFolder()
            try Self.writeProject(in: folder, fake: fake)
            let before = try Self.snapshot(folder.url.appendingPathComponent("app"))
            let data = folder.url.appendingPathComponent("data").path

            let published = try await HookflowBinary.launch(["publish", "app", "--data", data], in: folder.url)
            #expect(published.status == 0, "\(published.stderr)")
            #expect(published.stdout == "published audit v1 (Disabled)\npublished orders v1 (Enabled)\n  Webhook: Subscribed\n")
            let subscribe = try #require(fake.requests(to: "/subscribe").first)
            #expect(subscribe.json?["topic"] == "orders", "parameters.json's value reached the engine")
            #expect(try Self.snapshot(folder.url.appendingPathComponent("app")) == before, "no file of the project changed")

            let list = try await HookflowBinary.launch(["list", "--data", data, "--json"], in: folder.url)
            let apps = try JSONParser.parse(list.stdout)["value"]?.arrayValue ?? []
            #expect(apps.map { $0["name"]?.stringValue } == ["audit", "orders"])
            let exported = try await HookflowBinary.launch(["export", "audit", "--data", data], in: folder.url)
            #expect(try WorkflowDocument.read(exported.stdout).kind == "Stateless", "the kind travels with the app")

            // --name names one app: refused for a project of two.
            let named = try await HookflowBinary.launch(["publish", "app", "--name", "x", "--data", data], in: folder.url)
            #expect(named.status == 1)
            #expect(named.stderr.hasPrefix("hookflow: --name names one app, but app holds 2 workflows (audit, orders)"))
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    /// Exporting into the project's workflow.json writes the app's edits back and takes out
    /// what publishing added (the project's parameter declarations): with no edit since, the
    /// file comes back byte for byte.
    @Test func exportingIntoTheWorkflowFileWritesBackOnlyTheDefinition() async throws {
        let fake = try await FakeWebhookService.start()
        do {
            let folder = try TemporaryFolder()
            try Self.writeProject(in: folder, fake: fake)
            let data = folder.url.appendingPathComponent("data").path
            let file = folder.url.appendingPathComponent("app/orders/workflow.json")
            let original = try String(contentsOf: file, encoding: .utf8)
            _ = try await HookflowBinary.launch(["publish", "app/orders", "--data", data], in: folder.url)

            let exported = try await HookflowBinary.launch(["export", "orders", "--output", "app/orders/workflow.json", "--data", data], in: folder.url)
            #expect(exported.status == 0, "\(exported.stderr)")
            #expect(exported.stderr == "exported orders v1 into app/orders/workflow.json (only its definition changed)\n")
            #expect(try String(contentsOf: file, encoding: .utf8) == original)
            // Printed, the app is what the engine runs: the project's parameters declared in it.
            let printed = try await HookflowBinary.launch(["export", "orders", "--data", data], in: folder.url)
            let declared = try WorkflowDocument.read(printed.stdout).definition.parameters.map(\.name)
            #expect(declared == ["ServiceBase", "Topic"])
        } catch {
            await fake.stop()
            throw error
        }
        await fake.stop()
    }

    /// A template with two workflows publishes both, each under its name as deployed, with its
    /// template expressions resolved; exporting one back into the template changes only its definition.
    @Test func publishingATemplatePublishesEveryWorkflowAndExportsBackIntoIt() async throws {
        let folder = try TemporaryFolder()
        let original = try String(contentsOf: Self.fixtures.appendingPathComponent("31-arm-template-two-workflows.json"), encoding: .utf8)
        // The webhook's service is not there: publish them disabled.
        try folder.write("azuredeploy.json", original)
        let data = folder.url.appendingPathComponent("data").path
        let published = try await HookflowBinary.launch(["publish", "azuredeploy.json", "--disabled", "--data", data], in: folder.url)
        #expect(published.status == 0, "\(published.stderr)")
        #expect(published.stdout == "published contoso-orders v1 (Disabled)\npublished contoso-status v1 (Disabled)\n")
        #expect(published.stderr.contains("azuredeploy.json#contoso-orders:/triggers/Order_placed/inputs/subscribe/headers/x-deployed-region: warning: ARM expression"))

        let shown = try await HookflowBinary.launch(["export", "contoso-orders", "--data", data], in: folder.url)
        let definition = try WorkflowDocument.read(shown.stdout).definition
        #expect(definition[pointer: JSONPointer(["triggers", "Order_placed", "inputs", "subscribe", "uri"])] == "https://orders.example.net/api/v2/subscriptions")
        #expect(definition[pointer: JSONPointer(["parameters", "serviceHost", "defaultValue"])] == "orders.example.net")
        // What the resource held beside its definition comes back too, as Logic Apps' code view shows it.
        let exported = try JSONParser.parse(shown.stdout)
        #expect(exported["parameters"]?["$connections"]?["value"]?["office365"]?["connectionName"] == "[variables('office365ConnectionName')]",
                "\(shown.stdout)")
        #expect(exported["parameters"]?["serviceKey"] == ["value": "[parameters('serviceKey')]"])
        #expect(exported["state"] == nil, "the app's state is the engine's, not a copy of the file's")
        // A save that sends no properties (the designer's) keeps them.
        let (client, cleanup) = try await EngineLocator.connect(dataFolder: URL(fileURLWithPath: data))
        let current = try await client.workflow(named: "contoso-orders")
        _ = try await client.saveWorkflow(name: "contoso-orders", definition: current.definition, state: nil, kind: nil, baseVersion: current.summary.version)
        #expect(try await client.workflow(named: "contoso-orders").properties?["parameters"]?["$connections"] != nil)
        await cleanup()

        let back = try await HookflowBinary.launch(["export", "contoso-orders", "--output", "azuredeploy.json", "--data", data], in: folder.url)
        #expect(back.status == 0, "\(back.stderr)")
        #expect(back.stderr == "exported contoso-orders v2 into azuredeploy.json#contoso-orders (only its definition changed)\n")
        #expect(try String(contentsOf: folder.url.appendingPathComponent("azuredeploy.json"), encoding: .utf8) == original,
                "$connections, properties.parameters, state, the other resources: all as they were")

        let again = try await HookflowBinary.launch(["export", "contoso-orders", "--data", data], in: folder.url)
        #expect(try JSONParser.parse(again.stdout)["parameters"]?["$connections"] != nil)

        let one = try await HookflowBinary.launch(["publish", "azuredeploy.json", "--resource", "contoso-status", "--data", data], in: folder.url)
        #expect(one.stdout == "published contoso-status v2 (Disabled)\n")
    }

    /// Every file under `folder`, by path, with its bytes.
    static func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            if (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
                files[url.path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}
