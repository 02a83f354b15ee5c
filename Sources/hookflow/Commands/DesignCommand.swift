import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel
import HookflowTUI
import Logging

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `hookflow design [FILE|NAME]`: opens the terminal designer.
struct DesignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Open the terminal designer on a workflow file or app (the default command).",
        discussion: """
            FILE is a Logic Apps workflow file (a Standard workflow.json, a bare definition or an ARM \
            template); Ctrl-S writes it back in its own shape and publishes it as the app named after it \
            (the folder of a workflow.json, else the file name). NAME opens that app from the engine, or \
            starts a new one with that name; with neither, a new app named "untitled".

            R shows the app's runs, live (a run started by a callback appears without a key press), and \
            Enter a run's steps: a waiting webhook action's callback URL can be copied, or called with a \
            typed JSON body. L (or --apps) shows every app.

            With a `hookflow serve` running on the data folder, or --engine URL, the designer attaches to \
            that engine (the header names it) and follows its runs; when it stops, a banner says so and \
            the designer reconnects once it is back: a serve on the data folder is found again even on \
            another port (--engine URL stays on its address). Otherwise the designer runs the engine itself and \
            serves its callbacks on 127.0.0.1:7071 (any free port when that one is taken) while it is \
            open; the engine logs to hookflow.log in the data folder.

            Examples:
              $ hookflow design orders/workflow.json
              $ hookflow design orders --theme light
              $ hookflow design --apps
            """
    )

    @Argument(help: ArgumentHelp("A workflow file to open, or the name of an app in the data folder.", valueName: "file-or-name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("The data folder (default: $HOOKFLOW_HOME, else ~/.local/share/hookflow).", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp(
        "Talk to the engine at this address (e.g. http://127.0.0.1:7071) instead of the one on the data folder.", valueName: "url"))
    var engine: String?

    @Option(name: .long, help: ArgumentHelp(
        "A theme name (default, light, high-contrast, monochrome) or a .theme file; default: $HOOKFLOW_THEME, else default.",
        valueName: "name|path"))
    var theme: String?

    @Flag(name: .customLong("no-mouse"), help: "Ignore the mouse, leaving the terminal's own text selection.")
    var noMouse = false

    @Flag(name: .long, help: "Start on the list of apps (Esc goes to the designer underneath).")
    var apps = false

    func run() async throws {
        try await CommandFailure.reporting { try await design() }
    }

    /// What the command line names: checked before anything opens, so mistakes fail fast.
    private enum Target {
        case newApp
        case file(WorkflowFile)
        case app(String)
    }

    private func design() async throws {
        let theme: Theme
        do { theme = try ThemeLoader().load(self.theme) } catch { throw CommandFailure(lines: [error.description]) }
        let target = try resolveTarget()
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            throw CommandFailure("""
                hookflow design needs a terminal: standard input and output must not be piped or redirected; \
                use hookflow validate/publish in scripts
                """)
        }
        // Nothing may write to the screen but the designer: loggers without a handler of their own are silent.
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }

        let folder = DataFolder.resolve(option: data).url
        let engine = try await DesignerEngine.connect(dataFolder: folder, engineURL: self.engine)
        do {
            let designer = try await designerState(for: target, client: engine.client, engineDescription: engine.description)
            let (workbench, effects) = apps ? WorkbenchState.startingOnApps(designer: designer) : (WorkbenchState(designer: designer), [])
            try await WorkbenchHost.run(workbench, initialEffects: effects, connection: engine.connection, options: TerminalOptions(theme: theme, mouse: !noMouse))
            await engine.close()
        } catch let error as TerminalError {
            await engine.close()
            throw CommandFailure("\(error)")
        } catch {
            await engine.close()
            throw error
        }
    }

    private func resolveTarget() throws -> Target {
        guard let target, !target.isEmpty else { return .newApp }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return .file(try WorkflowFile.read(target)) }
            // A Logic Apps Standard app folder: its workflow.json.
            let inner = URL(fileURLWithPath: target).appendingPathComponent("workflow.json").path
            guard FileManager.default.fileExists(atPath: inner) else {
                throw CommandFailure(lines: ["\(target): is a folder without a workflow.json; name a workflow file, or an app"])
            }
            return .file(try WorkflowFile.read(inner))
        }
        if target.contains("/") || target.lowercased().hasSuffix(".json") {
            throw CommandFailure(lines: ["\(target): no such file"])
        }
        if let problem = WorkflowName.problem(with: target) {
            throw CommandFailure("\"\(target)\" is neither a file nor an app name: \(problem)")
        }
        return .app(target)
    }

    private func designerState(for target: Target, client: any EngineClient, engineDescription: String) async throws -> DesignerState {
        switch target {
        case .newApp:
            let taken = Set(try await client.listWorkflows().map(\.name))
            var name = "untitled", number = 1
            while taken.contains(name) {
                number += 1
                name = "untitled-\(number)"
            }
            return DesignerState(appName: name, document: WorkflowDocument(definition: .empty()), engineDescription: engineDescription)
        case .file(let file):
            let name = file.appName
            let published = try await Self.existing(name, client: client)?.summary
            return DesignerState(
                appName: name, document: file.document, file: URL(fileURLWithPath: file.path).standardizedFileURL,
                published: published, engineDescription: engineDescription)
        case .app(let name):
            guard let detail = try await Self.existing(name, client: client) else {
                return DesignerState(appName: name, document: WorkflowDocument(definition: .empty()), engineDescription: engineDescription)
            }
            guard let definition = detail.definition.objectValue else {
                throw CommandFailure("the engine's copy of \(name) is not a workflow definition (a JSON \(detail.definition.typeName)); export or delete it")
            }
            return DesignerState(
                appName: name, document: WorkflowDocument(definition: WorkflowDefinition(json: definition), kind: detail.kind ?? "Stateful"),
                published: detail.summary, engineDescription: engineDescription)
        }
    }

    /// The app as the engine has it; `nil` when there is no such app.
    private static func existing(_ name: String, client: any EngineClient) async throws -> WorkflowDetail? {
        do throws(EngineError) {
            return try await client.workflow(named: name)
        } catch .notFound {
            return nil
        }
    }
}
