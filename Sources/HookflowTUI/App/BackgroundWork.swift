import Synchronization

/// The designer's work off the main loop (saves, enable/disable): each job is a task whose answer
/// waits in an inbox until the loop collects it.
///
/// The loop never awaits a job: it drains the inbox between two waits for input, so a slow
/// service delays a result, never a key press.
final class BackgroundWork: Sendable {
    private struct Jobs {
        var nextID = 0
        var running: [Int: Task<Void, Never>] = [:]
        var answers: [DesignerEvent] = []
    }

    private let jobs = Mutex(Jobs())

    /// Starts `job`; its answer is kept for ``drain()``.
    func start(_ job: @escaping @Sendable () async -> DesignerEvent) {
        jobs.withLock { jobs in
            let id = jobs.nextID
            jobs.nextID += 1
            jobs.running[id] = Task { [self] in
                let answer = await job()
                self.jobs.withLock { jobs in
                    jobs.answers.append(answer)
                    jobs.running[id] = nil
                }
            }
        }
    }

    /// The answers that arrived since the last call, oldest first.
    func drain() -> [DesignerEvent] {
        jobs.withLock { jobs in
            defer { jobs.answers.removeAll() }
            return jobs.answers
        }
    }

    /// Whether a job is still running.
    var isBusy: Bool { jobs.withLock { !$0.running.isEmpty } }

    /// Waits until every job, including any started meanwhile, has finished.
    func finish() async {
        while let task = jobs.withLock({ $0.running.values.first }) {
            // A job removes itself as its last step, so it is gone once its value is ready.
            await task.value
        }
    }
}
