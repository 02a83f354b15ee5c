import AsyncHTTPClient
import Foundation

// Engine benchmarks as SPEC §6 asks: every load comes from another process (wrk, or the open-loop
// sender where a fixed rate is needed) and every figure has a baseline measured in the same run —
// a hello-world Hummingbird server, also in its own process, under the same load.
//
//   swift run -c release HookflowEngineBenchmarks [--rounds 3] [--seconds 10] [--waiting 1000000] [--quick] [--only nodes,…] [--database URL]
//
// It drives the release `hookflow serve` over HTTP only (management API, signed callback URLs),
// except for seeding waiting runs (WaitingRunSeeder). Sections, in order:
//   throughput  durable trigger callbacks/s, CPU per callback, whole runs/s  (ThroughputBenchmark)
//   commits     callbacks per commit, from the engine's fsyncs under strace   (CommitCounter)
//   nodes       callbacks/s of one node on SQLite, one and two on PostgreSQL  (NodesBenchmark)
//   resume      webhook action resume latency at a fixed rate                 (ResumeBenchmark)
//   waiting     many waiting runs: memory, restart, disk; runs pages           (WaitingRunsBenchmark)
//   chains      300- and 3,000-step Compose chains                              (ChainBenchmark)
// It ends with one table: BENCHMARKS.md holds the latest.

let options: BenchmarkOptions
do { options = try BenchmarkOptions(CommandLine.arguments) } catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(2)
}
let tools: Toolbox
do { tools = try await Toolbox.locate() } catch {
    FileHandle.standardError.write(Data("HookflowEngineBenchmarks: \(error)\n".utf8))
    exit(1)
}

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-bench-\(UUID().uuidString.prefix(8))")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
let client = HTTPClient(eventLoopGroupProvider: .singleton,
                        configuration: .init(connectionPool: .init(idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 32)))
let wrk = Wrk(tools: tools, threads: options.threads, connections: options.connections, logs: folder)
let machine = await Machine.describe(tools)
print("""
    Hookflow engine benchmarks, \(machine.date)
    \(machine.summary)
    \(tools.hookflow.path) (commit \(machine.commit)); wrk -t\(options.threads) -c\(options.connections), \(options.rounds) rounds of \(Format.decimal(options.seconds, 0)) s; \
    resume at \(options.resumeRate)/s; \(Format.count(options.waiting)) waiting runs; data and logs in \(folder.path)
    load average at start: \(ProcessStats.loadAverage())
    """)

var table = ResultTable()
let loadAtStart = ProcessStats.loadAverage()
let hello = try await ServerProcess.helloWorld(tools, logs: folder)

/// Runs one section; a failure is noted in the table and the others still run.
@MainActor
func section(_ name: BenchmarkOptions.Section, _ title: String, _ body: (inout ResultTable) async throws -> Void) async {
    guard options.sections.contains(name) else { return }
    print("\n\(title) (load \(ProcessStats.loadAverage()))")
    var rows = table
    do { try await body(&rows) } catch {
        print("  FAILED: \(error)")
        rows.note("\(name.rawValue) failed: \(error)")
    }
    table = rows
}

await section(.throughput, "Durable trigger callbacks and whole runs: wrk, hello-world and engine alternated") { table in
    let engine = try await ServerProcess.engine(tools, data: folder.appendingPathComponent("throughput"), logs: folder)
    var benchmark = ThroughputBenchmark(options: options, wrk: wrk, hello: hello, engine: engine, api: EngineAPI(client: client, base: engine.url))
    do { try await benchmark.run(into: &table) } catch {
        await engine.stop()
        throw error
    }
    await engine.stop()
    if let first = engine.problems().first { table.note("throughput engine logged \(engine.problems().count) warnings or errors, first: \(first)") }
}
await section(.commits, "Callbacks per commit: one more round, the engine under strace") { table in
    try await CommitCounter(tools: tools, options: options, wrk: wrk, client: client, folder: folder).run(into: &table)
}
await section(.nodes, "Several nodes: one engine on SQLite, one and two nodes on PostgreSQL, hello-world, alternated") { table in
    try await NodesBenchmark(tools: tools, options: options, client: client, folder: folder, hello: hello).run(into: &table)
}
await section(.resume, "Webhook action resume at \(options.resumeRate)/s, open loop") { table in
    try await ResumeBenchmark(tools: tools, options: options, client: client, folder: folder, hello: hello).run(into: &table)
}
await section(.waiting, "\(Format.count(options.waiting)) waiting runs: memory, restart, disk") { table in
    try await WaitingRunsBenchmark(tools: tools, options: options, client: client, folder: folder, hello: hello).run(into: &table)
}
await section(.chains, "Long sequential runs") { table in
    try await ChainBenchmark(tools: tools, client: client, folder: folder).run(into: &table)
}

await hello.stop()
await shutDown(client)
print("\nload average: \(loadAtStart) at start, \(ProcessStats.loadAverage()) at the end\n")
print(table.markdown)
if options.keep { print("\nkept: \(folder.path)") } else { try? FileManager.default.removeItem(at: folder) }

/// Top-level code resolves `client.shutdown()` to the EventLoopFuture overload; inside a function it is the async one.
func shutDown(_ client: HTTPClient) async { try? await client.shutdown() }
