import HookflowModel

/// A run's actions as one advance holds them in memory: the records and, built once per
/// record, what expressions see of each (`actions('Name')`), and the run's variables.
struct RunState {
    private(set) var records: [String: StoredAction]
    private(set) var expressionValues: [String: JSONValue]
    /// Actions whose outputs hold a secret: what reads them is secret too.
    private(set) var secretActions: Set<String>
    /// The variables as the variable actions left them (`variables('name')`).
    private(set) var variables: RunVariables

    init(records: [String: StoredAction], variables: RunVariables = RunVariables()) {
        self.records = records
        expressionValues = records.mapValues(\.expressionValue)
        secretActions = Set(records.values.filter(\.hasSecretOutputs).map(\.name))
        self.variables = variables
    }

    /// Takes in an action just committed.
    mutating func record(_ action: StoredAction) {
        records[action.name] = action
        expressionValues[action.name] = action.expressionValue
        if action.hasSecretOutputs { secretActions.insert(action.name) } else { secretActions.remove(action.name) }
    }

    /// Takes in the variables a variable action left.
    mutating func setVariables(_ variables: RunVariables) { self.variables = variables }
}
