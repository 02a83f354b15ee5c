import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel
import Logging

/// The options every command that talks to an engine shares: `--data DIR`, `--engine URL`, `--json`.
///
/// Without `--engine`, a command uses the `hookflow serve` running on the data folder, else opens
/// the engine itself (see ``EngineLocator``).
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The data folder (default: $HOOKFLOW_HOME, else ~/.local/share/hookflow).", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp(
        "Talk to the engine at this address (e.g. http://127.0.0.1:7071) instead of the one on the data folder; its token comes from $HOOKFLOW_TOKEN or the data folder.",
        valueName: "url"))
    var engine: String?

    @Option(name: .long, help: ArgumentHelp(
        "Open the engine on this PostgreSQL database (postgres://USER:PASSWORD@HOST:PORT/DATABASE) instead of the data folder's SQLite file (default: $HOOKFLOW_DATABASE_URL).",
        valueName: "url"))
    var database: String?

    @Flag(name: .long, help: "Print JSON with the field names of the management API.")
    var json = false

    var dataFolder: DataFolder { DataFolder.resolve(option: data) }

    /// Connects, runs `body` with the client, and always releases the connection (an engine
    /// opened in this process is shut down, whatever `body` did).
    func withClient<T>(_ body: (any EngineClient) async throws -> T) async throws -> T {
        let location: PostgresLocation?
        do { location = try PostgresLocation.chosen(option: database) } catch { throw CommandFailure("\(error)") }
        let (client, cleanup) = try await EngineLocator.connect(dataFolder: dataFolder.url, engineURL: engine, database: location,
                                                                logger: Self.engineLogger)
        do {
            let value = try await body(client)
            await cleanup()
            return value
        } catch {
            await cleanup()
            throw error
        }
    }

    /// An engine opened by a one-shot command logs errors only (the results already say what failed), to stderr:
    /// stdout is for results (`$(hookflow callback-url NAME)` must capture just the URL).
    static var engineLogger: Logger {
        var logger = Logger(label: "hookflow.engine", factory: { StreamLogHandler.standardError(label: $0) })
        logger.logLevel = .error
        return logger
    }
}
