import HookflowModel

/// Decides what happens next in a run, from the definition and the actions recorded so far.
///
/// Pure: no I/O, no clock. The engine applies the decisions, records the results and asks
/// again, until the run is finished or only waits on callbacks and timers.
///
/// Rules (SPEC §3): an action runs when every `runAfter` predecessor finished with one of the
/// listed statuses (`{}` = when its container starts); it is `Skipped` as soon as one
/// predecessor finished otherwise (or was skipped without `Skipped` being listed). An `If`
/// runs one branch and skips the other, a `Switch` runs its matching case (or its default) and
/// skips the rest; `If`, `Switch` and `Scope` finish when everything inside has, `Failed` when a
/// failure inside was not handled. The run fails when a failure is not handled,
/// that is when no action runs after the failed one on that status.
enum RunScheduler {
    enum Decision: Equatable {
        /// Start this action.
        case start(StepAddress)
        /// Record it as skipped with this code.
        case skip(StepAddress, code: String)
        /// A running If, Switch or Scope whose inside is done.
        case finishContainer(StepAddress, ActionStatus)
    }

    struct Outcome: Equatable {
        var decisions: [Decision] = []
        /// Set when every top-level action has finished: the run's final status.
        var runStatus: RunStatus?
        /// The failed actions that made the run fail (for its error).
        var unhandledFailures: [String] = []
    }

    /// What a pass reads and where its decisions go. ``decide(plan:records:)`` collects them; the
    /// run's advance applies each at once (``RunAdvance``), so a step later in the pass sees what
    /// an earlier one recorded and a chain of steps that finish at once takes one pass, not one
    /// pass per step.
    protocol Pass {
        func record(named name: String) -> StoredAction?
        mutating func decided(_ decision: Decision)
    }

    /// Collects one pass's decisions over a fixed set of records.
    private struct Collector: Pass {
        let records: [String: StoredAction]
        var decisions: [Decision] = []

        func record(named name: String) -> StoredAction? { records[name] }
        mutating func decided(_ decision: Decision) { decisions.append(decision) }
    }

    /// - Parameters:
    ///   - records: the actions recorded so far, by name (names are unique in a workflow).
    static func decide(definition: WorkflowDefinition, records: [String: StoredAction]) -> Outcome {
        decide(plan: RunPlan(definition: definition), records: records)
    }

    /// One pass: linear in the number of steps, each a few dictionary lookups.
    static func decide(plan: RunPlan, records: [String: StoredAction]) -> Outcome {
        var collector = Collector(records: records)
        var outcome = Outcome()
        let top = walk(plan: plan, &collector)
        outcome.decisions = collector.decisions
        if let top {
            outcome.runStatus = top.status
            outcome.unhandledFailures = top.unhandled
        }
        return outcome
    }

    /// One pass over every container, in each the steps after the steps they run after
    /// (``RunPlan/steps(in:)``). Returns the run's final status once every top-level action has
    /// finished (as the pass saw them), with the failures that made it fail.
    static func walk(plan: RunPlan, _ pass: inout some Pass) -> (status: RunStatus, unhandled: [String])? {
        let top = decide(container: .actions, plan: plan, &pass)
        guard top.finished else { return nil }
        return (top.unhandled.isEmpty ? .succeeded : .failed, top.unhandled)
    }

    /// What a container looks like now: whether all its actions finished, and its unhandled failures.
    private struct ContainerState {
        var finished: Bool
        var unhandled: [String]
    }

