import Foundation
import HookflowModel

/// The delays of a retry policy (SPEC §2): `default` = exponential, 4 retries, 7 s, bounded 5 s..1 h.
struct RetrySchedule: Sendable {
    let delays: [TimeInterval]

    init(policy: RetryPolicy) {
        let resolved = policy.resolved
        let count = max(0, min(resolved.count ?? 0, RetryPolicy.maximumCount))
        let interval = Self.seconds(resolved.interval) ?? 7
        let minimum = Self.seconds(resolved.minimumInterval) ?? 5
        let maximum = Self.seconds(resolved.maximumInterval) ?? 3600
        switch resolved.kind {
        case .fixed:
            delays = Array(repeating: interval, count: count)
        case .exponential:
            // Retry n waits a random time in [2^(n-1)·interval·0.8, 2^(n-1)·interval·1.2], kept within the bounds.
            delays = (0..<count).map { n in
                let base = interval * pow(2, Double(n))
                return min(max(Double.random(in: base * 0.8...base * 1.2), minimum), maximum)
            }
        default:
            delays = []
        }
    }

    static func seconds(_ text: String?) -> TimeInterval? { text.flatMap(ISO8601Duration.init)?.totalSeconds }

    /// Whether an answer is worth retrying: 408, 429 and 5xx.
    static func isRetriable(status: Int) -> Bool { status == 408 || status == 429 || (500...599).contains(status) }
}
