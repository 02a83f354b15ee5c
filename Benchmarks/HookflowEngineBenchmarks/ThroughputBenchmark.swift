import AsyncHTTPClient
import Foundation

/// SPEC §6 "trigger callbacks committed durably" and "whole runs": wrk against the hello-world
/// server, then against an engine app, alternated, for a trigger-only app and a trigger + Compose
/// app, `rounds` times. Each engine window is paired with the hello-world window just before it.
///
/// - callbacks/s: wrk's answers below 400 (`202`: the run is committed) over wrk's duration;
/// - CPU µs per callback: the engine process's user + system time over the wrk window, from
///   `/proc/PID/stat` (10 ms ticks), over those answers; the hello-world server's the same way;
/// - whole runs/s: after the window, the runs still `Running` are counted (the backlog) and the
///   engine is watched until none is left (the drain); sustained runs/s = answers / (window + drain).
struct ThroughputBenchmark {
    struct HelloWindow {
        var wrk: WrkResult
        var cpuMicroseconds: Double
    }

    struct EngineWindow {
        var wrk: WrkResult
        var cpuSecondsAtStart: Double
        var cpuMicrosecondsPerCallback: Double
        /// Threads of the engine process mid-window.
        var threads: Int
    }

    /// What follows an engine window: the runs it left `Running`, and how long they took to end.
    struct Drain {
        var backlog: Int
        var seconds: Double
        var cpuSecondsAtEnd: Double
    }

    /// One engine window with the hello-world window just before it and the drain after it.
    struct Round {
        var hello: HelloWindow
        var engine: EngineWindow
        var drain: Drain

        var runsPerSecond: Double { Double(engine.wrk.accepted) / (engine.wrk.seconds + drain.seconds) }
        var cpuMicrosecondsPerRun: Double { (drain.cpuSecondsAtEnd - engine.cpuSecondsAtStart) * 1e6 / Double(max(engine.wrk.accepted, 1)) }
    }

    /// One app under load: its callback URL, the callbacks it accepted in all, and its rounds.
    struct App {
        var name: String
        var label: String
        var url = ""
        var accepted = 0
        var rounds: [Round] = []
    }

    var options: BenchmarkOptions
    var wrk: Wrk
    var hello: ServerProcess
    var engine: ServerProcess
    var api: EngineAPI

    mutating func run(into table: inout ResultTable) async throws {
        var apps = [App(name: "bench-trigger", label: "trigger only"), App(name: "bench-compose", label: "trigger + Compose")]
        try await api.publish(apps[0].name, BenchmarkWorkflows.triggerOnly)
        try await api.publish(apps[1].name, BenchmarkWorkflows.compose)
        for index in apps.indices { apps[index].url = try await api.callbackURL(apps[index].name) }

        // Warm-up, not recorded: connections, caches and the database file's first pages.
        _ = try await wrk.run(hello.url + "/hello", seconds: 2)
        for index in apps.indices {
            let warm = try await wrk.run(apps[index].url, seconds: 2)
            apps[index].accepted += warm.accepted
            _ = try await api.waitUntilNoneRunning(apps[index].name)
        }

        for round in 1...options.rounds {
            for index in apps.indices {
                let helloWindow = try await measureHello()
                let engineWindow = try await measureEngine(apps[index].url)
                apps[index].accepted += engineWindow.wrk.accepted
                let drained = try await drain(apps[index].name)
                let measured = Round(hello: helloWindow, engine: engineWindow, drain: drained)
                apps[index].rounds.append(measured)
                print("  round \(round), \(apps[index].label): hello-world \(helloWindow.wrk.summary), \(Format.decimal(helloWindow.cpuMicroseconds)) µs CPU/request")
                print("    engine \(engineWindow.wrk.summary), \(Format.count(engineWindow.cpuMicrosecondsPerCallback)) µs CPU/callback, "
                      + "\(engineWindow.threads) threads; backlog \(Format.count(drained.backlog)) Running, drained in \(Format.decimal(drained.seconds, 2)) s "
                      + "→ \(Format.count(measured.runsPerSecond)) whole runs/s, \(Format.count(measured.cpuMicrosecondsPerRun)) µs CPU/run "
                      + "(load \(ProcessStats.loadAverage()))")
            }
        }
        report(apps, into: &table)
        try await check(apps, into: &table)
    }

    private func measureHello() async throws -> HelloWindow {
        let before = hello.cpuSeconds
        let result = try await wrk.run(hello.url + "/hello", seconds: options.seconds)
        let cpu = (hello.cpuSeconds - before) * 1e6 / Double(max(result.accepted, 1))
        return HelloWindow(wrk: result, cpuMicroseconds: cpu)
    }

    /// The wrk window alone.
    private func measureEngine(_ url: String) async throws -> EngineWindow {
        let before = engine.cpuSeconds
        let pid = engine.pid
        let halfway = Duration.milliseconds(Int(options.seconds * 500))
        let threads = Task {
            // Threads under load, sampled mid-window (issue 11 counted 42).
            try? await Task.sleep(for: halfway)
            return ProcessStats.threads(pid) ?? 0
        }
        let result = try await wrk.run(url, seconds: options.seconds)
        let after = engine.cpuSeconds
        return EngineWindow(wrk: result, cpuSecondsAtStart: before, cpuMicrosecondsPerCallback: (after - before) * 1e6 / Double(max(result.accepted, 1)),
                            threads: await threads.value)
    }

