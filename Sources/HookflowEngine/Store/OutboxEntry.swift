import Foundation

/// A call the engine owes a service and must not forget: written in the same transaction as
/// the state change that implies it, retried until it succeeds, across restarts.
public struct OutboxEntry: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case unsubscribe
    }

    public var id: Int64?
    public var kind: Kind
    public var subscriptionID: String
    public var workflowName: String
    public var operationName: String
    public var request: OutboundRequest
    public var attempts: Int
    public var nextAttemptAt: Date
    /// A claim: until this time no other node takes the entry (PostgreSQL; a SQLite file has
    /// one process, which claims in memory).
    public var leaseUntil: Date?
    /// The claim's generation, as the PostgreSQL store leased it: the entry's outcome is written
    /// only while it is still this one (a node that stalled past its lease and was taken over
    /// must not overwrite what the other node recorded). Nil where claims are in memory.
    public var leaseGeneration: Int64?
    public var lastError: SubscriptionError?
    public var createdAt: Date

    public init(id: Int64? = nil, kind: Kind, subscriptionID: String, workflowName: String, operationName: String, request: OutboundRequest,
                attempts: Int = 0, nextAttemptAt: Date, leaseUntil: Date? = nil, leaseGeneration: Int64? = nil, lastError: SubscriptionError? = nil, createdAt: Date) {
        self.id = id
        self.kind = kind
        self.subscriptionID = subscriptionID
        self.workflowName = workflowName
        self.operationName = operationName
        self.request = request
        self.attempts = attempts
        self.nextAttemptAt = nextAttemptAt
        self.leaseUntil = leaseUntil
        self.leaseGeneration = leaseGeneration
        self.lastError = lastError
        self.createdAt = createdAt
    }
}
