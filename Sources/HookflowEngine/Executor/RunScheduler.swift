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
        /// Start this action in this scope.
        case start(StepAddress, IterationScope)
        /// Record it as skipped with this code.
        case skip(StepAddress, IterationScope, code: String)
        /// A running If, Switch, Scope or Foreach whose inside is done.
        case finishContainer(StepAddress, IterationScope, ActionStatus)
        /// Iteration `index` of a running Until is done without an unhandled failure: its
        /// condition decides whether another runs.
        case untilIterationDone(StepAddress, IterationScope, index: Int)
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
        func record(_ name: String, in scope: IterationScope) -> StoredAction?
        mutating func decided(_ decision: Decision)
        /// How many first iterations of the loop record `key` are known finished, with their unhandled failures.
        func finishedIterations(of key: String) -> (count: Int, unhandled: [String])
        mutating func noteFinishedIterations(of key: String, _ progress: (count: Int, unhandled: [String]))
    }

    /// Collects one pass's decisions over a fixed set of records.
    private struct Collector: Pass {
        let records: [String: StoredAction]
        var decisions: [Decision] = []

        func record(_ name: String, in scope: IterationScope) -> StoredAction? { records[scope.key(name)] }
        mutating func decided(_ decision: Decision) { decisions.append(decision) }
        func finishedIterations(of key: String) -> (count: Int, unhandled: [String]) { (0, []) }
        mutating func noteFinishedIterations(of key: String, _ progress: (count: Int, unhandled: [String])) {}
    }

    /// - Parameters:
    ///   - records: the actions recorded so far, by key (``ActionKey``).
    static func decide(definition: WorkflowDefinition, records: [String: StoredAction]) -> Outcome {
        decide(plan: RunPlan(definition: definition), records: records)
    }

    /// One pass: linear in the number of steps (and of loop iterations under way), each a few dictionary lookups.
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
        let top = decide(container: .actions, scope: .top, plan: plan, &pass)
        guard top.finished else { return nil }
        return (top.unhandled.isEmpty ? .succeeded : .failed, top.unhandled)
    }

    /// What a container looks like now: whether all its actions finished, and its unhandled failures.
    private struct ContainerState {
        var finished: Bool
        var unhandled: [String]
    }

    private static func decide(container: JSONPointer, scope: IterationScope, plan: RunPlan, _ pass: inout some Pass) -> ContainerState {
        let steps = plan.steps(in: container)
        var finished = true
        for planned in steps {
            let step = planned.step
            if let record = pass.record(step.name, in: scope) {
                if record.status == .running, isContainer(step.kind) {
                    // A started container: look inside.
                    let inside = decideInside(step, record: record, scope: scope, plan: plan, &pass)
                    if inside.finished {
                        if step.kind == .until, inside.unhandled.isEmpty {
                            pass.decided(.untilIterationDone(step.address, scope, index: Self.currentIteration(of: record)))
                        } else {
                            pass.decided(.finishContainer(step.address, scope, inside.unhandled.isEmpty ? .succeeded : .failed))
                        }
                        // Applied at once, the container may have finished in this pass.
                        if pass.record(step.name, in: scope)?.status.isFinished != true { finished = false }
                    } else {
                        finished = false
                    }
                } else if !record.status.isFinished {
                    finished = false
                }
                continue
            }
            switch readiness(of: planned, in: scope, pass) {
            case .ready: pass.decided(.start(step.address, scope))
            case .blocked: pass.decided(.skip(step.address, scope, code: "ActionConditionFailed"))
            case .waiting: break
            }
            // Applied at once, the step may be done already (a Compose, a skip).
            if pass.record(step.name, in: scope)?.status.isFinished != true { finished = false }
        }
        guard finished else { return ContainerState(finished: false, unhandled: []) }
        return ContainerState(finished: true, unhandled: unhandledFailures(among: steps) { pass.record($0, in: scope) })
    }

    /// Steps that stay `Running` while the actions inside them run: If, Switch, Scope, Foreach and Until.
    static func isContainer(_ kind: StepKind) -> Bool {
        switch kind {
        case .ifCondition, .switchCase, .scope, .foreach, .until: true
        default: false
        }
    }

    /// The elements a running Foreach goes over (recorded when it started).
    static func items(of record: StoredAction) -> [JSONValue] { record.outputs?["items"]?.arrayValue ?? [] }

    /// The 0-based iteration a running Until is in (it records how many it started).
    static func currentIteration(of record: StoredAction) -> Int { max(0, (record.outputs?["iterations"]?.intValue ?? 1) - 1) }

    /// The inside of a running If (the chosen branch runs, the other is skipped), Switch (the
    /// matching case or the default runs, every other is skipped), Scope, Foreach (each
    /// element's iteration, so many at once) or Until (its current iteration).
    private static func decideInside(_ step: Step, record: StoredAction, scope: IterationScope, plan: RunPlan, _ pass: inout some Pass) -> ContainerState {
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
        case .foreach:
            return decideIterations(of: step, record: record, scope: scope, plan: plan, &pass)
        case .until:
            let index = currentIteration(of: record)
            return decide(container: step.pointer / "actions", scope: scope.entering(loop: step.name, item: nil, index: index), plan: plan, &pass)
        default:
            active = [step.pointer / "actions"]
        }
        for container in skipped {
            skipAll(in: container, scope: scope, plan: plan, code: "ActionBranchingConditionNotSatisfied", &pass)
        }
        var state = ContainerState(finished: true, unhandled: [])
        for container in active {
            let inside = decide(container: container, scope: scope, plan: plan, &pass)
            state.finished = state.finished && inside.finished
            state.unhandled += inside.unhandled
        }
        // The skipped branch must be recorded too before the container counts as done.
        for container in skipped where plan.steps(in: container).contains(where: { pass.record($0.step.name, in: scope) == nil }) {
            state.finished = false
        }
        return state
    }

    /// A Foreach's iterations: those under way move on, and new ones start while fewer than its
    /// concurrency (20, or 1 when Sequential) are unfinished. It is done when every iteration is,
    /// failed when one of them failed unhandled. The finished first iterations are remembered, so
    /// a pass costs the iterations under way, not all of them.
    private static func decideIterations(of step: Step, record: StoredAction, scope: IterationScope, plan: RunPlan, _ pass: inout some Pass) -> ContainerState {
        let items = Self.items(of: record)
        let inner = plan.steps(in: step.pointer / "actions")
        let limit = step.foreachConcurrency
        var prefix = pass.finishedIterations(of: record.key)
        var prefixOpen = true
        var unfinished = 0
        var unhandled: [String] = []
        var index = prefix.count
        while index < items.count {
            let iteration = scope.entering(loop: step.name, item: items[index], index: index)
            let started = inner.contains { pass.record($0.step.name, in: iteration) != nil }
            if !started, unfinished >= limit { break }
            let state = decide(container: step.pointer / "actions", scope: iteration, plan: plan, &pass)
            if state.finished {
                unhandled += state.unhandled
                if prefixOpen { prefix = (index + 1, prefix.unhandled + state.unhandled) }
            } else {
                unfinished += 1
                prefixOpen = false
            }
            index += 1
        }
        pass.noteFinishedIterations(of: record.key, prefix)
        let finished = index == items.count && unfinished == 0
        return ContainerState(finished: finished, unhandled: finished ? prefix.unhandled : [])
    }

    private static func skipAll(in container: JSONPointer, scope: IterationScope, plan: RunPlan, code: String, _ pass: inout some Pass) {
        for planned in plan.steps(in: container) where pass.record(planned.step.name, in: scope) == nil {
            pass.decided(.skip(planned.step.address, scope, code: code))
        }
    }

    enum Readiness { case ready, blocked, waiting }

    static func readiness(of planned: RunPlan.PlannedStep, in scope: IterationScope, _ pass: some Pass) -> Readiness {
        var waiting = false
        for dependency in planned.dependencies {
            guard let predecessor = pass.record(dependency.predecessor, in: scope), predecessor.status.isFinished else {
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
