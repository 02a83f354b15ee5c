import Foundation

/// What the sender prints as one `SENDER_RESULT {json}` line for the benchmark to read.
struct SenderReport: Codable {
    /// Latencies in milliseconds, nearest-rank percentiles.
    struct Latencies: Codable {
        var count: Int
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double

        init(_ milliseconds: [Double]) {
            let sorted = milliseconds.sorted()
            count = sorted.count
            p50 = Self.percentile(sorted, 0.50)
            p90 = Self.percentile(sorted, 0.90)
            p99 = Self.percentile(sorted, 0.99)
            max = sorted.last ?? .nan
        }

        /// Nearest rank: the smallest value with at least `p` of all values at or below it.
        static func percentile(_ sorted: [Double], _ p: Double) -> Double {
            guard !sorted.isEmpty else { return .nan }
            let rank = Int((p * Double(sorted.count)).rounded(.up))
            return sorted[Swift.min(sorted.count, Swift.max(rank, 1)) - 1]
        }
    }

    var sent: Int
    /// Requests per second actually offered: sends over the time from the first hand-over to the last.
    var offeredRate: Double
    /// How far behind schedule the sender handed a request to its client, worst case, in ms.
    var maximumSendLag: Double
    /// Answers by HTTP status ("200", "409", ...), and "error" for failed requests.
    var statuses: [String: Int]
    /// Due time → answer, for every answered request.
    var answer: Latencies
    /// Due time → the run's final event, for runs that ended `Succeeded`.
    var run: Latencies?
    /// Runs that ended `Succeeded` over the time from the first due time to the last ending:
    /// below the offered rate, the server did not keep up.
    var runsPerSecond: Double?
    /// Runs whose final event never came within the settle time.
    var runsWithoutEnding: Int
    /// Runs that ended with another status than `Succeeded`.
    var runsEndedOtherwise: Int

    var line: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return "SENDER_RESULT " + String(decoding: data, as: UTF8.self)
    }
}
