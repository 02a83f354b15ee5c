import HookflowModel

/// A run's actions as one advance holds them in memory: the records and, built once per
/// record, what expressions see of each (`actions('Name')`).
struct RunState {
    private(set) var records: [String: StoredAction]
    private(set) var expressionValues: [String: JSONValue]
    /// Actions whose outputs hold a secret: what reads them is secret too.
    private(set) var secretActions: Set<String>

    init(records: [String: StoredAction]) {
        self.records = records
        expressionValues = records.mapValues(\.expressionValue)
        secretActions = Set(records.values.filter(\.hasSecretOutputs).map(\.name))
    }

    /// Takes in an action just committed.
    mutating func record(_ action: StoredAction) {
        records[action.name] = action
        expressionValues[action.name] = action.expressionValue
        if action.hasSecretOutputs { secretActions.insert(action.name) } else { secretActions.remove(action.name) }
    }
}
