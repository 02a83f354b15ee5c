import Foundation
import HookflowModel

/// One subscription of a webhook trigger with its service, from the subscribe call to the
/// unsubscribe call. The exact unsubscribe request is resolved and stored when subscribing,
/// so it can be sent later even after the trigger, the app or the key is gone.
public struct StoredSubscription: Sendable, Equatable {
    /// Sent as `x-ms-client-tracking-id` so the service can match subscribe and unsubscribe.
    public var id: String
    public var workflowName: String
    public var triggerName: String
    /// The workflow version this subscription was made for.
    public var workflowVersion: Int
    public var status: SubscriptionStatus
    /// Hash of what the subscribe call depends on: a different fingerprint means "subscribe again".
    public var fingerprint: String
    public var callbackURL: String
    /// The resolved unsubscribe request, once known (after evaluating its expressions).
    public var unsubscribeRequest: OutboundRequest?
    /// True when the service may hold this subscription (it answered 2xx, or a call was cut off
    /// before an answer): only then is an unsubscribe owed.
    public var mayExistRemotely: Bool
    public var lastError: SubscriptionError?
    public var attempts: Int
    public var nextAttemptAt: Date?
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: String, workflowName: String, triggerName: String, workflowVersion: Int, status: SubscriptionStatus, fingerprint: String,
                callbackURL: String, unsubscribeRequest: OutboundRequest? = nil, mayExistRemotely: Bool = false, lastError: SubscriptionError? = nil,
                attempts: Int = 0, nextAttemptAt: Date? = nil, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.workflowName = workflowName
        self.triggerName = triggerName
        self.workflowVersion = workflowVersion
        self.status = status
        self.fingerprint = fingerprint
        self.callbackURL = callbackURL
        self.unsubscribeRequest = unsubscribeRequest
        self.mayExistRemotely = mayExistRemotely
        self.lastError = lastError
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether this subscription is the trigger's live one (not being or already torn down).
    public var isActive: Bool { [.subscribing, .subscribed, .subscribeFailed].contains(status) }
}
