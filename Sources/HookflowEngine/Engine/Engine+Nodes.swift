import Foundation

/// What a node does when several share one PostgreSQL database (SPEC §3, "Several engine nodes"):
/// it follows the others' commits (their `NOTIFY`) and takes over the runs of a node that died.
///
/// - `apps`: another node saved, toggled or deleted an app, or regenerated its key: this node's
///   app view is read again, so its callbacks are checked against the same apps as theirs.
/// - `work`: runs, timers, outbox entries or subscriptions were written: the background worker
///   looks for due work now rather than at its next poll (the fallback when a notification is lost).
/// - Every half lease, `Running` runs whose node's lease ran out are claimed and advanced here;
///   the node that comes back finds its writes of them refused (``PostgresStore``'s fencing).
///   A run taken over from two nodes in a row without settling (it may be what stops them) is
///   marked `Failed` (`EngineCrashedOnRun`) instead of stopping a third.
/// - A running action's outside effect (an HTTP call, a subscribe) belongs to the node that
///   wrote it `Running`: another node that loads the run leaves it to that node while its
///   heartbeat lasts, and one node adopts it and makes it again once the heartbeat ran out.
/// - Timers, Recurrence ticks, subscribe retries and outbox entries are leased when claimed
///   (``EngineStore/claimDueTimers(now:limit:lease:)`` and the others): one node does each.
extension Engine {
    func followOtherNodes() {
        guard let shared = store as? PostgresStore else { return }
        let changes = shared.changes()
        _ = jobs.start("follow-other-nodes") { [self] in
            for await change in changes {
                switch change {
                case .apps: await self.apps.reload()
                case .work: self.worker.wake()
                }
            }
        }
        _ = jobs.start("take-over-runs") { [self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(shared.runLease / 2))
                if Task.isCancelled { return }
                do {
                    let runs = try await shared.runsToResume(limit: 1_000)
                    if !runs.isEmpty {
                        self.logger.warning("took over \(runs.count) running run(s) whose node stopped renewing its lease (it died or stalled): \(runs.prefix(5).map(\.id).joined(separator: ", "))\(runs.count > 5 ? ", …" : "")")
                    }
                    for run in runs where run.recoveries >= 2 { await self.failCrashedRun(run) }
                    for run in runs where run.recoveries < 2 { self.executor.send(.wake, runID: run.id, workflow: run.workflowName) }
                    // Calls another node was making when it stopped, in runs a live node may hold.
                    let orphaned = try await shared.claimOrphanedEffects(limit: 1_000)
                    for (runID, calls) in Dictionary(grouping: orphaned, by: \.runID) {
                        self.executor.send(.adoptEffects(calls.map(\.key)), runID: runID, workflow: calls[0].workflow)
                    }
                } catch {
                    self.logger.error("looking for runs to take over failed: \(error)")
                }
            }
        }
    }
}
