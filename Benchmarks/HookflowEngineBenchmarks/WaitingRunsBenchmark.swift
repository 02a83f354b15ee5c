import AsyncHTTPClient
import Foundation

/// SPEC §6 "waiting runs: 1,000,000 waiting runs in < 200 MB engine memory, restart to serving
/// callbacks < 2 s, ≤ 1.5 KB of disk per waiting run", plus the runs pages over them.
///
/// 1. `hookflow serve` leaves one run waiting in an HTTP Webhook action (the template); it stops.
/// 2. Baseline: the engine restarted on that folder as it is (one waiting run).
/// 3. `WaitingRunSeeder` adds `waiting − 1` copies through the store API, no engine running.
/// 4. The engine restarted on the seeded folder. Restart time = from starting the process to the
///    first `202` of a trigger callback (polled every few ms; the URL stays valid across restarts
///    because the port is kept, which also keeps every waiting action's callback URL as it was).
///    Memory = the process's RSS once it has answered, and again after 5 s idle, and its peak.
///    Disk = growth of the data folder's files (engine stopped cleanly, WAL checkpointed) / copies.
struct WaitingRunsBenchmark {
    struct Restart {
        var engine: ServerProcess
        var toFirstCallback: Duration
        var residentMB: Double
        var settledMB: Double
        var peakMB: Double
    }

    var tools: Toolbox
    var options: BenchmarkOptions
    var client: HTTPClient
    var folder: URL
    var hello: ServerProcess

    private static let app = "bench-waiting"
    private static let probe = "bench-probe"

    func run(into table: inout ResultTable) async throws {
        let data = folder.appendingPathComponent("waiting")
        let port = try Self.freePort()
        let first = try await ServerProcess.engine(tools, data: data, port: port, logs: folder)
        let template: String
        let probeURL: String
        do {
            let api = EngineAPI(client: client, base: first.url)
            try await api.publish(Self.app, BenchmarkWorkflows.webhook(service: hello.url))
            try await api.publish(Self.probe, BenchmarkWorkflows.triggerOnly)
            probeURL = try await api.callbackURL(Self.probe)
            let started = try await api.callback(try await api.callbackURL(Self.app))
            guard started.status == 202, let id = started.runID else { throw BenchmarkError("the webhook app's trigger answered HTTP \(started.status)") }
            template = id
            let deadline = ContinuousClock.now + .seconds(60)
            while try await api.waitingActionCallbackURL(Self.app, runID: id) == nil {
                guard ContinuousClock.now < deadline else { throw BenchmarkError("the template run \(id) is not waiting after 60 s") }
                try await Task.sleep(for: .milliseconds(20))
            }
        } catch {
            await first.stop()
            throw error
        }
        await first.stop()

        let baseline = try await restart(data, port: port, probe: probeURL)
        await baseline.engine.stop()
        let bytesBefore = ProcessStats.folderBytes(data)

        let copies = options.waiting - 1
        let seeding = ContinuousClock.now
        let samples = copies > 0 ? try await WaitingRunSeeder(folder: data).seed(copiesOf: template, workflow: Self.app, count: copies) : [template]
        print("  seeded \(Format.count(copies)) waiting runs through the store in \(Format.decimal((ContinuousClock.now - seeding).seconds)) s "
              + "(load \(ProcessStats.loadAverage()))")

        let seeded = try await restart(data, port: port, probe: probeURL)
        var resume = Duration.zero
        var resumeStatus = 0
        var pages = RunsPages()
        do {
            let api = EngineAPI(client: client, base: seeded.engine.url)
            // A seeded run resumes like a real one: its callback URL is the engine's own.
            guard let url = try await api.waitingActionCallbackURL(Self.app, runID: samples.last ?? template) else {
                throw BenchmarkError("seeded run \(samples.last ?? template) is not waiting after the restart")
            }
            let sent = ContinuousClock.now
            resumeStatus = try await api.callback(url).status
            resume = ContinuousClock.now - sent
            pages = try await RunsPages.measure(api, app: Self.app)
        } catch {
            await seeded.engine.stop()
            throw error
        }
        await seeded.engine.stop()
        let bytesAfter = ProcessStats.folderBytes(data)
        let perRun = Double(bytesAfter - bytesBefore) / Double(max(copies, 1))
        print("  \(Format.count(options.waiting)) waiting runs: restart → first callback \(Format.milliseconds(seeded.toFirstCallback.milliseconds)) "
              + "(1 waiting run: \(Format.milliseconds(baseline.toFirstCallback.milliseconds))); RSS \(Format.megabytes(seeded.residentMB)) answering, "
              + "\(Format.megabytes(seeded.settledMB)) after 5 s, peak \(Format.megabytes(seeded.peakMB)) (1 waiting run: \(Format.megabytes(baseline.settledMB))); "
              + "data folder \(Format.count(bytesBefore)) → \(Format.count(bytesAfter)) bytes; a seeded run resumed → HTTP \(resumeStatus) in \(Format.milliseconds(resume.milliseconds))")

        let runs = Format.count(options.waiting)
        table.add(.init(figure: "\(runs) waiting runs: engine RSS after restart (answering / after 5 s / peak)",
                        median: "\(Format.megabytes(seeded.residentMB)) / \(Format.megabytes(seeded.settledMB)) / \(Format.megabytes(seeded.peakMB))",
                        baseline: "\(Format.megabytes(baseline.settledMB)) with 1 waiting run",
                        ratio: Format.megabytesChange(seeded.settledMB - baseline.settledMB), bar: "< 200 MB for 1,000,000"))
        table.add(.init(figure: "\(runs) waiting runs: restart → first trigger callback `202`", median: Format.milliseconds(seeded.toFirstCallback.milliseconds),
                        baseline: "\(Format.milliseconds(baseline.toFirstCallback.milliseconds)) with 1 waiting run",
                        ratio: "\(Format.decimal(seeded.toFirstCallback.seconds / baseline.toFirstCallback.seconds))×", bar: "< 2 s for 1,000,000"))
        table.add(.init(figure: "\(runs) waiting runs: disk per waiting run (data folder growth / runs)", median: Format.bytes(perRun),
                        rounds: "\(Format.count(bytesAfter - bytesBefore)) B / \(Format.count(copies))", bar: "≤ 1,536 B"))
        table.add(.init(figure: "\(runs) waiting runs: a seeded run's action callback after restart", median: Format.milliseconds(resume.milliseconds),
                        rounds: "HTTP \(resumeStatus)"))
        pages.report(runs: runs, into: &table)
        if resumeStatus != 200 { table.note("the seeded run's callback answered HTTP \(resumeStatus), not 200") }
        for engine in [first, baseline.engine, seeded.engine] where !engine.problems().isEmpty {
            table.note("waiting-runs engine logged \(engine.problems().count) warnings or errors, first: \(engine.problems()[0])")
        }
    }

