import AsyncHTTPClient
import Foundation

// An open-loop load generator, in its own process, for the engine benchmark's resume latency
// (SPEC §6: "p99 < 5 ms at 1,000/s, open loop"). Debian's wrk is wrk 4, which has no fixed-rate
// mode (`-R` is wrk2's): it sends the next request when an answer comes back (closed loop), which
// hides a slow server's queueing. This sends on a schedule instead and, given the engine's event
// stream, also times each run from its callback's due time to the run's `Succeeded` event.
//
//   OpenLoopSender --targets FILE --rate 1000 --events http://127.0.0.1:PORT/management/events
//   OpenLoopSender --url http://127.0.0.1:PORT/hello --count 10000 --rate 1000     (the baseline)

let options: SenderOptions
let targets: [SendTarget]
do {
    options = try SenderOptions(CommandLine.arguments)
    targets = try options.targets()
} catch {
    FileHandle.standardError.write(Data("OpenLoopSender: \(error)\n".utf8))
    exit(2)
}

let client = HTTPClient(
    eventLoopGroupProvider: .singleton,
    configuration: .init(connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: options.connections)))
let watcher = RunEventWatcher()
var following: Task<Void, Never>?
if let events = options.events {
    do {
        try await withCheckedThrowingContinuation { (opened: CheckedContinuation<Void, any Error>) in
            following = Task { await watcher.follow(events, client: client, opened: opened) }
        }
    } catch {
        FileHandle.standardError.write(Data("OpenLoopSender: cannot follow \(events): \(error)\n".utf8))
        await shutDown(client)
        exit(1)
    }
}

let sender = PacedSender(client: client, rate: options.rate, body: options.body)
let (start, outcomes) = await sender.send(targets)

// The runs end after their callbacks are answered: wait for their events, up to the settle time.
let runIDs = Set(targets.compactMap(\.runID))
if options.events != nil {
    let deadline = ContinuousClock.now + .milliseconds(Int(options.settleSeconds * 1000))
    while watcher.count(of: runIDs) < runIDs.count, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
}
following?.cancel()

var statuses: [String: Int] = [:]
for outcome in outcomes { statuses[outcome.status.map(String.init) ?? "error", default: 0] += 1 }
var runLatencies: [Double] = []
var lastEnding = start
var runsWithoutEnding = 0
var runsEndedOtherwise = 0
if options.events != nil {
    for (target, outcome) in zip(targets, outcomes) {
        guard let runID = target.runID else { continue }
        guard let ending = watcher.ending(of: runID) else {
            runsWithoutEnding += 1
            continue
        }
        if ending.status == "Succeeded" { runLatencies.append((ending.at - outcome.due).milliseconds) } else { runsEndedOtherwise += 1 }
        lastEnding = max(lastEnding, ending.at)
    }
}
// What was really offered: sends over the time from the first hand-over to the last.
let sendTimes = outcomes.map(\.sent)
let span = sendTimes.isEmpty ? 0 : ((sendTimes.max() ?? start) - (sendTimes.min() ?? start)).milliseconds / 1000
let report = SenderReport(
    sent: outcomes.count,
    offeredRate: span > 0 ? Double(max(outcomes.count - 1, 0)) / span : .nan,
    maximumSendLag: outcomes.map { ($0.sent - $0.due).milliseconds }.max() ?? 0,
    statuses: statuses,
    answer: .init(outcomes.filter { $0.status != nil }.map { ($0.answered - $0.due).milliseconds }),
    run: options.events == nil ? nil : .init(runLatencies),
    runsPerSecond: options.events == nil || lastEnding == start ? nil : Double(runLatencies.count) / ((lastEnding - start).milliseconds / 1000),
    runsWithoutEnding: runsWithoutEnding,
    runsEndedOtherwise: runsEndedOtherwise)
print(report.line)
await shutDown(client)

/// Top-level code resolves `client.shutdown()` to the EventLoopFuture overload; inside a function it is the async one.
func shutDown(_ client: HTTPClient) async { try? await client.shutdown() }
