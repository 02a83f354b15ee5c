import HookflowModel

/// Starts a step by its kind (one file per kind in `Steps/`), without I/O.
enum StepStarter {
    /// `previous`: the step's record left by an earlier start (after a crash), if any.
    static func start(_ step: Step, previous: StoredAction?, in environment: StepEnvironment) -> StepStart {
        environment.faults.crashIfPlanted(beforeAction: step.name)
        // A static result stands in for the action, whatever its type (Logic Apps: actions only).
        if !step.isTrigger, let name = step.enabledStaticResultName { return StaticResultStep.start(step, named: name, in: environment) }
        return switch step.kind {
        case .compose: ComposeStep.start(step, in: environment)
        case .ifCondition: IfStep.start(step, in: environment)
        case .switchCase: SwitchStep.start(step, in: environment)
        case .scope: ScopeStep.start(step, in: environment)
        case .foreach: ForeachStep.start(step, in: environment)
        case .until: UntilStep.start(step, in: environment)
        case .workflow: WorkflowStep.start(step, in: environment)
        case .wait: WaitStep.start(step, in: environment)
        case .terminate: TerminateStep.start(step, in: environment)
        case .response: ResponseStep.start(step, in: environment)
        case .http: HttpStep.start(step, in: environment)
        case .httpWebhook: WebhookStep.start(step, previous: previous, workflowName: environment.run.workflowName, in: environment)
        case .dataOperation(.parseJson): ParseJsonStep.start(step, in: environment)
        case .dataOperation(.select): SelectStep.start(step, in: environment)
        case .dataOperation(.query): QueryStep.start(step, in: environment)
        case .dataOperation(.join): JoinStep.start(step, in: environment)
        case .dataOperation(.table): TableStep.start(step, in: environment)
        case .variable(.initialize): InitializeVariableStep.start(step, in: environment)
        case .variable(.set): SetVariableStep.start(step, in: environment)
        case .variable(.increment): IncrementVariableStep.start(step, by: 1, in: environment)
        case .variable(.decrement): IncrementVariableStep.start(step, by: -1, in: environment)
        case .variable(.appendToArray): AppendToArrayVariableStep.start(step, in: environment)
        case .variable(.appendToString): AppendToStringVariableStep.start(step, in: environment)
        case .unsupported, .missing, .request, .recurrence: UnsupportedStep.start(step, in: environment)
        }
    }

    /// Kinds that stay `Running` while an outside effect of theirs is in flight.
    static func hasEffect(_ kind: StepKind) -> Bool { kind == .http || kind == .httpWebhook || kind == .workflow }
}