    /// Counts the runs still `Running` (the backlog) and waits until there are none.
    private func drain(_ app: String) async throws -> Drain {
        let start = ContinuousClock.now
        let backlog = try await api.count(app, status: "Running")
        _ = try await api.waitUntilNoneRunning(app)
        return Drain(backlog: backlog, seconds: (ContinuousClock.now - start).seconds, cpuSecondsAtEnd: engine.cpuSeconds)
    }

    private func report(_ apps: [App], into table: inout ResultTable) {
        let hellos = apps.flatMap { $0.rounds.map(\.hello) }
        table.add(.init(figure: "hello-world Hummingbird `POST → 202` (baseline), req/s", median: Format.count(Statistics.median(hellos.map(\.wrk.acceptedPerSecond))),
                        rounds: ResultTable.rounds(hellos.map { Format.count($0.wrk.acceptedPerSecond) })))
        table.add(.init(figure: "hello-world CPU per request (baseline)", median: "\(Format.decimal(Statistics.median(hellos.map(\.cpuMicroseconds)))) µs",
                        rounds: ResultTable.rounds(hellos.map { Format.decimal($0.cpuMicroseconds) })))
        for app in apps {
            let helloRates = app.rounds.map(\.hello.wrk.acceptedPerSecond)
            let rates = app.rounds.map(\.engine.wrk.acceptedPerSecond)
            let ratios = zip(rates, helloRates).map { $0 / $1 }
            table.add(.init(figure: "durable trigger callbacks/s, \(app.label) (`202` after commit)", median: Format.count(Statistics.median(rates)),
                            rounds: ResultTable.rounds(rates.map(Format.count)), baseline: Format.count(Statistics.median(helloRates)),
                            ratio: Format.percent(Statistics.median(ratios)), bar: "≥ 10,000/s and ≥ 20 %"))
            let cpu = app.rounds.map(\.engine.cpuMicrosecondsPerCallback)
            let helloCPU = app.rounds.map(\.hello.cpuMicroseconds)
            table.add(.init(figure: "engine CPU per callback, \(app.label)", median: "\(Format.count(Statistics.median(cpu))) µs",
                            rounds: ResultTable.rounds(cpu.map(Format.count)), baseline: "\(Format.decimal(Statistics.median(helloCPU))) µs",
                            ratio: "\(Format.decimal(Statistics.median(zip(cpu, helloCPU).map { $0 / $1 })))×", bar: "≤ 100 µs"))
        }
        guard let compose = apps.last else { return }
        let helloRates = compose.rounds.map(\.hello.wrk.acceptedPerSecond)
        let runs = compose.rounds.map(\.runsPerSecond)
        table.add(.init(figure: "whole runs/s sustained, trigger + Compose (answers / (window + drain))", median: Format.count(Statistics.median(runs)),
                        rounds: ResultTable.rounds(runs.map(Format.count)), baseline: Format.count(Statistics.median(helloRates)),
                        ratio: Format.percent(Statistics.median(zip(runs, helloRates).map { $0 / $1 })), bar: "≥ 8,000/s and ≥ 15 %"))
        let backlogs = compose.rounds.map { Double($0.drain.backlog) }
        let drains = compose.rounds.map(\.drain.seconds)
        table.add(.init(figure: "`Running` backlog at the window's end / drain time, trigger + Compose",
                        median: "\(Format.count(Statistics.median(backlogs))) / \(Format.decimal(Statistics.median(drains), 2)) s",
                        rounds: ResultTable.rounds(zip(backlogs, drains).map { "\(Format.count($0)) / \(Format.decimal($1, 2)) s" }), bar: "stays bounded"))
        let runCPU = compose.rounds.map(\.cpuMicrosecondsPerRun)
        table.add(.init(figure: "engine CPU per whole run (window + drain), trigger + Compose", median: "\(Format.count(Statistics.median(runCPU))) µs",
                        rounds: ResultTable.rounds(runCPU.map(Format.count))))
        for app in apps {
            let bad = app.rounds.reduce(0) { $0 + $1.engine.wrk.statusErrors + $1.engine.wrk.socketErrors }
            if bad > 0 { table.note("\(app.label): \(bad) requests answered ≥ 400 or failed at the socket during the measured windows (see the round lines).") }
        }
    }

    /// SPEC §6: "every 202 has its run afterwards", and every run of these apps ended `Succeeded`.
    private func check(_ apps: [App], into table: inout ResultTable) async throws {
        for app in apps {
            let all = try await api.count(app.name, status: nil)
            let succeeded = try await api.count(app.name, status: "Succeeded")
            let line = "\(app.label): \(Format.count(app.accepted)) callbacks answered below 400, \(Format.count(all)) runs stored, \(Format.count(succeeded)) Succeeded"
            print("  check: " + line)
            // wrk drops up to one request per connection in flight when it stops: those runs may exist unanswered.
            if all < app.accepted || succeeded != all { table.note("check failed — " + line) }
        }
    }
}
