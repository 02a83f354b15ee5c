import Foundation

/// A server under load in its own process, and the address it printed when it began listening:
/// `hookflow serve` or the hello-world server.
struct ServerProcess {
    let name: String
    /// The process that was started (strace, when the engine runs under it).
    let child: ChildProcess
    /// The process that serves: the one whose CPU time and memory are measured.
    let pid: Int32
    /// `http://127.0.0.1:PORT`, no trailing slash.
    let url: String

    /// `hookflow serve --port PORT --data FOLDER [more]`, optionally under `strace` (see ``CommitCounter``);
    /// `more`: further options, such as `--database URL --public-url URL` (``NodesBenchmark``).
    static func engine(_ tools: Toolbox, data: URL, port: Int = 0, logs: URL, traceTo trace: URL? = nil, more: [String] = []) async throws -> ServerProcess {
        let serve = [tools.hookflow.path, "serve", "--port", String(port), "--data", data.path, "--log-level", "warning"] + more
        let name = "hookflow serve (\(data.lastPathComponent))"
        let log = logs.appendingPathComponent("serve-\(data.lastPathComponent)-\(UUID().uuidString.prefix(6)).log")
        let child: ChildProcess
        if let trace, let strace = tools.strace {
            child = try ChildProcess(strace, CommitCounter.straceArguments(output: trace) + serve, name: name, errorLog: log)
        } else {
            child = try ChildProcess(tools.hookflow, Array(serve.dropFirst()), name: name, errorLog: log)
        }
        let line = try await child.line(startingWith: "hookflow engine listening on ", timeout: .seconds(120))
        let pid = trace == nil ? child.pid : try tracee(of: child.pid)
        return ServerProcess(name: name, child: child, pid: pid, url: try address(in: line))
    }

    static func helloWorld(_ tools: Toolbox, logs: URL) async throws -> ServerProcess {
        let child = try ChildProcess(tools.helloWorld, [], name: "HelloWorldServer", errorLog: logs.appendingPathComponent("hello-world.log"))
        let line = try await child.line(startingWith: "hello-world listening on ", timeout: .seconds(60))
        return ServerProcess(name: "hello-world", child: child, pid: child.pid, url: try address(in: line))
    }

    var cpuSeconds: Double { ProcessStats.cpuSeconds(pid) ?? .nan }

    /// Stops the server cleanly: SIGTERM to the server itself (strace, when it runs under it,
    /// ends with it and writes out its log), SIGKILL if it has not ended within 30 s.
    func stop() async {
        if pid != child.pid {
            kill(pid, SIGTERM)
            if (try? await child.waitForExit(timeout: .seconds(30))) != nil { return }
        }
        await child.stop()
    }

    /// Lines of the server's standard error that mention a problem (it runs at `--log-level warning`).
    func problems() -> [String] {
        let text = (try? String(contentsOf: child.errorLog, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { line in
            let lower = line.lowercased()
            return (lower.contains("error") || lower.contains("warning") || lower.contains("critical")) && !lower.hasPrefix("strace:")
        }
    }

    private static func address(in line: String) throws -> String {
        guard let range = line.range(of: "listening on ") else { throw BenchmarkError("no address in \"\(line)\"") }
        let rest = line[range.upperBound...]
        let url = rest.prefix { $0 != " " }
        return url.hasSuffix("/") ? String(url.dropLast()) : String(url)
    }

    /// The process strace started (its only child).
    private static func tracee(of strace: Int32) throws -> Int32 {
        let text = (try? String(contentsOfFile: "/proc/\(strace)/task/\(strace)/children", encoding: .utf8)) ?? ""
        guard let pid = text.split(separator: " ").first.flatMap({ Int32($0) }) else { throw BenchmarkError("strace (pid \(strace)) has no child") }
        return pid
    }
}
