import Foundation
import HookflowModel
import Logging
import Synchronization

/// Advances runs. Each run has a lane: the events that concern it (a start, a callback, an
/// effect's result, a timer) are taken one at a time, so nothing else in this process writes
/// the run meanwhile. For each event the run is advanced in memory as far as it goes without an
/// outside effect (``RunAdvance``) and its progress written once, guarded by the run still
/// being open (and a callback's action still waiting); only then are its effects made (HTTP
/// calls, subscribe calls), whose results come back to the lane as events.
///
/// A run handed over by the intake starts with no database read. A lane keeps the run's state in
/// memory only while effects of it are in flight or events wait: a run that only waits for a
/// callback costs disk, not memory, and is read again when its callback comes.
///
/// While runs suspected of having crashed the engine are advanced alone after a restart
/// (``isolate(_:)``), the other lanes hold their events.
final class RunExecutor: Sendable {
    private struct Lane {
        var workflow: String
        var run: StoredRun?
        var plan: RunPlan?
        var state: RunState?
        var queue: [RunEvent] = []
        var draining = false
        /// Action records (by key) whose outside effect is in flight.
        var effects: Set<String> = []

        var isIdle: Bool { queue.isEmpty && !draining && effects.isEmpty }
    }

    private struct State {
        var lanes: [String: Lane] = [:]
        /// While set, only this run's lane may move (a suspect advanced alone).
        var isolated: String??
        /// Set by ``stop()``: events are refused from then on.
        var stopped = false
    }

    private let state = Mutex(State())
    /// The outside effects in flight (HTTP and subscribe calls), cancelled by ``stop()``.
    private let effectTasks = OwnedTasks()
    /// The engine this executor works for (it owns the executor; held weakly so neither keeps the other).
    private let owner = Mutex(WeakEngine())

    private struct WeakEngine: @unchecked Sendable {
        weak var engine: Engine?
    }

    init() {}

    /// Called once by the engine that owns this executor, at the end of its initialisation.
    func attach(to engine: Engine) { owner.withLock { $0.engine = engine } }

    // MARK: Sending events

    /// Hands `event` to the run's lane; the lane moves now unless another run is isolated.
    func send(_ event: RunEvent, runID: String, workflow: String) {
        let start = state.withLock { state -> Bool? in
            guard !state.stopped else { return nil }
            var lane = state.lanes[runID] ?? Lane(workflow: workflow)
            lane.queue.append(event)
            let allowed = state.isolated.map { $0 == runID } ?? true
            let start = !lane.draining && allowed
            if start { lane.draining = true }
            state.lanes[runID] = lane
            return start
        }
        guard let start else {
            reply(event, .failure(.unavailable(message: "the engine is stopping; try again once it runs")))
            return
        }
        if start { Task { await self.drain(runID) } }
    }

    /// Refuses new events, cancels the effects in flight and waits for the lanes to write what
    /// they are writing. A cancelled effect leaves its action `Running` in the store: the next
    /// start advances the run again and makes the call again (a webhook action under the same
    /// subscription id), so nothing is half-recorded.
    func stop(patience: TimeInterval = 10) async {
        state.withLock { $0.stopped = true }
        await effectTasks.stop()
        let deadline = Date().addingTimeInterval(patience)
        while Date() < deadline, state.withLock({ $0.lanes.values.contains(where: \.draining) }) {
            try? await Task.sleep(nanoseconds: 2_000_000)
        }
    }

    /// Lets only `runID` move until ``release()``.
    func isolate(_ runID: String) {
        state.withLock { $0.isolated = .some(runID) }
    }

    /// Every lane may move again; those that held events start.
    func release() {
        let waiting = state.withLock { state -> [String] in
            state.isolated = nil
            var started: [String] = []
            for (id, lane) in state.lanes where !lane.draining && !lane.queue.isEmpty {
                state.lanes[id]?.draining = true
                started.append(id)
            }
            return started
        }
        for id in waiting { Task { await self.drain(id) } }
    }

    /// Whether nothing of the run is queued, being advanced or in flight in this process.
    func isIdle(_ runID: String) -> Bool {
        state.withLock { $0.lanes[runID]?.isIdle ?? true }
    }

    // MARK: The lane

