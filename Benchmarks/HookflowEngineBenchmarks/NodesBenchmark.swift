import AsyncHTTPClient
import Foundation
import HookflowEngine

/// SPEC §6 "Several nodes" (issue 14): durable trigger callbacks/s of the trigger-only app through
/// one engine on its SQLite file, one node on PostgreSQL, and two nodes sharing one PostgreSQL
/// database, beside hello-world — the same wrk settings for every line, lines alternated in each
/// round, medians over the rounds.
///
/// - Two nodes: wrk takes one URL, so two wrk processes run at once, one per node, each with half
///   the threads and half the connections (`-t1 -c32` each for `-t2 -c64`); the line's rate is the
///   sum of their answers below 400 per second (each over its own duration).
/// - CPU per callback: the engine process(es) from `/proc/PID/stat` over the window, and the
///   PostgreSQL server's — the postmaster, its live children and its ended ones (``PostgresCluster``);
///   not measured on a server given with `--database` (another machine's, or not ours to read).
/// - Callbacks per commit: the answers below 400 over the commits the nodes' stores report in
///   `GET /management/health` across the window (summed over the nodes); writes per commit beside it.
/// - Every acknowledged callback has its run: after each window the runs stored since the newest
///   run before it are counted through the management API (through the first node: the database
///   is shared) and must be at least the answers below 400, at most that plus wrk's connections
///   (requests in flight when wrk stops may be committed unanswered), every one `Succeeded`.
///
/// Each line has its own store: a data folder for SQLite, a fresh database for each PostgreSQL line
/// (made with `CREATE DATABASE` on the cluster). Every line's processes run for the whole section;
/// a line's idle nodes between its windows only poll (their queries land in the PostgreSQL CPU of
/// the other PostgreSQL line's windows: a few a second against thousands of callbacks).
struct NodesBenchmark {
    /// What one window of one line measured.
    struct Window {
        var wrk: [WrkResult]
        var engineCPUSeconds: Double
        var postgresCPUSeconds: Double?
        /// Commits and writes the nodes' stores made in the window (nil for hello-world).
        var commits: Int?
        var writes: Int?
        /// Runs stored in the window, and how many of them are not `Succeeded` (nil for hello-world).
        var runs: Int?
        var notSucceeded: Int?

        var accepted: Int { wrk.reduce(0) { $0 + $1.accepted } }
        var callbacksPerSecond: Double { wrk.reduce(0) { $0 + $1.acceptedPerSecond } }
        var refused: Int { wrk.reduce(0) { $0 + $1.statusErrors } }
        var socketErrors: Int { wrk.reduce(0) { $0 + $1.socketErrors } }
        var engineMicroseconds: Double { engineCPUSeconds * 1e6 / Double(max(accepted, 1)) }
        var postgresMicroseconds: Double? { postgresCPUSeconds.map { $0 * 1e6 / Double(max(accepted, 1)) } }
        var callbacksPerCommit: Double? { commits.map { Double(accepted) / Double(max($0, 1)) } }
        var writesPerCommit: Double? { commits.flatMap { commits in writes.map { Double($0) / Double(max(commits, 1)) } } }
    }

    /// One line of the table: the processes that answer, where wrk sends, and its windows.
    struct Line {
        var label: String
        var servers: [ServerProcess]
        /// One URL per server: wrk's load is split evenly over them.
        var urls: [String]
        /// One per server (empty for hello-world); the first one counts the runs.
        var apis: [EngineAPI]
        var onPostgres: Bool
        var windows: [Window] = []

        var isBaseline: Bool { apis.isEmpty }
    }

    static let app = "bench-nodes"
    /// The address every PostgreSQL node signs its callback URLs on (SPEC §3: the same `--public-url`
    /// on every node); the benchmark sends each share of the load to the node's own address instead
    /// (the signature covers the path and query, not the host).
    static let publicURL = "http://hookflow-nodes.invalid"

    var tools: Toolbox
    var options: BenchmarkOptions
    var client: HTTPClient
    var folder: URL
    var hello: ServerProcess

