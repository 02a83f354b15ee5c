import HookflowModel

/// The array a Select, Filter array, Join or table action works through (`inputs.from`), and the
/// evaluation of a value once per element with `item()` giving that element.
struct ItemSource {
    let step: Step
    let environment: StepEnvironment
    /// The elements of `from`.
    let items: [JSONValue]
    /// `from` as run history may show it.
    let recordable: JSONValue
    /// Whether `from` read a secret: then so does whatever reads `item()`.
    let secret: Bool

    /// Evaluates `inputs.from`; a value that is not an array is refused as Logic Apps does.
    init(_ step: Step, in environment: StepEnvironment) throws(StepFailure) {
        self.step = step
        self.environment = environment
        let hidden: ExpressionEvaluator.HiddenSecrets
        do { hidden = try environment.evaluator.evaluateHidingSecrets(step.inputs?["from"] ?? .null) } catch {
            throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step, at: ["inputs", "from"]))
        }
        guard let items = hidden.value.arrayValue else {
            let type = hidden.recordable == nil ? hidden.value.tokenTypeName : "a value read from a secret"
            throw StepFailure(code: "InvalidTemplate", message: "The 'from' property value in the '\(step.type ?? "")' action inputs is of type '\(type)'. The value must be an array.")
        }
        self.items = items
        recordable = hidden.forHistory
        secret = hidden.recordable != nil
    }

    /// `value` evaluated with `item()` as element `index`.
    /// `path`: where `value` sits under the step's inputs, for the message of a failure.
    func evaluate(_ value: JSONValue, at index: Int, under path: [String]) throws(StepFailure) -> ExpressionEvaluator.HiddenSecrets {
        do { return try evaluator(at: index).evaluateHidingSecrets(value) } catch {
            throw StepFailure(code: "InvalidTemplate", message: environment.message(error, in: step, at: ["inputs"] + path) + " (item \(index))")
        }
    }

    /// Element `index` as run history may show it.
    func shownItem(_ index: Int) -> JSONValue {
        guard secret else { return items[index] }
        guard let shown = recordable.arrayValue, shown.indices.contains(index) else { return .string(ExpressionEvaluator.secretPlaceholder) }
        return shown[index]
    }

    /// The evaluator with `item()` as element `index`, for a condition.
    func evaluator(at index: Int) -> ExpressionEvaluator {
        var context = environment.context
        context.loops.append(LoopIteration(name: step.name, item: items[index], index: index))
        if secret { context.secrets.loops.insert(step.name.lowercased()) }
        return ExpressionEvaluator(context: context)
    }
}

/// Values evaluated one by one (one per item), with what run history may show of them.
struct HiddenValues {
    private(set) var values: [JSONValue] = []
    private(set) var shown: [JSONValue] = []
    /// Whether one of them read a secret.
    private(set) var secret = false

    mutating func append(_ hidden: ExpressionEvaluator.HiddenSecrets) {
        append(hidden.value, shown: hidden.recordable)
    }

    /// `shown`: what history may show instead of `value`, nil when that is `value` itself.
    mutating func append(_ value: JSONValue, shown hidden: JSONValue?) {
        values.append(value)
        shown.append(hidden ?? value)
        secret = secret || hidden != nil
    }
}
