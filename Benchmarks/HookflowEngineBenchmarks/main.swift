import AsyncHTTPClient
import Foundation
import HookflowEngine
import HookflowModel
import Hummingbird
import NIOCore
import Synchronization

// Engine benchmarks (SPEC §6), each against a baseline measured in the same run:
//
//   swift run -c release HookflowEngineBenchmarks [--seconds S] [--concurrency C] [--waiting N]
//
// 1. Durable trigger callbacks/s (WAL, synchronous=FULL, 202 only after commit) vs a hello-world
//    Hummingbird server answering POSTs on the same machine, with the same load generator.
// 2. Webhook action resume latency (callback → action Succeeded → run Succeeded) at a fixed rate.
// 3. Many waiting runs: memory after restart and time from restart to serving callbacks.

struct Options {
    var seconds: Double = 5
    var concurrency = 64
    var waiting = 100_000
    var resumeRate = 1000

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            let value = iterator.next()
            switch argument {
            case "--seconds": seconds = value.flatMap(Double.init) ?? seconds
            case "--concurrency": concurrency = value.flatMap(Int.init) ?? concurrency
            case "--waiting": waiting = value.flatMap(Int.init) ?? waiting
            case "--resume-rate": resumeRate = value.flatMap(Int.init) ?? resumeRate
            default:
                FileHandle.standardError.write(Data("unknown option \(argument); use --seconds --concurrency --waiting --resume-rate\n".utf8))
                exit(2)
            }
        }
    }
}

let payload = #"{"order": {"id": 1234, "lines": [{"sku": "A-1", "qty": 2}, {"sku": "B-7", "qty": 1}], "customer": "Ada Lovelace", "note": "benchmark payload of about three hundred bytes to look like a real webhook callback"}}"#

/// Counts answers from many tasks.
final class Tally: Sendable {
    let counts = Mutex((ok: 0, errors: 0))
}

/// Sends POSTs from `concurrency` workers for `seconds`; returns completed requests per second.
func load(_ client: HTTPClient, _ url: String, seconds: Double, concurrency: Int, expect status: Int) async -> (perSecond: Double, errors: Int) {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    let tally = Tally()
    let body = ByteBuffer(string: payload)
    let start = ContinuousClock.now
    await withTaskGroup(of: Void.self) { group in
        for _ in 0..<concurrency {
            group.addTask {
                while ContinuousClock.now < deadline {
                    var request = HTTPClientRequest(url: url)
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(body)
                    do {
                        let response = try await client.execute(request, timeout: .seconds(30))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        tally.counts.withLock { if Int(response.status.code) == status { $0.ok += 1 } else { $0.errors += 1 } }
                    } catch {
                        tally.counts.withLock { $0.errors += 1 }
                    }
                }
            }
        }
    }
    let elapsed = ContinuousClock.now - start
    let total = tally.counts.withLock { $0 }
    return (Double(total.ok) / (Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18), total.errors)
}

/// A hello-world Hummingbird server: the baseline.
func startHelloWorld() async throws -> (url: String, task: Task<Void, any Error>) {
    let router = Router()
    router.post("/hello") { _, _ in Response(status: .accepted) }
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                          onServerRunning: { continuation.yield($0.localAddress?.port ?? 0); continuation.finish() })
    let task = Task { try await app.run() }
    var iterator = ports.makeAsyncIterator()
    let port = await iterator.next() ?? 0
    return ("http://127.0.0.1:\(port)/hello", task)
}

func residentMemoryMB() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return -1 }
    let kilobytes = Double(line.split(separator: " ").dropFirst().first ?? "0") ?? 0
    return kilobytes / 1024
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

/// When each run's callback was sent or its run finished.
final class Timestamps: Sendable {
    let times = Mutex<[String: ContinuousClock.Instant]>([:])
}

