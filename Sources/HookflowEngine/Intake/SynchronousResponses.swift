import Foundation
import HookflowModel
import Synchronization

/// The callers of Request triggers that wait for their run's `Response` action, as in Logic Apps:
/// the HTTP request stays open until the Response runs (its status, headers and body are the
/// answer), the run ends without one (`502`), or the wait runs out (`504`, the run goes on).
///
/// In memory only: a caller is a live connection, which no restart keeps. A Response that runs
/// when nobody waits for it any more fails (``ResponseStep``), so the run history says so.
final class SynchronousResponses: Sendable {
    /// What a Response action answers.
    struct Answer: Sendable, Equatable {
        var statusCode: Int
        var headers: [String: String]
        var body: JSONValue?
    }

    enum Outcome: Sendable, Equatable {
        case answered(Answer)
        /// The run ended, with this status, without running a Response.
        case endedWithoutResponse(RunStatus)
        case timedOut
    }

    private struct Waiter {
        var outcome: Outcome?
        var continuation: CheckedContinuation<Outcome, Never>?
    }

    private let waiters = Mutex<[String: Waiter]>([:])

    /// Registers that the caller of `runID` waits; call before the run can reach its Response.
    func expect(_ runID: String) {
        waiters.withLock { $0[runID] = Waiter() }
    }

    /// Whether a caller of `runID` was registered and has not collected its outcome yet.
    func isExpected(_ runID: String) -> Bool {
        waiters.withLock { $0[runID] != nil }
    }

    /// Whether the caller of `runID` still waits and has not been answered.
    func awaitsAnswer(_ runID: String) -> Bool {
        waiters.withLock { $0[runID].map { $0.outcome == nil } ?? false }
    }

    /// Hands `outcome` to the waiting caller, if it still waits and has no outcome yet; false otherwise.
    @discardableResult
    func settle(_ runID: String, _ outcome: Outcome) -> Bool {
        let continuation = waiters.withLock { waiters -> CheckedContinuation<Outcome, Never>?? in
            guard var waiter = waiters[runID], waiter.outcome == nil else { return nil }
            if let continuation = waiter.continuation {
                waiters[runID] = nil
                return .some(continuation)
            }
            waiter.outcome = outcome
            waiters[runID] = waiter
            return .some(nil)
        }
        guard let continuation else { return false }
        continuation?.resume(returning: outcome)
        return true
    }

    /// Stops expecting an answer for `runID` (its start failed, nothing will answer).
    func forget(_ runID: String) {
        let continuation = waiters.withLock { $0.removeValue(forKey: runID)?.continuation }
        continuation?.resume(returning: .timedOut)
    }

    /// Waits for the outcome of `runID` at most `timeout`; a caller whose task is cancelled (the
    /// connection went away) stops waiting at once. Either way the run goes on.
    func wait(_ runID: String, timeout: Duration) async -> Outcome {
        let timer = Task {
            try? await Task.sleep(for: timeout)
            self.settle(runID, .timedOut)
        }
        defer { timer.cancel() }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Outcome, Never>) in
                let ready = waiters.withLock { waiters -> Outcome? in
                    guard var waiter = waiters[runID] else { return .timedOut }
                    if let outcome = waiter.outcome {
                        waiters[runID] = nil
                        return outcome
                    }
                    waiter.continuation = continuation
                    waiters[runID] = waiter
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            self.settle(runID, .timedOut)
        }
    }
}
