import Foundation
import HookflowEngine
import Logging

/// The engine the workbench talks to, and how to let go of it.
///
/// With `--engine URL`, or a `hookflow serve` running on the data folder, that engine over HTTP;
/// only the serve's ``connection`` follows it when it comes back on another port.
/// Otherwise an engine in this process that also serves its callbacks and management API on
/// 127.0.0.1 (port 7071, or any free port when it is taken) and records itself in `engine.json`
/// as `hookflow serve` does, so `hookflow list` and the services' callbacks reach it while the
/// designer runs. It logs to `<data folder>/hookflow.log`: the screen is the designer's.
///
/// ```swift
/// let engine = try await DesignerEngine.connect(dataFolder: folder, engineURL: nil)
/// defer { Task { await engine.close() } }   // or await engine.close() when done
/// ```
public struct DesignerEngine: Sendable {
    /// The log file of an engine run in this process.
    public static let logFileName = "hookflow.log"
    /// The port an in-process engine tries first (that of `hookflow serve`).
    public static let preferredPort = 7071

    /// The engine now; the header's ``description`` is that of the engine found at the start.
    public let connection: EngineConnection
    public var client: any EngineClient { connection.client }
    /// For the header: `in-process http://127.0.0.1:7071`, `http://127.0.0.1:7071 (hookflow serve, pid 1234)`
    /// for the serve found on the data folder, or `--engine http://…`.
    public let description: String
    /// The in-process engine's log file; `nil` for a remote engine.
    public let logFile: URL?
    private let cleanup: @Sendable () async -> Void

    /// Stops the in-process engine's server and background work and removes its `engine.json`; nothing for a remote engine.
    public func close() async { await cleanup() }

    /// Finds or starts the engine for `dataFolder`; throws ``EngineError/unavailable(message:)`` or
    /// ``EngineError/conflict(code:message:)`` with what to do.
    public static func connect(
        dataFolder: URL, engineURL: String?, database: PostgresLocation? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, port: Int = preferredPort,
        appSettings: [String: String]? = nil
    ) async throws(EngineError) -> DesignerEngine {
        if let engineURL, !engineURL.isEmpty {
            let client = HTTPEngineClient(baseURL: engineURL, token: EngineLocator.token(dataFolder: dataFolder, environment: environment))
            return remote(.fixed(client), description: "--engine \(client.baseURL)")
        }
        switch await EngineLocator.runningEngine(in: dataFolder) {
        case .running(let record):
            let client = HTTPEngineClient(baseURL: record.url, token: EngineLocator.token(dataFolder: dataFolder, environment: environment))
            return remote(
                .following(dataFolder: dataFolder, client: client, environment: environment),
                description: EngineConnection.describe(serve: record, client: client))
        case .notAnswering(let record):
            throw .unavailable(message: """
                the engine running on \(dataFolder.path) (pid \(record.pid), \(record.url)) did not answer within \
                \(Int(EngineLocator.healthTimeout)) s; try again, or stop it (kill \(record.pid)) to work on the data folder directly
                """)
        case .none:
            return try await inProcess(dataFolder: dataFolder, database: database, port: port, appSettings: appSettings ?? environment)
        }
    }

    private static func remote(_ connection: EngineConnection, description: String) -> DesignerEngine {
        DesignerEngine(connection: connection, description: description, logFile: nil, cleanup: {})
    }

    private static func inProcess(dataFolder folder: URL, database: PostgresLocation?, port: Int,
                                  appSettings: [String: String]) async throws(EngineError) -> DesignerEngine {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .unavailable(message: "the data folder \(folder.path) is a file, not a folder; pass --data with a folder (or set $HOOKFLOW_HOME)")
        }
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw .unavailable(message: "cannot create the data folder \(folder.path): \(error.localizedDescription); check --data or $HOOKFLOW_HOME")
        }
        let logFile = folder.appendingPathComponent(logFileName)
        let sink: FileLogHandler.Sink
        do { sink = try FileLogHandler.Sink(url: logFile) } catch {
            throw .unavailable(message: "\(error); check the data folder's permissions")
        }
        let logger = { (label: String) in Logger(label: label) { FileLogHandler(label: $0, sink: sink) } }

        var configuration = EngineConfiguration(dataFolder: folder)
        configuration.appSettings = appSettings
        configuration.database = database
        let engine = try await EngineLocator.open(configuration, logger: logger("hookflow.engine"))
        // The lifecycle `hookflow serve` has (EngineHost), without its signals: the terminal owns those.
        let host = EngineHost(engine: engine, listen: .init(port: port, fallBackToAnyPort: true), logger: logger("hookflow.designer"),
                              serverLogger: logger("hookflow.server"))
        let running = try await host.launch()
        logger("hookflow.designer").info("designer engine listening on \(running.url) (data: \(folder.path))")
        // Never moves: it lives as long as the designer, whoever else claims engine.json later.
        return DesignerEngine(connection: .fixed(InProcessEngineClient(engine: engine)), description: "in-process \(running.url)", logFile: logFile) {
            await running.stop()
        }
    }
}
