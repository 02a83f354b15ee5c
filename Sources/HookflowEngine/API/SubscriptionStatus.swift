/// Where a webhook trigger's subscription stands with its service.
public enum SubscriptionStatus: String, Sendable, Codable, CaseIterable {
    /// A subscribe call is owed and under way (or about to be): right after a save or an
    /// enable, and while an attempt has had no answer yet.
    case subscribing = "Subscribing"
    /// The service accepted the subscribe call; callbacks are expected.
    case subscribed = "Subscribed"
    /// The last subscribe attempt failed; the engine tries again at `nextAttemptTime`.
    case subscribeFailed = "SubscribeFailed"
    /// The app is disabled: nothing is subscribed.
    case notSubscribed = "NotSubscribed"
    /// Unsubscribing is queued in the outbox.
    case unsubscribing = "Unsubscribing"
    /// Unsubscribed from the service.
    case unsubscribed = "Unsubscribed"
    /// The unsubscribe call keeps failing; it is still retried until it succeeds or is dropped.
    case orphaned = "Orphaned"

    /// Also reads `Pending`, what engines before version 6 of the data file called `Subscribing`.
    public init?(rawValue: String) {
        switch rawValue {
        case "Subscribing", "Pending": self = .subscribing
        case "Subscribed": self = .subscribed
        case "SubscribeFailed": self = .subscribeFailed
        case "NotSubscribed": self = .notSubscribed
        case "Unsubscribing": self = .unsubscribing
        case "Unsubscribed": self = .unsubscribed
        case "Orphaned": self = .orphaned
        default: return nil
        }
    }

    /// A call is owed and its outcome has not come yet.
    public var isUnderWay: Bool { self == .subscribing || self == .unsubscribing }
}

/// A trigger's subscription as the management API reports it.
public struct SubscriptionInfo: Sendable, Equatable {
    public var id: String?
    public var status: SubscriptionStatus
    public var error: SubscriptionError?
    public var callbackURL: String?
    public var updatedTime: String?
    /// When the engine tries again (ISO 8601), for `SubscribeFailed`.
    public var nextAttemptTime: String?

    public init(id: String? = nil, status: SubscriptionStatus, error: SubscriptionError? = nil, callbackURL: String? = nil, updatedTime: String? = nil,
                nextAttemptTime: String? = nil) {
        self.id = id
        self.status = status
        self.error = error
        self.callbackURL = callbackURL
        self.updatedTime = updatedTime
        self.nextAttemptTime = nextAttemptTime
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
        /// The subscribe call had no answer within the time a save waits: its outcome comes
        /// later, as an event (and in the app's summary).
        case subscribing = "Subscribing"
        /// The unsubscribe call had no answer within the time a save waits; it stays owed
        /// (outbox) until it has one.
        case unsubscribing = "Unsubscribing"
        /// The unsubscribe call failed and stays queued in the outbox.
        case unsubscribeQueued = "UnsubscribeQueued"

        /// Whether this is the outcome of an unsubscribe (of a subscription a save retired)
        /// rather than of the trigger's current subscription.
        public var isUnsubscribe: Bool {
            switch self {
            case .unsubscribed, .unsubscribing, .unsubscribeQueued: true
            case .subscribed, .unchanged, .failed, .subscribing: false
            }
        }
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