    private static func decide(container: JSONPointer, plan: RunPlan, _ pass: inout some Pass) -> ContainerState {
        let steps = plan.steps(in: container)
        var finished = true
        for planned in steps {
            let step = planned.step
            if let record = pass.record(named: step.name) {
                if record.status == .running, isContainer(step.kind) {
                    // A started container: look inside.
                    let inside = decideInside(step, record: record, plan: plan, &pass)
                    if inside.finished {
                        pass.decided(.finishContainer(step.address, inside.unhandled.isEmpty ? .succeeded : .failed))
                        // Applied at once, the container may have finished in this pass.
                        if pass.record(named: step.name)?.status.isFinished != true { finished = false }
                    } else {
                        finished = false
                    }
                } else if !record.status.isFinished {
                    finished = false
                }
                continue
            }
            switch readiness(of: planned, pass) {
            case .ready: pass.decided(.start(step.address))
            case .blocked: pass.decided(.skip(step.address, code: "ActionConditionFailed"))
            case .waiting: break
            }
            // Applied at once, the step may be done already (a Compose, a skip).
            if pass.record(named: step.name)?.status.isFinished != true { finished = false }
        }
        guard finished else { return ContainerState(finished: false, unhandled: []) }
        return ContainerState(finished: true, unhandled: unhandledFailures(among: steps) { pass.record(named: $0) })
    }

    /// Steps that stay `Running` while the actions inside them run: If, Switch and Scope.
    static func isContainer(_ kind: StepKind) -> Bool { kind == .ifCondition || kind == .switchCase || kind == .scope }

    /// The inside of a running If (the chosen branch runs, the other is skipped), Switch (the
    /// matching case or the default runs, every other is skipped) or Scope.
    private static func decideInside(_ step: Step, record: StoredAction, plan: RunPlan, _ pass: inout some Pass) -> ContainerState {
        var active: [JSONPointer] = []
        var skipped: [JSONPointer] = []
        switch step.kind {
        case .ifCondition:
            let branch = record.outputs?["expression"]?.boolValue ?? false
            let yes = step.pointer / "actions"
            let no = step.pointer.appending(["else", "actions"])
            active = [branch ? yes : no]
            skipped = [branch ? no : yes]
        case .switchCase:
            let chosen = SwitchStep.branch(of: step, for: record.outputs?["expression"] ?? .null)
            active = chosen.map { [$0] } ?? []
            skipped = step.childContainers.filter { $0 != chosen }
        default:
            active = [step.pointer / "actions"]
        }
        for container in skipped {
            skipAll(in: container, plan: plan, code: "ActionBranchingConditionNotSatisfied", &pass)
        }
        var state = ContainerState(finished: true, unhandled: [])
        for container in active {
            let inside = decide(container: container, plan: plan, &pass)
            state.finished = state.finished && inside.finished
            state.unhandled += inside.unhandled
        }
        // The skipped branch must be recorded too before the container counts as done.
        for container in skipped where plan.steps(in: container).contains(where: { pass.record(named: $0.step.name) == nil }) {
            state.finished = false
        }
        return state
    }

    private static func skipAll(in container: JSONPointer, plan: RunPlan, code: String, _ pass: inout some Pass) {
        for planned in plan.steps(in: container) where pass.record(named: planned.step.name) == nil {
            pass.decided(.skip(planned.step.address, code: code))
        }
    }

    enum Readiness { case ready, blocked, waiting }

    static func readiness(of planned: RunPlan.PlannedStep, _ pass: some Pass) -> Readiness {
        var waiting = false
        for dependency in planned.dependencies {
            guard let predecessor = pass.record(named: dependency.predecessor), predecessor.status.isFinished else {
                waiting = true
                continue
            }
            if !dependency.allowed.contains(predecessor.status.lowercasedName) { return .blocked }
        }
        return waiting ? .waiting : .ready
    }

    /// Failed or timed-out actions after which nothing runs on that status.
    static func unhandledFailures(among steps: [RunPlan.PlannedStep], record: (String) -> StoredAction?) -> [String] {
        steps.compactMap { planned -> String? in
            guard let record = record(planned.step.name), record.status == .failed || record.status == .timedOut else { return nil }
            return planned.handledStatuses.contains(record.status.lowercasedName) ? nil : planned.step.name
        }
    }
}
