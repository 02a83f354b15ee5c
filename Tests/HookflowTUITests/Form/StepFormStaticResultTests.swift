import Testing
import HookflowModel
@testable import HookflowTUI

/// The static result at the end of an action's Settings tab: switched on, it writes Logic Apps'
/// `runtimeConfiguration.staticResult` and `definition.staticResults.<Step>0`; switched off, it
/// keeps the result for next time.
struct StepFormStaticResultTests {
    /// An HTTP call, a Compose, and an Azure-only step whose static result is already there (off).
    static let fixture = """
        {"triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {}}},
         "actions": {
           "Call_service": {"type": "Http", "inputs": {"method": "GET", "uri": "https://svc.example.com/orders"}, "runAfter": {}, "x-keep": "me"},
           "Shape": {"type": "Compose", "inputs": "@body('Call_service')", "runAfter": {"Call_service": ["Succeeded"]}},
           "Send_email": {"type": "ApiConnection", "inputs": {"host": {"connection": {"name": "@parameters('$connections')['office365']['connectionId']"}}, "method": "post", "path": "/Mail"},
             "runAfter": {"Shape": ["Succeeded"]},
             "runtimeConfiguration": {"staticResult": {"name": "Send_email0", "staticResultOptions": "Disabled"}}}
         },
         "staticResults": {"Send_email0": {"status": "Failed", "outputs": {"statusCode": "BadRequest", "headers": {"x-ms": "1"}}, "error": {"code": "MailboxFull", "message": "Full"}},
                           "Call_service0": {"status": "Succeeded", "x-other": true}}}
        """

    private func settings(_ step: String) throws -> FormHarness {
        var harness = try FormHarness(Self.fixture, step: .action(step))
        harness.press(.ctrl("t"))
        return harness
    }

    @Test func switchingOnCreatesTheLinkAndAResultShapedLikeAResponse() throws {
        var harness = try settings("Call_service")
        harness.focus("Static result")
        #expect(harness.screen().contains { $0.contains("Static result") && $0.contains("[ ]") })
        #expect(harness.press(.character(" ")) == .edited)
        // Call_service0 is taken (by an entry nobody links to): the new one is Call_service1.
        #expect(harness.json("/actions/Call_service/runtimeConfiguration") == #"{"staticResult":{"name":"Call_service1","staticResultOptions":"Enabled"}}"#)
        #expect(harness.json("/staticResults/Call_service1") == #"{"status":"Succeeded","outputs":{"statusCode":200,"headers":{},"body":{}}}"#)
        #expect(harness.json("/staticResults/Call_service0") == #"{"status":"Succeeded","x-other":true}"#)
        #expect(harness.keys("/actions/Call_service") == ["type", "inputs", "runAfter", "x-keep", "runtimeConfiguration"])
        #expect(Array(harness.labels.suffix(5)) == ["Static result", "Status", "Status code", "Headers", "Body"])
        #expect(harness.problems.isEmpty)

        // Failed asks for the error; the status code is written as a number.
        harness.focus("Status")
        harness.press(.right)
        #expect(harness.json("/staticResults/Call_service1/status") == #""Failed""#)
        #expect(harness.labels.contains("Error code"))
        harness.focus("Error code")
        harness.type("Conflict")
        harness.focus("Status code")
        harness.press(.home, .delete)
        harness.type("4")
        harness.focus("Body")
        harness.press(.ctrl("a"), .ctrl("k"))
        harness.type(#"{"reason": "taken"}"#)
        #expect(harness.json("/staticResults/Call_service1") ==
            #"{"status":"Failed","outputs":{"statusCode":400,"headers":{},"body":{"reason":"taken"}},"error":{"code":"Conflict"}}"#)
        #expect(harness.screen().contains { $0.contains("Status code") && $0.contains("400") })

        // Off: Disabled, and the result stays for next time.
        harness.focus("Static result")
        #expect(harness.press(.enter) == .edited)
        #expect(harness.json("/actions/Call_service/runtimeConfiguration/staticResult/staticResultOptions") == #""Disabled""#)
        #expect(harness.json("/staticResults/Call_service1/error") == #"{"code":"Conflict"}"#)
        #expect(!harness.labels.contains("Status"))
        #expect(Step(address: .action("Call_service"), json: try #require(harness.value("/actions/Call_service")?.objectValue)).enabledStaticResultName == nil)
        harness.press(.character(" "))
        #expect(harness.json("/actions/Call_service/runtimeConfiguration/staticResult") == #"{"name":"Call_service1","staticResultOptions":"Enabled"}"#)
        #expect(harness.json("/staticResults/Call_service1/outputs/statusCode") == "400", "switched on again, the same result comes back")
    }

    @Test func anExistingResultShowsItsValuesAndIsKeptWhenSwitchedOn() throws {
        var harness = try settings("Send_email")
        let before = harness.definition
        harness.focus("Static result")
        #expect(harness.fields.contains { if case .note(let text) = $0.kind { text.contains("Send_email0 is kept") } else { false } })
        harness.press(.character(" "))
        #expect(harness.json("/actions/Send_email/runtimeConfiguration/staticResult/staticResultOptions") == #""Enabled""#)
        #expect(harness.value("/staticResults") == before.json["staticResults"], "the existing result is used as it is")
        let screen = harness.screen(height: 40).joined(separator: "\n")
        #expect(screen.contains("Failed"))
        #expect(screen.contains("MailboxFull"))
        #expect(screen.contains("BadRequest"))
        #expect(screen.contains("x-ms"))
    }

    @Test func aStepWithoutHTTPOutputsEditsItsOutputsAsJSON() throws {
        var harness = try settings("Shape")
        harness.focus("Static result")
        harness.press(.character(" "))
        #expect(harness.json("/staticResults/Shape0") == #"{"status":"Succeeded"}"#)
        #expect(harness.labels.suffix(3) == ["Static result", "Status", "Outputs"])
        harness.focus("Outputs")
        harness.type("[1, 2]")
        #expect(harness.json("/staticResults/Shape0/outputs") == "[1,2]")
        harness.press(.ctrl("a"), .ctrl("k"))
        harness.type("{\"a\": ")
        #expect(harness.form.problems.map(\.pointer.description) == ["/staticResults/Shape0/outputs"], "JSON being typed is kept and reported")
    }

    @Test func triggersHaveNoStaticResult() throws {
        var harness = try FormHarness(Self.fixture, step: .trigger("manual"))
        harness.press(.ctrl("t"))
        #expect(!harness.labels.contains("Static result"))
    }
}
