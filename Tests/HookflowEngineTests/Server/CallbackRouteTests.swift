import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Trigger callbacks over real HTTP (SPEC §3 "Callback URLs and security", "Runs"): what the
/// caller hears, and what is (or is not) in the store afterwards.
// One server at a time: each holds an engine, its files and sockets, and the test process runs
// every suite at once (past ~1,300 open files Foundation's Process.run can crash, swift-corelibs-foundation#5472).
@Suite(.serialized)
struct CallbackRouteTests {
    /// Saves "orders" and returns its callback URL.
    private func publish(_ harness: ServerHarness, name: String = "orders", trigger: String = "Webhook") async throws -> String {
        _ = try await harness.engine.save(name: name, definition: harness.definition(trigger: trigger), state: nil)
        return try await harness.engine.callbackURL(workflow: name, trigger: trigger)
    }

    @Test func aValidCallbackIsCommittedBeforeThe202() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            let answer = try await harness.send(.POST, url + "&source=shop&note=a%2Bb+c", body: #"{"order": 7, "lines": [1, 2]}"#,
                                                headers: [("X-Shop", "north")])

            #expect(answer.status == 202)
            #expect(answer.body.isEmpty)
            #expect(answer.header("x-ms-workflow-name") == "orders")
            let id = try #require(answer.header("x-ms-workflow-run-id"))
            // Committed before the answer: no waiting needed.
            let run = try #require(try await harness.engine.store.run(workflow: "orders", id: id))
            #expect(run.triggerName == "Webhook")
            #expect(run.workflowVersion == 1)
            #expect(run.triggerOutputs["body"] == ["order": 7, "lines": [1, 2]])
            #expect(run.triggerOutputs["queries"] == ["source": "shop", "note": "a+b c"], "decoded, without api-version, sp, sv and sig")
            let headers = try #require(run.triggerOutputs["headers"]?.objectValue)
            #expect(headers["X-Shop"] == "north", "names as the caller wrote them")
            #expect(headers["Content-Type"] == "application/json")
            #expect(headers["Host"] == .string(String(harness.url.dropFirst("http://".count))))
            #expect(try await harness.storedRuns("orders").map(\.id) == [id])
        }
    }

    @Test func otherMethodsServicesUseAreAccepted() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            #expect(try await harness.send(.PUT, url, body: "{}").status == 202)
            #expect(try await harness.send(.PATCH, url, body: "{}").status == 202)
            #expect(try await harness.send(.GET, url).status == 202)
            let delete = try await harness.send(.DELETE, url)
            #expect(delete.status == 405)
            #expect(delete.errorCode == "MethodNotAllowed")
            #expect(try await harness.storedRuns("orders").count == 3)
        }
    }

    @Test func malformedJSONWithAJSONContentTypeIsKeptAsText() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            let answer = try await harness.send(.POST, url, body: #"{"order": 7,"#, contentType: "application/json; charset=utf-8")
            #expect(answer.status == 202)
            let id = try #require(answer.header("x-ms-workflow-run-id"))
            let run = try #require(try await harness.engine.store.run(workflow: "orders", id: id))
            #expect(run.triggerOutputs["body"] == .string(#"{"order": 7,"#))
        }
    }

    @Test func aTextBodyStaysText() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            let answer = try await harness.send(.POST, url, body: "order 7 shipped", contentType: "text/plain")
            #expect(answer.status == 202)
            let id = try #require(answer.header("x-ms-workflow-run-id"))
            let run = try #require(try await harness.engine.store.run(workflow: "orders", id: id))
            #expect(run.triggerOutputs["body"] == "order 7 shipped")
            #expect(run.triggerOutputs["headers"]?["Content-Type"] == "text/plain")
        }
    }

    @Test func aWrongOrMissingSignatureIsRefusedAndRecordsNothing() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            let invoicesURL = try await publish(harness, name: "invoices")
            let sig = try #require(url.queryValue("sig"))
            // The first character: the last one of 43 carries two padding bits, which decoders ignore.
            let flipped = (sig.first == "A" ? "B" : "A") + String(sig.dropFirst())

            let refused: [(String, String)] = [
                ("a wrong sig", url.replacingQuery("sig", with: flipped)),
                ("a missing sig", url.replacingQuery("sig", with: nil)),
                ("an empty sig", url.replacingQuery("sig", with: "")),
                ("another workflow's sig", url.replacingQuery("sig", with: invoicesURL.queryValue("sig"))),
                ("another workflow's URL pointed at this one", invoicesURL.replacingOccurrences(of: "/workflows/invoices/", with: "/workflows/orders/")),
                ("this trigger's sig on another trigger", url.replacingOccurrences(of: "/triggers/Webhook/", with: "/triggers/Other/")),
                ("a wrong sv", url.replacingQuery("sv", with: "2.0")),
                ("a missing sp", url.replacingQuery("sp", with: nil)),
            ]
            for (what, target) in refused {
                let answer = try await harness.send(.POST, target, body: #"{"order": 7}"#)
                #expect(answer.status == 401, "\(what)")
                #expect(answer.errorCode == "Unauthorized", "\(what)")
                #expect(answer.header("x-ms-workflow-run-id") == nil, "\(what)")
            }
            #expect(try await harness.storedRuns("orders").isEmpty, "nothing recorded")
            #expect(try await harness.storedRuns("invoices").isEmpty)
        }
    }

    @Test func unknownWorkflowsAndTriggersAreNotFound() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            let unknownApp = try await harness.send(.POST, url.replacingOccurrences(of: "/workflows/orders/", with: "/workflows/nope/"), body: "{}")
            #expect(unknownApp.status == 404)
            #expect(unknownApp.errorCode == "WorkflowNotFound")

            // Correctly signed for a trigger the app does not have: the signature passes, the trigger does not exist.
            let stored = try #require(try await harness.engine.store.workflow(named: "orders"))
            let signed = CallbackSigner.url(base: harness.url, target: .trigger(workflow: "orders", trigger: "Other"), key: stored.accessKey)
            let unknownTrigger = try await harness.send(.POST, signed, body: "{}")
            #expect(unknownTrigger.status == 404)
            #expect(unknownTrigger.errorCode == "TriggerNotFound")
            #expect(try await harness.storedRuns("orders").isEmpty)
        }
    }

    @Test func aDisabledAppAnswers409AndStartsNothing() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            _ = try await harness.engine.setState(.disabled, ofWorkflow: "orders")
            let answer = try await harness.send(.POST, url, body: "{}")
            #expect(answer.status == 409)
            #expect(answer.errorCode == "WorkflowDisabled")
            #expect(answer.header("Content-Type") == "application/json")
            #expect(try await harness.storedRuns("orders").isEmpty)
        }
    }

    @Test func aBodyOverTheLimitIsRefusedWith413() async throws {
        try await ServerHarness.with(configure: { $0.bodyLimit = 1024 }) { harness in
            let url = try await publish(harness)
            let tooLarge = try await harness.send(.POST, url, body: "\"" + String(repeating: "x", count: 2048) + "\"")
            #expect(tooLarge.status == 413)
            #expect(tooLarge.errorCode == "RequestEntityTooLarge")
            #expect(tooLarge.json?["error"]?["message"]?.stringValue?.contains("1024") == true)
            #expect(try await harness.storedRuns("orders").isEmpty)

            // Without a Content-Length the limit holds while reading.
            let chunked = try await harness.sendStreamed(url, chunks: Array(repeating: String(repeating: "y", count: 400), count: 4))
            #expect(chunked == 413)
            #expect(try await harness.storedRuns("orders").isEmpty)

            let atTheLimit = try await harness.send(.POST, url, body: "\"" + String(repeating: "x", count: 1022) + "\"")
            #expect(atTheLimit.status == 202)
            #expect(try await harness.storedRuns("orders").count == 1)
        }
    }

    @Test func percentEncodedNamesReachTheEngineDecoded() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, name: "orders(v2)", trigger: "On new order")
            #expect(url.contains("/workflows/orders%28v2%29/triggers/On%20new%20order/run?"), "\(url)")
            let answer = try await harness.send(.POST, url, body: "{}")
            #expect(answer.status == 202)
            #expect(answer.header("x-ms-workflow-name") == "orders(v2)")
            let runs = try await harness.storedRuns("orders(v2)")
            #expect(runs.map(\.triggerName) == ["On new order"])
            // An encoded slash stays inside its segment: it cannot reach another route.
            let smuggled = try await harness.send(.POST, url.replacingOccurrences(of: "orders%28v2%29", with: "orders%2Ftriggers"), body: "{}")
            #expect(smuggled.status == 404)
        }
    }

    @Test func aWaitingWebhookActionResumesOnItsCallback() async throws {
        try await ServerHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definitionWithWebhookAction(), state: nil)
            let url = try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
            let runID = try await harness.fire(url)
            let actionURL = try await harness.actionCallbackURL()
            // Called back once the run waits. (A callback that lands while the engine is still
            // finishing the subscribe can leave the run Waiting forever: an engine race, reported.)
            try await harness.waitForRun("orders", runID, .waiting)
            #expect(actionURL.hasPrefix("\(harness.url)/workflows/orders/runs/\(runID)/actions/Approve/run?api-version=2016-10-01&sp=%2Fruns%2F\(runID)%2Factions%2FApprove%2Frun&sv=1.0&sig="))

            let forged = try await harness.send(.POST, actionURL.replacingQuery("sig", with: "AAAA"), body: #"{"approved": false}"#)
            #expect(forged.status == 401)

            let answer = try await harness.send(.POST, actionURL, body: #"{"approved": true}"#)
            #expect(answer.status == 200)
            #expect(answer.header("x-ms-workflow-run-id") == runID)
            let detail = try await harness.waitForRun("orders", runID, .succeeded)
            #expect(detail.actions.first { $0.name == "Approve" }?.outputs?["body"] == ["approved": true])
            #expect(detail.actions.first { $0.name == "Echo" }?.outputs == ["approved": true])

            let duplicate = try await harness.send(.POST, actionURL, body: #"{"approved": false}"#)
            #expect(duplicate.status == 409)
            #expect(duplicate.errorCode == "ActionAlreadyCompleted")
            #expect(try await harness.engine.run(workflow: "orders", id: runID).actions.first { $0.name == "Approve" }?.outputs?["body"] == ["approved": true])
            try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
        }
    }
}
