import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel
import Logging

/// `hookflow serve`: runs the engine headless, with trigger callbacks and the management API on
/// one HTTP server, until SIGINT or SIGTERM (``EngineHost``: the lifecycle the designer shares).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Run the engine headless: callbacks and the management API over HTTP.",
        discussion: """
            Records its address in the data folder (engine.json) so that other hookflow commands on the \
            same folder use it; only one engine may run on a data folder. Beyond loopback (--host 0.0.0.0) \
            the management API requires the bearer token kept in the data folder's management-token file. \
            --port 0 picks a free port; the line printed on start names it. Stops cleanly on Ctrl-C or SIGTERM.

            Example:
              $ hookflow serve --port 7071 --data ./hf
              hookflow engine listening on http://127.0.0.1:7071 (data: /home/me/hf)

            Several nodes on one PostgreSQL database (each with its own data folder holding the same \
            sealing-key file, all with the same --public-url behind a load balancer):
              $ hookflow serve --database postgres://hookflow:secret@db:5432/hookflow --data ./node1 --public-url https://hooks.example.com
            """
    )

    @Option(name: .long, help: "The address to listen on; anything but loopback requires the management token.")
    var host = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port = 7071

    @Option(name: .customLong("public-url"), help: ArgumentHelp(
        "The address services call back (when the engine is behind a proxy or tunnel), e.g. https://hooks.example.com.", valueName: "url"))
    var publicURL: String?

    @Option(name: .long, help: ArgumentHelp("The data folder (default: $HOOKFLOW_HOME, else ~/.local/share/hookflow).", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp(
        "A Standard project's local.settings.json: its Values are the app settings appsetting('X') reads while runs run, over the environment (default: the environment only).",
        valueName: "file"))
    var settings: String?

    @Option(name: .long, help: ArgumentHelp(
        "A PostgreSQL database to keep everything in instead of the data folder's SQLite file, shared by every node started on it (default: $HOOKFLOW_DATABASE_URL).",
        valueName: "postgres://USER:PASSWORD@HOST:PORT/DB"))
    var database: String?

    @Option(name: .customLong("body-limit"), help: ArgumentHelp("The largest callback body accepted, in bytes (default 100 MB); larger ones get 413.", valueName: "bytes"))
    var bodyLimit: Int?

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp(
        "Seconds a connection may sit with no request in progress, headers still arriving included (default 30).", valueName: "seconds"))
    var idleTimeout: Double?

    @Option(name: .customLong("read-timeout"), help: ArgumentHelp(
        "Seconds a request's body may take to arrive once its headers have (default 60).", valueName: "seconds"))
    var readTimeout: Double?

    @Option(name: .customLong("max-connections"), help: ArgumentHelp(
        "Most connections open at once (default 4096, lowered to what the open-file limit allows); beyond it the longest idle one is closed.",
        valueName: "count"))
    var maxConnections: Int?

    @Option(name: .customLong("run-duration-limit"), help: ArgumentHelp(
        "How long a run may last before it is TimedOut, as an ISO 8601 duration (default P90D).", valueName: "duration"))
    var runDurationLimit: String?

    @Option(name: .customLong("subscription-wait"), help: ArgumentHelp(
        "Seconds a save, enable, disable or delete waits for its subscribe and unsubscribe calls' answers (default 5); calls still under way then go on, reported as Subscribing/Unsubscribing.",
        valueName: "seconds"))
    var subscriptionWait: Double?

    @Option(name: .customLong("request-timeout"), help: ArgumentHelp(
        "Seconds each outbound call (subscribe, unsubscribe, HTTP action) may take before it counts as failed (default 120).", valueName: "seconds"))
    var requestTimeout: Double?

    @Option(name: .customLong("log-level"), help: "How much to log to stderr.")
    var logLevel: Logger.Level = .info

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be between 0 and 65535 (0: any free port), not \(port)") }
        if let bodyLimit, bodyLimit <= 0 { throw ValidationError("--body-limit must be a positive number of bytes, not \(bodyLimit)") }
        if let idleTimeout, !(idleTimeout > 0) { throw ValidationError("--idle-timeout must be a positive number of seconds, not \(idleTimeout)") }
        if let readTimeout, !(readTimeout > 0) { throw ValidationError("--read-timeout must be a positive number of seconds, not \(readTimeout)") }
        if let maxConnections, maxConnections < 1 { throw ValidationError("--max-connections must be at least 1, not \(maxConnections)") }
        if let subscriptionWait, !(subscriptionWait >= 0) { throw ValidationError("--subscription-wait must be 0 or more seconds, not \(subscriptionWait)") }
        if let requestTimeout, !(requestTimeout > 0) { throw ValidationError("--request-timeout must be a positive number of seconds, not \(requestTimeout)") }
        if let runDurationLimit, (ISO8601Duration(runDurationLimit)?.totalSeconds ?? 0) <= 0 {
            throw ValidationError("--run-duration-limit \"\(runDurationLimit)\" is not an ISO 8601 duration such as P90D, P7D or PT12H")
        }
        do { _ = try PostgresLocation.chosen(option: database) } catch { throw ValidationError("\(error)") }
        if let publicURL {
            guard let url = URL(string: publicURL), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host?.isEmpty == false else {
                throw ValidationError("--public-url must be an http or https URL like https://hooks.example.com, not \"\(publicURL)\"")
            }
        }
    }

    func run() async throws {
        let level = logLevel
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        try await CommandFailure.reporting {
            try await serve(logger: Logger(label: "hookflow.serve"))
        }
    }

    private func serve(logger: Logger) async throws {
        let folder = DataFolder.resolve(option: data).url
        // Fails fast, before binding, when another engine owns the folder.
        try await EngineLocator.ensureNoRunningEngine(in: folder)

        var configuration = EngineConfiguration(dataFolder: folder)
        configuration.publicURL = publicURL
        if let settings { configuration.appSettings = try Self.appSettings(from: settings) }
        configuration.database = try PostgresLocation.chosen(option: database)
        if let bodyLimit { configuration.bodyLimit = bodyLimit }
        if let idleTimeout { configuration.idleTimeout = idleTimeout }
        if let readTimeout { configuration.readTimeout = readTimeout }
        if let maxConnections { configuration.maximumConnections = maxConnections }
        if let subscriptionWait { configuration.subscriptionWait = subscriptionWait }
        if let requestTimeout { configuration.requestTimeout = requestTimeout }
        if let limit = runDurationLimit.flatMap(ISO8601Duration.init) { configuration.runDurationLimit = limit.totalSeconds }
        let engine = try await EngineLocator.open(configuration, logger: Logger(label: "hookflow.engine"))
        if configuration.database != nil, publicURL == nil {
            // Each node would sign callbacks on its own address and move the others' waiting actions to it.
            logger.warning("--database without --public-url: give every node the same --public-url (the load balancer's address), or callbacks are made on each node's own address")
        }

        var tokenFile: String?
        var token: String?
        if EngineServer.managementNeedsToken(host: host, publicURL: publicURL) {
            do { token = try EngineServer.managementToken(in: folder) } catch {
                await engine.shutdown()
                throw CommandFailure("\(error)")
            }
            tokenFile = folder.appendingPathComponent(EngineServer.managementTokenFileName).path
        }

        let engineHost = EngineHost(engine: engine, listen: .init(host: host, port: port, managementToken: token), logger: logger,
                                    serverLogger: Logger(label: "hookflow.server"))
        let database = configuration.database.map { ", database: \($0)" } ?? ""
        try await engineHost.runUntilTerminated { [tokenFile] url in
            var lines = ["hookflow engine listening on \(url) (data: \(folder.path)\(database))"]
            if let tokenFile { lines.append("management API token: \(tokenFile) (send it as Authorization: Bearer TOKEN)") }
            // Straight to the file descriptor: whoever waits for this line (a script, a test) gets it now.
            FileHandle.standardOutput.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        logger.info("stopped")
    }

    /// The Values of a local.settings.json over the environment, or a clear error naming the file.
    static func appSettings(from path: String) throws -> [String: String] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CommandFailure("cannot read --settings \(path): \(error.localizedDescription); name a local.settings.json file")
        }
        do {
            return try ProjectSettings(parametersText: nil, localSettingsText: text, environment: ProcessInfo.processInfo.environment).appSettings
        } catch {
            throw CommandFailure("--settings \(path): \(error)")
        }
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
