import Foundation
import HookflowModel
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
        let identity: HTTPFields = [.workflowRunID: run.id, .workflowName: run.workflowName]
        guard let outcome = await engine.synchronousAnswer(for: run, plan: grant.plan) else { return Response(status: .accepted, headers: identity) }
        return Self.response(outcome, run: run, identity: identity)
    }

    /// What the caller of a Request trigger hears once its run answered, ended without answering,
    /// or kept it waiting too long (Logic Apps: `502` and `504`, the run going on in the latter).
    static func response(_ outcome: SynchronousResponses.Outcome, run: StoredRun, identity: HTTPFields) -> Response {
        switch outcome {
        case .answered(let answer):
            var fields = identity
            for (name, value) in answer.headers {
                guard let field = HTTPField.Name(name) else { continue }
                fields[field] = value
            }
            let bytes: ByteBuffer
            switch answer.body {
            case nil, .null?:
                bytes = ByteBuffer()
            case .string(let text)?:
                if fields[.contentType] == nil { fields[.contentType] = "text/plain; charset=utf-8" }
                bytes = ByteBuffer(string: text)
            case let value?:
                if fields[.contentType] == nil { fields[.contentType] = "application/json; charset=utf-8" }
                bytes = ByteBuffer(string: JSONWriter.compact.string(from: value))
            }
            return Response(status: HTTPResponse.Status(code: answer.statusCode), headers: fields, body: ResponseBody(byteBuffer: bytes))
        case .endedWithoutResponse(let status):
            return APIResponse.json(["error": ["code": "NoResponse", "message": .string(
                "run \(run.id) of app \"\(run.workflowName)\" ended \(status.rawValue) without running its Response action; its run history says why")]],
                status: .badGateway, headers: identity)
        case .timedOut:
            return APIResponse.json(["error": ["code": "GatewayTimeout", "message": .string(
                "run \(run.id) of app \"\(run.workflowName)\" did not reach its Response action in time; the run goes on, and its history shows how it ends")]],
                status: .gatewayTimeout, headers: identity)
        }
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
