/// Checks a definition and returns every problem at once (SPEC §2), in document order.
///
/// It checks required fields, methods, URIs (absolute http/https, after evaluating
/// expressions that are static), step names, `runAfter` references and cycles, ISO 8601
/// durations, expression syntax and references in every container, and `listCallbackUrl()`
/// outside a webhook. A definition is read in its ``environment``: parameters declared in a
/// project's `parameters.json` or given by an ARM resource, app settings, and the ARM template
/// whose whole-string expressions are resolved or else left unchecked.
public struct WorkflowValidator: Sendable {
    /// The workflow name `workflow().name` yields while evaluating static expressions.
    public var workflowName: String
    /// What surrounds the definition (nothing for an app of the engine or a bare definition).
    public var environment: WorkflowEnvironment

    public init(workflowName: String = "workflow", environment: WorkflowEnvironment = .none) {
        self.workflowName = workflowName
        self.environment = environment
    }

    public func validate(_ definition: WorkflowDefinition) -> [ValidationProblem] {
        guard !environment.isEmpty else {
            var pass = ValidationPass(definition: definition, workflowName: workflowName)
            pass.run()
            return pass.problems.inDocumentOrder(of: definition.value)
        }
        // Values an ARM deployment would put in place are checked as deployed; the problems
        // still point into the definition as written (a substitution keeps every path).
        let resolved = environment.resolvingTemplateExpressions(in: definition)
        var pass = ValidationPass(definition: resolved.definition, workflowName: workflowName, environment: environment, written: definition,
                                  substituted: Set(resolved.substitutions.map(\.pointer)))
        pass.run()
        for warning in resolved.warnings { pass.problems.add(warning) }
        return pass.problems.inDocumentOrder(of: definition.value)
    }
}

/// One run of the validator over one definition: what it checks and what it found so far.
struct ValidationPass {
    let definition: WorkflowDefinition
    /// Every step, computed once: the walk is the costly part of a large definition.
    let steps: [Step]
    /// The first step of each name in ``steps``, for the references that name one.
    private let firstStepByName: [String: Step]
    /// Parameters (defaults, and values given from outside), app settings and the workflow
    /// name: enough to evaluate "static" expressions.
    let staticContext: EvaluationContext
    let environment: WorkflowEnvironment
    /// The parameters `parameters('x')` may name, lowercased: the definition's and those given from outside.
    let declaredParameters: Set<String>
    /// Whether strings that are whole ARM expressions are left unchecked (inside a template).
    let skipsTemplateExpressions: Bool
    /// The definition as written, before ARM expressions were resolved (the same outside templates).
    private let written: WorkflowDefinition
    /// Where ARM expressions were replaced by their values.
    let substituted: Set<JSONPointer>
    /// The variables the definition initializes (``declaredVariables(in:)``), found once per pass.
    var declaredVariables: [String: (step: String, type: VariableType?)] = [:]
    var problems = ProblemList()

    init(definition: WorkflowDefinition, workflowName: String, environment: WorkflowEnvironment = .none,
         written: WorkflowDefinition? = nil, substituted: Set<JSONPointer> = []) {
        self.definition = definition
        self.steps = definition.allSteps
        var firstStepByName: [String: Step] = [:]
        for step in steps where firstStepByName[step.name] == nil { firstStepByName[step.name] = step }
        self.firstStepByName = firstStepByName
        self.environment = environment
        self.written = written ?? definition
        self.substituted = substituted
        self.skipsTemplateExpressions = environment.template != nil
        var parameters = definition.parameterDefaults
        var declared = Set(definition.parameters.map { $0.name.lowercased() })
        for supplied in environment.suppliedParameters {
            declared.insert(supplied.name.lowercased())
            let key = parameters.keys.first { $0.lowercased() == supplied.name.lowercased() } ?? supplied.name
            // A value not known here leaves the parameter out: what reads it is not judged.
            parameters[key] = supplied.value
        }
        self.declaredParameters = declared
        var context = EvaluationContext(parameters: parameters, workflow: .object(["name": .string(workflowName)]))
        context.appSettings = environment.appSettings
        self.staticContext = context
    }

    /// The first step (in ``steps`` order) named exactly `name`.
    func firstStep(named name: String) -> Step? { firstStepByName[name] }

    mutating func add(_ pointer: JSONPointer, _ message: String, _ severity: ValidationProblem.Severity = .error) {
        problems.add(ValidationProblem(pointer: pointer, message: message, severity: severity))
    }

    /// Whether a value written as `text` is only known when the workflow runs or is deployed:
    /// an expression, or (inside an ARM template) a whole ARM expression left unresolved.
    func isDynamic(_ text: String) -> Bool {
        Template.containsExpression(text) || (skipsTemplateExpressions && ARMExpression.isExpression(text))
    }

