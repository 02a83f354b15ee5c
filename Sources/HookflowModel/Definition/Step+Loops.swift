/// How a Foreach or Until runs, as Logic Apps reads it from the step.
extension Step {
    /// Logic Apps' default: 20 iterations of a Foreach at once.
    public static let defaultForeachConcurrency = 20
    /// Logic Apps' default Until limit: 60 iterations, within an hour.
    public static let defaultUntilCount = 60
    public static let defaultUntilTimeout = "PT1H"

    /// A Foreach whose iterations run one at a time (`operationOptions: Sequential`, or one repetition).
    public var isSequential: Bool {
        if json["operationOptions"]?.stringValue?.lowercased().contains("sequential") == true { return true }
        return concurrencyRepetitions == 1
    }

    /// How many iterations of a Foreach run at once: 1 when Sequential, else its repetitions (1 to 50), else 20.
    public var foreachConcurrency: Int {
        if json["operationOptions"]?.stringValue?.lowercased().contains("sequential") == true { return 1 }
        guard let repetitions = concurrencyRepetitions, (1...50).contains(repetitions) else { return Self.defaultForeachConcurrency }
        return repetitions
    }

    /// `runtimeConfiguration.concurrency.repetitions` (also spelled `runTimeConfiguration`).
    private var concurrencyRepetitions: Int? {
        (json["runtimeConfiguration"] ?? json["runTimeConfiguration"])?["concurrency"]?["repetitions"]?.intValue
    }

    /// The app a Workflow action calls, as each form writes it: Standard's `host.workflow.id` (a
    /// name), the reference's `host.workflow.name`, Consumption's `host.id` (a resource id whose
    /// last segment is the name).
    public var calledWorkflowName: String? {
        guard let id = calledWorkflowReference?.value.stringValue, !id.isEmpty else { return nil }
        return id.split(separator: "/").last.map(String.init) ?? id
    }

    /// Where the called workflow is named (relative to `inputs.host`) and the value there.
    public var calledWorkflowReference: (path: [String], value: JSONValue)? {
        guard let host = inputs?["host"] else { return nil }
        for path in [["workflow", "id"], ["workflow", "name"], ["id"]] {
            var value: JSONValue? = host
            for key in path { value = value?[key] }
            if let value { return (path, value) }
        }
        return nil
    }
}