    func run(into table: inout ResultTable) async throws {
        let cluster = options.database == nil ? try PostgresCluster.start() : nil
        var servers: [ServerProcess] = []
        var databases: [String] = []
        let server = try PostgresLocation(options.database ?? cluster?.url ?? "", source: "--database")
        if let cluster {
            print("  PostgreSQL \(cluster.version): a throwaway cluster in \(cluster.folder) on \(server.host):\(server.port) (\(PostgresCluster.settings.joined(separator: ", ")))")
        } else {
            print("  PostgreSQL: \(server) (given with --database; its CPU is not measured)")
        }
        func cleanUp() async {
            for process in servers { await process.stop() }
            if cluster == nil, !options.keep {
                for name in databases { try? await PostgresStore.dropDatabase(name, on: server) }
            }
            cluster?.stop()
        }
        do {
            var lines = try await start(on: server, cluster: cluster, servers: &servers, databases: &databases)
            try await measure(&lines, cluster: cluster)
            report(lines, into: &table)
            for process in servers where !process.problems().isEmpty {
                let problems = process.problems()
                table.note("\(process.name) logged \(problems.count) warnings or errors, first: \(problems[0])")
            }
            if let cluster, !cluster.problems().isEmpty {
                let problems = cluster.problems()
                table.note("the PostgreSQL server logged \(problems.count) errors or warnings, first: \(problems[0])")
            }
        } catch {
            await cleanUp()
            throw error
        }
        await cleanUp()
    }

    /// Starts every line's engines on its own store, publishes the trigger-only app, and takes its URLs.
    private func start(on server: PostgresLocation, cluster: PostgresCluster?, servers: inout [ServerProcess], databases: inout [String]) async throws -> [Line] {
        let suffix = UUID().uuidString.prefix(8).lowercased()
        func data(_ name: String) throws -> URL {
            let url = folder.appendingPathComponent("nodes-\(name)")
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            return url
        }
        func database(_ name: String) async throws -> PostgresLocation {
            let full = "hookflow_bench_\(suffix)_\(name)"
            try await PostgresStore.createDatabase(full, on: server)
            databases.append(full)
            return server.with(database: full)
        }
        func node(_ name: String, on location: PostgresLocation) async throws -> ServerProcess {
            let process = try await ServerProcess.engine(tools, data: try data(name), logs: folder,
                                                         more: ["--database", location.url, "--public-url", Self.publicURL])
            servers.append(process)
            return process
        }

        let sqlite = try await ServerProcess.engine(tools, data: try data("sqlite"), logs: folder)
        servers.append(sqlite)
        let single = try await node("pg-one", on: try await database("one"))
        let shared = try await database("two")
        let first = try await node("pg-two-a", on: shared)
        // The second node seals and unseals with the first one's key (README, "Running several nodes").
        let key = folder.appendingPathComponent("nodes-pg-two-a").appendingPathComponent(SecretSealer.keyFileName)
        let secondData = try data("pg-two-b")
        try FileManager.default.copyItem(at: key, to: secondData.appendingPathComponent(SecretSealer.keyFileName))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: secondData.appendingPathComponent(SecretSealer.keyFileName).path)
        let second = try await node("pg-two-b", on: shared)

