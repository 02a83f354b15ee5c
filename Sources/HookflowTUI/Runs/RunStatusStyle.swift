import HookflowEngine

/// How a status looks: the role that colours it and the glyph beside it, the same on every screen.
///
/// ```swift
/// RunStatusStyle.role(.waiting)                         // .statusWaiting
/// RunStatusStyle.role(step: "Skipped")                  // .statusSkipped
/// RunStatusStyle.glyph(.statusFailed, glyphs: .unicode) // "✗"
/// ```
enum RunStatusStyle {
    static func role(_ status: RunStatus) -> StyleRole {
        switch status {
        case .running: .statusRunning
        case .waiting: .statusWaiting
        case .succeeded: .statusSucceeded
        case .failed: .statusFailed
        case .cancelled: .statusCancelled
        case .timedOut: .statusTimedOut
        }
    }

    /// A step's status as the engine spells it (`Succeeded`, `Skipped`, ...); anything unknown is dim.
    static func role(step status: String) -> StyleRole {
        if let run = RunStatus(caseInsensitive: status) { return role(run) }
        return status.lowercased() == "skipped" ? .statusSkipped : .dim
    }

    /// The status glyph of a status role; a space for roles without one.
    static func glyph(_ role: StyleRole, glyphs: Glyphs) -> String {
        glyphs.status(role) ?? " "
    }

    /// A webhook trigger's subscription: green when callbacks are expected, red when subscribing
    /// failed, waiting while something is still to be done, dim when nothing is subscribed on purpose.
    static func role(_ status: SubscriptionStatus) -> StyleRole {
        switch status {
        case .subscribed: .statusSucceeded
        case .subscribeFailed: .statusFailed
        case .subscribing, .unsubscribing, .orphaned: .statusWaiting
        case .notSubscribed, .unsubscribed: .dim
        }
    }
}
