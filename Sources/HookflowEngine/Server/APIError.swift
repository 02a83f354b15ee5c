import Hummingbird
import HookflowModel

/// A request that ends in an error answer: `{"error": {"code", "message", "details"?}}`.
///
/// Engine errors keep their own status and JSON; the few answers the engine has no case for
/// (`405`, `413`, `404` for a path) are built here in the same shape.
struct APIError: Error {
    var status: HTTPResponse.Status
    var json: JSONValue
    var headers: HTTPFields = [:]

    init(_ error: EngineError) {
        status = HTTPResponse.Status(code: error.httpStatus)
        json = error.json
        if case .unauthorized = error { headers[.wwwAuthenticate] = "Bearer" }
    }

    init(status: HTTPResponse.Status, code: String, message: String, headers: HTTPFields = [:]) {
        self.status = status
        self.json = ["error": ["code": .string(code), "message": .string(message)]]
        self.headers = headers
    }

    static func invalidRequest(_ message: String) -> APIError {
        APIError(EngineError.badRequest(code: "InvalidRequest", message: message))
    }

    var response: Response { APIResponse.json(json, status: status, headers: headers) }
}
