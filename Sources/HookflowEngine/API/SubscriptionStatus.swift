/// Where a webhook trigger's subscription stands with its service.
public enum SubscriptionStatus: String, Sendable, Codable, CaseIterable {
    /// The subscribe call is being made (or will be, right after the save commits).
    case pending = "Pending"
    /// The service accepted the subscribe call; callbacks are expected.
    case subscribed = "Subscribed"
    /// The subscribe call failed; the engine retries with back-off.
    case subscribeFailed = "SubscribeFailed"
    /// The app is disabled: nothing is subscribed.
    case notSubscribed = "NotSubscribed"
    /// Unsubscribing is queued in the outbox.
    case unsubscribing = "Unsubscribing"
    /// Unsubscribed from the service.
    case unsubscribed = "Unsubscribed"
    /// The unsubscribe call keeps failing; it is still retried until it succeeds or is dropped.
    case orphaned = "Orphaned"
}

/// A trigger's subscription as the management API reports it.
public struct SubscriptionInfo: Sendable, Equatable {
    public var id: String?
    public var status: SubscriptionStatus
    public var error: SubscriptionError?
    public var callbackURL: String?
    public var updatedTime: String?

    public init(id: String? = nil, status: SubscriptionStatus, error: SubscriptionError? = nil, callbackURL: String? = nil, updatedTime: String? = nil) {
        self.id = id
        self.status = status
        self.error = error
        self.callbackURL = callbackURL
        self.updatedTime = updatedTime
    }
}

/// What a service answered when a subscribe or unsubscribe call failed.
public struct SubscriptionError: Sendable, Equatable, CustomStringConvertible {
    /// The HTTP status, or nil when no answer came (connection refused, timeout).
    public var statusCode: Int?
    public var message: String
    /// The start of the service's answer (at most 200 characters).
    public var excerpt: String?

    public init(statusCode: Int?, message: String, excerpt: String? = nil) {
        self.statusCode = statusCode
        self.message = message
        self.excerpt = excerpt
    }

    public var description: String {
        var text = statusCode.map { "HTTP \($0): \(message)" } ?? message
        if let excerpt, !excerpt.isEmpty { text += " — \(excerpt)" }
        return text
    }
}

/// What one save, enable, disable or delete did to one trigger's subscription.
public struct SubscriptionResult: Sendable, Equatable, CustomStringConvertible {
    public enum Outcome: String, Sendable, Codable {
        case subscribed = "Subscribed"
        case unsubscribed = "Unsubscribed"
        /// Already subscribed with the same inputs: nothing was called.
        case unchanged = "Unchanged"
        case failed = "Failed"
        /// The unsubscribe call failed and stays queued in the outbox.
        case unsubscribeQueued = "UnsubscribeQueued"
    }

    public var trigger: String
    public var outcome: Outcome
    public var error: SubscriptionError?

    public init(trigger: String, outcome: Outcome, error: SubscriptionError? = nil) {
        self.trigger = trigger
        self.outcome = outcome
        self.error = error
    }

    public var description: String {
        error.map { "\(trigger): \(outcome.rawValue) (\($0))" } ?? "\(trigger): \(outcome.rawValue)"
    }
}
