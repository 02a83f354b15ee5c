import Foundation
import Synchronization

/// A change the live views care about: an app saved, toggled or deleted; a run started or
/// changed status; an action changed status.
public struct EngineEvent: Sendable, Equatable {
    public enum Kind: String, Sendable {
        case workflowChanged, workflowDeleted, runChanged, actionChanged
    }

    public var kind: Kind
    public var workflow: String
    public var runID: String?
    public var action: String?
    /// The run's or action's new status, or the app's state.
    public var status: String?

    public init(kind: Kind, workflow: String, runID: String? = nil, action: String? = nil, status: String? = nil) {
        self.kind = kind
        self.workflow = workflow
        self.runID = runID
        self.action = action
        self.status = status
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
