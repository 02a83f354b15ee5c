import Foundation
import HookflowModel
import Hummingbird
import Logging
import NIOCore

/// Answers every request of the engine's server: finds the route, checks access, and turns
/// whatever goes wrong into a JSON error answer (never an empty `500`).
struct EngineResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let engine: Engine
    let access: ManagementAccess
    let streams: EventStreamRegistry
    let logger: Logger
    /// Definitions are small; this only stops a runaway upload from filling memory.
    static let managementBodyLimit = 16 * 1024 * 1024

    func respond(to request: Request, context: Context) async throws -> Response {
        do {
            return try await dispatch(request)
        } catch {
            if error.status.code >= 500 {
                logger.error("\(request.method) \(request.uri.path) failed: \(JSONWriter.compact.string(from: error.json))")
            }
            return error.response
        }
    }

    /// Longer paths are `414`: no route needs more (app, trigger and action names are short), and
    /// a request line up to the decoder's 80 KB would otherwise be parsed and matched in full.
    static let maximumPathLength = 8_192

    private func dispatch(_ request: Request) async throws(APIError) -> Response {
        let path = request.uri.path
        guard path.utf8.count <= Self.maximumPathLength else {
            throw APIError(status: .uriTooLong, code: "URITooLong",
                           message: "the path has \(path.utf8.count) bytes; the engine answers paths of at most \(Self.maximumPathLength)")
        }
        let route = ServerRoute(path: path)
        // Unknown management paths are refused too, so an unauthorized caller learns nothing about routes.
        let isManagement = route?.isManagement ?? (path == "/management" || path.hasPrefix("/management/"))
        var admission = ManagementAccess.Admission.full
        if isManagement { admission = try access.admit(request, isHealth: route == .health) }
        guard let route else {
            throw APIError(status: .notFound, code: "RouteNotFound", message: "there is nothing at \(request.method) \(path)")
        }
        guard route.methods.contains(request.method) else {
            let allowed = route.methods.map(\.rawValue).joined(separator: ", ")
            throw APIError(status: .methodNotAllowed, code: "MethodNotAllowed",
                           message: "\(path) does not answer \(request.method); it answers \(allowed)", headers: [.allow: allowed])
        }
        switch route {
        case .triggerCallback(let workflow, let trigger):
            return try await acceptTriggerCallback(workflow: workflow, trigger: trigger, request: request)
        case .actionCallback(let workflow, let runID, let action):
            return try await acceptActionCallback(workflow: workflow, runID: runID, action: action, request: request)
        case .health:
            return health(admission)
        default:
            return try await manage(route, request: request)
        }
    }

    /// Runs an engine call, turning its error into the answer the API gives for it.
    func call<T>(_ body: () async throws(EngineError) -> T) async throws(APIError) -> T {
        do { return try await body() } catch { throw APIError(error) }
    }

    /// The request body, refused with `413` beyond `limit` (before reading it when the size is announced).
    func collectBody(_ request: Request, limit: Int) async throws(APIError) -> Data {
        let tooLarge = APIError(status: .contentTooLarge, code: "RequestEntityTooLarge",
                                message: "the request body is larger than the engine accepts (\(limit) bytes)")
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw tooLarge }
        var request = request
        do {
            let buffer = try await request.collectBody(upTo: limit)
            return Data(buffer.readableBytesView)
        } catch is NIOTooManyBytesError {
            throw tooLarge
        } catch {
            throw APIError.invalidRequest("the request body could not be read: \(error)")
        }
    }
}
