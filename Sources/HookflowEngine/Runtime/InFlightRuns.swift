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
/// The lines are copied into a shared memory mapping of the file, with no system call and no
/// fsync: a crash of the process (a signal, an abort) leaves what it copied in the kernel's page
/// cache, and that is the crash this exists for — an engine killed by one run's input. (A power
/// cut may lose the last lines; nobody is then blamed, which is harmless.) The file is made
/// ``compactionSize`` long up front (sparse, zeros after the last line); when the lines reach its
/// end it is rewritten with only what is in flight now.
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
        /// The file's mapping (nil: not open, or the file could not be mapped — then nothing is noted).
        var mapping: UnsafeMutableRawBufferPointer?
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
        state.withLock { Self.unmap(&$0) }
    }

    /// The runs the previous process was advancing when it stopped (begun, never ended) and the
    /// suspect callbacks, then a fresh file for this one (holding the suspects). Unreadable lines
    /// are ignored.
    func takeLeftovers() -> Leftovers {
        var counts: [String: Int] = [:]
        var keys: [String: String] = [:]
        var suspects: [String] = []
        if let data = try? Data(contentsOf: file) {
            // The mapping is zeros past the last line. Ids and keys are printable ASCII: a line
            // with anything else is damage, skipped.
            let lines = data.prefix { $0 != 0 }.split(separator: 0x0A)
                .filter { $0.allSatisfy { (0x20...0x7E).contains($0) } }
                .map { String(decoding: $0, as: UTF8.self) }
            for line in lines {
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
            state.counts = [:]
            state.keys = [:]
            state.suspects = suspects
            state.suspectSet = Set(suspects)
            rewrite(&state)
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
        }
    }

    /// Notes a line that says what `state` already holds (so a full file is rewritten from the
    /// state instead). Nothing is noted before ``takeLeftovers()`` has read the previous notes.
    private func append(_ line: String, _ state: inout State) {
        guard let mapping = state.mapping else { return }
        var line = line
        line.withUTF8 { bytes in
            guard state.size + bytes.count <= mapping.count else { return rewrite(&state) }
            // A copy into the page cache: no system call (see the type's comment).
            UnsafeMutableRawBufferPointer(rebasing: mapping[state.size..<(state.size + bytes.count)]).copyMemory(from: UnsafeRawBufferPointer(bytes))
            state.size += bytes.count
        }
    }

    /// Writes a new file holding only the suspects and the runs in flight now, renamed over the old
    /// one, and maps it. Should that fail the old mapping is kept (or none: nothing is noted).
    private func rewrite(_ state: inout State) {
        let text = state.suspects.map { "!\($0)\n" }.joined()
            + state.counts.flatMap { id, count in Array(repeating: "+\(id)\(state.keys[id].map { " \($0)" } ?? "")\n", count: count) }.joined()
        let bytes = Array(text.utf8)
        let length = max(Self.compactionSize, bytes.count * 2)
        let temporary = file.deletingLastPathComponent().appendingPathComponent(".\(Self.fileName)-\(UUID().uuidString)")
        let descriptor = open(temporary.path, O_RDWR | O_CREAT | O_TRUNC | O_CLOEXEC, DataFolder.fileMode)
        guard descriptor >= 0 else { return }
        defer { close(descriptor) }  // The mapping outlives the descriptor.
        guard ftruncate(descriptor, off_t(length)) == 0,
              let address = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_SHARED, descriptor, 0), address != MAP_FAILED else {
            unlink(temporary.path)
            return
        }
        let mapping = UnsafeMutableRawBufferPointer(start: address, count: length)
        bytes.withUnsafeBytes { mapping.copyMemory(from: $0) }
        guard rename(temporary.path, file.path) == 0 else {
            munmap(address, length)
            unlink(temporary.path)
            return
        }
        Self.unmap(&state)
        state.mapping = mapping
        state.size = bytes.count
    }

    private static func unmap(_ state: inout State) {
        if let mapping = state.mapping, let address = mapping.baseAddress { munmap(address, mapping.count) }
        state.mapping = nil
        state.size = 0
    }
}