    private func drain(_ runID: String) async {
        while true {
            let next = state.withLock { state -> (RunEvent, Lane)? in
                guard var lane = state.lanes[runID] else { return nil }
                if lane.queue.isEmpty || state.isolated.map({ $0 != runID }) ?? false {
                    lane.draining = false
                    // Nothing left to do here: the run's state goes back to the store.
                    if lane.isIdle { state.lanes[runID] = nil } else { state.lanes[runID] = lane }
                    return nil
                }
                let event = lane.queue.removeFirst()
                state.lanes[runID] = lane
                return (event, lane)
            }
            guard let (event, lane) = next else { return }
            let updated = await handle(event, runID: runID, lane: lane)
            state.withLock { state in
                state.lanes[runID]?.run = updated.run
                state.lanes[runID]?.plan = updated.plan
                state.lanes[runID]?.state = updated.state
                state.lanes[runID]?.effects.formUnion(updated.launched)
                if case .effectDone(let record, _) = event { state.lanes[runID]?.effects.remove(record.key) }
            }
            for effect in updated.effects { launch(effect, runID: runID, workflow: lane.workflow) }
        }
    }

    /// What handling one event leaves in the lane.
    private struct Handled {
        var run: StoredRun?
        var plan: RunPlan?
        var state: RunState?
        var effects: [(RunEffect, StoredAction, RunPlan)] = []
        var launched: Set<String> { Set(effects.map { $0.1.key }) }
    }

    private func handle(_ event: RunEvent, runID: String, lane: Lane) async -> Handled {
        guard let engine = owner.withLock({ $0.engine }) else { return Handled() }
        do {
            return try await advance(event, runID: runID, lane: lane, engine: engine)
        } catch {
            engine.logger.error("run \(runID) of \(lane.workflow): \(error)")
            reply(event, .failure(error))
            return Handled()
        }
    }

    /// `retried`: this is the second try of an event whose write was refused (see the refusal below).
    private func advance(_ event: RunEvent, runID: String, lane: Lane, engine: Engine, retried: Bool = false) async throws(EngineError) -> Handled {
        // The run as this lane knows it, or as the store has it.
        var run: StoredRun
        var plan: RunPlan
        var state: RunState
        var loaded = false
        if case .started(let started, let startedPlan) = event {
            (run, plan, state) = (started, startedPlan, RunState(records: [:]))
        } else if let known = lane.run, let knownPlan = lane.plan, let knownState = lane.state {
            (run, plan, state) = (known, knownPlan, knownState)
        } else {
            // One read: the run and its actions from the same snapshot.
            guard let stored = try await engine.storeCall({ try await engine.store.runWithActions(workflow: lane.workflow, id: runID) }) else {
                reply(event, .failure(.notFound(code: "RunNotFound", message: "app \"\(lane.workflow)\" has no run \"\(runID)\"")))
                return Handled()
            }
            run = stored.run
            plan = try await engine.plan(of: run)
            state = RunState(records: Dictionary(stored.actions.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last }),
                             variables: stored.run.variables)
            loaded = true
        }
        guard !run.status.isFinished else {
            // A callback hears why: its action was cancelled, timed out or completed with the run.
            if case .callback(let name, _, _, _) = event {
                let action = state.records[name]
                reply(event, .failure(action.map { Self.refusal($0, runID: runID, run: run) }
                    ?? .notFound(code: "ActionNotFound", message: "run \(runID) has no started action \"\(name)\"")))
            } else {
                reply(event, .failure(.conflict(code: "RunNotRunning", message: "run \(runID) is \(run.status.rawValue)")))
            }
            return Handled(run: run, plan: plan, state: nil)
        }

        let now = engine.configuration.now()
        var progress = RunAdvance(run: run, plan: plan, state: state)
        var guards: [StoreGuard] = [.run(id: runID, in: [.running, .waiting])]
        // Action callback URLs are signed with the app's key as it is now.
        let key = await engine.apps.app(named: run.workflowName)?.accessKey ?? Data()
        let (runNow, planNow) = (run, plan)
        let environment = { @Sendable (state: RunState, scope: IterationScope) in
            engine.stepEnvironment(run: runNow, plan: planNow, state: state, scope: scope, accessKey: key, now: now)
        }