    /// Starts the engine on `data` and times it from the process's start to its first `202`.
    private func restart(_ data: URL, port: Int, probe: String) async throws -> Restart {
        let start = ContinuousClock.now
        async let started = ServerProcess.engine(tools, data: data, port: port, logs: folder)
        var answered: Duration?
        while answered == nil, ContinuousClock.now - start < .seconds(300) {
            // A fresh client each try: a pool that saw refused connections would back off between tries.
            let prober = HTTPClient(eventLoopGroupProvider: .singleton)
            if let status = try? await EngineAPI(client: prober, base: "").callback(probe).status, status == 202 { answered = ContinuousClock.now - start }
            try? await prober.shutdown()
            if answered == nil { try await Task.sleep(for: .milliseconds(2)) }
        }
        let engine = try await started
        guard let answered else {
            await engine.stop()
            throw BenchmarkError("the restarted engine did not answer a trigger callback with 202 within 300 s")
        }
        let now = ProcessStats.memoryMB(engine.pid)
        try await Task.sleep(for: .seconds(5))
        let settled = ProcessStats.memoryMB(engine.pid)
        return Restart(engine: engine, toFirstCallback: answered, residentMB: now?.resident ?? .nan, settledMB: settled?.resident ?? .nan,
                       peakMB: settled?.peak ?? .nan)
    }

    /// A port free right now: the engine is restarted on the same one, as a real deployment is.
    private static func freePort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw BenchmarkError("cannot open a socket to find a free port") }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
        }
        guard bound else { throw BenchmarkError("cannot bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
