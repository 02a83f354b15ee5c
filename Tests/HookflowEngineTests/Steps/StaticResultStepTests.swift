import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Static results: an action whose `runtimeConfiguration.staticResult` is enabled returns the
/// entry of `definition.staticResults` it names without running — an HTTP action calls nothing,
/// an Azure-only ApiConnection action succeeds — and a disabled one runs as usual.
@Suite(.serialized)
struct StaticResultStepTests {
    static func staticResult(_ name: String, enabled: Bool = true) -> JSONValue {
        ["staticResult": ["name": .string(name), "staticResultOptions": enabled ? "Enabled" : "Disabled"]]
    }

    /// The reference's example: HTTP returns `HTTP0` (status code "OK", a Content-Type header)
    /// without sending anything.
    @Test func anEnabledStaticResultStandsInForTheCall() async throws {
        try await EngineHarness.with { harness in
            var definition = EngineHarness.manual([
                "HTTP": ["type": "Http", "inputs": ["method": "GET", "uri": .string(harness.fake.url("/news"))], "runAfter": [:],
                         "runtimeConfiguration": Self.staticResult("HTTP0")],
                "Use": ["type": "Compose", "inputs": "@outputs('HTTP')?['statusCode']", "runAfter": ["HTTP": ["Succeeded"]]],
            ])
            definition["staticResults"] = ["HTTP0": ["outputs": ["headers": ["Content-Type": "application/JSON"], "statusCode": "OK"], "status": "Succeeded"]]
            _ = try await harness.engine.save(name: "flow", definition: definition, state: nil)
            let run = try await harness.fire("flow", trigger: "manual")
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            let http = try #require(detail.action("HTTP"))
            #expect(http.status == "Succeeded")
            #expect(http.outputs == ["headers": ["Content-Type": "application/JSON"], "statusCode": "OK"])
            #expect(http.inputs?["uri"]?.stringValue == harness.fake.url("/news"))
            #expect(detail.action("Use")?.outputs == "OK")
            #expect(harness.fake.requests.isEmpty, "nothing was sent")
        }
    }

    /// Azure-only steps run nowhere but here, with their static result; a failed one carries its
    /// code and error, and a later step can handle it.
    @Test func azureOnlyStepsReturnTheirStaticResultsSucceededOrFailed() async throws {
        try await EngineHarness.with { harness in
            var definition = EngineHarness.manual([
                "Send_an_email": ["type": "ApiConnection", "runAfter": [:], "runtimeConfiguration": Self.staticResult("Send_an_email0"),
                                  "inputs": ["host": ["connection": ["name": "@parameters('$connections')['office365']['connectionId']"]],
                                             "method": "post", "path": "/Mail", "body": ["To": "sophie@contoso.com"]]],
                "Get_secret": ["type": "ServiceProvider", "runAfter": ["Send_an_email": ["Succeeded"]], "runtimeConfiguration": Self.staticResult("Get_secret0"),
                               "inputs": ["parameters": ["secretName": "db"], "serviceProviderConfiguration": ["connectionName": "keyVault", "operationId": "getSecret"]]],
                "Recover": ["type": "Compose", "inputs": "@actions('Get_secret')?['error']?['message']", "runAfter": ["Get_secret": ["Failed"]]],
            ], parameters: ["$connections": ["type": "Object", "defaultValue": [:]]])
            definition["staticResults"] = [
                "Send_an_email0": ["status": "Succeeded", "outputs": ["statusCode": "200", "body": ["id": "mail-1"]]],
                "Get_secret0": ["status": "Failed", "code": "NotFound", "error": ["code": "SecretNotFound", "message": "Secret db was not found"],
                                "outputs": ["statusCode": "404"]],
            ]
            _ = try await harness.engine.save(name: "flow", definition: definition, state: nil)
            let run = try await harness.fire("flow", trigger: "manual")
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Send_an_email")?.status == "Succeeded")
            #expect(detail.action("Send_an_email")?.outputs == ["statusCode": "200", "body": ["id": "mail-1"]])
            let secret = try #require(detail.action("Get_secret"))
            #expect(secret.status == "Failed")
            #expect(secret.code == "NotFound")
            #expect(secret.error == ["code": "SecretNotFound", "message": "Secret db was not found"])
            #expect(secret.outputs == ["statusCode": "404"])
            #expect(detail.action("Recover")?.outputs == "Secret db was not found")
        }
    }