        // Actions left Running by a process that stopped: their effect is made again (an HTTP call
        // may so be sent twice; a webhook action subscribes again with the same id). Not those a
        // live node is making (several nodes: it writes their outcome), nor those of this lane.
        func restart(_ record: StoredAction) {
            guard record.status == .running, !lane.effects.contains(record.key), let step = plan.step(named: record.name),
                StepStarter.hasEffect(step.kind)
            else { return }
            let restarted = StepStarter.start(step, previous: record, in: environment(progress.state, Self.scope(of: record, plan: plan, state: progress.state)))
            progress.record(restarted.record)
            progress.owe(restarted.mutations)
            if let effect = restarted.effect { progress.effect(effect, of: restarted.record.key) }
        }
        if loaded {
            for record in state.records.values where !record.effectElsewhere { restart(record) }
        }

        switch event {
        case .started, .wake:
            break
        case .adoptEffects(let keys):
            // Another node was making these and stopped: this node makes them now (read from the
            // store, the run's Running actions were restarted above already).
            if !loaded { for key in keys { if let record = progress.state.records[key] { restart(record) } } }
        case .effectDone(let record, let owed):
            guard progress.state.records[record.key]?.status == .running else { return Handled(run: run, plan: plan, state: state) }
            progress.record(record)
            progress.owe(owed)
            guards.append(.action(runID: runID, name: record.name, repetition: record.repetition, in: [.running]))
        case .callback(let name, let outputs, let failed, _):
            guard let current = progress.state.records[name] else {
                reply(event, .failure(.notFound(code: "ActionNotFound", message: "run \(runID) has no started action \"\(name)\"")))
                return Handled(run: run, plan: plan, state: state)
            }
            guard current.status == .waiting || current.status == .running else {
                reply(event, .failure(Self.refusal(current, runID: runID, run: run)))
                return Handled(run: run, plan: plan, state: state)
            }
            progress.record(Self.completed(current, outputs: outputs, failed: failed, plan: plan, now: now))
            progress.owe(Self.afterCallback(current, workflow: run.workflowName, now: now))
            guards.append(.action(runID: runID, name: current.name, repetition: current.repetition, in: [.running, .waiting]))
        case .timer(let timer, _):
            guard let name = timer.actionName, let current = progress.state.records[name],
                let fired = Self.fired(timer, current: current, now: now)
            else {
                // Stale: the action moved on without it.
                if let id = timer.id { try await engine.commit([.deleteTimer(id)]) }
                reply(event, .failure(.conflict(code: "TimerStale", message: "the timer's action has moved on")))
                return Handled(run: run, plan: plan, state: state)
            }
            progress.record(fired.record)
            progress.owe(fired.owed)
            guards.append(.action(runID: runID, name: current.name, repetition: current.repetition, in: timer.kind == .wait ? [.running] : [.running, .waiting]))
        case .end(let end, let code, _):
            progress.finish(end, closingWith: code, at: now)
        case .rebase(let name, _):
            guard let current = progress.state.records[name], current.status == .waiting, let base = current.callbackBase,
                base != engine.baseURL, let step = plan.step(named: current.name),
                let moved = WebhookStep.rebase(step, current: current, workflowName: run.workflowName,
                                               in: environment(progress.state, Self.scope(of: current, plan: plan, state: progress.state)))
            else {
                reply(event, .failure(.conflict(code: "NotMoved", message: "action \(name) does not wait on another base URL")))
                return Handled(run: run, plan: plan, state: state)
            }
            progress.record(moved.record)
            progress.owe(moved.mutations)
            if let effect = moved.effect { progress.effect(effect, of: moved.record.key) }
            guards.append(.action(runID: runID, name: current.name, repetition: current.repetition, in: [.waiting]))
        }

