import AsyncHTTPClient
import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Synchronization
import NIOCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Crash recovery with the real binary (issue: Engine II): `hookflow serve` runs as a child
/// process with runs waiting on callbacks and timers pending; it is killed with SIGKILL while
/// callbacks keep coming, then started again on the same data folder and port. Every callback
/// that got `202` has its run, the old action callback URLs resume their runs, and the timers
/// that expired while it was down have fired.
@Suite(.serialized)
struct CrashRecoveryTests {
    @Test func sigkillLosesNothingAcknowledged() async throws {
        let folder = try TemporaryFolder()
        try await FakeWebhookService.with { fake in
            let port = try Self.freePort()
            let arguments = ["--port", String(port), "--data", folder.url.path, "--log-level", "warning"]

            let serve = try ServeProcess(arguments)
            do {
                try await crashScenario(serve: serve, arguments: arguments, port: port, fake: fake)
            } catch {
                await serve.stop()
                throw error
            }
        }
    }

    func crashScenario(serve: ServeProcess, arguments: [String], port: Int, fake: FakeWebhookService) async throws {
        let url = try await serve.waitForListening()
        #expect(url == "http://127.0.0.1:\(port)")
        let client = HTTPEngineClient(baseURL: url)

        func webhook(_ path: String, timeout: String? = nil) -> JSONValue {
            var action: JSONObject = [
                "type": "HttpWebhook", "runAfter": [:],
                "inputs": [
                    "subscribe": ["method": "POST", "uri": .string(fake.url("/\(path)/subscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}", "run": "@{workflow().run.name}"]],
                    "unsubscribe": ["method": "POST", "uri": .string(fake.url("/\(path)/unsubscribe"))],
                ],
            ]
            if let timeout { action["limit"] = ["timeout": .string(timeout)] }
            return .object(action)
        }
        let manual: JSONValue = ["manual": ["type": "Request", "kind": "Http"]]
        _ = try await client.saveWorkflow(name: "approvals", definition: [
            "triggers": manual,
            "actions": ["Approve": webhook("approvals"), "Done": ["type": "Compose", "inputs": "@body('Approve')", "runAfter": ["Approve": ["Succeeded"]]]],
        ], state: nil)
        _ = try await client.saveWorkflow(name: "timers", definition: [
            "triggers": manual,
            "actions": ["Approve": webhook("timers", timeout: "PT2S"), "Escalate": ["type": "Compose", "inputs": "late", "runAfter": ["Approve": ["TimedOut"]]]],
        ], state: nil)
        _ = try await client.saveWorkflow(name: "delays", definition: [
            "triggers": manual,
            "actions": ["Pause": ["type": "Wait", "inputs": ["interval": ["count": 2, "unit": "Second"]], "runAfter": [:]],
                        "After": ["type": "Compose", "inputs": "woke up", "runAfter": ["Pause": ["Succeeded"]]]],
        ], state: nil)
        let approvalsURL = try await client.callbackURL(workflow: "approvals", trigger: "manual")
        let timersURL = try await client.callbackURL(workflow: "timers", trigger: "manual")
        let delaysURL = try await client.callbackURL(workflow: "delays", trigger: "manual")

        // Runs waiting on callbacks, a webhook timeout and a delay pending.
        var waitingRuns: [String] = []
        for _ in 0..<5 { waitingRuns.append(try await Self.post(approvalsURL).runID) }
        let timerRun = try await Self.post(timersURL).runID
        let delayRun = try await Self.post(delaysURL).runID
        try await fake.waitForRequests(to: "/approvals/subscribe", count: 5)
        try await fake.waitForRequests(to: "/timers/subscribe", count: 1)
        var actionURLs: [String: String] = [:]
        for request in fake.requests(to: "/approvals/subscribe") {
            if let run = request.json?["run"]?.stringValue, let callback = request.json?["callbackUrl"]?.stringValue { actionURLs[run] = callback }
        }
        #expect(Set(actionURLs.keys) == Set(waitingRuns))

        // Callbacks keep arriving while the engine is killed. (The loop is stopped with a flag, not
        // by cancelling it mid-request.)
        let acknowledged = Mutex<[String]>([])
        let stopFiring = Mutex(false)
        let firing = Task {
            while !stopFiring.withLock({ $0 }) {
                if let answer = try? await Self.post(approvalsURL), answer.status == 202 { acknowledged.withLock { $0.append(answer.runID) } }
            }
        }
        try await eventually(timeout: 20, "some callbacks acknowledged during the burst") { acknowledged.withLock { $0.count } >= 20 }
        kill(serve.pid, SIGKILL)
        let killedAt = Date()
        #expect(await serve.stop(timeout: 10) != 0)
        stopFiring.withLock { $0 = true }
        _ = await firing.value

        // Down for longer than the webhook timeout and the delay.
        try await eventually(timeout: 10, "the timers expire while the engine is down") { Date().timeIntervalSince(killedAt) > 3 }
        try await ServeProcess.with(arguments) { restarted in
            #expect(try await restarted.waitForListening() == url)
            try await verifyRecovery(client: client, fake: fake, acknowledged: acknowledged.withLock { $0 }, waitingRuns: waitingRuns,
                                     actionURLs: actionURLs, timerRun: timerRun, delayRun: delayRun)
        }
    }

    func verifyRecovery(client: HTTPEngineClient, fake: FakeWebhookService, acknowledged: [String], waitingRuns: [String],
                        actionURLs: [String: String], timerRun: String, delayRun: String) async throws {

        // Every 202 has its run.
        for runID in acknowledged {
            let run = try await client.run(workflow: "approvals", id: runID)
            #expect(run.summary.id == runID)
        }
        // The old callback URLs resume their runs.
        for (runID, callback) in actionURLs {
            let answer = try await Self.post(callback, body: #"{"approved": true}"#)
            #expect(answer.status == 200, "callback for \(runID)")
        }
        for runID in waitingRuns {
            try await eventually(timeout: 20, "run \(runID) succeeds") { try await client.run(workflow: "approvals", id: runID).summary.status == .succeeded }
            #expect(try await client.run(workflow: "approvals", id: runID).action("Done")?.outputs == ["approved": true])
        }
        // The expired timers fired.
        try await eventually(timeout: 20, "the webhook timeout fired") { try await client.run(workflow: "timers", id: timerRun).summary.status == .succeeded }
        #expect(try await client.run(workflow: "timers", id: timerRun).action("Approve")?.status == "TimedOut")
        try await fake.waitForRequests(to: "/timers/unsubscribe", timeout: 20)
        try await eventually(timeout: 20, "the delay ended") { try await client.run(workflow: "delays", id: delayRun).summary.status == .succeeded }
        #expect(try await client.run(workflow: "delays", id: delayRun).action("After")?.outputs == "woke up")
        // Runs cut off mid-start by the kill still went on to wait for their callback.
        for runID in acknowledged {
            try await eventually(timeout: 20, "run \(runID) resumed") {
                let status = try await client.run(workflow: "approvals", id: runID).summary.status
                return status == .waiting || status == .succeeded
            }
        }
    }

    /// POSTs JSON to a URL with a client that fails at once on a refused connection.
    static func post(_ url: String, body: String = #"{"id": 1}"#) async throws -> (status: Int, runID: String) {
        try await CallbackPost.send(url, body: body, client: callbackClient)
    }

    /// A loopback port nothing listens on now (the engine must come back on the same one).
    static func freePort() throws -> Int {
        let socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(socketFD) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socketFD, $0, length) == 0 && getsockname(socketFD, $0, &length) == 0 }
        }
        guard bound else { throw ServeProcess.Failure(description: "could not find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

extension RunDetail {
    func action(_ name: String) -> ActionRun? { actions.first { $0.name == name } }
}

/// A client that fails at once on a refused connection (the shared one retries until its
/// deadline, which would hold the test up after the kill).
private let callbackClient: HTTPClient = {
    var configuration = HTTPClient.Configuration()
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
