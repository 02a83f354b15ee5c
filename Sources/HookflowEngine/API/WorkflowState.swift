/// Whether an app's triggers are live (`Enabled`) or unsubscribed and refusing callbacks (`Disabled`).
public enum WorkflowState: String, Sendable, Codable, CaseIterable {
    case enabled = "Enabled"
    case disabled = "Disabled"

    /// Reads `Enabled`/`Disabled` in any case.
    public init?(caseInsensitive text: String) {
        guard let state = Self.allCases.first(where: { $0.rawValue.lowercased() == text.lowercased() }) else { return nil }
        self = state
    }
}
