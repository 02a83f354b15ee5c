import Testing
@testable import HookflowModel

/// The three file shapes of SPEC §2, their state and kind, and how they are written.
struct WorkflowDocumentTests {
    static let definition = #"{"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {}}"#

    @Test func readsStandardWorkflowJSON() throws {
        let document = try WorkflowDocument.read(#"{"definition": \#(Self.definition), "kind": "Stateless"}"#)
        #expect(document.shape == .standard)
        #expect(document.kind == "Stateless")
        #expect(document.state == nil)
        #expect(document.definition.triggers.map(\.name) == ["manual"])
    }

    @Test func readsBareDefinition() throws {
        let document = try WorkflowDocument.read(Self.definition)
        #expect(document.shape == .bareDefinition)
        #expect(document.definitionPointer == .root)
        #expect(document.definition.triggers.first?.kind == .request)
    }

    @Test func readsARMTemplateAndItsState() throws {
        var document = try WorkflowDocument.read("""
            {"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
             "resources": [
               {"type": "Microsoft.Web/connections", "name": "c"},
               {"type": "Microsoft.Logic/workflows", "name": "wf", "properties": {"state": "Disabled", "definition": \(Self.definition)}}
             ]}
            """)
        #expect(document.shape == .armTemplate(resourceIndex: 1))
        #expect(document.state == "Disabled")
        document.state = "Enabled"
        let written = try JSONParser.parse(document.written())
        #expect(written[pointer: JSONPointer(["resources", "1", "properties", "state"])] == "Enabled")
        #expect(written[pointer: JSONPointer(["resources", "0", "name"])] == "c")
    }

    @Test func readsARMResource() throws {
        let document = try WorkflowDocument.read(#"{"type": "Microsoft.Logic/workflows", "properties": {"state": "Enabled", "definition": \#(Self.definition)}}"#)
        #expect(document.shape == .armResource)
        #expect(document.state == "Enabled")
    }

    @Test func exportsStandardFromAnyShape() throws {
        let document = try WorkflowDocument.read(#"{"type": "Microsoft.Logic/workflows", "properties": {"definition": \#(Self.definition)}}"#)
        let exported = try WorkflowDocument.read(document.standardText())
        #expect(exported.shape == .standard)
        #expect(exported.kind == "Stateful")
        #expect(exported.definition == document.definition)
    }

    @Test(arguments: [
        ("[1, 2]", "the top level is an array"),
        (#"{"name": "x"}"#, "found none of"),
        (#"{"definition": 5}"#, "/definition: the workflow definition must be a JSON object"),
        (#"{"resources": [{"type": "Microsoft.Web/sites"}]}"#, "no Microsoft.Logic/workflows resource"),
    ])
    func refusesWhatIsNotAWorkflow(text: String, expected: String) {
        do {
            _ = try WorkflowDocument.read(text)
            Issue.record("expected an error for \(text)")
        } catch {
            #expect(error.description.contains(expected), "\(error.description)")
        }
    }

    @Test func malformedJSONCarriesThePosition() {
        do {
            _ = try WorkflowDocument.read("{\n  \"triggers\": {,\n}")
            Issue.record("expected an error")
        } catch {
            guard case .malformedJSON(let parseError) = error else { Issue.record("wrong error \(error)"); return }
            #expect(parseError.line == 2)
            #expect(parseError.column == 16)
        }
    }

    /// The depth limit is the definition's: a bare definition as deep as allowed is still read
    /// after it is written as a workflow.json (one level deeper), and one level more is refused.
    @Test func definitionDepthLimitHoldsInEveryShape() throws {
        func bare(depth: Int) -> String {
            // {"actions": {"A": {"type": "Compose", "inputs": [[...]]}}}: 3 levels around the arrays.
            let arrays = depth - 3
            return #"{"actions": {"A": {"type": "Compose", "inputs": "# + String(repeating: "[", count: arrays)
                + String(repeating: "]", count: arrays) + "}}}"
        }
        let deepest = try WorkflowDocument.read(bare(depth: JSONValue.maximumDepth))
        #expect(deepest.definition.value.nestingDepth == 512)
        let standard = deepest.standardText()
        #expect(try WorkflowDocument.read(standard).definition == deepest.definition)
        #expect(throws: WorkflowReadError.definitionTooDeep(.root)) { try WorkflowDocument.read(bare(depth: 513)) }
        // The same limits inside a workflow.json, whose file is one level deeper.
        #expect(try WorkflowDocument.read(#"{"definition": "# + bare(depth: 512) + "}").definition == deepest.definition)
        do {
            _ = try WorkflowDocument.read(#"{"definition": "# + bare(depth: 513) + "}")
            Issue.record("a definition 513 levels deep was read")
        } catch {
            #expect(error.description == "/definition: the workflow definition nests deeper than 512 levels, the limit for JSON in Hookflow")
        }
    }

    @Test func newDocumentIsStandardWithEmptyDefinition() throws {
        let document = WorkflowDocument(definition: .empty())
        let reread = try WorkflowDocument.read(document.written())
        #expect(reread.shape == .standard)
        #expect(reread.definition.json.keys == ["$schema", "contentVersion", "parameters", "triggers", "actions", "outputs"])
    }

    /// Typed views read the webhook fields, `url` as `uri`, and every authentication type.
    @Test func typedViewsOfAWebhookTrigger() throws {
        let document = try WorkflowDocument.read("""
            {"triggers": {"Hook": {"type": "HttpWebhook", "inputs": {
              "subscribe": {"method": "POST", "uri": "https://svc.example/sub", "headers": {"X-Key": "k"},
                            "body": {"callback": "@{listCallbackUrl()}"},
                            "authentication": {"type": "Basic", "username": "u", "password": "p"},
                            "retryPolicy": {"type": "fixed", "count": 3, "interval": "PT10S"}},
              "unsubscribe": {"method": "DELETE", "url": "https://svc.example/unsub",
                              "authentication": {"type": "ActiveDirectoryOAuth", "tenant": "t", "audience": "a", "clientId": "c", "secret": "s"}}},
              "limit": {"timeout": "PT1H"},
              "runtimeConfiguration": {"secureData": {"properties": ["inputs"]}}}}}
            """)
        let step = try #require(document.definition.triggers.first)
        let webhook = try #require(step.httpWebhook)
        #expect(webhook.subscribe?.method == "POST")
        #expect(webhook.subscribe?.uri == "https://svc.example/sub")
        #expect(webhook.subscribe?.headerPairs.map(\.name) == ["X-Key"])
        #expect(webhook.subscribe?.authentication == .basic(username: "u", password: "p"))
        #expect(webhook.subscribe?.retryPolicy == RetryPolicy(kind: .fixed, count: 3, interval: "PT10S"))
        #expect(webhook.unsubscribe?.uri == "https://svc.example/unsub")
        #expect(webhook.unsubscribe?.uriKey == "url")
        if case .activeDirectoryOAuth(let oauth)? = webhook.unsubscribe?.authentication {
            #expect(oauth.tenant == "t")
            #expect(oauth.secret == "s")
        } else {
            Issue.record("expected ActiveDirectoryOAuth")
        }
        #expect(step.timeout == "PT1H")
        #expect(step.secureData == SecureData(inputs: true, outputs: false))
    }

    @Test func authenticationVariants() throws {
        #expect(Authentication(json: ["type": "Raw", "value": "Bearer x"]) == .raw(value: "Bearer x"))
        #expect(Authentication(json: ["type": "ClientCertificate", "pfx": "MIIx", "password": "pw"]) == .clientCertificate(pfx: "MIIx", password: "pw"))
        #expect(Authentication(json: ["type": "ManagedServiceIdentity", "audience": "https://management.azure.com/"])
            == .managedServiceIdentity(identity: nil, audience: "https://management.azure.com/"))
        #expect(Authentication(json: ["type": "Digest"]) == .unknown(type: "Digest"))
        #expect(RetryPolicy(json: ["type": "default"]).resolved == .standard)
    }

    @Test func controlStepViews() throws {
        let definition = try WorkflowDocument.read("""
            {"actions": {
              "Delay": {"type": "Wait", "inputs": {"interval": {"count": 5, "unit": "Minute"}}, "runAfter": {}},
              "Stop": {"type": "Terminate", "inputs": {"runStatus": "Failed", "runError": {"code": "E1", "message": "m"}}, "runAfter": {"Delay": ["Succeeded", "TimedOut"]}},
              "Check": {"type": "If", "expression": {"equals": ["@triggerBody()", 1]}, "actions": {"A": {"type": "Compose", "inputs": 1}}, "else": {"actions": {"B": {"type": "Compose", "inputs": 2}}}, "runAfter": {}}
            }}
            """).definition
        #expect(definition.step(named: "Delay")?.wait?.intervalUnit == "Minute")
        #expect(definition.step(named: "Stop")?.terminate?.errorCode == "E1")
        #expect(definition.step(named: "Stop")?.runAfter == [RunAfterDependency(predecessor: "Delay", statuses: ["Succeeded", "TimedOut"])])
        #expect(definition.step(named: "Check")?.condition?["equals"] != nil)
        #expect(definition.allSteps.map(\.name) == ["Delay", "Stop", "Check", "A", "B"])
        #expect(definition.step(named: "B")?.address.container == JSONPointer(["actions", "Check", "else", "actions"]))
        #expect(definition.step(named: "b")?.name == "B", "names match case-insensitively")
    }

    @Test(arguments: [("PT1H", 3600.0), ("PT10S", 10), ("P1D", 86400), ("P1DT12H", 129_600), ("PT0.5S", 0.5), ("P2W", 1_209_600), ("PT1M30S", 90)])
    func parsesDurations(text: String, seconds: Double) throws {
        #expect(try #require(ISO8601Duration(text)).totalSeconds == seconds)
    }

    @Test(arguments: ["", "P", "PT", "1H", "PT1", "P1H", "PT1D", "P1D2Y", "PT-5S", "PTS"])
    func refusesBadDurations(text: String) {
        #expect(ISO8601Duration(text) == nil)
    }
}
