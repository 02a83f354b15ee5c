import Foundation
import HookflowModel

/// Recurrence triggers, and HTTP triggers (they poll on their `recurrence`): each enabled app's
/// triggers keep one row with their next tick
/// (``StoredRecurrence``); a due tick starts a run and writes the tick after it in the same
/// commit, guarded by the row still naming this tick — so a tick starts one run, however many
/// rounds look at it and across restarts. Ticks missed while the engine was not running are
/// not run (Logic Apps' rule: the schedule goes on from the next tick).
extension Engine {
    /// What a save, toggle or delete means for the app's ticks: a trigger whose `recurrence` is
    /// unchanged keeps its tick; a new or changed one starts at its first tick from now; a tick
    /// whose trigger is gone, or whose app is disabled or deleted, goes.
    func recurrencePlan(_ workflow: StoredWorkflow, definition: WorkflowDefinition, deleting: Bool) async throws(EngineError) -> [StoreMutation] {
        let existing = try await storeCall { try await self.store.recurrences(workflow: workflow.name) }
        var wanted: [String: (fingerprint: String, schedule: RecurrenceSchedule)] = [:]
        if !deleting, workflow.state == .enabled {
            for trigger in definition.triggers where Self.isScheduled(trigger) {
                guard let json = trigger.json["recurrence"] else { continue }
                do {
                    wanted[trigger.name] = (JSONWriter.compact.string(from: json), try RecurrenceSchedule(json))
                } catch {
                    logger.error("app \(workflow.name), trigger \(trigger.name): the recurrence is not scheduled: \(error.description)")
                }
            }
        }
        var mutations: [StoreMutation] = []
        for tick in existing where wanted[tick.triggerName]?.fingerprint != tick.fingerprint {
            mutations.append(.deleteRecurrence(workflow: workflow.name, trigger: tick.triggerName))
        }
        let now = configuration.now()
        for (name, want) in wanted.sorted(by: { $0.key < $1.key })
        where !existing.contains(where: { $0.triggerName == name && $0.fingerprint == want.fingerprint }) {
            guard let first = want.schedule.firstTick(onOrAfter: now) else { continue }
            mutations.append(.putRecurrence(StoredRecurrence(workflowName: workflow.name, triggerName: name, fingerprint: want.fingerprint,
                                                             anchor: want.schedule.startTime ?? now, nextAt: first)))
        }
        return mutations
    }

    /// Triggers that fire on a schedule: Recurrence, and HTTP (which polls its endpoint on each tick).
    static func isScheduled(_ trigger: Step) -> Bool {
        trigger.kind == .recurrence || (trigger.kind == .http && trigger.json["recurrence"] != nil)
    }

    /// Starts the runs of the ticks due now.
    func fireDueRecurrences(now: Date) async throws(EngineError) {
        // Leased for as long as an HTTP trigger's poll may take: another node leaves the tick to this one meanwhile.
        let lease = configuration.requestTimeout + 30
        for tick in try await storeCall({ try await self.store.claimDueRecurrences(now: now, limit: 200, lease: lease) }) {
            do { try await fire(tick, now: now) } catch {
                if !Task.isCancelled { logger.error("recurrence \(tick.workflowName)/\(tick.triggerName): \(error)") }
            }
        }
    }

