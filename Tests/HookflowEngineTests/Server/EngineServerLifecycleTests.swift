import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Starting and stopping the server, as `hookflow serve` and the CLI's engine discovery see it.
struct EngineServerLifecycleTests {
    @Test func startAnswersTheListenURLAndTellsTheEngine() async throws {
        try await ServerHarness.with { harness in
            let port = try #require(Int(harness.url.dropFirst("http://127.0.0.1:".count)))
            #expect(harness.url == "http://127.0.0.1:\(port)")
            #expect(port > 0)
            #expect(harness.engine.baseURL == harness.url)
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let subscribed = try #require(harness.fake.requests(to: "/subscribe").first?.json?["callbackUrl"]?.stringValue)
            #expect(subscribed.hasPrefix(harness.url + "/workflows/orders/"), "services get the address the server listens on")
        }
    }

    @Test func aTakenPortIsAClearError() async throws {
        try await ServerHarness.with { harness in
            let port = try #require(Int(harness.url.dropFirst("http://127.0.0.1:".count)))
            let second = EngineServer(engine: harness.engine, host: "127.0.0.1", port: port)
            let error = await #expect(throws: EngineServerError.self) { try await second.start() }
            #expect(error == .addressInUse(address: "127.0.0.1:\(port)"))
            #expect(error?.description == "127.0.0.1:\(port) is already in use; pass --port")
            #expect(harness.engine.baseURL == harness.url, "the failed server does not move the engine")
            await second.stop()
            #expect(try await harness.management(.GET, "/management/health").status == 200, "the first server still answers")
        }
    }

    @Test func aServerStartsOnce() async throws {
        try await ServerHarness.with { harness in
            let error = await #expect(throws: EngineServerError.self) { try await harness.server.start() }
            #expect(error == .alreadyStarted)
        }
    }

    @Test func afterStopTheHTTPClientSaysTheEngineIsUnreachable() async throws {
        try await ServerHarness.with { (harness: ServerHarness) async throws in
            let client = HTTPEngineClient(baseURL: harness.url)
            #expect(try await client.listWorkflows().isEmpty)
            await harness.server.stop()
            await harness.server.stop()  // stopping twice is harmless

            let error = await #expect(throws: EngineError.self) { try await client.listWorkflows() }
            guard case .unavailable(let message)? = error else {
                Issue.record("expected unavailable, got \(String(describing: error))")
                return
            }
            #expect(message == "cannot reach the engine at \(harness.url): connection refused; is `hookflow serve` running?")
        }
    }

    @Test func somethingElseOnThePortIsNotMistakenForAnEngine() async throws {
        let fake = try await FakeWebhookService.start()
        fake.respond(to: "/management/workflows", with: [404], body: "<html>nope</html>")
        let error = await #expect(throws: EngineError.self) { try await HTTPEngineClient(baseURL: fake.baseURL).listWorkflows() }
        #expect(error?.httpStatus == 404)
        #expect(error?.message.contains("is it a Hookflow engine?") == true, "\(String(describing: error))")
        await fake.stop()
    }

    @Test func aMalformedEngineAddressIsSaidPlainly() async {
        let error = await #expect(throws: EngineError.self) { try await HTTPEngineClient(baseURL: "localhost:7071").listWorkflows() }
        #expect(error == .unavailable(message: "the engine address localhost:7071 is not a URL like http://127.0.0.1:7071; check --engine"))
    }

    @Test func listenURLsOfWildcardAndIPv6Binds() {
        #expect(EngineServer.reachableHost("0.0.0.0") == "127.0.0.1")
        #expect(EngineServer.reachableHost("::") == "127.0.0.1")
        #expect(EngineServer.reachableHost("192.168.1.10") == "192.168.1.10")
        #expect(EngineServer.address("::1", 7071) == "[::1]:7071")
        #expect(EngineServer.address("127.0.0.1", 7071) == "127.0.0.1:7071")
    }
}
