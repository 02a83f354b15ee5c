import Foundation

/// The programs the benchmark runs, each in its own process: the release `hookflow`, the
/// hello-world server and the open-loop sender (built beside this benchmark), wrk, and strace.
struct Toolbox {
    var hookflow: URL
    var helloWorld: URL
    var sender: URL
    var wrk: URL
    /// Nil when strace is missing and cannot be installed: commits are then not counted.
    var strace: URL?
    /// The wrk script, kept in the repository beside the benchmarks.
    var wrkScript: URL

    static func locate() async throws -> Toolbox {
        // `swift run -c release HookflowEngineBenchmarks` builds the other executables beside this one.
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        func sibling(_ name: String) throws -> URL {
            let url = folder.appendingPathComponent(name)
            guard FileManager.default.isExecutableFile(atPath: url.path) else {
                throw BenchmarkError("\(url.path) is missing: build it with `swift build -c release --product \(name)`")
            }
            return url
        }
        let wrk = try await installed("wrk", required: true)
        let strace = try? await installed("strace", required: false)
        return Toolbox(hookflow: try sibling("hookflow"), helloWorld: try sibling("HelloWorldServer"), sender: try sibling("OpenLoopSender"),
                       wrk: wrk, strace: strace, wrkScript: try script("post-json.lua"))
    }

    /// The Debian package's program, installed with apt-get when missing and we may (root);
    /// otherwise the error says how.
    private static func installed(_ program: String, required: Bool) async throws -> URL {
        if let found = onPath(program) { return found }
        if geteuid() == 0, let env = onPath("env"), onPath("apt-get") != nil {
            let log = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-bench-apt.log")
            // A fresh machine may have no package lists yet: update once if the first try fails.
            for update in [false, true] {
                if update { try await ChildProcess(env, ["apt-get", "update"], name: "apt-get update", errorLog: log).waitForExit(timeout: .seconds(600)) }
                print("\(program) is missing: apt-get install -y \(program)")
                try await ChildProcess(env, ["DEBIAN_FRONTEND=noninteractive", "apt-get", "install", "-y", program], name: "apt-get", errorLog: log)
                    .waitForExit(timeout: .seconds(600))
                if let found = onPath(program) { return found }
            }
        }
        let why = required ? "the benchmark needs it" : "without it callbacks per commit are not counted"
        throw BenchmarkError("\(program) is not installed (\(why)): run `sudo apt-get install -y \(program)`")
    }

    private static func onPath(_ program: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":").map(String.init) + ["/usr/sbin", "/usr/bin"] {
            let url = URL(fileURLWithPath: folder).appendingPathComponent(program)
            if FileManager.default.isExecutableFile(atPath: url.path) { return url }
        }
        return nil
    }

    private static func script(_ name: String) throws -> URL {
        // Benchmarks/HookflowEngineBenchmarks/Toolbox.swift → Benchmarks/wrk/NAME; else from the package root.
        let candidates = [
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("wrk/\(name)"),
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent("Benchmarks/wrk/\(name)"),
        ]
        guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0.path) }) else {
            throw BenchmarkError("the wrk script \(name) is not in Benchmarks/wrk/: run the benchmark from the repository")
        }
        return found
    }
}