    private func fire(_ tick: StoredRecurrence, now: Date) async throws(EngineError) {
        let taken: [StoreGuard] = [.recurrence(workflow: tick.workflowName, trigger: tick.triggerName, nextAt: tick.nextAt)]
        guard let app = await apps.app(named: tick.workflowName), app.workflow.state == .enabled,
            let trigger = app.plan.trigger(named: tick.triggerName), Self.isScheduled(trigger),
            let json = trigger.json["recurrence"], JSONWriter.compact.string(from: json) == tick.fingerprint,
            let schedule = try? RecurrenceSchedule(json)
        else {
            // Its app or trigger changed without the tick (a save always replaces it): drop it.
            _ = try await storeCall { try await self.store.commit([.deleteRecurrence(workflow: tick.workflowName, trigger: tick.triggerName)], if: taken) }
            return
        }
        var next = tick
        guard let following = schedule.nextTick(after: tick.nextAt, anchor: tick.anchor) else {
            _ = try await storeCall { try await self.store.commit([.deleteRecurrence(workflow: tick.workflowName, trigger: tick.triggerName)], if: taken) }
            return
        }
        if following <= now, let resumed = schedule.nextTick(after: now, anchor: tick.anchor) {
            // A tick and the one after it are both past: the engine was not running then. Missed
            // ticks are not run; the schedule goes on.
            next.nextAt = resumed
            if try await storeCall({ try await self.store.commit([.putRecurrence(next)], if: taken) }) {
                logger.info("recurrence \(tick.workflowName)/\(tick.triggerName): ticks missed since \(tick.nextAt.ISO8601Format()) are not run; next at \(resumed.ISO8601Format())")
            }
            return
        }
        next.nextAt = following
        if trigger.kind == .http {
            // The call is made by a task of its own: a slow endpoint holds up no other background
            // work. While it is under way the tick stays due and later rounds leave it to it.
            jobs.start("poll \(tick.workflowName)/\(tick.triggerName)") { [self, next] in
                await self.poll(trigger, of: app, tick: tick, next: next, guards: taken)
            }
            return
        }
        let run = StoredRun(id: RunID.make(at: now), workflowName: tick.workflowName, workflowVersion: app.workflow.version,
                            triggerName: tick.triggerName, status: .running, startTime: now, triggerOutputs: .object([:]), maskedTriggerOutputs: nil)
        let key = CallbackKey.of(workflow: tick.workflowName, trigger: tick.triggerName, body: Data(tick.nextAt.ISO8601Format().utf8))
        do {
            _ = try await executor.startInline(run, plan: app.plan, accessKey: app.workflow.accessKey, callbackKey: key, engine: self,
                                              alongWith: [.putRecurrence(next)], if: taken)
        } catch .conflict(code: "AlreadyStarted", _) {
            // Another look at the same tick started it first.
        }
    }

    /// One poll of an HTTP trigger: a `200` (or any 2xx but `202`) starts a run whose trigger
    /// outputs are the answer (`statusCode`, `headers`, `body`), in one commit with the next tick;
    /// `202 Accepted` (nothing new, as Logic Apps' polling pattern says), another status or a
    /// failed call only moves the schedule on. The call has the trigger's retry policy.
    private func poll(_ trigger: Step, of app: AppView.App, tick: StoredRecurrence, next: StoredRecurrence, guards: [StoreGuard]) async {
        let now = configuration.now()
        var run = StoredRun(id: RunID.make(at: now), workflowName: tick.workflowName, workflowVersion: app.workflow.version,
                            triggerName: tick.triggerName, status: .running, startTime: now, triggerOutputs: .object([:]))
        let environment = stepEnvironment(run: run, plan: app.plan, state: RunState(records: [:]), accessKey: app.workflow.accessKey, now: now)
        let started = HttpStep.start(trigger, in: environment)
        var outcome = started.record
        if case .http(_, let request)? = started.effect {
            outcome = await HttpStep.perform(trigger, request: request, record: started.record, client: http, masker: app.plan.masker,
                                             now: configuration.now)
        }
        let status = outcome.outputs?["statusCode"]?.intValue ?? 0
        guard outcome.status == .succeeded, (200..<300).contains(status), status != 202, let outputs = outcome.outputs else {
            if outcome.status != .succeeded {
                let message = outcome.error?["message"]?.stringValue ?? outcome.code ?? "failed"
                logger.warning("HTTP trigger \(tick.workflowName)/\(tick.triggerName): the poll failed, no run (\(message)); next at \(next.nextAt.ISO8601Format())")
            }
            _ = try? await storeCall { try await self.store.commit([.putRecurrence(next)], if: guards) }
            return
        }
        run.startTime = configuration.now()
        run.triggerOutputs = outputs
        run.maskedTriggerOutputs = outcome.maskedOutputs
        let key = CallbackKey.of(workflow: tick.workflowName, trigger: tick.triggerName, body: Data(tick.nextAt.ISO8601Format().utf8))
        do {
            _ = try await executor.startInline(run, plan: app.plan, accessKey: app.workflow.accessKey, callbackKey: key, engine: self,
                                              alongWith: [.putRecurrence(next)], if: guards)
        } catch {
            if case .conflict(code: "AlreadyStarted", _) = error { return }
            logger.error("HTTP trigger \(tick.workflowName)/\(tick.triggerName): its run could not be started: \(error)")
        }
    }
}