func main() async throws {
    let options = Options(CommandLine.arguments)
    let client = HTTPClient(eventLoopGroupProvider: .singleton,
                            configuration: .init(connectionPool: .init(idleTimeout: .seconds(30), concurrentHTTP1ConnectionsPerHostSoftLimit: options.concurrency)))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }

    // MARK: 1. Durable callbacks vs hello world

    print("Hookflow engine benchmarks (\(ProcessInfo.processInfo.activeProcessorCount) cores, \(options.concurrency) connections, \(options.seconds) s each)")
    let hello = try await startHelloWorld()
    let baseline = await load(client, hello.url, seconds: options.seconds, concurrency: options.concurrency, expect: 202)

    var configuration = EngineConfiguration(dataFolder: folder)
    configuration.pollInterval = 1
    let engine = try Engine(configuration: configuration)
    let server = EngineServer(engine: engine, port: 0)
    _ = try await server.start()
    await engine.start()
    let definition: JSONValue = [
        "triggers": ["manual": ["type": "Request", "kind": "Http"]],
        "actions": ["Echo": ["type": "Compose", "inputs": "@triggerBody()?['order']?['id']", "runAfter": [:]]],
    ]
    _ = try await engine.save(name: "bench", definition: definition, state: nil)
    let callbackURL = try await engine.callbackURL(workflow: "bench", trigger: "manual")
    let durable = await load(client, callbackURL, seconds: options.seconds, concurrency: options.concurrency, expect: 202)
    let synchronous = (try? (engine.store as? SQLiteStore)?.synchronousSetting()) ?? -1

    func row(_ name: String, _ value: String, _ note: String = "") {
        print("  \(name.padding(toLength: 48, withPad: " ", startingAt: 0)) \(value.padding(toLength: 16, withPad: " ", startingAt: 0)) \(note)")
    }
    print("1. trigger callbacks")
    row("baseline: hello-world Hummingbird POST → 202", String(format: "%8.0f req/s", baseline.perSecond), "errors \(baseline.errors)")
    row("durable callback → run committed → 202", String(format: "%8.0f req/s", durable.perSecond),
        String(format: "%.0f%% of baseline (bar ≥ 50%%), synchronous=%d, errors %d", 100 * durable.perSecond / baseline.perSecond, synchronous, durable.errors))

    // MARK: 2. Resume latency

    let webhook: JSONValue = [
        "triggers": ["manual": ["type": "Request", "kind": "Http"]],
        "actions": ["Wait_for_it": ["type": "HttpWebhook", "runAfter": [:], "inputs": [
            // The webhook "service" is the hello-world server: it accepts every subscribe and unsubscribe.
            "subscribe": ["method": "POST", "uri": .string(hello.url), "body": ["callback": "@{listCallbackUrl()}"]],
            "unsubscribe": ["method": "POST", "uri": .string(hello.url)],
        ]]],
    ]
    _ = try await engine.save(name: "resume", definition: webhook, state: nil)
    let trigger = try await engine.callbackURL(workflow: "resume", trigger: "manual")
    let runsToResume = max(200, options.resumeRate * Int(options.seconds))
    var actionURLs: [(run: String, url: String)] = []
    for _ in 0..<runsToResume {
        var request = HTTPClientRequest(url: trigger)
        request.method = .POST
        let response = try await client.execute(request, timeout: .seconds(30))
        guard let run = response.headers.first(name: "x-ms-workflow-run-id") else { continue }
        actionURLs.append((run, ""))
    }
    // Wait until every run waits, and collect each action's callback URL.
    for index in actionURLs.indices {
        while true {
            let detail = try await engine.run(workflow: "resume", id: actionURLs[index].run)
            if detail.summary.status == .waiting, let url = detail.actions.first?.callbackURL { actionURLs[index].url = url; break }
            try await Task.sleep(nanoseconds: 1_000_000)
        }
    }
    let finished = Timestamps()
    let events = engine.events()
    let listener = Task {
        for await event in events where event.kind == .runChanged && event.status == "Succeeded" {
            if let id = event.runID { finished.times.withLock { $0[id] = ContinuousClock.now } }
        }
    }
    let sent = Timestamps()
    let interval = Duration.nanoseconds(1_000_000_000 / Int64(options.resumeRate))
    let paceStart = ContinuousClock.now
    await withTaskGroup(of: Void.self) { group in
        for (index, item) in actionURLs.enumerated() {
            let due = paceStart + interval * index
            try? await Task.sleep(until: due)
            group.addTask {
                var request = HTTPClientRequest(url: item.url)
                request.method = .POST
                request.headers.add(name: "Content-Type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: #"{"approved": true}"#))
                sent.times.withLock { $0[item.run] = ContinuousClock.now }
                _ = try? await client.execute(request, timeout: .seconds(30))
            }
        }
    }
    let waitDeadline = ContinuousClock.now + .seconds(30)
    while finished.times.withLock({ $0.count }) < actionURLs.count, ContinuousClock.now < waitDeadline { try await Task.sleep(nanoseconds: 5_000_000) }
    listener.cancel()
    let latencies = sent.times.withLock { sent in
        finished.times.withLock { done in sent.compactMap { id, start in done[id].map { end in Double((end - start).components.attoseconds) / 1e15 + Double((end - start).components.seconds) * 1000 } } }
    }
    print("2. webhook action resume (callback → action Succeeded → run Succeeded) at \(options.resumeRate)/s, \(latencies.count) of \(actionURLs.count) runs")
    row("p50", String(format: "%8.2f ms", percentile(latencies, 0.50)))
    row("p99", String(format: "%8.2f ms", percentile(latencies, 0.99)), "(bar < 5 ms)")

    await server.stop()
    await engine.shutdown()

    // MARK: 3. Many waiting runs: restart and memory

    let waitingFolder = folder.appendingPathComponent("waiting")
    do {
        let store = try SQLiteStore(folder: waitingFolder)
        let seed = Engine(store: store, configuration: EngineConfiguration(dataFolder: waitingFolder))
        _ = try await seed.save(name: "waiting", definition: webhook, state: nil)
        let workflow = try await store.workflow(named: "waiting")
        let now = Date()
        var batch: [StoreMutation] = []
        for index in 0..<options.waiting {
            let run = StoredRun(id: "W\(index)", workflowName: "waiting", workflowVersion: workflow?.version ?? 1, triggerName: "manual", status: .waiting,
                                startTime: now, triggerOutputs: ["headers": [:], "queries": [:]])
            batch.append(.insertRun(run))
            batch.append(.putAction(StoredAction(runID: run.id, name: "Wait_for_it", type: "HttpWebhook", status: .waiting, startTime: now, subscriptionID: "s\(index)")))
            if batch.count >= 20_000 {
                try await store.commit(batch)
                batch.removeAll(keepingCapacity: true)
            }
        }
        try await store.commit(batch)
        await seed.shutdown()
    }
    let memoryBefore = residentMemoryMB()
    let restartStart = ContinuousClock.now
    let restarted = try Engine(configuration: EngineConfiguration(dataFolder: waitingFolder))
    let restartedServer = EngineServer(engine: restarted, port: 0)
    _ = try await restartedServer.start()
    await restarted.start()
    let probe = try await restarted.callbackURL(workflow: "waiting", trigger: "manual")
    var probeRequest = HTTPClientRequest(url: probe)
    probeRequest.method = .POST
    let probeResponse = try await client.execute(probeRequest, timeout: .seconds(30))
    let restartTime = ContinuousClock.now - restartStart
    let memoryAfter = residentMemoryMB()
    print("3. \(options.waiting) waiting runs")
    row("restart → first callback answered", String(format: "%8.0f ms", Double(restartTime.components.seconds) * 1000 + Double(restartTime.components.attoseconds) / 1e15),
        "HTTP \(probeResponse.status.code) (bar < 2 s for 1,000,000)")
    row("engine memory added by the restart", String(format: "%8.1f MB", memoryAfter - memoryBefore), String(format: "process RSS %.1f MB (bar < 200 MB)", memoryAfter))

    // 4. The runs view of an app with that many runs: it asks for one page at a time, so opening
    // it and paging must cost about what a tiny query costs, whatever the number of runs.
    func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
    }
    var listTimes: [Double] = [], firstPages: [Double] = [], deepPages: [Double] = [], waitingPages: [Double] = []
    var token: String?
    for _ in 0..<20 {
        listTimes.append(try await milliseconds { _ = try await restarted.listWorkflows() })
        firstPages.append(try await milliseconds { token = try await restarted.runs(workflow: "waiting", status: nil, top: 70, skipToken: nil).skipToken })
        waitingPages.append(try await milliseconds { _ = try await restarted.runs(workflow: "waiting", status: .waiting, top: 70, skipToken: nil) })
    }
    for _ in 0..<50 {
        deepPages.append(try await milliseconds { token = try await restarted.runs(workflow: "waiting", status: nil, top: 70, skipToken: token).skipToken })
    }
    let base = percentile(listTimes, 0.5)
    print("4. runs view of an app with \(options.waiting) runs (pages of 70; baseline: list apps, p50 \(String(format: "%.2f", base)) ms)")
    row("first page, p50", String(format: "%8.2f ms", percentile(firstPages, 0.5)), String(format: "%.1f× the baseline", percentile(firstPages, 0.5) / base))
    row("first page of Waiting runs, p50", String(format: "%8.2f ms", percentile(waitingPages, 0.5)), String(format: "%.1f× the baseline", percentile(waitingPages, 0.5) / base))
    row("next page (50 pages deep), p50", String(format: "%8.2f ms", percentile(deepPages, 0.5)), String(format: "%.1f× the baseline", percentile(deepPages, 0.5) / base))
    await restartedServer.stop()
    await restarted.shutdown()

    // 5. Long sequential runs: every pass over a run is linear in its definition's size (issue 10),
    // so a 3,000-step chain costs per step about what a 300-step one does, plus the scan.
    let longFolder = folder.appendingPathComponent("long")
    let longEngine = try Engine(configuration: EngineConfiguration(dataFolder: longFolder))
    await longEngine.start()
    func chain(_ count: Int) -> JSONValue {
        var actions = JSONObject()
        for index in 0..<count {
            var runAfter = JSONObject()
            if index > 0 { runAfter["Step_\(index - 1)"] = ["Succeeded"] }
            actions["Step_\(index)"] = ["type": "Compose", "inputs": index == 0 ? "@triggerBody()" : .string("@outputs('Step_\(index - 1)')"),
                                        "runAfter": .object(runAfter)]
        }
        return ["triggers": ["manual": ["type": "Request", "kind": "Http"]], "actions": .object(actions)]
    }
    var perStep: [Int: Double] = [:]
    for count in [300, 3_000] {
        _ = try await longEngine.save(name: "chain\(count)", definition: chain(count), state: nil)
        let url = try await longEngine.callbackURL(workflow: "chain\(count)", trigger: "manual")
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        let started = ContinuousClock.now
        let run = try await longEngine.acceptTriggerCallback(
            workflow: "chain\(count)", trigger: "manual",
            request: InboundCallback(query: URLComponents(string: url)?.queryItems?.map { ($0.name, $0.value ?? "") } ?? [], headers: [], body: Data("{}".utf8)))
        while try await longEngine.run(workflow: "chain\(count)", id: run.id).summary.status == .running {
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        let elapsed = ContinuousClock.now - started
        perStep[count] = (Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15) / Double(count)
    }
    await longEngine.shutdown()
    print("5. long sequential runs (Compose chains; baseline: the 300-step chain's time per step)")
    row("300 steps, per step", String(format: "%8.3f ms", perStep[300] ?? .nan))
    row("3,000 steps, per step", String(format: "%8.3f ms", perStep[3_000] ?? .nan),
        String(format: "%.1f× the baseline (a pass re-reading every action would make it ~10×)", (perStep[3_000] ?? .nan) / (perStep[300] ?? .nan)))
    hello.task.cancel()
    try await client.shutdown()
}

try await main()
