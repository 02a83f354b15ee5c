import Foundation
import HTTPTypes
import Hummingbird

/// The signed URLs services call: `/workflows/{workflow}/triggers/{trigger}/run` starts a run,
/// `/workflows/{workflow}/runs/{runId}/actions/{action}/run` resumes a waiting webhook action.
extension EngineResponder {
    /// `202 Accepted` only once the run is committed. The URL (app, trigger, signature) is checked
    /// before the body is read, so a sender without a valid URL never gets a body into memory.
    func acceptTriggerCallback(workflow: String, trigger: String, request: Request) async throws(APIError) -> Response {
        let query = QueryString.items(request.uri.query)
        let grant = try await call { () async throws(EngineError) -> CallbackGrant in
            try await engine.authorizeCallback(.trigger(workflow: workflow, trigger: trigger), query: query)
        }
        let body = try await collectBody(request, limit: engine.configuration.bodyLimit)
        let callback = InboundCallback(query: query, headers: Self.receivedHeaders(of: request), body: body)
        let run = try await call { () async throws(EngineError) -> StoredRun in
            try await engine.startRun(grant, request: callback)
        }
        return Response(status: .accepted, headers: [.workflowRunID: run.id, .workflowName: run.workflowName])
    }

    /// `200` once the waiting action has taken this callback; a later or concurrent duplicate
    /// gets the engine's `409` (`ActionAlreadyCompleted`) and changes nothing.
    func acceptActionCallback(workflow: String, runID: String, action: String, request: Request) async throws(APIError) -> Response {
        let query = QueryString.items(request.uri.query)
        let grant = try await call { () async throws(EngineError) -> CallbackGrant in
            try await engine.authorizeCallback(.action(workflow: workflow, runID: runID, action: action), query: query)
        }
        let body = try await collectBody(request, limit: engine.configuration.bodyLimit)
        let callback = InboundCallback(query: query, headers: Self.receivedHeaders(of: request), body: body)
        _ = try await call { () async throws(EngineError) -> StoredAction in
            try await engine.completeAction(grant, request: callback)
        }
        return Response(status: .ok, headers: [.workflowRunID: runID, .workflowName: workflow])
    }

    /// The headers as the caller sent them. HTTP/1 parsing moves `Host` out of the fields; it
    /// was received all the same, so it goes back in (first, where HTTP/1 clients send it).
    static func receivedHeaders(of request: Request) -> [(name: String, value: String)] {
        var headers = request.headers.map { (name: $0.name.rawName, value: $0.value) }
        if let authority = request.head.authority { headers.insert((name: "Host", value: authority), at: 0) }
        return headers
    }
}

extension HTTPField.Name {
    // Literal, valid token names: the unwrap cannot fail.
    static let workflowRunID = HTTPField.Name("x-ms-workflow-run-id")!
    static let workflowName = HTTPField.Name("x-ms-workflow-name")!
}
