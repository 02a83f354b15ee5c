import AsyncHTTPClient
import Foundation

/// SPEC §6 "webhook action resume (callback → action Succeeded → run Succeeded, measured by the
/// caller's 200 and the run's Succeeded event): p99 < 5 ms at 1,000/s, open loop".
///
/// Each round prepares `rate × seconds` runs waiting in an HTTP Webhook action (subscribed to
/// the hello-world server), collects each action's callback URL from the run's detail, then has
/// the open-loop sender (its own process; Debian's wrk has no fixed-rate mode) POST them at
/// `rate`. The sender times each callback from its due time to the `200` and to the run's
/// `Succeeded` event on `GET /management/events`. The baseline is the same sender at the same
/// rate against the hello-world server (`POST → 202`): the floor of HTTP on this machine.
/// A fresh data folder, so the runs of other sections do not weigh on it.
struct ResumeBenchmark {
    var tools: Toolbox
    var options: BenchmarkOptions
    var client: HTTPClient
    var folder: URL
    var hello: ServerProcess

    private static let app = "bench-webhook"

    func run(into table: inout ResultTable) async throws {
        let engine = try await ServerProcess.engine(tools, data: folder.appendingPathComponent("resume"), logs: folder)
        do {
            try await measure(engine, into: &table)
        } catch {
            await engine.stop()
            throw error
        }
        await engine.stop()
        let problems = engine.problems()
        if !problems.isEmpty { table.note("resume engine logged \(problems.count) warnings or errors, first: \(problems[0])") }
    }

