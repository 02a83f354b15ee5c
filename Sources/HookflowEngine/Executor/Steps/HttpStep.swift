import Foundation
import HookflowModel

/// `Http`: its inputs are evaluated and its request built when it starts; the request is sent
/// after the commit that records it `Running`, and its answer finishes it.
enum HttpStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        var record = environment.running(step)
        guard let inputs = environment.evaluatedInputs(of: step, into: &record) else { return StepStart(record: record) }
        let definition = HttpRequestDefinition(json: inputs.objectValue ?? JSONObject())
        var uri = definition.uri ?? ""
        if let queries = definition.queries?.objectValue, !queries.isEmpty {
            let items = queries.entries.map {
                "\(CallbackSigner.encodeQuery($0.key))=\(CallbackSigner.encodeQuery($0.value.stringValue ?? JSONWriter.compact.string(from: $0.value)))"
            }
            uri += (uri.contains("?") ? "&" : "?") + items.joined(separator: "&")
        }
        let request = OutboundRequest(method: (definition.method ?? "GET").uppercased(), uri: uri, headers: definition.headerPairs, body: definition.body,
                                      authentication: inputs["authentication"], retryPolicy: definition.retryPolicy ?? .standard)
        return StepStart(record: record, effect: .http(step: step, request: request))
    }

    /// Sends the request and returns the finished record.
    static func perform(_ step: Step, request: OutboundRequest, record: StoredAction, client: OutboundHTTPClient, masker: SecretMasker,
                        now: @Sendable () -> Date) async -> StoredAction {
        var record = record
        do {
            let response = try await client.send(request)
            record.outputs = outputs(of: response)
            record.status = .succeeded
        } catch {
            if let response = error.response { record.outputs = outputs(of: response) }
            record.status = .failed
            record.code = error.response.map { statusCode($0.statusCode) } ?? "RequestFailed"
            record.error = ["code": .string(record.code ?? "RequestFailed"), "message": .string(masker.maskText(error.error.description))]
        }
        record.maskedOutputs = masker.maskedOutputs(record.outputs, of: step)
        record.endTime = now()
        return record
    }

    /// `{"statusCode", "headers", "body"}` of an answer.
    static func outputs(of response: OutboundResponse) -> JSONValue {
        var headers = JSONObject()
        for header in response.headers { headers[header.name] = .string(header.value) }
        let contentType = response.headers.first { $0.name.lowercased() == "content-type" }?.value
        var outputs: JSONObject = ["statusCode": .int(response.statusCode), "headers": .object(headers)]
        if !response.body.isEmpty { outputs["body"] = InboundCallback.decodeBody(response.body, contentType: contentType) }
        return .object(outputs)
    }

    /// `NotFound`, `InternalServerError`, ... as Logic Apps names failed HTTP actions.
    static func statusCode(_ status: Int) -> String {
        let names: [Int: String] = [
            400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed", 408: "RequestTimeout",
            409: "Conflict", 410: "Gone", 412: "PreconditionFailed", 413: "RequestEntityTooLarge", 415: "UnsupportedMediaType",
            422: "UnprocessableEntity", 429: "TooManyRequests", 500: "InternalServerError", 501: "NotImplemented", 502: "BadGateway",
            503: "ServiceUnavailable", 504: "GatewayTimeout",
        ]
        return names[status] ?? "HTTP\(status)"
    }
}
