import AsyncHTTPClient
import Foundation

/// SPEC §6 "≥ 20 callbacks per commit under that load", counted from outside the engine: one
/// extra round with `hookflow serve` started under strace, which logs every `fsync`/`fdatasync`
/// with its time and file. With WAL and `synchronous=FULL`, SQLite syncs the `-wal` file once per
/// commit, and a checkpoint syncs the `-wal` file once and the database file once; so
///
///     commits in the window ≈ WAL syncs − database syncs
///
/// (a WAL restart's header sync is counted as a commit too: a slight over-count, so the
/// figure errs low). strace's `--seccomp-bpf` stops the engine only on those two calls, not on
/// every system call, so the round runs close to full speed; its callbacks/s are printed, not used.
/// Why not SQLite's own counters: they live inside the engine's connections, which the benchmark
/// must not reach into (it drives `hookflow serve` as a user would).
struct CommitCounter {
    struct Window {
        var label: String
        var wrk: WrkResult
        var walSyncs: Int
        var databaseSyncs: Int
        var otherSyncs: Int

        var commits: Int { max(walSyncs - databaseSyncs, 1) }
        var callbacksPerCommit: Double { Double(wrk.accepted) / Double(commits) }
    }

    static func straceArguments(output: URL) -> [String] {
        ["-f", "--seccomp-bpf", "-qq", "-e", "signal=none", "-e", "trace=fsync,fdatasync", "-y", "-ttt", "-o", output.path]
    }

    var tools: Toolbox
    var options: BenchmarkOptions
    var wrk: Wrk
    var client: HTTPClient
    var folder: URL

    func run(into table: inout ResultTable) async throws {
        guard tools.strace != nil else {
            table.note("callbacks per commit: not measured, strace is not installed (`apt-get install -y strace`).")
            return
        }
        let trace = folder.appendingPathComponent("commits.strace")
        let engine = try await ServerProcess.engine(tools, data: folder.appendingPathComponent("commits"), logs: folder, traceTo: trace)
        let api = EngineAPI(client: client, base: engine.url)
        var spans: [(label: String, wrk: WrkResult, from: Double, to: Double)] = []
        do {
            for (name, label, definition) in [("bench-trigger", "trigger only", BenchmarkWorkflows.triggerOnly),
                                              ("bench-compose", "trigger + Compose", BenchmarkWorkflows.compose)] {
                try await api.publish(name, definition)
                let url = try await api.callbackURL(name)
                _ = try await wrk.run(url, seconds: 2)
                _ = try await api.waitUntilNoneRunning(name)
                let from = Date().timeIntervalSince1970
                let result = try await wrk.run(url, seconds: options.seconds)
                spans.append((label, result, from, Date().timeIntervalSince1970))
                _ = try await api.waitUntilNoneRunning(name)
            }
        } catch {
            await engine.stop()
            throw error
        }
        await engine.stop()
        let syncs = try Self.syncs(in: trace)
        for span in spans {
            let inside = syncs.filter { $0.time >= span.from && $0.time <= span.to }
            let window = Window(label: span.label, wrk: span.wrk, walSyncs: inside.count { $0.file.hasSuffix("-wal") },
                                databaseSyncs: inside.count { $0.file.hasSuffix(".sqlite") },
                                otherSyncs: inside.count { !$0.file.hasSuffix("-wal") && !$0.file.hasSuffix(".sqlite") })
            print("  traced round, \(window.label): \(window.wrk.summary); WAL syncs \(Format.count(window.walSyncs)), database syncs "
                  + "\(Format.count(window.databaseSyncs)), other syncs \(window.otherSyncs) → \(Format.decimal(window.callbacksPerCommit)) callbacks per commit")
            table.add(.init(figure: "callbacks per commit, \(window.label) (strace round: WAL syncs − checkpoint syncs)",
                            median: Format.decimal(window.callbacksPerCommit),
                            rounds: "\(Format.count(window.wrk.accepted)) callbacks / \(Format.count(window.commits)) commits",
                            bar: "≥ 20"))
        }
    }

    /// Every sync call strace logged: when, and on which file.
    static func syncs(in trace: URL) throws -> [(time: Double, file: String)] {
        let text = try String(contentsOf: trace, encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            // "PID SECONDS.MICROS fdatasync(7</path/hookflow.sqlite-wal>) = 0", or "... <unfinished ...>"
            let parts = line.split(separator: " ", maxSplits: 2)
            guard parts.count == 3, let time = Double(parts[1]), parts[2].hasPrefix("fsync(") || parts[2].hasPrefix("fdatasync("),
                let open = parts[2].firstIndex(of: "<"), let close = parts[2][open...].firstIndex(of: ">")
            else { return nil }
            return (time, String(parts[2][parts[2].index(after: open)..<close]))
        }
    }
}
