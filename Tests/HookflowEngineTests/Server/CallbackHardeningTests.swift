import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// What a holder of a callback URL — or anyone who guesses at one — can do to the engine over
/// HTTP (SPEC §7 "Bad input", issue 10): nothing that crashes it, fills its memory or leaves a
/// value in the store that cannot be read back.
// One server at a time: each holds an engine, its files and sockets, and the test process runs
// every suite at once (past ~1,300 open files Foundation's Process.run can crash, swift-corelibs-foundation#5472).
@Suite(.serialized)
struct CallbackHardeningTests {
    /// JSON nested `depth` levels: `{"a":{"a":…{}…}}`.
    static func nested(_ depth: Int) -> String {
        String(repeating: #"{"a":"#, count: depth - 1) + "{}" + String(repeating: "}", count: depth - 1)
    }

    private func publish(_ harness: ServerHarness, definition: JSONValue? = nil) async throws -> String {
        _ = try await harness.engine.save(name: "orders", definition: definition ?? harness.definition(), state: nil)
        return try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
    }

    @Test func aTriggerBodyAtTheDepthLimitRunsAndReadsBackOneBeyondIsRefused() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)

            let tooDeep = try await harness.send(.POST, url, body: Self.nested(JSONValue.maximumDepth + 1))
            #expect(tooDeep.status == 400)
            #expect(tooDeep.errorCode == "RequestBodyTooDeep")
            #expect(tooDeep.json?["error"]?["message"]?.stringValue?.contains("512 levels") == true)
            #expect(try await harness.storedRuns("orders").isEmpty, "nothing recorded")

            // At the limit: accepted, run, and every reader of it works (the store, the API, the client).
            let id = try await harness.fire(url, body: Self.nested(JSONValue.maximumDepth))
            let detail = try await harness.waitForRun("orders", id, .succeeded)
            #expect(detail.actions.first?.outputs?.nestingDepth == JSONValue.maximumDepth)
            #expect(try await harness.engine.store.actions(runID: id).first?.outputs?.nestingDepth == JSONValue.maximumDepth)
            let client = HTTPEngineClient(baseURL: harness.url)
            #expect(try await client.run(workflow: "orders", id: id).summary.status == .succeeded)
            #expect(try await client.runs(workflow: "orders", status: nil, top: nil, skipToken: nil).runs.map(\.id) == [id])
            let answer = try await harness.management(.GET, "/management/workflows/orders/runs/\(id)")
            #expect(answer.status == 200)
        }
    }

    @Test func aComposeThatWouldNestBeyondTheLimitFailsItsActionNotTheStore() async throws {
        try await ServerHarness.with { harness in
            // The body at the limit, wrapped once more by the Compose: one level too many.
            let url = try await publish(harness, definition: harness.definition(compose: ["wrapped": "@triggerBody()"]))
            let id = try await harness.fire(url, body: Self.nested(JSONValue.maximumDepth))
            let detail = try await harness.waitForRun("orders", id, .failed)
            let echo = try #require(detail.actions.first { $0.name == "Echo" })
            #expect(echo.status == "Failed")
            #expect(echo.code == "InvalidTemplate")
            #expect(echo.error?["message"]?.stringValue?.contains("deeper than 512") == true)
            #expect(try await HTTPEngineClient(baseURL: harness.url).run(workflow: "orders", id: id).summary.status == .failed)
        }
    }

    @Test func anActionCallbackBeyondTheDepthLimitIsRefusedAndTheActionStillWaits() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness, definition: harness.definitionWithWebhookAction())
            let id = try await harness.fire(url)
            let actionURL = try await harness.actionCallbackURL()
            try await harness.waitForRun("orders", id, .waiting)

            let tooDeep = try await harness.send(.POST, actionURL, body: Self.nested(JSONValue.maximumDepth + 1))
            #expect(tooDeep.status == 400)
            #expect(tooDeep.errorCode == "RequestBodyTooDeep")
            #expect(try await harness.engine.run(workflow: "orders", id: id).actions.first { $0.name == "Approve" }?.status == "Waiting")

            #expect(try await harness.send(.POST, actionURL, body: Self.nested(JSONValue.maximumDepth)).status == 200)
            try await harness.waitForRun("orders", id, .succeeded)
            #expect(try await HTTPEngineClient(baseURL: harness.url).run(workflow: "orders", id: id).summary.status == .succeeded)
        }
    }

    @Test func theURLIsCheckedBeforeTheBodyIsRead() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            let wrong = url.replacingQuery("sig", with: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            let components = try #require(URLComponents(string: wrong))
            let target = components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? "")

            // 90 MB announced, a few bytes sent: the answer must come without the rest.
            let connection = try RawConnection(port: RawConnection.port(of: harness.url))
            connection.send("POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 94371840\r\n\r\n{\"a\":")
            // Generous: a loaded machine, not the engine, is what a shorter wait would measure.
            let answer = connection.read(until: "\r\n\r\n", timeout: 30)
            #expect(answer.hasPrefix("HTTP/1.1 401"), "got: \(answer.prefix(200))")

            // The same for an app that does not exist: 404, still without the body.
            let unknown = try RawConnection(port: RawConnection.port(of: harness.url))
            unknown.send("POST /workflows/nothing/triggers/Webhook/run?sig=x HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 94371840\r\n\r\n{")
            #expect(unknown.read(until: "\r\n\r\n", timeout: 30).hasPrefix("HTTP/1.1 404"))
            #expect(try await harness.storedRuns("orders").isEmpty)
        }
    }

    @Test func aRepeatedSigningParameterIsRefusedWhicheverCopyIsValid() async throws {
        try await ServerHarness.with { harness in
            let url = try await publish(harness)
            let sig = try #require(url.queryValue("sig"))
            let sp = try #require(url.queryValue("sp"))
            for variant in [url + "&sig=forged", url.replacingQuery("sig", with: "forged") + "&sig=\(sig)",
                            url + "&sp=\(sp)", url + "&sv=1.0", url + "&api-version=2016-10-01"] {
                let answer = try await harness.send(.POST, variant, body: "{}")
                #expect(answer.status == 401, "\(variant)")
            }
            #expect(try await harness.storedRuns("orders").isEmpty)
            #expect(try await harness.send(.POST, url, body: "{}").status == 202)
        }
    }

    @Test func appNamesMadeOfDotsAreRefused() async throws {
        try await ServerHarness.with { harness in
            for name in [".", "..", "..."] {
                await #expect(throws: EngineError.self) { try await harness.engine.save(name: name, definition: harness.definition(), state: nil) }
            }
            let answer = try await harness.management(.PUT, "/management/workflows/...", body: #"{"definition": {"triggers": {}, "actions": {}}}"#)
            #expect(answer.status == 400)
            #expect(answer.errorCode == "InvalidWorkflowName")
            #expect(answer.json?["error"]?["message"]?.stringValue?.contains("dots") == true)
            #expect(try await harness.storedWorkflowNames().isEmpty)
            // A name with dots among other characters is fine.
            #expect(try await harness.engine.save(name: "orders.v2", definition: harness.definition(), state: nil).name == "orders.v2")
        }
    }
}