        if progress.end == nil {
            engine.inFlight.evaluating(runID) { progress.advance(now: now, environment: environment) }
        }
        let effectsInFlight = !lane.effects.subtracting(Self.finishedEffect(event)).isEmpty || !progress.effects.isEmpty
        let status = progress.status(effectsInFlight: effectsInFlight)
        var mutations = progress.mutations
        if status != run.status || progress.end != nil {
            mutations.append(.setRunStatus(id: runID, status: status, endTime: status.isFinished ? now : nil, error: progress.end?.error))
            if status.isFinished { mutations.append(.deleteTimers(runID: runID, actionName: nil)) }
        }
        if mutations.isEmpty {
            reply(event, .success(nil))
            return Handled(run: run, plan: plan, state: progress.state)
        }
        guard try await engine.storeCall({ try await engine.store.commit(mutations, if: guards) }) else {
            // Something else moved the run or the action meanwhile — another request here, or
            // another node that took the run over (PostgreSQL's fencing refuses a node's write of a
            // run it no longer holds). The event is applied once more to the run as the store has
            // it now: what moved on then refuses it for its real reason, and a run another node
            // holds is taken back for this event (the other node's next write is refused in turn,
            // and it reads the run again the same way). Nothing is dropped for being on the wrong node.
            if !retried, !Self.isStart(event) {
                var fresh = Lane(workflow: lane.workflow)
                fresh.effects = lane.effects
                return try await advance(event, runID: runID, lane: fresh, engine: engine, retried: true)
            }
            let current = try await engine.storeCall { try await engine.store.run(workflow: run.workflowName, id: runID) }
            if case .callback(let name, _, _, _) = event {
                let action = try await engine.recordsByName(runID)[name]
                if let action, action.status == .waiting || action.status == .running, current?.status.isFinished == false {
                    // Still waiting: refused twice by runs moving under it, not completed. A service retries a 503.
                    reply(event, .failure(.unavailable(message: "run \(runID) is being advanced by another request or node; send the callback again")))
                    return Handled()
                }
                reply(event, .failure(action.map { Self.refusal($0, runID: runID, run: current ?? run) }
                    ?? .notFound(code: "ActionNotFound", message: "run \(runID) has no started action \"\(name)\"")))
            } else {
                reply(event, .failure(.conflict(code: "RunChanged", message: "run \(runID) changed meanwhile")))
            }
            return Handled()
        }

