import Synchronization

/// One background loop: runs its work, then sleeps until the time the work asked for or until
/// woken (after a commit that created work). The store's rows are the truth; this is only
/// the alarm clock.
final class BackgroundWorker: Sendable {
    private struct State {
        var loop: Task<Void, Never>?
        var sleeper: Task<Void, Never>?
        /// Set by a wake-up that arrived while the work was running: skip the next sleep.
        var woken = false
        /// Set by `stop()`: a round that ends after it must not start a sleep nobody would cut short.
        var stopped = false
    }

    private let state = Mutex(State())
    /// Least time between two rounds when wake-ups keep coming: under load every commit and
    /// every delivered unsubscribe wakes the loop, and a round is several reads; this caps the
    /// rounds at a few hundred a second, each taking what gathered meanwhile.
    private let minimumGap: Duration

    init(minimumGap: Duration = .milliseconds(20)) {
        self.minimumGap = minimumGap
    }

    func start(_ work: @escaping @Sendable () async -> Double) {
        let loop = Task {
            while !Task.isCancelled {
                state.withLock { $0.woken = false }
                let delay = await work()
                let sleeper = Task { _ = try? await Task.sleep(nanoseconds: UInt64(max(0, delay) * 1_000_000_000)) }
                let sleeps = state.withLock { state -> Bool in
                    if state.woken || state.stopped { return false }
                    state.sleeper = sleeper
                    return true
                }
                if sleeps {
                    await sleeper.value
                } else {
                    sleeper.cancel()
                    // Woken during the round: the next one after the gap, not at once.
                    try? await Task.sleep(for: minimumGap)
                }
                state.withLock { $0.sleeper = nil }
            }
        }
        state.withLock { $0.loop = loop }
    }

    /// Asks the loop to look for work now.
    func wake() {
        state.withLock { state in
            state.woken = true
            state.sleeper?.cancel()
        }
    }

    func stop() async {
        let loop = state.withLock { state -> Task<Void, Never>? in
            defer { state.loop = nil }
            state.stopped = true
            state.sleeper?.cancel()
            return state.loop
        }
        loop?.cancel()
        await loop?.value
    }
}