    private func measure(_ engine: ServerProcess, into table: inout ResultTable) async throws {
        let api = EngineAPI(client: client, base: engine.url)
        try await api.publish(Self.app, BenchmarkWorkflows.webhook(service: hello.url))
        let trigger = try await api.callbackURL(Self.app)
        let count = max(100, Int(Double(options.resumeRate) * options.seconds))
        let rate = String(options.resumeRate)
        let timeout = Duration.seconds(Int(options.seconds) + 300)
        var rounds: [(baseline: SenderResult, engine: SenderResult, cpu: Double)] = []
        for round in 1...options.rounds {
            let baseline = try await SenderResult.measure(tools, ["--url", hello.url + "/hello", "--count", String(count), "--rate", rate],
                                                          logs: folder, timeout: timeout)
            let prepared = ContinuousClock.now
            let targets = try await waitingRuns(count, trigger: trigger, api: api)
            let file = folder.appendingPathComponent("resume-targets-\(round).txt")
            try targets.map { "\($0.runID) \($0.url)" }.joined(separator: "\n").write(to: file, atomically: true, encoding: .utf8)
            print("  round \(round): \(Format.count(count)) waiting runs prepared in \(Format.decimal((ContinuousClock.now - prepared).seconds)) s")
            let cpuBefore = engine.cpuSeconds
            let result = try await SenderResult.measure(
                tools, ["--targets", file.path, "--rate", rate, "--events", engine.url + "/management/events", "--settle", "60"], logs: folder, timeout: timeout)
            // Everything a resume costs the engine: the callback, the run's end, the unsubscribe it
            // owes (sent to the hello-world server), the event; idle time before and after is ~0.
            let cpu = (engine.cpuSeconds - cpuBefore) * 1e6 / Double(count)
            let left = try await api.count(Self.app, status: "Waiting")
            rounds.append((baseline, result, cpu))
            print("    hello-world: answered p50 \(Format.milliseconds(baseline.answer.p50)) p99 \(Format.milliseconds(baseline.answer.p99)) "
                  + "(offered \(Format.count(baseline.offeredRate))/s)")
            print("    engine: answered p50 \(Format.milliseconds(result.answer.p50)) p99 \(Format.milliseconds(result.answer.p99)) max \(Format.milliseconds(result.answer.max)); "
                  + "run Succeeded p50 \(Format.milliseconds(result.run?.p50 ?? .nan)) p99 \(Format.milliseconds(result.run?.p99 ?? .nan)) "
                  + "max \(Format.milliseconds(result.run?.max ?? .nan)), \(Format.count(result.runsPerSecond ?? .nan)) runs ended/s (offered \(Format.count(result.offeredRate))/s, "
                  + "send lag ≤ \(Format.milliseconds(result.maximumSendLag)), statuses \(result.statuses), no ending seen \(result.runsWithoutEnding), "
                  + "still Waiting \(left); \(Format.count(cpu)) µs engine CPU per resume; load \(ProcessStats.loadAverage()))")
            if !result.unexpected(besides: "200").isEmpty { table.note("resume round \(round): answers other than 200: \(result.unexpected(besides: "200"))") }
            if result.runsWithoutEnding > 0 || result.runsEndedOtherwise > 0 || left > 0 {
                table.note("resume round \(round): \(result.runsWithoutEnding) runs without a final event within 60 s, "
                           + "\(result.runsEndedOtherwise) ended otherwise than Succeeded, \(left) still Waiting afterwards")
            }
        }
        func pair(_ values: [(Double, Double)]) -> String { "\(Format.milliseconds(Statistics.median(values.map(\.0)))) / \(Format.milliseconds(Statistics.median(values.map(\.1))))" }
        let baselines = rounds.map { ($0.baseline.answer.p50, $0.baseline.answer.p99) }
        let runs = rounds.map { ($0.engine.run?.p50 ?? .nan, $0.engine.run?.p99 ?? .nan) }
        let answers = rounds.map { ($0.engine.answer.p50, $0.engine.answer.p99) }
        let ratio = Statistics.median(rounds.map { ($0.engine.run?.p99 ?? .nan) / $0.baseline.answer.p99 })
        table.add(.init(figure: "webhook action resume → run `Succeeded` event, p50 / p99, \(rate)/s open loop", median: pair(runs),
                        rounds: ResultTable.rounds(runs.map { "\(Format.milliseconds($0.0)) / \(Format.milliseconds($0.1))" }),
                        baseline: "\(pair(baselines)) (hello-world `202`)", ratio: "p99 \(Format.decimal(ratio))×", bar: "p99 < 5 ms"))
        table.add(.init(figure: "webhook action callback answered `200`, p50 / p99, \(rate)/s open loop", median: pair(answers),
                        rounds: ResultTable.rounds(answers.map { "\(Format.milliseconds($0.0)) / \(Format.milliseconds($0.1))" }),
                        baseline: pair(baselines)))
        let cpus = rounds.map(\.cpu)
        table.add(.init(figure: "engine CPU per resume (callback, run end, owed unsubscribe sent, event), \(rate)/s", median: "\(Format.count(Statistics.median(cpus))) µs",
                        rounds: ResultTable.rounds(cpus.map { "\(Format.count($0)) µs" })))
        let completed = rounds.map { $0.engine.runsPerSecond ?? .nan }
        table.add(.init(figure: "resumed runs ended `Succeeded` per second at \(rate)/s offered (first due → last ending)",
                        median: Format.count(Statistics.median(completed)), rounds: ResultTable.rounds(completed.map(Format.count)),
                        baseline: "\(rate)/s offered", ratio: Format.percent(Statistics.median(completed) / Double(options.resumeRate)), bar: "keeps up with 1,000/s"))
    }

    /// Starts `count` runs and returns, for each, its id and its waiting action's callback URL.
    private func waitingRuns(_ count: Int, trigger: String, api: EngineAPI) async throws -> [(runID: String, url: String)] {
        let workers = 16
        let started = try await withThrowingTaskGroup(of: [String].self, returning: [String].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var ids: [String] = []
                    for _ in stride(from: worker, to: count, by: workers) {
                        let answer = try await api.callback(trigger)
                        guard answer.status == 202, let id = answer.runID else { throw BenchmarkError("the webhook app's trigger answered HTTP \(answer.status)") }
                        ids.append(id)
                    }
                    return ids
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        return try await withThrowingTaskGroup(of: [(runID: String, url: String)].self, returning: [(runID: String, url: String)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    var found: [(runID: String, url: String)] = []
                    for index in stride(from: worker, to: started.count, by: workers) {
                        let deadline = ContinuousClock.now + .seconds(120)
                        while true {
                            if let url = try await api.waitingActionCallbackURL(Self.app, runID: started[index]) {
                                found.append((started[index], url))
                                break
                            }
                            guard ContinuousClock.now < deadline else { throw BenchmarkError("run \(started[index]) is not waiting after 120 s") }
                            try await Task.sleep(for: .milliseconds(20))
                        }
                    }
                    return found
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
    }
}
