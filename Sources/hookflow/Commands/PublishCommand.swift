import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel

/// `hookflow publish FILE [--name N] [--disabled]`: saves a workflow file as a new version of an
/// app and subscribes its webhook triggers.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Save a workflow file as an app and subscribe its webhook triggers.",
        discussion: """
            The file may be a Logic Apps workflow.json, a bare definition or an ARM template. The app is \
            named by --name, else the ARM resource's name, else the folder of a workflow.json \
            (orders/workflow.json → orders), else the file's base name. It is published Disabled with \
            --disabled, else with the ARM template's state, else it keeps its state (new apps start Enabled).

            Prints one line per trigger whose subscription changed. The engine makes one attempt per \
            subscribe or unsubscribe call and answers within a few seconds: a call still under way shows \
            as Subscribing or Unsubscribing, and with --wait the command waits for its outcome (a \
            progress line on stderr). A failed subscribe does not undo the save: the engine keeps \
            retrying while it runs, and `hookflow show NAME` tells where it stands. Exits with 1 when \
            the file or its definition is invalid (problems as FILE:/json/pointer: message), or, with \
            --wait, when a subscribe failed.

            Versions: a file published from here before is published as an edit of the version it \
            became then; when the app was saved from elsewhere since (the designer, another file), \
            nothing is stored and the command says so (exit 1): `hookflow export NAME` shows the newer \
            version, --force publishes the file over it.

            Example:
              $ hookflow publish orders/workflow.json
              published orders v1 (Enabled)
                Webhook: Subscribed
            """
    )

    @Argument(help: "The workflow file to publish.")
    var file: String

    @Option(name: .long, help: ArgumentHelp("The app's name (default: from the file, see below).", valueName: "name"))
    var name: String?

    @Flag(name: .long, help: "Publish the app disabled: its triggers are not subscribed.")
    var disabled = false

    @Flag(name: .long, help: "Publish over a newer version of the app saved from elsewhere since this file was last published.")
    var force = false

    @Flag(name: .long, help: "Wait for the outcome of subscribe and unsubscribe calls still under way; exit 1 when a subscribe failed.")
    var wait = false

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let workflow = try WorkflowFile.read(file)
            let state: WorkflowState? = disabled ? .disabled : try workflow.armState()
            let appName = name ?? workflow.appName
            let fileURL = URL(fileURLWithPath: file).standardizedFileURL
            // The engine this file's versions are counted on: the one at --engine, else the data folder's.
            let engineKey = options.engine ?? options.dataFolder.url.path
            let published = PublishedFiles(dataFolder: options.dataFolder.url)
            let baseVersion = force ? nil : published.version(engine: engineKey, app: appName, file: fileURL)
            let summary = try await options.withClient { client in
                // Listening before the save: an outcome may come right after its answer.
                let events = wait ? try await client.events() : nil
                var summary: WorkflowSummary
                do {
                    summary = try await client.saveWorkflow(name: appName, definition: workflow.document.definition.value, state: state,
                                                            kind: workflow.document.kind, baseVersion: baseVersion)
                } catch EngineError.invalidDefinition(let problems) {
                    throw CommandFailure(.invalidDefinition(problems), file: file)
                } catch EngineError.versionConflict(let app, let base, let current) {
                    throw CommandFailure(lines: Self.conflictLines(app: app, base: base, current: current, file: file))
                }
                published.record(engine: engineKey, app: summary.name, file: fileURL, version: summary.version)
                if let events {
                    summary.results = await SubscriptionWaiter(client: client, app: summary.name).outcomes(of: summary.results, events: events)
                }
                return summary
            }
            if options.json {
                print(SummaryPrinter.json(summary.json))
            } else {
                print(SummaryPrinter.report("published \(summary.name) v\(summary.version) (\(summary.state.rawValue))", summary))
                if summary.results.contains(where: { $0.outcome == .failed || $0.outcome == .subscribing }) {
                    print("  subscribes are retried while an engine runs (`hookflow serve`); `hookflow show \(summary.name)` tells where they stand")
                }
            }
            if wait, summary.results.contains(where: { $0.outcome == .failed }) { throw ExitCode(1) }
        }
    }

    static func conflictLines(app: String, base: Int, current: Int, file: String) -> [String] {
        guard current > 0 else {
            return ["hookflow: \(app) was deleted since \(file) was published as v\(base); nothing was stored",
                    "  --force publishes \(file) as a new app"]
        }
        return ["hookflow: \(app) is at v\(current), saved from elsewhere since \(file) was published as v\(base); nothing was stored",
                "  `hookflow export \(app)` shows v\(current); --force publishes \(file) over it"]
    }
}