    /// Whether the static value of `text`, found at `pointer`, depends on what surrounds the
    /// definition (a value from `parameters.json`, an ARM resource or template, app settings):
    /// its problems are then warnings, as the value changes from one deployment to the next.
    func comesFromOutside(_ text: String, at pointer: JSONPointer) -> Bool {
        guard !environment.isEmpty else { return false }
        if substituted.contains(pointer) { return true }
        let own = EvaluationContext(parameters: written.parameterDefaults, workflow: staticContext.workflow)
        return (try? ExpressionEvaluator(context: own).evaluate(string: text)) != staticValue(of: text)
    }

    /// The string written at `pointer` when an ARM expression was resolved there.
    func written(at pointer: JSONPointer) -> String? {
        substituted.contains(pointer) ? written[pointer: pointer]?.stringValue : nil
    }

    /// `/actions` and every nested action container.
    var actionContainers: [JSONPointer] { [.actions] + steps.flatMap(\.childContainers) }

    mutating func run() {
        checkTopLevel()
        checkParameters()
        checkNames()
        declaredVariables = Self.declaredVariables(in: steps)
        for step in steps { checkStep(step) }
        for container in actionContainers { checkRunAfter(in: container) }
        checkExpressions()
    }

    // MARK: Top level

    private mutating func checkTopLevel() {
        for key in ["triggers", "actions", "parameters", "outputs", "staticResults"] {
            if let value = definition.json[key], value.objectValue == nil {
                add(JSONPointer([key]), "\(key) must be an object keyed by name, not \(article(value.typeName))")
            }
        }
        for key in ["$schema", "contentVersion"] {
            if let value = definition.json[key], value.stringValue == nil {
                add(JSONPointer([key]), "\(key) must be a string")
            }
        }
        for container in [JSONPointer.triggers] + actionContainers {
            guard let object = definition[pointer: container]?.objectValue else { continue }
            for entry in object.entries where entry.value.objectValue == nil {
                let what = container == .triggers ? "A trigger" : "An action"
                add(container / entry.key, "\(what) must be an object, not \(article(entry.value.typeName))")
            }
        }
        if definition.triggers.count > 10 {
            add(.triggers, "A workflow can have at most 10 triggers (this one has \(definition.triggers.count))")
        }
    }

    private mutating func checkParameters() {
        guard let object = definition.json["parameters"]?.objectValue else { return }
        for entry in object.entries {
            let pointer = JSONPointer(["parameters", entry.key])
            guard let declaration = entry.value.objectValue.map({ ParameterDeclaration(name: entry.key, json: $0) }) else {
                add(pointer, "Parameter \"\(entry.key)\" must be an object with a type")
                continue
            }
            guard let type = declaration.type else {
                add(pointer / "type", "Parameter \"\(entry.key)\" - Type is required")
                continue
            }
            guard ParameterDeclaration.types.contains(type.lowercased()) else {
                add(pointer / "type", "Parameter \"\(entry.key)\" - Type \"\(type)\" is not one of \(ParameterDeclaration.types.joined(separator: ", "))")
                continue
            }
            // An ARM expression left unresolved is a string only until the template is deployed.
            if let value = declaration.defaultValue, value.stringValue.map(isDynamic) == true { continue }
            if let value = declaration.defaultValue, !declaration.accepts(value) {
                add(pointer / "defaultValue", "Parameter \"\(entry.key)\" - Default value is \(article(value.typeName)), but the type is \(type)")
            }
            if let allowed = declaration.allowedValues, let value = declaration.defaultValue, !allowed.contains(value) {
                add(pointer / "defaultValue", "Parameter \"\(entry.key)\" - Default value is not one of the allowed values")
            }
        }
    }

    private mutating func checkNames() {
        var firstByName: [String: Step] = [:]
        for step in steps {
            if let reason = StepName.problem(with: step.name) {
                add(step.pointer, "Step name \"\(step.name)\" is not valid: \(reason)")
            }
            let key = step.name.lowercased()
            if let first = firstByName[key] {
                add(step.pointer, "Step name \"\(step.name)\" is used more than once (also at \(first.pointer)); names must be unique in a workflow")
            } else {
                firstByName[key] = step
            }
        }
    }

    // MARK: Steps

