import HookflowModel

/// Ticking a run-after status on or off.
enum RunAfterEdit {
    /// The statuses with `status` toggled, known ones in the order Succeeded, Failed, Skipped,
    /// TimedOut and unknown ones kept after them; nil when that would leave no status at all
    /// (a step with no status to run after never runs, so the form refuses).
    static func toggling(_ status: RunAfterStatus, in statuses: [String]) -> [String]? {
        var known = Set(statuses.compactMap(RunAfterStatus.init(caseInsensitive:)))
        let unknown = statuses.filter { RunAfterStatus(caseInsensitive: $0) == nil }
        if known.contains(status) { known.remove(status) } else { known.insert(status) }
        let result = RunAfterStatus.allCases.filter(known.contains).map(\.rawValue) + unknown
        return result.isEmpty ? nil : result
    }
}
