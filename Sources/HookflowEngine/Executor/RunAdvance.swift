import Foundation
import HookflowModel

/// A run advanced in memory: the scheduler's decisions applied one pass after another until
/// nothing more can happen without an outside effect, a timer or a callback. No I/O: what it
/// decided is in ``mutations`` (one commit), ``effects`` (made after it) and ``status``.
struct RunAdvance {
    let plan: RunPlan
    private(set) var run: StoredRun
    private(set) var state: RunState
    /// Everything to write, in order: what was decided, then the run's variables when a
    /// variable action changed them (in the same commit as that action).
    var mutations: [StoreMutation] {
        variablesChanged ? written + [.setRunVariables(id: run.id, variables: state.variables)] : written
    }
    private var written: [StoreMutation] = []
    private var variablesChanged = false
    /// Outside effects to make once the write is durable.
    private(set) var effects: [KeyedEffect] = []
    /// Actions whose status changed, by key (for the live events).
    private(set) var changed: [(name: String, status: ActionStatus)] = []
    /// Set when the run ends.
    private(set) var end: RunEnd?

    init(run: StoredRun, plan: RunPlan, state: RunState) {
        self.run = run
        self.plan = plan
        self.state = state
    }

    /// Takes in an action's new record (a callback, a timer, an effect's result).
    mutating func record(_ action: StoredAction) {
        state.record(action)
        written.append(.putAction(action))
        changed.append((action.key, action.status))
    }

    mutating func owe(_ more: [StoreMutation]) { written.append(contentsOf: more) }

    /// An effect of the action record `key`, to make after the commit.
    mutating func effect(_ effect: RunEffect, of key: String) { effects.append(KeyedEffect(effect: effect, key: key)) }

    /// Ends the run now (cancel, timeout, Terminate): what still runs or waits is closed with
    /// `code` and unsubscribed, its timers dropped.
    mutating func finish(_ end: RunEnd, closingWith code: String, at now: Date) {
        for record in state.records.values where !record.status.isFinished {
            var closed = record
            closed.status = .cancelled
            closed.code = code
            closed.endTime = now
            state.record(closed)
            changed.append((closed.key, .cancelled))
        }
        written.append(.closeOpenActions(runID: run.id, workflowName: run.workflowName, status: .cancelled, code: code, at: now))
        effects.removeAll()
        self.end = end
    }

    /// What the pass under way applies its decisions with (see ``decided(_:)``).
    private var applying: (now: Date, environment: (RunState, IterationScope) -> StepEnvironment, progressed: Bool)?

    /// Applies the scheduler's decisions until only effects, timers and callbacks are left.
    /// `environment` gives the steps what they see (built from the state as it is then).
    ///
    /// Each decision is applied as the pass makes it, and the plan lists a container's steps
    /// after the steps they run after: a chain of steps that finish at once (Compose, skips)
    /// is carried through in one pass, so a long run costs passes per outside effect, not per step.
    mutating func advance(now: Date, environment: @escaping (RunState, IterationScope) -> StepEnvironment) {
        let plan = self.plan
        while end == nil {
            applying = (now, environment, false)
            let top = RunScheduler.walk(plan: plan, &self)
            let progressed = applying?.progressed ?? false
            applying = nil
            if end != nil || progressed { continue }
            if let top {
                let failed = top.unhandled
                let error: JSONValue? = failed.isEmpty ? nil : [
                    "code": "ActionFailed",
                    "message": .string("An action failed and nothing ran after it on that status: \(failed.joined(separator: ", ")).")]
                end = RunEnd(status: top.status, error: error)
            }
            return
        }
    }

    /// The run's status after this advance: its end, else `Waiting` when something waits for a
    /// callback and nothing runs (no effect in flight, no delay pending), else `Running`.
    func status(effectsInFlight: Bool) -> RunStatus {
        if let end { return end.status }
        // A running If, Switch or Scope only holds what runs inside it; the rest runs (an effect, a delay).
        // (A running Foreach or Until likewise.)
        let running = state.records.values.contains { record in
            guard record.status == .running, let kind = plan.step(named: record.name)?.kind else { return false }
            return !RunScheduler.isContainer(kind)
        }
        let waiting = state.records.values.contains { $0.status == .waiting }
        return waiting && !running && !effectsInFlight ? .waiting : .running
    }
}

extension RunAdvance: RunScheduler.Pass {
    func record(_ name: String, in scope: IterationScope) -> StoredAction? { state.record(name, in: scope) }

    func finishedIterations(of key: String) -> (count: Int, unhandled: [String]) { state.finishedIterations[key] ?? (0, []) }

    mutating func noteFinishedIterations(of key: String, _ progress: (count: Int, unhandled: [String])) {
        state.finishedIterations[key] = progress
    }

    /// One decision of the pass under way, applied at once.
    mutating func decided(_ decision: RunScheduler.Decision) {
        guard end == nil, let (now, environment, _) = applying else { return }
        switch decision {
        case .skip(let address, let scope, let code):
            record(StoredAction(runID: run.id, name: address.name, repetition: scope.repetition, type: plan.step(named: address.name)?.type ?? "",
                                status: .skipped, code: code, startTime: now, endTime: now))
        case .finishContainer(let address, let scope, let status):
            guard var container = state.record(address.name, in: scope), container.status == .running else { return }
            container.status = status
            container.endTime = now
            if status == .failed {
                container.code = "ActionFailed"
                container.error = ["code": "ActionFailed", "message": "An action inside failed and nothing handled it."]
            }
            record(container)
        case .untilIterationDone(let address, let scope, let index):
            guard let step = plan.step(named: address.name), let until = state.record(address.name, in: scope), until.status == .running else { return }
            let inner = scope.entering(loop: step.name, item: nil, index: index)
            record(UntilStep.afterIteration(step, record: until, index: index, in: environment(state, inner)))
        case .start(let address, let scope):
            guard let step = plan.step(named: address.name) else { return }
            let started = StepStarter.start(step, previous: state.record(step.name, in: scope), in: environment(state, scope))
            record(started.record)
            owe(started.mutations)
            if let variables = started.variables {
                state.setVariables(variables)
                variablesChanged = true
            }
            if let effect = started.effect { self.effect(effect, of: started.record.key) }
            if let end = started.end { finish(end, closingWith: "TerminatedByAction", at: now) }
        }
        applying?.progressed = true
    }
}