    private mutating func checkStep(_ step: Step) {
        guard let type = step.json["type"] else {
            add(step.pointer / "type", "Type is required (for example \"HttpWebhook\", \"Http\" or \"Compose\")")
            return
        }
        guard type.stringValue != nil else {
            add(step.pointer / "type", "Type must be a string")
            return
        }
        let kind = step.kind
        if step.isTrigger, kind == .http { checkRecurrence(step) }
        if step.isTrigger, kind.isSupported, !kind.canBeTrigger {
            add(step.pointer / "type", "\(kind.displayName) cannot be a trigger; use it as an action")
        }
        if !step.isTrigger, kind.isSupported, !kind.canBeAction {
            add(step.pointer / "type", "\(kind.displayName) can only be a trigger")
        }
        if step.isTrigger, let runAfter = step.json["runAfter"] {
            // `{}` means "after nothing": harmless, and written so in one of Microsoft's examples.
            if runAfter.objectValue?.isEmpty == true {
                add(step.pointer / "runAfter", "Run after does not apply to a trigger; the empty {} is ignored", .warning)
            } else {
                add(step.pointer / "runAfter", "Run after does not apply to a trigger")
            }
        }
        if let inputs = step.json["inputs"], inputs.objectValue == nil, kind != .compose, kind.isSupported {
            add(step.pointer / "inputs", "Inputs must be an object, not \(article(inputs.typeName))")
        }
        checkSettings(step)
        checkStaticResult(step)
        switch kind {
        case .httpWebhook: checkWebhook(step)
        case .http: checkHttp(step)
        case .compose:
            if step.json["inputs"] == nil { add(step.pointer / "inputs", "Inputs is required") }
        case .wait: checkWait(step)
        case .terminate: checkTerminate(step)
        case .ifCondition: checkIf(step)
        case .switchCase: checkSwitch(step)
        case .foreach: checkForeach(step)
        case .until: checkUntil(step)
        case .workflow: checkWorkflowAction(step)
        case .dataOperation(let operation): checkDataOperation(operation, step)
        case .variable(let operation): checkVariable(operation, step)
        case .scope:
            if step.json["actions"]?.objectValue == nil { add(step.pointer / "actions", "Actions is required (an object, possibly empty)") }
        case .recurrence:
            checkRecurrence(step)
            checkRecurrenceSchedule(step)
        case .request: checkRequest(step)
        case .response: checkResponse(step)
        case .unsupported, .missing: break
        }
    }

    /// Timeout, retry policy and run-after statuses: the Settings tab.
    private mutating func checkSettings(_ step: Step) {
        if let limit = step.json["limit"], let timeout = limit["timeout"] {
            let pointer = step.pointer.appending(["limit", "timeout"])
            if let text = timeout.stringValue {
                if !isDynamic(text), ISO8601Duration(text) == nil {
                    add(pointer, "Timeout \"\(text)\" is not an ISO 8601 duration (for example PT1H, P1D or PT30S)")
                }
            } else {
                add(pointer, "Timeout must be an ISO 8601 duration string")
            }
        }
        if let runAfter = step.json["runAfter"], !step.isTrigger {
            guard let object = runAfter.objectValue else {
                add(step.pointer / "runAfter", "Run after must be an object like {\"Step\": [\"Succeeded\"]}")
                return
            }
            for entry in object.entries {
                let pointer = step.pointer.appending(["runAfter", entry.key])
                guard let statuses = entry.value.arrayValue, !statuses.isEmpty else {
                    add(pointer, "Run after \"\(entry.key)\" needs a list of statuses (Succeeded, Failed, Skipped, TimedOut)")
                    continue
                }
                for (index, status) in statuses.enumerated() {
                    guard let text = status.stringValue, RunAfterStatus(caseInsensitive: text) != nil else {
                        add(pointer.appending(index: index), "Run after status \(status) is not one of Succeeded, Failed, Skipped, TimedOut")
                        continue
                    }
                }
            }
        }
    }

    // MARK: Helpers

    func article(_ typeName: String) -> String {
        ["a", "e", "i", "o", "u"].contains(typeName.first.map(String.init) ?? "") ? "an \(typeName)" : "a \(typeName)"
    }
}

/// Collects problems and keeps them in document order without duplicates.
struct ProblemList {
    private var problems: [ValidationProblem] = []
    private var seen: Set<ValidationProblem> = []

    mutating func add(_ problem: ValidationProblem) {
        if seen.insert(problem).inserted { problems.append(problem) }
    }

    /// The problems sorted by where they point in the definition. A pointer to a missing field
    /// sorts after everything present in its parent (the form lists required fields there);
    /// ties keep the order they were found in.
    func inDocumentOrder(of root: JSONValue) -> [ValidationProblem] {
        guard problems.count > 1 else { return problems }
        let ranks = DocumentOrder.ranks(of: problems.map(\.pointer), in: root)
        return problems.indices
            .sorted { (ranks[$0], $0) < (ranks[$1], $1) }
            .map { problems[$0] }
    }
}