    /// Disabled (the designer keeps the values when it switches a static result off): the step runs.
    /// Without a static result an Azure-only step fails clearly.
    @Test func aDisabledStaticResultRunsTheStep() async throws {
        try await EngineHarness.with { harness in
            var definition = EngineHarness.manual([
                "HTTP": ["type": "Http", "inputs": ["method": "GET", "uri": .string(harness.fake.url("/news"))], "runAfter": [:],
                         "runtimeConfiguration": Self.staticResult("HTTP0", enabled: false)],
                "Connector": ["type": "ApiConnection", "inputs": ["method": "get", "path": "/x"], "runAfter": ["HTTP": ["Succeeded"]]],
            ])
            definition["staticResults"] = ["HTTP0": ["status": "Failed", "outputs": ["statusCode": "500"]]]
            _ = try await harness.engine.save(name: "flow", definition: definition, state: nil)
            let run = try await harness.fire("flow", trigger: "manual")
            let detail = try await harness.waitForRun("flow", run.id, .failed)
            #expect(detail.action("HTTP")?.status == "Succeeded")
            #expect(detail.action("HTTP")?.outputs?["statusCode"] == 200)
            #expect(harness.fake.requests(to: "/news").count == 1)
            #expect(detail.action("Connector")?.code == "ActionTypeNotSupported")
        }
    }

    /// A webhook action with a static result neither subscribes nor waits.
    @Test func aWebhookActionWithAStaticResultDoesNotSubscribe() async throws {
        try await EngineHarness.with { harness in
            guard case .object(var approve) = harness.webhookAction() else { return }
            approve["runtimeConfiguration"] = Self.staticResult("HTTP_Webhook0")
            var definition = EngineHarness.manual([
                "Approve": .object(approve),
                "Decision": ["type": "Compose", "inputs": "@body('Approve')?['decision']", "runAfter": ["Approve": ["Succeeded"]]],
            ])
            definition["staticResults"] = ["HTTP_Webhook0": ["status": "Succeeded", "outputs": ["body": ["decision": "approved"], "headers": [:]]]]
            _ = try await harness.engine.save(name: "flow", definition: definition, state: nil)
            let run = try await harness.fire("flow", trigger: "manual")
            let detail = try await harness.waitForRun("flow", run.id, .succeeded)
            #expect(detail.action("Decision")?.outputs == "approved")
            #expect(detail.action("Approve")?.callbackURL == nil)
            #expect(harness.fake.requests.isEmpty, "no subscribe, no unsubscribe")
        }
    }

    /// An enabled static result that names no entry is refused when the app is saved.
    @Test func aStaticResultThatDoesNotExistIsRefusedOnSave() async throws {
        try await EngineHarness.with { harness in
            let definition = EngineHarness.manual([
                "HTTP": ["type": "Http", "inputs": ["method": "GET", "uri": "https://example.com"], "runAfter": [:],
                         "runtimeConfiguration": Self.staticResult("Nowhere0")],
            ])
            await #expect(throws: EngineError.invalidDefinition([
                ValidationProblem(pointer: JSONPointer(["actions", "HTTP", "runtimeConfiguration", "staticResult", "name"]),
                                  message: #"Static result "Nowhere0" is not defined in the definition's staticResults"#),
            ])) {
                try await harness.engine.save(name: "flow", definition: definition, state: nil)
            }
        }
    }
}
