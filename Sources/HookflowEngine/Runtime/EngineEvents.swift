import Foundation
import Synchronization

/// A change the live views care about: an app saved, toggled or deleted; a trigger's
/// subscription reached an outcome; a run started or changed status; an action changed status.
public struct EngineEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case workflowChanged, workflowDeleted, subscriptionChanged, runChanged, actionChanged
    }

    public var kind: Kind
    public var workflow: String
    public var runID: String?
    public var action: String?
    /// The trigger whose subscription changed (`subscriptionChanged`).
    public var trigger: String?
    /// The run's or action's new status, the app's state, or the subscription's status.
    public var status: String?
    /// Why a subscribe or unsubscribe call failed (`subscriptionChanged`), secrets hidden.
    public var error: SubscriptionError?
    /// When the engine tries a failed subscribe again (ISO 8601), for `SubscribeFailed`.
    public var nextAttemptTime: String?

    public init(kind: Kind, workflow: String, runID: String? = nil, action: String? = nil, trigger: String? = nil, status: String? = nil,
                error: SubscriptionError? = nil, nextAttemptTime: String? = nil) {
        self.kind = kind
        self.workflow = workflow
        self.runID = runID
        self.action = action
        self.trigger = trigger
        self.status = status
        self.error = error
        self.nextAttemptTime = nextAttemptTime
    }
}

/// Fans engine events out to every listener (the SSE endpoint, an in-process TUI). A slow
/// listener loses the oldest events rather than slowing the engine down.
final class EngineEventHub: Sendable {
    private let listeners = Mutex<[UUID: AsyncStream<EngineEvent>.Continuation]>([:])

    func publish(_ event: EngineEvent) {
        for continuation in listeners.withLock({ Array($0.values) }) { continuation.yield(event) }
    }

    /// Ends every listener's stream (the engine is shutting down).
    func finishAll() {
        let all = listeners.withLock { listeners -> [AsyncStream<EngineEvent>.Continuation] in
            defer { listeners.removeAll() }
            return Array(listeners.values)
        }
        for continuation in all { continuation.finish() }
    }

    func subscribe() -> AsyncStream<EngineEvent> {
        let (stream, continuation) = AsyncStream<EngineEvent>.makeStream(bufferingPolicy: .bufferingNewest(1024))
        let id = UUID()
        listeners.withLock { $0[id] = continuation }
        continuation.onTermination = { [weak self] _ in _ = self?.listeners.withLock { $0.removeValue(forKey: id) } }
        return stream
    }
}
