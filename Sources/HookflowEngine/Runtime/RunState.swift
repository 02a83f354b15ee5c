import HookflowModel

/// A run's actions as one advance holds them in memory: the records and, built once per
/// record, what expressions see of each (`actions('Name')`).
struct RunState {
    private(set) var records: [String: StoredAction]
    private(set) var expressionValues: [String: JSONValue]

    init(records: [String: StoredAction]) {
        self.records = records
        expressionValues = records.mapValues(\.expressionValue)
    }

    /// Takes in an action just committed.
    mutating func record(_ action: StoredAction) {
        records[action.name] = action
        expressionValues[action.name] = action.expressionValue
    }
}
