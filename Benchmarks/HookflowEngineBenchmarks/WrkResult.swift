import Foundation

/// What one wrk run reports (the `WRK_RESULT` line of `Benchmarks/wrk/post-json.lua`).
struct WrkResult: Decodable {
    var requests: Int
    var durationMicroseconds: Int
    var bytes: Int
    var connectErrors: Int
    var readErrors: Int
    var writeErrors: Int
    /// Answers with a status of 400 or above.
    var statusErrors: Int
    var timeouts: Int
    /// Microseconds.
    var latencyP50: Int
    var latencyP99: Int
    var latencyMax: Int

    var seconds: Double { Double(durationMicroseconds) / 1e6 }
    /// Answers below 400 (for the engine: `202`, so committed runs).
    var accepted: Int { requests - statusErrors }
    var acceptedPerSecond: Double { Double(accepted) / seconds }
    var socketErrors: Int { connectErrors + readErrors + writeErrors + timeouts }

    /// "1,234 req/s, p50 2.1 ms, p99 9.8 ms" plus any errors.
    var summary: String {
        var text = "\(Format.count(acceptedPerSecond)) /s, latency p50 \(Format.milliseconds(Double(latencyP50) / 1000)) "
            + "p99 \(Format.milliseconds(Double(latencyP99) / 1000)) max \(Format.milliseconds(Double(latencyMax) / 1000))"
        if statusErrors > 0 { text += ", \(statusErrors) answers ≥ 400" }
        if socketErrors > 0 { text += ", socket errors: connect \(connectErrors) read \(readErrors) write \(writeErrors) timeout \(timeouts)" }
        return text
    }
}
