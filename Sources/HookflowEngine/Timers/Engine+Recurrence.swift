import Foundation
import HookflowModel

/// Recurrence triggers: each enabled app's triggers keep one row with their next tick
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
            for trigger in definition.triggers where trigger.kind == .recurrence {
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

    /// Starts the runs of the ticks due now.
    func fireDueRecurrences(now: Date) async throws(EngineError) {
        for tick in try await storeCall({ try await self.store.dueRecurrences(now: now, limit: 200) }) {
            do { try await fire(tick, now: now) } catch {
                if !Task.isCancelled { logger.error("recurrence \(tick.workflowName)/\(tick.triggerName): \(error)") }
            }
        }
    }

    private func fire(_ tick: StoredRecurrence, now: Date) async throws(EngineError) {
        let taken: [StoreGuard] = [.recurrence(workflow: tick.workflowName, trigger: tick.triggerName, nextAt: tick.nextAt)]
        guard let app = await apps.app(named: tick.workflowName), app.workflow.state == .enabled,
            let trigger = app.plan.trigger(named: tick.triggerName), trigger.kind == .recurrence,
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
}