        // Durable: now the world may hear of it.
        var after = run
        after.status = status
        after.variables = progress.state.variables
        if status.isFinished { after.endTime = now }
        if status != run.status { engine.publishRun(after) }
        for change in progress.changed { engine.publishAction(after, change.name, change.status) }
        engine.settleResponse(of: after, plan: plan, records: progress.state.records, changed: progress.changed.map(\.name))
        if progress.mutations.contains(where: { if case .putTimer = $0 { true } else if case .enqueue = $0 { true } else { false } })
            || progress.end != nil {
            engine.worker.wake()
        }
        if case .callback(let name, _, _, _) = event { reply(event, .success(progress.state.records[name])) } else { reply(event, .success(nil)) }
        let effects = progress.effects.compactMap { keyed -> (RunEffect, StoredAction, RunPlan)? in
            progress.state.records[keyed.key].map { (keyed.effect, $0, plan) }
        }
        // A run that only waits (or ended) is not kept in memory.
        let keep = !status.isFinished && (status == .running || !effects.isEmpty || !lane.effects.isEmpty)
        return Handled(run: after, plan: plan, state: keep ? progress.state : nil, effects: effects)
    }

    // MARK: Starting a run at the intake

    /// A run just accepted, not stored yet: advanced in memory as far as it goes (nobody else
    /// knows it, so it needs no lane), and its start and that progress written in one commit —
    /// a trigger + Compose run is one write, not two. Returns the run as stored. Effects, if
    /// any, start after the commit and the run gets a lane for their results.
    ///
    /// The evaluation is noted with the callback's key (``InFlightRuns``): should it kill the
    /// process, that callback is committed first from then on (``start(_:plan:)`` then the lane).
    ///
    /// `extra` is written in the same commit, and the commit only if `guards` hold (a Recurrence
    /// tick: the run and the tick after it, once per tick); when they do not, nothing is written
    /// and this throws `409` `AlreadyStarted`.
    func startInline(_ run: StoredRun, plan: RunPlan, accessKey: Data, callbackKey: String, engine: Engine,
                     alongWith extra: [StoreMutation] = [], if guards: [StoreGuard] = []) async throws(EngineError) -> StoredRun {
        let now = run.startTime
        var progress = RunAdvance(run: run, plan: plan, state: RunState(records: [:]))
        let environment = { @Sendable (state: RunState, scope: IterationScope) in
            engine.stepEnvironment(run: run, plan: plan, state: state, scope: scope, accessKey: accessKey, now: now)
        }
        engine.inFlight.evaluating(run.id, callback: callbackKey) { progress.advance(now: now, environment: environment) }
        let status = progress.status(effectsInFlight: !progress.effects.isEmpty)
        var stored = run
        stored.status = status
        if status.isFinished {
            stored.endTime = now
            stored.error = progress.end?.error
        }
        var mutations: [StoreMutation] = [.insertRun(stored)] + progress.mutations
        // A new run has no timers but those of this commit: a finished one keeps none, with no
        // statement to delete them.
        if status.isFinished { mutations.removeAll { if case .putTimer = $0 { true } else { false } } }
        mutations += extra
        if guards.isEmpty {
            try await engine.commit(mutations)
        } else {
            let written = try await engine.storeCall { [mutations] in try await engine.store.commit(mutations, if: guards) }
            guard written else { throw .conflict(code: "AlreadyStarted", message: "run \(run.id) was not started: what it was started for was taken meanwhile") }
        }
        stored.variables = progress.state.variables

        // Durable: now the world may hear of it.
        engine.publishRun(stored)
        for change in progress.changed { engine.publishAction(stored, change.name, change.status) }
        engine.settleResponse(of: stored, plan: plan, records: progress.state.records, changed: progress.changed.map(\.name))
        if progress.mutations.contains(where: { if case .putTimer = $0 { true } else if case .enqueue = $0 { true } else { false } }) {
            engine.worker.wake()
        }
        guard !status.isFinished else { return stored }
        let effects = progress.effects.compactMap { keyed -> (RunEffect, StoredAction, RunPlan)? in
            progress.state.records[keyed.key].map { (keyed.effect, $0, plan) }
        }
        // A run with work left (an effect, a delay) keeps its state in a lane; one that only waits does not.
        let keep = status == .running || !effects.isEmpty
        let adopted = state.withLock { state -> Bool in
            guard !state.stopped, state.lanes[run.id] == nil else { return false }
            var lane = Lane(workflow: run.workflowName)
            if keep {
                lane.run = stored
                lane.plan = plan
                lane.state = progress.state
                lane.effects = Set(effects.map { $0.1.key })
                state.lanes[run.id] = lane
            }
            return true
        }
        guard adopted else { return stored }  // Stopping: the next start resumes it from the store.
        for effect in effects { launch(effect, runID: run.id, workflow: run.workflowName) }
        return stored
    }

    // MARK: Effects

    private func launch(_ effect: (RunEffect, StoredAction, RunPlan), runID: String, workflow: String) {
        let (what, record, plan) = effect
        guard let engine = owner.withLock({ $0.engine }) else { return }
        effectTasks.start("\(runID)/\(record.key)") {
            let outcome: (StoredAction, [StoreMutation])
            switch what {
            case .http(let step, let request):
                outcome = (await HttpStep.perform(step, request: request, record: record, client: engine.http, masker: plan.masker,
                                                  now: engine.configuration.now), [])
            case .subscribe(let step, let request):
                outcome = await WebhookStep.perform(step, request: request, record: record, workflowName: workflow, client: engine.http,
                                                    masker: plan.masker, now: engine.configuration.now)
            case .callWorkflow(let step, let request, let trigger):
                outcome = (await WorkflowStep.perform(step, request: request, trigger: trigger, record: record, engine: engine, masker: plan.masker), [])
            }
            // Cut short by a stop: the action stays Running in the store, made again on the next start.
            guard !Task.isCancelled else { return }
            self.send(.effectDone(outcome.0, owed: outcome.1), runID: runID, workflow: workflow)
        }
    }

    /// The scope of a record read back from the store: its repetition and the loops it names
    /// (each Foreach's element from the loop's own record).
    static func scope(of record: StoredAction, plan: RunPlan, state: RunState) -> IterationScope {
        guard !record.repetition.isEmpty, let step = plan.step(named: record.name) else { return .top }
        let loops = plan.loops(around: step)
        let indexes = ActionKey.indexes(of: record.repetition)
        var scope = IterationScope.top
        for (loop, index) in zip(loops, indexes) {
            let item = loop.kind == .foreach ? state.record(loop.name, in: scope).flatMap { RunScheduler.items(of: $0).dropFirst(index).first } : nil
            scope = scope.entering(loop: loop.name, item: item, index: index)
        }
        return scope
    }

    private static func finishedEffect(_ event: RunEvent) -> Set<String> {
        if case .effectDone(let record, _) = event { return [record.key] }
        return []
    }

    // MARK: What events do

    /// A webhook action completed by its callback (`x-hookflow-status: Failed` fails it).
    static func completed(_ current: StoredAction, outputs: JSONValue, failed: Bool, plan: RunPlan, now: Date) -> StoredAction {
        var record = current
        record.status = failed ? .failed : .succeeded
        record.endTime = now
        record.outputs = outputs
        record.maskedOutputs = plan.masker.maskedOutputs(outputs, of: plan.step(named: current.name))
        if failed {
            record.code = "ActionFailedByCallback"
            record.error = ["code": "ActionFailedByCallback", "message": "The service reported failure with the x-hookflow-status header."]
        }
        return record
    }

    /// Owed once a waiting action has its callback: its timeout goes, its unsubscribe is queued.
    static func afterCallback(_ current: StoredAction, workflow: String, now: Date) -> [StoreMutation] {
        var owed: [StoreMutation] = [.deleteTimers(runID: current.runID, actionName: current.key)]
        if let unsubscribe = current.unsubscribeRequest {
            owed.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: current.subscriptionID ?? "", workflowName: workflow,
                                             operationName: current.key, request: unsubscribe, nextAttemptAt: now, createdAt: now)))
        }
        return owed
    }

    /// A due timer applied to its action: a delay that ends, or a wait that times out (and unsubscribes).
    static func fired(_ timer: StoredTimer, current: StoredAction, now: Date) -> (record: StoredAction, owed: [StoreMutation])? {
        var record = current
        var owed: [StoreMutation] = timer.id.map { [.deleteTimer($0)] } ?? []
        switch timer.kind {
        case .wait:
            guard current.status == .running else { return nil }
            record.status = .succeeded
            record.endTime = now
        case .actionTimeout:
            guard current.status == .running || current.status == .waiting else { return nil }
            record.status = .timedOut
            record.code = "ActionTimedOut"
            record.endTime = now
            record.error = ["code": "ActionTimedOut", "message": "The action did not get its callback before its timeout."]
            if let unsubscribe = current.unsubscribeRequest {
                owed.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: current.subscriptionID ?? "", workflowName: timer.workflowName,
                                                 operationName: current.key, request: unsubscribe, nextAttemptAt: now, createdAt: now)))
            }
        case .runTimeout:
            return nil
        }
        return (record, owed)
    }

    static func isStart(_ event: RunEvent) -> Bool {
        if case .started = event { true } else { false }
    }

    /// Why a callback to an action that no longer waits is refused.
    static func refusal(_ action: StoredAction, runID: String, run: StoredRun) -> EngineError {
        switch action.status {
        case .cancelled:
            .conflict(code: "ActionCancelled", message: "action \"\(action.name)\" was cancelled (run \(runID) is \(run.status.rawValue)); the callback is refused")
        case .timedOut:
            .conflict(code: "ActionTimedOut", message: "action \"\(action.name)\" timed out before this callback; the callback is refused")
        default:
            .conflict(code: "ActionAlreadyCompleted", message: "action \"\(action.name)\" already completed (\(action.status.rawValue)); this callback changed nothing")
        }
    }

    /// Answers whoever waits on the event: applied (with the action's record for a callback), or
    /// not, with why.
    private func reply(_ event: RunEvent, _ outcome: Result<StoredAction?, EngineError>) {
        switch event {
        case .callback(let name, _, _, let reply):
            switch outcome {
            case .success(let record?): reply(.success(record))
            case .success(nil): reply(.failure(.internalError(message: "the callback to \(name) was not recorded")))
            case .failure(let error): reply(.failure(error))
            }
        case .timer(_, let reply), .end(_, _, let reply), .rebase(_, let reply):
            if case .success = outcome { reply(true) } else { reply(false) }
        case .started, .wake, .effectDone, .adoptEffects:
            break
        }
    }
}
