import HookflowModel

/// `Scope`: `Running` while what is inside runs; the scheduler finishes it.
enum ScopeStep {
    static func start(_ step: Step, in environment: StepEnvironment) -> StepStart {
        StepStart(record: environment.running(step))
    }
}
