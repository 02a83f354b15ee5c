import Foundation

/// What the figures were measured on: cores, CPU model, memory, kernel, and the commit.
struct Machine {
    var date: String
    var summary: String
    var commit: String

    static func describe(_ tools: Toolbox) async -> Machine {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }?.split(separator: ":", maxSplits: 1).last?
            .trimmingCharacters(in: .whitespaces) ?? "unknown CPU"
        let memory = ProcessInfo.processInfo.physicalMemory / (1 << 30)
        let kernel = ((try? String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        return Machine(date: ISO8601DateFormatter().string(from: Date()),
                       summary: "\(ProcessInfo.processInfo.activeProcessorCount) cores (\(model)), \(memory) GiB, Linux \(kernel)",
                       commit: await commit())
    }

    /// `git rev-parse --short HEAD` of the repository this file is in, marked when files differ from it.
    private static func commit() async -> String {
        // Benchmarks/HookflowEngineBenchmarks/Machine.swift → the repository.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let git = URL(fileURLWithPath: "/usr/bin/git")
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-bench-git-\(getpid()).log")
        defer { try? FileManager.default.removeItem(at: log) }
        func run(_ arguments: [String]) async -> [String] {
            guard let child = try? ChildProcess(git, ["-C", repository.path] + arguments, name: "git", errorLog: log) else { return [] }
            _ = try? await child.waitForExit(timeout: .seconds(30))
            return child.lines
        }
        guard let head = await run(["rev-parse", "--short", "HEAD"]).first else { return "unknown" }
        let changed = await run(["status", "--porcelain", "--untracked-files=no"])
        return changed.isEmpty ? head : "\(head) + uncommitted changes"
    }
}
