import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// The management API as `curl` sees it (SPEC §3 table): status codes, JSON bodies, headers.
// One server at a time: each holds an engine, its files and sockets, and the test process runs
// every suite at once (past ~1,300 open files Foundation's Process.run can crash, swift-corelibs-foundation#5472).
@Suite(.serialized)
struct ManagementRouteTests {
    @Test func healthSaysWhereTheEngineIs() async throws {
        try await ServerHarness.with { harness in
            let answer = try await harness.management(.GET, "/management/health")
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            #expect(answer.body.hasPrefix(#"{"status":"ok","engine":"hookflow","baseUrl":"\#(harness.url)","store":{"commits":"#))
            let before = try #require(answer.json?["store"]?["writes"]?.intValue)

            // A save writes (its version, then its subscription's outcome); writes per commit is the group commit's yield.
            _ = try await harness.management(.PUT, "/management/workflows/orders", body: #"{"definition": \#(JSONWriter.compact.string(from: harness.definition()))}"#)
            let after = try #require(try await harness.management(.GET, "/management/health").json)
            #expect((after["store"]?["writes"]?.intValue ?? 0) > before)
            #expect((after["store"]?["writes"]?.intValue ?? 0) >= (after["store"]?["commits"]?.intValue ?? 0))
        }
    }

    @Test func putSavesAndAnswersTheSummaryWithResults() async throws {
        try await ServerHarness.with { harness in
            let definition = JSONWriter.compact.string(from: harness.definition())
            let answer = try await harness.management(.PUT, "/management/workflows/orders",
                                                      body: #"{"definition": \#(definition), "state": "Disabled", "kind": "Stateful"}"#)
            #expect(answer.status == 200)
            #expect(answer.header("Content-Type") == "application/json")
            let json = try #require(answer.json)
            #expect(json["name"] == "orders")
            #expect(json["state"] == "Disabled")
            #expect(json["version"] == 1)
            #expect(json["triggers"]?.arrayValue?.first?["subscription"]?["status"] == "NotSubscribed")
            let results: [JSONValue] = json["results"]?.arrayValue ?? []
            #expect(results.isEmpty, "disabled: nothing to subscribe")
            #expect(harness.fake.requests.isEmpty)

            let detail = try #require(try await harness.management(.GET, "/management/workflows/orders").json)
            #expect(detail["kind"] == "Stateful")
            #expect(detail["definition"].map(JSONWriter.compact.string(from:)) == definition)

            let enabled = try #require(try await harness.management(.POST, "/management/workflows/orders/enable").json)
            #expect(enabled["results"] == [["trigger": "Webhook", "status": "Subscribed"]])
        }
    }

    @Test func anInvalidDefinitionAnswers400WithEveryDetail() async throws {
        try await ServerHarness.with { harness in
            var definition = harness.definition()
            definition["triggers"]?["Webhook"]?["inputs"]?["subscribe"]?["uri"] = nil
            let answer = try await harness.management(.PUT, "/management/workflows/orders",
                                                      body: #"{"definition": \#(JSONWriter.compact.string(from: definition))}"#)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "InvalidDefinition")
            let details = try #require(answer.json?["error"]?["details"]?.arrayValue)
            #expect(details.contains(["path": "/triggers/Webhook/inputs/subscribe/uri", "message": "Subscribe - URI is required", "severity": "error"]))
        }
    }

    /// Warnings never block a save (SPEC §1): the docs' webhook action with `"unsubscribe": {}` is stored.
    @Test func aDefinitionWithOnlyWarningsIsSaved() async throws {
        try await ServerHarness.with { harness in
            var definition = harness.definitionWithWebhookAction()
            definition["actions"]?["Approve"]?["inputs"]?["unsubscribe"] = [:]
            let answer = try await harness.management(.PUT, "/management/workflows/orders",
                                                      body: #"{"definition": \#(JSONWriter.compact.string(from: definition))}"#)
            #expect(answer.status == 200)
            #expect(answer.json?["version"] == 1)
        }
    }

    @Test func unusableBodiesAnswer400SayingWhatIsWrong() async throws {
        try await ServerHarness.with { harness in
            let malformed = try await harness.management(.PUT, "/management/workflows/orders", body: "{\n  \"definition\": {\"triggers\": }\n}")
            #expect(malformed.status == 400)
            #expect(malformed.errorCode == "InvalidRequest")
            let message = try #require(malformed.json?["error"]?["message"]?.stringValue)
            #expect(message.contains("line 2, column"), "\(message)")

            let cases: [(body: String?, says: String)] = [
                (nil, "empty"),
                ("[1]", "array"),
                (#"{"state": "Enabled"}"#, "no \"definition\""),
                (#"{"definition": {}, "state": "On"}"#, "\"state\" must be"),
                (#"{"definition": {}, "kind": 3}"#, "\"kind\" must be"),
            ]
            for (body, says) in cases {
                let answer = try await harness.management(.PUT, "/management/workflows/orders", body: body)
                #expect(answer.status == 400, "\(body ?? "no body")")
                #expect(answer.errorCode == "InvalidRequest", "\(body ?? "no body")")
                #expect(answer.json?["error"]?["message"]?.stringValue?.contains(says) == true, "\(answer.body)")
            }
            #expect(try await harness.storedWorkflowNames().isEmpty)
        }
    }

    @Test func unknownRoutesAnswer404AndWrongMethods405() async throws {
        try await ServerHarness.with { harness in
            for path in ["/", "/management", "/management/apps", "/management/workflows/orders/runs/1/steps", "/workflows/orders/run"] {
                let answer = try await harness.management(.GET, path)
                #expect(answer.status == 404, "\(path)")
                #expect(answer.errorCode == "RouteNotFound", "\(path)")
                #expect(answer.header("Content-Type") == "application/json", "\(path)")
            }
            let wrong = try await harness.management(.DELETE, "/management/workflows")
            #expect(wrong.status == 405)
            #expect(wrong.errorCode == "MethodNotAllowed")
            #expect(wrong.header("Allow") == "GET")
            let enable = try await harness.management(.GET, "/management/workflows/orders/enable")
            #expect(enable.status == 405)
            #expect(enable.header("Allow") == "POST")
        }
    }

    @Test func runsPagesLinkToTheNextPage() async throws {
        try await ServerHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let callbackURL = try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
            var fired: [String] = []
            for _ in 0..<3 { fired.append(try await harness.fire(callbackURL)) }

            let first = try #require(try await harness.management(.GET, "/management/workflows/orders/runs?top=2").json)
            #expect(first["value"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [fired[2], fired[1]])
            let skipToken = try #require(first["skipToken"]?.stringValue)
            let nextLink = try #require(first["nextLink"]?.stringValue)
            #expect(nextLink == "\(harness.url)/management/workflows/orders/runs?top=2&skipToken=\(skipToken)")

            let second = try #require(try await harness.send(.GET, nextLink).json)
            #expect(second["value"]?.arrayValue?.compactMap { $0["id"]?.stringValue } == [fired[0]])
            #expect(second["nextLink"] == nil)
            #expect(second["skipToken"] == nil)

            let filtered = try await harness.management(.GET, "/management/workflows/orders/runs?status=waiting&top=2")
            #expect(filtered.status == 200)
            #expect(filtered.json?["value"] == [])
            #expect(try await harness.management(.GET, "/management/workflows/orders/runs?status=Sleeping").errorCode == "InvalidRequest")
            #expect(try await harness.management(.GET, "/management/workflows/orders/runs?top=0").errorCode == "InvalidRequest")
            #expect(try await harness.management(.GET, "/management/workflows/orders/runs?skipToken=abc").errorCode == "InvalidSkipToken")
        }
    }

    @Test func namesArePercentDecodedOnTheWayIn() async throws {
        try await ServerHarness.with { harness in
            let client = HTTPEngineClient(baseURL: harness.url + "/")
            _ = try await client.saveWorkflow(name: "orders(v2)", definition: harness.definition(trigger: "On new order"), state: nil)
            #expect(try await harness.storedWorkflowNames() == ["orders(v2)"])
            let url = try await client.callbackURL(workflow: "orders(v2)", trigger: "On new order")
            #expect(url == (try await harness.engine.callbackURL(workflow: "orders(v2)", trigger: "On new order")))
            let raw = try await harness.management(.POST, "/management/workflows/orders%28v2%29/triggers/On%20new%20order/listCallbackUrl")
            #expect(raw.json == ["value": .string(url)])
        }
    }

    @Test func runsCanBeCancelledAndResubmitted() async throws {
        try await ServerHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definitionWithWebhookAction(), state: nil)
            let url = try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
            let runID = try await harness.fire(url, body: #"{"order": 9}"#)
            _ = try await harness.actionCallbackURL()

            let cancelled = try await harness.management(.POST, "/management/workflows/orders/runs/\(runID)/cancel")
            #expect(cancelled.status == 200)
            #expect(cancelled.json?["id"] == .string(runID))
            #expect(cancelled.json?["status"] == "Cancelled")
            try await harness.fake.waitForRequests(to: "/approvals/unsubscribe")
            let again = try await harness.management(.POST, "/management/workflows/orders/runs/\(runID)/cancel")
            #expect(again.status == 409)

            let resubmitted = try await harness.management(.POST, "/management/workflows/orders/runs/\(runID)/resubmit")
            #expect(resubmitted.status == 200)
            let newID = try #require(resubmitted.json?["id"]?.stringValue)
            #expect(newID != runID)
            #expect(resubmitted.json?["triggerOutputs"]?["body"] == ["order": 9])
            _ = try await harness.actionCallbackURL(count: 2)
            #expect(try await harness.management(.GET, "/management/workflows/orders/runs/nope/cancel").status == 405)
            #expect(try await harness.management(.POST, "/management/workflows/orders/runs/nope/cancel").errorCode == "RunNotFound")
        }
    }
}
