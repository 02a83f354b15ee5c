import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// Runs a short tool to its end with posix_spawn and waitpid: Foundation's `Process` did not
/// notice runuser's exit here once `pg_ctl start` had left a server running (the server keeps
/// the pipes), see Tests/HookflowTestSupport/PostgresTestServer.swift. Output goes to a file,
/// shown when the tool fails.
enum Spawn {
    static func run(_ tool: String, _ arguments: [String]) throws {
        let log = "/tmp/hookflow-bench-tool-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkError("cannot start \(tool): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw BenchmarkError("\(tool) \(arguments.joined(separator: " ")) failed (status \(status)): \(output)")
        }
    }
}
