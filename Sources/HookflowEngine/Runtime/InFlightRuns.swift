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
final class InFlightRuns: Sendable {
    static let fileName = "inflight-runs"
    static let compactionSize = 1 << 20

    private struct State {
        var descriptor: Int32 = -1
        var size = 0
        /// Passes in flight per run (an advance and an action's task may overlap).
        var counts: [String: Int] = [:]
    }

    private let file: URL
    private let state = Mutex(State())

    init(folder: URL) {
        file = folder.appendingPathComponent(Self.fileName)
    }

    deinit {
        state.withLock { if $0.descriptor >= 0 { close($0.descriptor) } }
    }

    /// The runs the previous process was advancing when it stopped (begun, never ended), then a
    /// fresh file for this one. Unreadable lines are ignored.
    func takeLeftovers() -> Set<String> {
        var counts: [String: Int] = [:]
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            for line in text.split(separator: "\n") {
                guard let sign = line.first, line.count > 1 else { continue }
                let id = String(line.dropFirst())
                if sign == "+" { counts[id, default: 0] += 1 } else if sign == "-" { counts[id, default: 0] -= 1 }
            }
        }
        state.withLock { state in
            if state.descriptor >= 0 { close(state.descriptor) }
            state.descriptor = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_APPEND | O_CLOEXEC, DataFolder.fileMode)
            state.size = 0
            state.counts = [:]
        }
        return Set(counts.filter { $0.value > 0 }.keys)
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
        let text = state.counts.flatMap { id, count in Array(repeating: "+\(id)\n", count: count) }.joined()
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
