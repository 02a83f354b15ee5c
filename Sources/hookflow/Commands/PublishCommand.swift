import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel

/// `hookflow publish FILE|DIR [--name N] [--resource R] [--disabled]`: saves each workflow the
/// path names as a new version of an app and subscribes its webhook triggers.
struct PublishCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Save workflow files or a Standard project as apps and subscribe their webhook triggers.",
        discussion: """
            The path may be a Logic Apps workflow.json, a bare definition, an ARM template (every \
            Microsoft.Logic/workflows resource in it, or the one --resource names), a workflow's folder, \
            or a Logic Apps Standard project folder (host.json at its root: every workflow in it). Each \
            workflow is published as it would be deployed: ARM expressions ("[parameters('host')]") \
            resolved from the template, properties.parameters values and the project's parameters.json \
            (@appsetting('X') values read from local.settings.json, else the environment) given to its \
            parameters. The files are not changed.

            An app is named by --name (one workflow only), else the ARM resource's name as deployed, \
            else the workflow's folder (orders/workflow.json → orders), else the file's base name. It is \
            published Disabled with --disabled, else with the ARM resource's state or the project's \
            Workflows.NAME.FlowState app setting, else it keeps its state (new apps start Enabled).

            Prints one line per trigger whose subscription changed, and the definition's warnings on \
            stderr (FILE:/json/pointer: warning: message): warnings never stop a publish. The engine makes \
            one attempt per subscribe or unsubscribe call and answers within a few seconds: a call still \
            under way shows as Subscribing or Unsubscribing, and with --wait the command waits for its \
            outcome (a progress line on stderr). A failed subscribe does not undo the save: the engine \
            keeps retrying while it runs, and `hookflow show NAME` tells where it stands. Exits with 1 \
            when a file or its definition has an error (FILE:/json/pointer: message; the other workflows \
            are still published), or, with --wait, when a subscribe failed.

            Versions: a file published from here before is published as an edit of the version it \
            became then; when the app was saved from elsewhere since (the designer, another file), \
            nothing is stored and the command says so (exit 1): `hookflow export NAME` shows the newer \
            version, --force publishes the file over it.

            Examples:
              $ hookflow publish orders/workflow.json
              published orders v1 (Enabled)
                Webhook: Subscribed
              $ hookflow publish orders-app
              $ hookflow publish azuredeploy.json --resource contoso-orders
            """
    )

    @Argument(help: ArgumentHelp("The workflow file, workflow folder or Standard project folder to publish.", valueName: "file-or-folder"))
    var file: String

    @Option(name: .long, help: ArgumentHelp("The app's name (default: from the file, see below); one workflow only.", valueName: "name"))
    var name: String?

    @Option(name: .long, help: ArgumentHelp("In an ARM template, publish only the workflow resource of this name.", valueName: "name"))
    var resource: String?

    @Flag(name: .long, help: "Publish the apps disabled: their triggers are not subscribed.")
    var disabled = false

    @Flag(name: .long, help: "Publish over a newer version of the app saved from elsewhere since this file was last published.")
    var force = false

    @Flag(name: .long, help: "Wait for the outcome of subscribe and unsubscribe calls still under way; exit 1 when a subscribe failed.")
    var wait = false

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let workflows: [WorkflowFile]
            do throws(FileProblem) { workflows = try WorkflowFile.load(file, resource: resource) } catch { throw error.failure }
            if name != nil, workflows.count > 1 {
                throw CommandFailure("--name names one app, but \(file) holds \(workflows.count) workflows (\(workflows.map(\.appName).joined(separator: ", "))); "
                    + "leave --name out to publish each under its own name, or name one workflow (its folder, or --resource NAME)")
            }
            var summaries: [WorkflowSummary] = []
            var failed = false
            for workflow in workflows {
                do {
                    summaries.append(try await publish(workflow))
                } catch let failure as CommandFailure {
                    // The other workflows of a project or template are still published.
                    guard workflows.count > 1 else { throw failure }
                    failure.write()
                    failed = true
                }
            }
            if options.json {
                print(SummaryPrinter.json(summaries.count == 1 && workflows.count == 1 ? summaries[0].json : .object(["value": .array(summaries.map(\.json))])))
            } else {
                for summary in summaries {
                    print(SummaryPrinter.report("published \(summary.name) v\(summary.version) (\(summary.state.rawValue))", summary))
                    if summary.results.contains(where: { $0.outcome == .failed || $0.outcome == .subscribing }) {
                        print("  subscribes are retried while an engine runs (`hookflow serve`); `hookflow show \(summary.name)` tells where they stand")
                    }
                }
            }
            if wait, summaries.contains(where: { $0.results.contains { $0.outcome == .failed } }) { throw ExitCode(1) }
            if failed { throw ExitCode(1) }
        }
    }

    /// Validates one workflow where it is kept (errors stop it, warnings are printed), then saves
    /// what a deployment of it would run.
    private func publish(_ workflow: WorkflowFile) async throws -> WorkflowSummary {
        let problems = workflow.problems
        // Checked here, where the file's project and template are known (the engine sees only the definition).
        guard problems.errors.isEmpty else { throw CommandFailure(.invalidDefinition(problems), file: workflow.label) }
        for warning in problems.warnings { StandardError.write("\(workflow.label):\(warning.description)") }
        let state: WorkflowState? = disabled ? .disabled : try workflow.state()
        let appName = name ?? workflow.appName
        let fileURL = URL(fileURLWithPath: workflow.path).standardizedFileURL
        // The engine this file's versions are counted on: the one at --engine, else the data folder's.
        let engineKey = options.engine ?? options.dataFolder.url.path
        let published = PublishedFiles(dataFolder: options.dataFolder.url)
        let baseVersion = force ? nil : published.version(engine: engineKey, app: appName, file: fileURL)
        return try await options.withClient { client in
            // Listening before the save: an outcome may come right after its answer.
            let events = wait ? try await client.events() : nil
            var summary: WorkflowSummary
            do {
                summary = try await client.saveWorkflow(name: appName, definition: workflow.publishedDefinition.value, state: state,
                                                        kind: workflow.document.kind, baseVersion: baseVersion,
                                                        properties: workflow.document.otherProperties)
            } catch EngineError.invalidDefinition(let problems) {
                throw CommandFailure(.invalidDefinition(problems), file: workflow.label)
            } catch EngineError.versionConflict(let app, let base, let current) {
                throw CommandFailure(lines: Self.conflictLines(app: app, base: base, current: current, file: workflow.path))
            }
            published.record(engine: engineKey, app: summary.name, file: fileURL, version: summary.version)
            if let events {
                summary.results = await SubscriptionWaiter(client: client, app: summary.name).outcomes(of: summary.results, events: events)
            }
            return summary
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
