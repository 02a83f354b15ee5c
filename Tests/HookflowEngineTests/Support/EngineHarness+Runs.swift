import Foundation
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

extension EngineHarness {
    /// The callback a service would make to `url`, as the server would hand it to the engine.
    static func callback(to url: String, body: JSONValue? = nil, headers: [(String, String)] = []) -> InboundCallback {
        let items = URLComponents(string: url)?.queryItems ?? []
        var allHeaders = headers
        var data = Data()
        if let body {
            data = Data(JSONWriter.compact.string(from: body).utf8)
            allHeaders.append(("Content-Type", "application/json"))
        }
        return InboundCallback(query: items.map { ($0.name, $0.value ?? "") }, headers: allHeaders, body: data)
    }

    /// Fires a trigger the way its service would and returns the new run.
    func fire(_ workflow: String, trigger: String = "Webhook", body: JSONValue = ["id": 42]) async throws -> StoredRun {
        let url = try await engine.callbackURL(workflow: workflow, trigger: trigger)
        return try await engine.acceptTriggerCallback(workflow: workflow, trigger: trigger, request: Self.callback(to: url, body: body))
    }

    /// Waits until the run has the status, and returns its detail.
    @discardableResult
    func waitForRun(_ workflow: String, _ id: String, _ status: RunStatus, engine: Engine? = nil, timeout: TimeInterval = 30) async throws -> RunDetail {
        let engine = engine ?? self.engine
        var last: RunStatus?
        do {
            try await eventually(timeout: timeout, "run \(id) becomes \(status.rawValue)") {
                last = try await engine.run(workflow: workflow, id: id).summary.status
                return last == status
            }
        } catch {
            let detail = try? await engine.run(workflow: workflow, id: id)
            throw HarnessTimeout(what: "run \(id) becomes \(status.rawValue); it is \(last?.rawValue ?? "?"); actions: \(detail?.actions.map { "\($0.name)=\($0.status) \($0.error.map { JSONWriter.compact.string(from: $0) } ?? "")" } ?? [])")
        }
        return try await engine.run(workflow: workflow, id: id)
    }

    /// A definition with a manual trigger and the given actions.
    static func manual(_ actions: JSONValue, parameters: JSONValue = [:]) -> JSONValue {
        ["parameters": parameters, "triggers": ["manual": ["type": "Request", "kind": "Http"]], "actions": actions]
    }

    /// A webhook action subscribing at the fake service.
    func webhookAction(runAfter: JSONValue = [:], timeout: String? = nil) -> JSONValue {
        var action: JSONObject = [
            "type": "HttpWebhook",
            "inputs": [
                "subscribe": ["method": "POST", "uri": .string(fake.url("/approvals/subscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}", "order": "@triggerBody()?['id']"]],
                "unsubscribe": ["method": "DELETE", "uri": .string(fake.url("/approvals/unsubscribe")), "body": ["callbackUrl": "@{listCallbackUrl()}"]],
            ],
            "runAfter": runAfter,
        ]
        if let timeout { action["limit"] = ["timeout": .string(timeout)] }
        return .object(action)
    }
}

extension RunDetail {
    func action(_ name: String) -> ActionRun? { actions.first { $0.name == name } }
}