        var lines = [
            Line(label: "hello-world (baseline)", servers: [hello], urls: [hello.url + "/hello"], apis: [], onPostgres: false),
            Line(label: "one node, SQLite", servers: [sqlite], urls: [], apis: [EngineAPI(client: client, base: sqlite.url)], onPostgres: false),
            Line(label: "one node, PostgreSQL", servers: [single], urls: [], apis: [EngineAPI(client: client, base: single.url)], onPostgres: true),
            Line(label: "two nodes, PostgreSQL (one database)", servers: [first, second], urls: [],
                 apis: [EngineAPI(client: client, base: first.url), EngineAPI(client: client, base: second.url)], onPostgres: true),
        ]
        for index in lines.indices where !lines[index].isBaseline {
            let api = lines[index].apis[0]
            try await api.publish(Self.app, BenchmarkWorkflows.triggerOnly)
            let url = try await api.callbackURL(Self.app)
            // Signed on --public-url for the PostgreSQL nodes: the same path and query on each node's own address.
            lines[index].urls = lines[index].servers.map { $0.url + Self.pathAndQuery(of: url) }
        }
        return lines
    }

    /// `/workflows/…?…&sig=…` of `http://host:port/workflows/…?…&sig=…`.
    static func pathAndQuery(of url: String) -> String {
        guard let scheme = url.range(of: "://"), let slash = url[scheme.upperBound...].firstIndex(of: "/") else { return url }
        return String(url[slash...])
    }

    private func measure(_ lines: inout [Line], cluster: PostgresCluster?) async throws {
        // Warm-up, not recorded; the second node must know the app the first one published
        // (it learns it through NOTIFY): until then it answers 404.
        for index in lines.indices {
            var attempt = 0
            while true {
                attempt += 1
                let warm = try await load(lines[index].urls, seconds: 2, tag: "warm")
                if warm.allSatisfy({ $0.statusErrors == 0 }) { break }
                guard attempt < 5 else {
                    throw BenchmarkError("\(lines[index].label): the warm-up was still answered ≥ 400 after \(attempt) tries: \(warm.map(\.summary).joined(separator: "; "))")
                }
                try await Task.sleep(for: .seconds(1))
            }
            if let api = lines[index].apis.first { _ = try await api.waitUntilNoneRunning(Self.app) }
        }
        for round in 1...options.rounds {
            for index in lines.indices {
                let window = try await window(lines[index], cluster: cluster)
                lines[index].windows.append(window)
                var text = "  round \(round), \(lines[index].label): \(Format.count(window.callbacksPerSecond)) /s"
                if window.wrk.count > 1 { text += " (" + window.wrk.map { Format.count($0.acceptedPerSecond) }.joined(separator: " + ") + ")" }
                text += ", " + window.wrk.map(\.summary).joined(separator: " | ")
                text += "; CPU/callback \(Format.count(window.engineMicroseconds)) µs"
                if let postgres = window.postgresMicroseconds { text += " + PostgreSQL \(Format.count(postgres)) µs" }
                if let perCommit = window.callbacksPerCommit, let writes = window.writesPerCommit {
                    text += "; \(Format.count(window.commits ?? 0)) commits, \(Format.decimal(perCommit)) callbacks and \(Format.decimal(writes)) writes per commit"
                }
                if let runs = window.runs { text += "; \(Format.count(runs)) runs stored for \(Format.count(window.accepted)) answers, \(window.notSucceeded ?? 0) not Succeeded" }
                print(text + " (load \(ProcessStats.loadAverage()))")
            }
        }
    }

    private func window(_ line: Line, cluster: PostgresCluster?) async throws -> Window {
        let mark = try await line.apis.first?.newestRunID(Self.app)
        var statsBefore: [(commits: Int, writes: Int)] = []
        for api in line.apis { statsBefore.append(try await api.storeStatistics()) }
        let cpuBefore = line.servers.reduce(0) { $0 + $1.cpuSeconds }
        let postgresBefore = line.onPostgres ? cluster?.cpuSeconds : nil
        let results = try await load(line.urls, seconds: options.seconds, tag: "window")
        let cpuAfter = line.servers.reduce(0) { $0 + $1.cpuSeconds }
        let postgresAfter = line.onPostgres ? cluster?.cpuSeconds : nil
        var window = Window(wrk: results, engineCPUSeconds: cpuAfter - cpuBefore,
                            postgresCPUSeconds: postgresBefore.flatMap { before in postgresAfter.map { $0 - before } })
        guard let api = line.apis.first else { return window }
        var commits = 0
        var writes = 0
        for (api, before) in zip(line.apis, statsBefore) {
            let after = try await api.storeStatistics()
            commits += after.commits - before.commits
            writes += after.writes - before.writes
        }
        window.commits = commits
        window.writes = writes
        _ = try await api.waitUntilNoneRunning(Self.app)
        let stored = try await api.runs(Self.app, since: mark)
        window.runs = stored.count
        window.notSucceeded = stored.notSucceeded
        return window
    }

    /// wrk against every URL at once, the threads and connections split evenly between them.
    private func load(_ urls: [String], seconds: Double, tag: String) async throws -> [WrkResult] {
        let threads = max(1, options.threads / urls.count)
        let connections = max(1, options.connections / urls.count)
        let tools = self.tools
        let folder = self.folder
        return try await withThrowingTaskGroup(of: (Int, WrkResult).self) { group in
            for (index, url) in urls.enumerated() {
                let logs = folder.appendingPathComponent("wrk-nodes-\(tag)-\(index)")
                try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
                let wrk = Wrk(tools: tools, threads: threads, connections: connections, logs: logs)
                group.addTask { (index, try await wrk.run(url, seconds: seconds)) }
            }
            var results = [WrkResult?](repeating: nil, count: urls.count)
            for try await (index, result) in group { results[index] = result }
            return results.compactMap { $0 }
        }
    }

    private func report(_ lines: [Line], into table: inout ResultTable) {
        guard let hello = lines.first(where: \.isBaseline) else { return }
        let helloRates = hello.windows.map(\.callbacksPerSecond)
        let helloCPU = hello.windows.map(\.engineMicroseconds)
        let split = "wrk -t\(options.threads) -c\(options.connections)"
        table.add(.init(figure: "nodes: hello-world `POST → 202` (baseline), req/s, \(split)", median: Format.count(Statistics.median(helloRates)),
                        rounds: ResultTable.rounds(helloRates.map(Format.count))))
        table.add(.init(figure: "nodes: hello-world CPU per request (baseline)", median: "\(Format.decimal(Statistics.median(helloCPU))) µs",
                        rounds: ResultTable.rounds(helloCPU.map { Format.decimal($0) })))
        for line in lines where !line.isBaseline {
            let rates = line.windows.map(\.callbacksPerSecond)
            let ratios = zip(rates, helloRates).map { $0 / $1 }
            let how = line.servers.count > 1 ? ", \(line.servers.count) wrk at once (-t\(max(1, options.threads / line.servers.count)) -c\(options.connections / line.servers.count) each), summed" : ""
            table.add(.init(figure: "durable trigger callbacks/s, trigger only, \(line.label)\(how)", median: Format.count(Statistics.median(rates)),
                            rounds: ResultTable.rounds(rates.map(Format.count)), baseline: Format.count(Statistics.median(helloRates)),
                            ratio: Format.percent(Statistics.median(ratios))))
            let engine = line.windows.map(\.engineMicroseconds)
            var cpu = "\(Format.count(Statistics.median(engine))) µs"
            var rounds = engine.map(Format.count)
            let postgres = line.windows.compactMap(\.postgresMicroseconds)
            let serverMeasured = line.onPostgres && postgres.count == line.windows.count
            if serverMeasured {
                cpu += " + \(Format.count(Statistics.median(postgres))) µs PostgreSQL = \(Format.count(Statistics.median(zip(engine, postgres).map { $0 + $1 }))) µs"
                rounds = zip(engine, postgres).map { "\(Format.count($0)) + \(Format.count($1))" }
            }
            table.add(.init(figure: "CPU per callback, \(line.label): engine\(line.servers.count > 1 ? "s" : "")\(serverMeasured ? " + PostgreSQL server" : line.onPostgres ? " (the PostgreSQL server's not measured)" : "")",
                            median: cpu, rounds: ResultTable.rounds(rounds), baseline: "\(Format.decimal(Statistics.median(helloCPU))) µs",
                            ratio: "\(Format.decimal(Statistics.median(zip(engine, helloCPU).map { $0 / $1 })))× (engine)"))
            let perCommit = line.windows.compactMap(\.callbacksPerCommit)
            let writes = line.windows.compactMap(\.writesPerCommit)
            table.add(.init(figure: "callbacks per commit, \(line.label) (engine's store counts; writes per commit)",
                            median: "\(Format.decimal(Statistics.median(perCommit))) (\(Format.decimal(Statistics.median(writes))))",
                            rounds: ResultTable.rounds(zip(perCommit, writes).map { "\(Format.decimal($0)) (\(Format.decimal($1)))" })))
            let answered = line.windows.reduce(0) { $0 + $1.accepted }
            let runs = line.windows.reduce(0) { $0 + ($1.runs ?? 0) }
            let notSucceeded = line.windows.reduce(0) { $0 + ($1.notSucceeded ?? 0) }
            let refused = line.windows.reduce(0) { $0 + $1.refused }
            let socket = line.windows.reduce(0) { $0 + $1.socketErrors }
            table.add(.init(figure: "\(line.label): answers ≥ 400 / socket errors; runs stored / callbacks answered < 400 in the windows, not Succeeded",
                            median: "\(refused) / \(socket); \(Format.count(runs)) / \(Format.count(answered)), \(notSucceeded)",
                            rounds: ResultTable.rounds(line.windows.map { "\($0.refused) / \($0.socketErrors); \(Format.count($0.runs ?? 0)) / \(Format.count($0.accepted))" })))
            for (round, window) in line.windows.enumerated() {
                let runs = window.runs ?? 0
                if runs < window.accepted || runs > window.accepted + options.connections || (window.notSucceeded ?? 0) > 0 {
                    table.note("check failed — \(line.label), round \(round + 1): \(Format.count(window.accepted)) callbacks answered below 400, "
                               + "\(Format.count(runs)) runs stored, \(window.notSucceeded ?? 0) of them not Succeeded")
                }
            }
            if refused + socket > 0 { table.note("\(line.label): \(refused) answers ≥ 400 and \(socket) socket errors in the measured windows (see the round lines).") }
        }
    }
}
