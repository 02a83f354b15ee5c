import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which runs this process is evaluating at this moment — deciding their next steps, evaluating
/// an action's inputs: the work a run's own input can crash — written where the next process can
/// read it if this one dies: `+RUNID` before, `-RUNID` after, one line each, appended to
/// `inflight-runs` in the data folder. Waiting on the store or a service is not noted: a run
/// waiting for its commit when the process is killed did not kill it.
///
/// The lines are written without fsync: a crash of the process (a signal, an abort) keeps what it
/// wrote in the kernel's cache, and that is the crash this exists for — an engine killed by one
/// run's input. (A power cut may lose the last lines; nobody is then blamed, which is harmless.)
/// Each line costs one `write`, not a commit. The file is compacted to what is in flight now
/// whenever it grows past ``compactionSize``.
///
/// A run the intake evaluates before its commit (``RunExecutor/startInline``) is noted with its
/// callback's key (`+RUNID KEY`): if that evaluation kills the process, nothing was stored, but
/// the key is kept as a *suspect* (`!KEY` lines, carried from file to file) and a callback with
/// that key is from then on committed before it is evaluated, where the crash-loop guard works.
final class InFlightRuns: Sendable {
    static let fileName = "inflight-runs"
    static let compactionSize = 1 << 20
    /// Suspect callbacks kept at most (the oldest are forgotten first).
    static let suspectLimit = 1000

    /// What the previous process left: runs it was advancing, and callbacks it died evaluating.
    struct Leftovers: Equatable {
        var runs: Set<String> = []
        var suspects: [String] = []
    }

    private struct State {
        var descriptor: Int32 = -1
        var size = 0
        /// Passes in flight per run (an advance and an action's task may overlap).
        var counts: [String: Int] = [:]
        /// The callback key noted with a run evaluated before its commit.
        var keys: [String: String] = [:]
        var suspects: [String] = []
        var suspectSet: Set<String> = []
    }

    private let file: URL
    private let state = Mutex(State())

    init(folder: URL) {
        file = folder.appendingPathComponent(Self.fileName)
    }

    deinit {
        state.withLock { if $0.descriptor >= 0 { close($0.descriptor) } }
    }

    /// The runs the previous process was advancing when it stopped (begun, never ended) and the
    /// suspect callbacks, then a fresh file for this one (holding the suspects). Unreadable lines
    /// are ignored.
    func takeLeftovers() -> Leftovers {
        var counts: [String: Int] = [:]
        var keys: [String: String] = [:]
        var suspects: [String] = []
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                // A line with no id ("+ ", as a damaged file may hold) is skipped, not indexed into.
                let fields = line.dropFirst().split(separator: " ", maxSplits: 1)
                guard let sign = line.first, let first = fields.first else { continue }
                let id = String(first)
                switch sign {
                case "+":
                    counts[id, default: 0] += 1
                    if fields.count > 1 { keys[id] = String(fields[1]) }
                case "-": counts[id, default: 0] -= 1
                case "!": suspects.append(id)
                default: continue
                }
            }
        }
        let interrupted = Set(counts.filter { $0.value > 0 }.keys)
        // A run noted with a key died before its commit: its callback is the suspect.
        suspects += interrupted.compactMap { keys[$0] }
        var seen: Set<String> = []
        suspects = suspects.reversed().filter { seen.insert($0).inserted }.prefix(Self.suspectLimit).reversed()
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
            state.descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, DataFolder.fileMode)
            state.size = 0
            state.counts = [:]
            state.keys = [:]
            state.suspects = suspects
            state.suspectSet = Set(suspects)
            for key in suspects { append("!\(key)\n", &state) }
        }
        return Leftovers(runs: interrupted.filter { keys[$0] == nil }, suspects: suspects)
    }

    /// Whether a callback with this key killed an engine while being evaluated before its commit.
    func isSuspect(_ key: String) -> Bool { state.withLock { !$0.suspectSet.isEmpty && $0.suspectSet.contains(key) } }

    var hasSuspects: Bool { state.withLock { !$0.suspectSet.isEmpty } }

    /// Notes the start of an evaluation that never ends (what a process killed inside it leaves).
    func state_beginForTests(_ runID: String, key: String) {
        state.withLock { state in
            state.counts[runID, default: 0] += 1
            state.keys[runID] = key
            append("+\(runID) \(key)\n", &state)
        }
    }

    /// Runs `body` noted as evaluating the uncommitted run `runID` of the callback `key`.
    func evaluating<T, Failure: Error>(_ runID: String, callback key: String, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        state.withLock { state in
            state.counts[runID, default: 0] += 1
            state.keys[runID] = key
            append("+\(runID) \(key)\n", &state)
        }
        defer {
            state.withLock { $0.keys[runID] = nil }
            end(runID)
        }
        return try body()
    }

    /// Runs `body` noted as evaluating `runID`.
    func evaluating<T, Failure: Error>(_ runID: String, _ body: () throws(Failure) -> T) throws(Failure) -> T {
        begin(runID)
        defer { end(runID) }
        return try body()
    }

    func begin(_ runID: String) {
        state.withLock { state in
            state.counts[runID, default: 0] += 1
            append("+\(runID)\n", &state)
        }
    }

    func end(_ runID: String) {
        state.withLock { state in
            let remaining = (state.counts[runID] ?? 1) - 1
            state.counts[runID] = remaining > 0 ? remaining : nil
            append("-\(runID)\n", &state)
            if state.size > Self.compactionSize { compact(&state) }
        }
    }

    private func append(_ line: String, _ state: inout State) {
        guard state.descriptor >= 0 else { return }
        let bytes = Array(line.utf8)
        // One write per line: a line is never split between this process and the next.
        let written = bytes.withUnsafeBytes { write(state.descriptor, $0.baseAddress, $0.count) }
        if written > 0 { state.size += written }
    }

    /// Rewrites the file with only the runs in flight now (a new file renamed over the old one).
    private func compact(_ state: inout State) {
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(Self.fileName)-\(UUID().uuidString)")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, DataFolder.fileMode)
        guard descriptor >= 0 else { return }
        let text = state.suspects.map { "!\($0)\n" }.joined()
            + state.counts.flatMap { id, count in Array(repeating: "+\(id)\(state.keys[id].map { " \($0)" } ?? "")\n", count: count) }.joined()
        let bytes = Array(text.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, rename(temporary.path, file.path) == 0 else {
            close(descriptor)
            unlink(temporary.path)
            return
        }
        close(state.descriptor)
        state.descriptor = descriptor
        state.size = bytes.count
    }
}
