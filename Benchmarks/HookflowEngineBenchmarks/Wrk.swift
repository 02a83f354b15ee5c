import Foundation

/// Runs wrk in its own process against one URL (SPEC §6: `-t2 -c64`, JSON POST bodies, a Lua script).
struct Wrk {
    var tools: Toolbox
    var threads: Int
    var connections: Int
    var logs: URL

    func run(_ url: String, seconds: Double) async throws -> WrkResult {
        let arguments = ["-t\(threads)", "-c\(connections)", "-d\(Int(seconds.rounded()))s", "--timeout", "30s", "-s", tools.wrkScript.path, url]
        let child = try ChildProcess(tools.wrk, arguments, name: "wrk", errorLog: logs.appendingPathComponent("wrk.log"))
        let status = try await child.waitForExit(timeout: .seconds(Int(seconds) + 120))
        guard let line = child.lines.first(where: { $0.hasPrefix("WRK_RESULT ") }) else {
            throw BenchmarkError("wrk (exit \(status)) printed no result for \(url):\n" + child.lines.joined(separator: "\n"))
        }
        return try JSONDecoder().decode(WrkResult.self, from: Data(line.dropFirst("WRK_RESULT ".count).utf8))
    }
}
