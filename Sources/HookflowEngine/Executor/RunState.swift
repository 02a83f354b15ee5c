import HookflowModel

/// A run's actions as one advance holds them in memory: the records (by key, ``ActionKey``)
/// and, built once per record, what expressions see of each (`actions('Name')`), and the run's
/// variables.
struct RunState {
    private(set) var records: [String: StoredAction]
    /// What expressions see of the actions outside loops, by name.
    private(set) var expressionValues: [String: JSONValue]
    /// The same for the actions inside loops, by repetition then name: an iteration sees its own
    /// (and its outer loops' iterations') over the ones outside.
    private(set) var repetitionValues: [String: [String: JSONValue]]
    /// The last iteration's record of each action inside a loop, for steps after the loop:
    /// `body('Poll')` after an Until reads its last poll, as in Logic Apps.
    private(set) var latestLoopValues: [String: (repetition: String, value: JSONValue)] = [:]
    /// Actions whose outputs hold a secret (in any repetition): what reads them is secret too.
    private(set) var secretActions: Set<String>
    /// The variables as the variable actions left them (`variables('name')`).
    private(set) var variables: RunVariables
    /// Per loop record (by key): how many of its first iterations are known to have finished, and
    /// their unhandled failures — so a pass over a long Foreach does not walk them again.
    var finishedIterations: [String: (count: Int, unhandled: [String])] = [:]

    init(records: [String: StoredAction], variables: RunVariables = RunVariables()) {
        self.records = [:]
        expressionValues = [:]
        repetitionValues = [:]
        secretActions = []
        self.variables = variables
        for each in records.values { record(each) }
    }

    /// Takes in an action just committed.
    mutating func record(_ action: StoredAction) {
        records[action.key] = action
        if action.repetition.isEmpty {
            expressionValues[action.name] = action.expressionValue
        } else {
            let value = action.expressionValue
            repetitionValues[action.repetition, default: [:]][action.name] = value
            if let latest = latestLoopValues[action.name], Self.isBefore(action.repetition, latest.repetition) {} else {
                latestLoopValues[action.name] = (action.repetition, value)
            }
        }
        if action.hasSecretOutputs { secretActions.insert(action.name) }
    }

    /// The record of step `name` in `scope`.
    func record(_ name: String, in scope: IterationScope) -> StoredAction? { records[scope.key(name)] }

    /// What `actions('Name')` gives to a step in `scope`: its iteration's actions over the outer ones.
    func expressionValues(visibleIn scope: IterationScope) -> [String: JSONValue] {
        guard !scope.repetition.isEmpty || !latestLoopValues.isEmpty else { return expressionValues }
        var values = expressionValues
        for (name, latest) in latestLoopValues where values[name] == nil { values[name] = latest.value }
        for repetition in scope.enclosingRepetitions {
            for (name, value) in repetitionValues[repetition] ?? [:] { values[name] = value }
        }
        return values
    }

    /// Whether repetition `a` comes before `b` (index by index, outermost first).
    static func isBefore(_ a: String, _ b: String) -> Bool {
        ActionKey.indexes(of: a).lexicographicallyPrecedes(ActionKey.indexes(of: b))
    }

    /// Takes in the variables a variable action left.
    mutating func setVariables(_ variables: RunVariables) { self.variables = variables }
}
