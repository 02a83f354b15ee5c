/// The statuses a `runAfter` condition may name (Logic Apps spells them exactly so).
public enum RunAfterStatus: String, Sendable, CaseIterable, Hashable {
    case succeeded = "Succeeded"
    case failed = "Failed"
    case skipped = "Skipped"
    case timedOut = "TimedOut"

    /// Reads a status ignoring case (`succeeded` is accepted and written back as read).
    public init?(caseInsensitive text: String) {
        guard let match = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = match
    }
}

/// One `runAfter` entry: the predecessor and the statuses that let this step run.
public struct RunAfterDependency: Sendable, Hashable {
    public let predecessor: String
    /// As written; unknown strings are kept so validation can name them.
    public let statuses: [String]

    public init(predecessor: String, statuses: [String]) {
        self.predecessor = predecessor
        self.statuses = statuses
    }
}
