import Synchronization

/// The workbench's work off the main loop (saves, loads, run controls, test callbacks, live
/// engine events): each job is a task whose answer waits in an inbox until the loop collects it.
///
/// The loop never awaits a job: it drains the inbox between two waits for input, so a slow
/// service delays a result, never a key press.
final class BackgroundWork: Sendable {
    private struct Jobs {
        var nextID = 0
        /// Jobs whose effect must not be lost when the user quits (a save, a cancel), by id.
        var lasting: [Int: Task<Void, Never>] = [:]
        /// Jobs that only fetch: cancelled when the loop ends.
        var fetching: [Int: Task<Void, Never>] = [:]
        var answers: [WorkbenchEvent] = []
    }

    private let jobs = Mutex(Jobs())

    /// Starts `job`; its answer is kept for ``drain()``. A job that `mustFinish` is awaited by
    /// ``finish()``; the others are cancelled by ``cancelFetches()``.
    func start(mustFinish: Bool = true, _ job: @escaping @Sendable () async -> WorkbenchEvent?) {
        jobs.withLock { jobs in
            let id = jobs.nextID
            jobs.nextID += 1
            let task = Task { [self] in
                let answer = await job()
                self.jobs.withLock { jobs in
                    if let answer { jobs.answers.append(answer) }
                    jobs.lasting[id] = nil
                    jobs.fetching[id] = nil
                }
            }
            if mustFinish { jobs.lasting[id] = task } else { jobs.fetching[id] = task }
        }
    }

    /// Adds an event that did not come from a job (a live engine event).
    func post(_ event: WorkbenchEvent) {
        jobs.withLock { $0.answers.append(event) }
    }

    /// The answers that arrived since the last call, oldest first.
    func drain() -> [WorkbenchEvent] {
        jobs.withLock { jobs in
            defer { jobs.answers.removeAll() }
            return jobs.answers
        }
    }

    /// Whether a job that must finish is still running.
    var isBusy: Bool { jobs.withLock { !$0.lasting.isEmpty } }

    /// Cancels the jobs that only fetch (nobody will look at their answers).
    func cancelFetches() {
        let fetching = jobs.withLock { Array($0.fetching.values) }
        for task in fetching { task.cancel() }
    }

    /// Waits until every job that must finish, including any started meanwhile, has finished.
    func finish() async {
        while let task = jobs.withLock({ $0.lasting.values.first }) {
            // A job removes itself as its last step, so it is gone once its value is ready.
            await task.value
        }
    }
}
