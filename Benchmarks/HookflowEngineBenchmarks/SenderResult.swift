import Foundation

/// What the open-loop sender reports (its `SENDER_RESULT` line; the writer is
/// `Benchmarks/OpenLoopSender/SenderReport.swift`). Latencies are in milliseconds.
struct SenderResult: Decodable {
    struct Latencies: Decodable {
        var count: Int
        var p50: Double
        var p90: Double
        var p99: Double
        var max: Double
    }

    var sent: Int
    var offeredRate: Double
    var maximumSendLag: Double
    var statuses: [String: Int]
    var answer: Latencies
    var run: Latencies?
    var runsPerSecond: Double?
    var runsWithoutEnding: Int
    var runsEndedOtherwise: Int

    /// Runs the sender in its own process and reads its report.
    static func measure(_ tools: Toolbox, _ arguments: [String], logs: URL, timeout: Duration) async throws -> SenderResult {
        let child = try ChildProcess(tools.sender, arguments, name: "OpenLoopSender", errorLog: logs.appendingPathComponent("sender.log"))
        let status = try await child.waitForExit(timeout: timeout)
        guard let line = child.lines.first(where: { $0.hasPrefix("SENDER_RESULT ") }) else {
            let errors = (try? String(contentsOf: child.errorLog, encoding: .utf8)) ?? ""
            throw BenchmarkError("the open-loop sender (exit \(status)) printed no result: \(errors)")
        }
        return try JSONDecoder().decode(SenderResult.self, from: Data(line.dropFirst("SENDER_RESULT ".count).utf8))
    }

    /// Answers other than `expected`, as "409 ×3, error ×1".
    func unexpected(besides expected: String) -> String {
        statuses.filter { $0.key != expected }.sorted { $0.key < $1.key }.map { "\($0.key) ×\($0.value)" }.joined(separator: ", ")
    }
}
