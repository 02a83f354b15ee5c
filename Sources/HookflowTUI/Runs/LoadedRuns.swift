import HookflowEngine

/// The runs loaded so far, newest first, found by id in constant time while pages come and go.
///
/// Each run has a slot number: runs merged on top take numbers below the first one, pages appended
/// at the end numbers after the last, so a merge or an append costs the runs it brings, not the
/// hundred thousand already loaded.
struct LoadedRuns: Sendable {
    private(set) var runs: [RunSummary] = []
    private var slotByID: [String: Int] = [:]
    private var firstSlot = 0

    var count: Int { runs.count }
    var isEmpty: Bool { runs.isEmpty }

    subscript(index: Int) -> RunSummary {
        get { runs[index] }
        set {
            // Only a fresher copy of the same run goes in place.
            guard runs[index].id == newValue.id else { return }
            runs[index] = newValue
        }
    }

    func index(of id: String) -> Int? {
        guard let slot = slotByID[id] else { return nil }
        let index = slot - firstSlot
        return runs.indices.contains(index) ? index : nil
    }

    /// Adds an older page at the end (runs already loaded are skipped).
    mutating func append(_ page: [RunSummary]) {
        for run in page where slotByID[run.id] == nil {
            slotByID[run.id] = firstSlot + runs.count
            runs.append(run)
        }
    }

    /// Replaces the runs up to and including `end` with `fresh` (the newest runs, as the engine has them now).
    mutating func replacePrefix(through end: Int, with fresh: [RunSummary]) {
        let end = min(end, runs.count - 1)
        guard end >= 0 else { return replaceAll(with: fresh) }
        for run in runs[...end] { slotByID[run.id] = nil }
        var seen = Set<String>()
        // A run still in the rest of the list stays there.
        let fresh = fresh.filter { slotByID[$0.id] == nil && seen.insert($0.id).inserted }
        runs.replaceSubrange(...end, with: fresh)
        firstSlot += end + 1 - fresh.count
        for (offset, run) in fresh.enumerated() { slotByID[run.id] = firstSlot + offset }
    }

    mutating func replaceAll(with fresh: [RunSummary]) {
        self = LoadedRuns()
        append(fresh)
    }
}
