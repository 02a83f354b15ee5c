import Synchronization

/// Tasks a part of the engine starts and must not lose track of: each is kept under a key
/// until it ends, a key already running is not started twice (the in-memory claim of one
/// node: an outbox entry or a subscription is never sent twice at once), and ``stop()``
/// cancels them all and waits for them, so a shutdown never leaves a call half-recorded.
final class OwnedTasks: Sendable {
    private struct State {
        var running: [String: Task<Void, Never>] = [:]
        /// Keys taken by work that runs in some other owned task (see ``claim(_:)``).
        var claimed: Set<String> = []
        var stopped = false
    }

    private let state = Mutex(State())

    /// Starts `work` under `key` unless a task with that key is running or the owner stopped;
    /// false when it was not started.
    @discardableResult
    func start(_ key: String, _ work: @escaping @Sendable () async -> Void) -> Bool {
        state.withLock { state in
            guard !state.stopped, state.running[key] == nil, !state.claimed.contains(key) else { return false }
            // The task removes itself when done; it cannot run before this lock is released.
            state.running[key] = Task { [weak self] in
                await work()
                self?.finished(key)
            }
            return true
        }
    }

    /// Takes `key` for work done inside another owned task (a save's inline attempt), so that
    /// no task here starts on it meanwhile; false when it is taken. Give it back with ``release(_:)``.
    func claim(_ key: String) -> Bool {
        state.withLock { state in
            guard !state.stopped, state.running[key] == nil else { return false }
            return state.claimed.insert(key).inserted
        }
    }

    func release(_ key: String) {
        _ = state.withLock { $0.claimed.remove(key) }
    }

    func isBusy(_ key: String) -> Bool { state.withLock { $0.running[key] != nil || $0.claimed.contains(key) } }

    var count: Int { state.withLock { $0.running.count } }

    /// The keys running or claimed now.
    var busyKeys: Set<String> { state.withLock { Set($0.running.keys).union($0.claimed) } }

    private func finished(_ key: String) {
        _ = state.withLock { $0.running.removeValue(forKey: key) }
    }

    /// Cancels every task and waits until each has returned; nothing new starts afterwards.
    func stop() async {
        let tasks = state.withLock { state -> [Task<Void, Never>] in
            state.stopped = true
            return Array(state.running.values)
        }
        for task in tasks { task.cancel() }
        for task in tasks { await task.value }
    }
}
