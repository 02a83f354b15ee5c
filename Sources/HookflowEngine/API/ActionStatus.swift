/// Action statuses (SPEC §3).
public enum ActionStatus: String, Sendable, Codable, CaseIterable {
    case running = "Running"
    case waiting = "Waiting"
    case succeeded = "Succeeded"
    case failed = "Failed"
    case skipped = "Skipped"
    case cancelled = "Cancelled"
    case timedOut = "TimedOut"

    public var isFinished: Bool { ![.running, .waiting].contains(self) }

    /// The name as `runAfter` lists compare it (case-insensitively).
    var lowercasedName: String {
        switch self {
        case .running: "running"
        case .waiting: "waiting"
        case .succeeded: "succeeded"
        case .failed: "failed"
        case .skipped: "skipped"
        case .cancelled: "cancelled"
        case .timedOut: "timedout"
        }
    }
}
