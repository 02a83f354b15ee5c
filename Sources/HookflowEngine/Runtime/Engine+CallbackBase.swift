import Foundation

/// SPEC §3: when the engine's base URL changes (another port, another public URL), every
/// subscription that handed out a URL on the old base is made again with the new URL. Triggers
/// see it in their fingerprint (start-up reconciliation); waiting webhook actions are found by
/// the base they were subscribed on, and each moves in its run's lane (``RunEvent/rebase``).
extension Engine {
    /// Most actions asked to move at once.
    static let rebaseBatch = 64

    /// Starts moving the waiting actions still on another base, in the background (a restart
    /// serves callbacks meanwhile: the old URLs still verify, whichever address they come to).
    func moveWaitingActionsToTheCurrentBase() {
        jobs.start("rebase") { [self] in
            let base = baseURL
            var moved = 0
            var unmoved: Set<String> = []
            while !Task.isCancelled {
                let batch: [WaitingAction]
                do { batch = try await store.waitingActions(onBaseOtherThan: base, limit: Self.rebaseBatch + unmoved.count) } catch {
                    if !Task.isCancelled { logger.error("finding the waiting actions on an old base URL failed: \(error)") }
                    return
                }
                let todo = batch.filter { !unmoved.contains("\($0.runID)/\($0.action)") }.prefix(Self.rebaseBatch)
                if todo.isEmpty { break }
                await withTaskGroup(of: (String, Bool).self) { group in
                    for waiting in todo {
                        group.addTask {
                            let done = await withCheckedContinuation { continuation in
                                self.executor.send(.rebase(action: waiting.action, reply: { continuation.resume(returning: $0) }),
                                                   runID: waiting.runID, workflow: waiting.workflow)
                            }
                            return ("\(waiting.runID)/\(waiting.action)", done)
                        }
                    }
                    for await (key, done) in group {
                        if done { moved += 1 } else { unmoved.insert(key) }
                    }
                }
            }
            if moved > 0 || !unmoved.isEmpty {
                let unmovedNote = unmoved.isEmpty ? "" : "; \(unmoved.count) could not be moved (see the errors above)"
                logger.notice("the callback base is now \(base): \(moved) waiting webhook action(s) subscribed again with their new URL\(unmovedNote)")
            }
        }
    }
}
