import HookflowModel

/// Why an engine call failed: what, where, and what to do. Maps one-to-one to API answers.
public enum EngineError: Error, Sendable, Equatable, CustomStringConvertible {
    /// 400 `InvalidDefinition`, with every validation problem.
    case invalidDefinition([ValidationProblem])
    /// 400 with a code (`InvalidRequest`, `InvalidWorkflowName`, ...).
    case badRequest(code: String, message: String)
    /// 404 (`WorkflowNotFound`, `TriggerNotFound`, `RunNotFound`, ...).
    case notFound(code: String, message: String)
    /// 409 (`WorkflowDisabled`, `ActionAlreadyCompleted`, ...).
    case conflict(code: String, message: String)
    /// 409 `VersionConflict`: a save edited from version `base` of `app`, which is at `current`
    /// now (0: it does not exist, or no longer). Nothing was stored.
    case versionConflict(app: String, base: Int, current: Int)
    /// 401 for the management API without its token.
    case unauthorized(message: String)
    /// The engine could not be reached or answered something unreadable.
    case unavailable(message: String)
    /// Anything else the engine reports (500).
    case internalError(message: String)

    public var code: String {
        switch self {
        case .invalidDefinition: "InvalidDefinition"
        case .badRequest(let code, _), .notFound(let code, _), .conflict(let code, _): code
        case .versionConflict: "VersionConflict"
        case .unauthorized: "Unauthorized"
        case .unavailable: "EngineUnavailable"
        case .internalError: "InternalError"
        }
    }

    public var message: String {
        switch self {
        case .invalidDefinition(let problems):
            // Warnings are listed beside the errors, but only errors stop a save.
            "the definition has \(problems.errors.count) problem\(problems.errors.count == 1 ? "" : "s")"
                + (problems.warnings.isEmpty ? "" : " (and \(problems.warnings.count) warning\(problems.warnings.count == 1 ? "" : "s"))")
                + "; fix them and save again"
        case .badRequest(_, let message), .notFound(_, let message), .conflict(_, let message), .unauthorized(let message),
            .unavailable(let message), .internalError(let message):
            message
        case .versionConflict(let app, let base, let current) where current == 0:
            base == 0 ? "app \"\(app)\" is new to this save but no longer exists; nothing was stored"
                : "app \"\(app)\" was deleted after version \(base) was loaded; nothing was stored (save again without a base version to create it anew)"
        case .versionConflict(let app, let base, let current):
            base == 0 ? "app \"\(app)\" was created meanwhile (it is at version \(current)); nothing was stored: reload it, or overwrite it explicitly"
                : "app \"\(app)\" is at version \(current), newer than version \(base) this save was edited from; nothing was stored: reload it, compare, or overwrite it explicitly"
        }
    }

    /// The HTTP status the management API answers with.
    public var httpStatus: Int {
        switch self {
        case .invalidDefinition, .badRequest: 400
        case .unauthorized: 401
        case .notFound: 404
        case .conflict, .versionConflict: 409
        case .unavailable: 503
        case .internalError: 500
        }
    }

    public var description: String {
        switch self {
        case .invalidDefinition(let problems):
            ([message] + problems.map { "  \($0.description)" }).joined(separator: "\n")
        default:
            message
        }
    }
}
