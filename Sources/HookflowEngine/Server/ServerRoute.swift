import Foundation
import Hummingbird

/// What a request path asks for: a trigger or action callback, or one of the management calls (SPEC §3).
///
/// Paths are matched segment by segment on the raw path and each segment is percent-decoded
/// afterwards, so an encoded `/` inside a name can never change which route matches, and the
/// engine receives names as the user wrote them (callback signatures cover the decoded names).
enum ServerRoute: Equatable, Sendable {
    case triggerCallback(workflow: String, trigger: String)
    case actionCallback(workflow: String, runID: String, action: String)
    case health
    case workflows
    case workflow(String)
    case setState(workflow: String, state: WorkflowState)
    case regenerateAccessKey(workflow: String)
    case listCallbackURL(workflow: String, trigger: String)
    case runs(workflow: String)
    case run(workflow: String, id: String)
    case cancelRun(workflow: String, id: String)
    case resubmitRun(workflow: String, id: String)
    case events
    case subscriptions
    case subscription(id: String)

    /// Nil when no route has this shape (a `404`).
    init?(path: String) {
        var raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        // `/management/workflows/` reads like `/management/workflows`.
        if raw.count > 1, raw.last == "" { raw = raw.dropLast() }
        var segments: [String] = []
        for segment in raw {
            guard !segment.isEmpty else { return nil }
            // Most segments have nothing to decode; only those with an escape go through Foundation.
            if !segment.utf8.contains(UInt8(ascii: "%")) {
                segments.append(String(segment))
                continue
            }
            guard let decoded = segment.removingPercentEncoding else { return nil }
            segments.append(decoded)
        }
        switch segments.count {
        case 5 where segments[0] == "workflows" && segments[2] == "triggers" && segments[4] == "run":
            self = .triggerCallback(workflow: segments[1], trigger: segments[3])
        case 7 where segments[0] == "workflows" && segments[2] == "runs" && segments[4] == "actions" && segments[6] == "run":
            self = .actionCallback(workflow: segments[1], runID: segments[3], action: segments[5])
        case 2 where segments == ["management", "health"]:
            self = .health
        case 2 where segments == ["management", "workflows"]:
            self = .workflows
        case 2 where segments == ["management", "events"]:
            self = .events
        case 2 where segments == ["management", "subscriptions"]:
            self = .subscriptions
        case 3 where segments[0] == "management" && segments[1] == "subscriptions":
            self = .subscription(id: segments[2])
        case 3 where segments[0] == "management" && segments[1] == "workflows":
            self = .workflow(segments[2])
        case 4 where segments[0] == "management" && segments[1] == "workflows":
            switch segments[3] {
            case "enable": self = .setState(workflow: segments[2], state: .enabled)
            case "disable": self = .setState(workflow: segments[2], state: .disabled)
            case "regenerateAccessKey": self = .regenerateAccessKey(workflow: segments[2])
            case "runs": self = .runs(workflow: segments[2])
            default: return nil
            }
        case 5 where segments[0] == "management" && segments[1] == "workflows" && segments[3] == "runs":
            self = .run(workflow: segments[2], id: segments[4])
        case 6 where segments[0] == "management" && segments[1] == "workflows" && segments[3] == "runs" && segments[5] == "cancel":
            self = .cancelRun(workflow: segments[2], id: segments[4])
        case 6 where segments[0] == "management" && segments[1] == "workflows" && segments[3] == "runs" && segments[5] == "resubmit":
            self = .resubmitRun(workflow: segments[2], id: segments[4])
        case 6 where segments[0] == "management" && segments[1] == "workflows" && segments[3] == "triggers" && segments[5] == "listCallbackUrl":
            self = .listCallbackURL(workflow: segments[2], trigger: segments[4])
        default:
            return nil
        }
    }

    /// The methods the route answers; anything else is a `405`.
    var methods: [HTTPRequest.Method] {
        switch self {
        // Logic Apps services do not all POST; the signature, not the method, authorizes a callback.
        case .triggerCallback, .actionCallback: [.post, .put, .patch, .get]
        case .health, .workflows, .runs, .run, .events, .subscriptions: [.get]
        case .subscription: [.delete]
        case .workflow: [.get, .put, .delete]
        case .setState, .regenerateAccessKey, .listCallbackURL, .cancelRun, .resubmitRun: [.post]
        }
    }

    /// Management calls (the health check included) go through ``ManagementAccess``; callbacks
    /// carry their own signature.
    var isManagement: Bool {
        switch self {
        case .triggerCallback, .actionCallback: false
        default: true
        }
    }
}
