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

/// `hookflow design [FILE|NAME] [--app NAME | --file PATH]`: opens the terminal designer.
struct DesignCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Open the terminal designer on a workflow file or app (the default command).",
        discussion: """
            FILE is a Logic Apps workflow file (a Standard workflow.json, a bare definition or an ARM \
            template), or a workflow's folder (a Standard project's app/orders); Ctrl-S writes it back in \
            its own shape (only what changed, and no other file of the project) and publishes it as the \
            app named after it (the folder of a workflow.json, else the ARM resource's or the file's \
            name), with the project's parameters.json and app settings, or the template's parameters, \
            bound as a deployment would. NAME opens that app \
            from the engine, or starts a new one with that name; with neither, a new app named "untitled". \
            A name that is also a file or folder here is not guessed: the designer asks (or say --app or \
            --file).

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
              $ hookflow design --app orders
              $ hookflow design --apps
            """
    )

    @Argument(help: ArgumentHelp("A workflow file to open, or the name of an app in the data folder.", valueName: "file-or-name"))
    var target: String?

    @Option(name: .long, help: ArgumentHelp("Open this app of the engine (even when a file or folder has its name).", valueName: "name"))
    var app: String?

    @Option(name: .long, help: ArgumentHelp("Open this workflow file (or the workflow.json of this folder).", valueName: "path"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("In an ARM template with several workflows, open the resource of this name.", valueName: "name"))
    var resource: String?

    @Option(name: .long, help: ArgumentHelp("The data folder (default: $HOOKFLOW_HOME, else ~/.local/share/hookflow).", valueName: "dir"))
    var data: String?

    @Option(name: .long, help: ArgumentHelp(
        "Talk to the engine at this address (e.g. http://127.0.0.1:7071) instead of the one on the data folder.", valueName: "url"))
    var engine: String?

    @Option(name: .long, help: ArgumentHelp(
        "Run the designer's engine on this PostgreSQL database (postgres://USER:PASSWORD@HOST:PORT/DATABASE) instead of the data folder's SQLite file (default: $HOOKFLOW_DATABASE_URL).",
        valueName: "url"))
    var database: String?

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
        try rejectUnknownCommand()
        let interactive = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        // Files are read (and refused) before anything else, terminal or not.
        let target = try resolveTarget(interactive: interactive)
        guard interactive else {
            throw CommandFailure("""
                hookflow design needs a terminal: standard input and output must not be piped or redirected; \
                use hookflow validate/publish in scripts
                """)
        }
        // Nothing may write to the screen but the designer: loggers without a handler of their own are silent.
        LoggingSystem.bootstrap { _ in SwiftLogNoOpLogHandler() }

        let folder = DataFolder.resolve(option: data).url
        // A project's workflow runs, in the designer's own engine, with the project's app settings (as `func start` would).
        var appSettings: [String: String]?
        if case .file(let file) = target, !file.environment.appSettings.isEmpty { appSettings = file.environment.appSettings }
        let location: PostgresLocation?
        do { location = try PostgresLocation.chosen(option: database) } catch { throw CommandFailure("\(error)") }
        let engine = try await DesignerEngine.connect(dataFolder: folder, engineURL: self.engine, database: location, appSettings: appSettings)
        do {
            let designer = try await designerState(
                for: target, client: engine.client, engineDescription: engine.description, inProcess: engine.logFile != nil)
            let (workbench, effects) = apps ? WorkbenchState.startingOnApps(designer: designer) : (WorkbenchState(designer: designer), [])
            try await WorkbenchHost.run(workbench, initialEffects: effects, connection: engine.connection, options: TerminalOptions(theme: theme, mouse: !noMouse))
            if engine.logFile != nil, let enabled = try? await engine.client.listWorkflows().filter({ $0.state == .enabled }), !enabled.isEmpty {
                // The engine stops with the designer: say what that means for the apps that expect callbacks.
                let names = enabled.prefix(3).map(\.name).joined(separator: ", ") + (enabled.count > 3 ? ", …" : "")
                StandardError.write("""
                    hookflow: the designer's engine stopped with it: callbacks to \(names) go unanswered until \
                    `hookflow serve` (or the designer) runs on this data folder again
                    """)
            }
            await engine.close()
        } catch let error as TerminalError {
            await engine.close()
            throw CommandFailure("\(error)")
        } catch {
            await engine.close()
            throw error
        }
    }

    private func resolveTarget(interactive: Bool) throws -> Target {
        if let app {
            guard target == nil, file == nil else { throw CommandFailure("--app names the app to open: give no file or name besides it") }
            if let problem = WorkflowName.problem(with: app) { throw CommandFailure("\"\(app)\" is not an app name: \(problem)") }
            return .app(app)
        }
        if let file {
            guard target == nil else { throw CommandFailure("--file names the file to open: give no file or name besides it") }
            return try readFile(file)
        }
        guard let target, !target.isEmpty else { return .newApp }
        if FileManager.default.fileExists(atPath: target) {
            // A bare word that is a file or folder here and could be an app too: ask, never guess.
            if !target.contains("/"), !target.lowercased().hasSuffix(".json"), WorkflowName.problem(with: target) == nil,
               let file = Self.fileOrFolder(named: target) {
                guard interactive else {
                    throw CommandFailure(Self.ambiguity(target, file: file) + "; say which with --file \(file) or --app \(target)")
                }
                return try askFileOrApp(target, file: file)
            }
            return try readFile(target)
        }
        if target.contains("/") || target.lowercased().hasSuffix(".json") {
            throw CommandFailure(lines: ["\(target): no such file"])
        }
        if let problem = WorkflowName.problem(with: target) {
            throw CommandFailure("\"\(target)\" is neither a file nor an app name: \(problem)")
        }
        return .app(target)
    }

    /// A file, a workflow's folder (its `workflow.json`), or a project's workflow named by its
    /// folder (`app/orders`): read with its project or template around it.
    private func readFile(_ path: String) throws -> Target {
        do throws(FileProblem) { return .file(try WorkflowFile.read(path, resource: resource)) } catch { throw error.failure }
    }

    /// The workflow file a bare name stands for when it exists here: the file, or the folder's workflow.json.
    static func fileOrFolder(named name: String) -> String? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: name, isDirectory: &isDirectory) else { return nil }
        guard isDirectory.boolValue else { return name }
        let inner = name + "/workflow.json"
        return FileManager.default.fileExists(atPath: inner) ? inner : nil
    }

    static func ambiguity(_ name: String, file: String) -> String {
        "\"\(name)\" could be the file \(file) or the app \(name) in the engine"
    }

    /// Asks on the terminal which one `name` means: `f` the file, `a` the app.
    private func askFileOrApp(_ name: String, file: String) throws -> Target {
        let question = "hookflow: \(Self.ambiguity(name, file: file)).\nOpen the file (f) or the app (a)? [f/a] "
        while true {
            FileHandle.standardError.write(Data(question.utf8))
            guard let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() else {
                throw CommandFailure("no answer; say which with --file \(file) or --app \(name)")
            }
            if answer == "f" || answer == "file" { return try readFile(file) }
            if answer == "a" || answer == "app" { return .app(name) }
        }
    }

    /// `hookflow lsit`: a word that is no command, file or folder is refused (the designer would
    /// open a new app named after the typo), with the command it probably meant.
    private func rejectUnknownCommand() throws {
        guard let target, app == nil, file == nil, !FileManager.default.fileExists(atPath: target),
              !target.contains("/"), !target.lowercased().hasSuffix(".json")
        else { return }
        // Only when `design` was not typed: `hookflow design lsit` is an app named lsit, on purpose.
        let words = CommandLine.arguments.dropFirst()
        if let designIndex = words.firstIndex(of: "design"), let targetIndex = words.firstIndex(of: target), designIndex < targetIndex { return }
        let commands = Hookflow.configuration.subcommands.compactMap { $0.configuration.commandName }
        let suggestion = CommandSuggestion.closest(to: target, among: commands)
        let meant = suggestion.map { "; did you mean \"hookflow \($0)\"?" } ?? ""
        throw CommandFailure(lines: [
            "hookflow: unknown command \"\(target)\"\(meant)",
            "hookflow: to open the app of that name in the designer: hookflow design \(target); every command: hookflow --help",
        ])
    }

    private func designerState(for target: Target, client: any EngineClient, engineDescription: String, inProcess: Bool) async throws -> DesignerState {
        switch target {
        case .newApp:
            let taken = Set(try await client.listWorkflows().map(\.name))
            var name = "untitled", number = 1
            while taken.contains(name) {
                number += 1
                name = "untitled-\(number)"
            }
            return DesignerState(
                appName: name, document: WorkflowDocument(definition: .empty()), engineDescription: engineDescription, engineIsInProcess: inProcess)
        case .file(let file):
            let name = file.appName
            let existing = try await Self.existing(name, client: client)
            return DesignerState(
                appName: name, document: file.document, file: URL(fileURLWithPath: file.path).standardizedFileURL, sourceText: file.text,
                environment: file.environment, published: existing?.summary,
                publishedDefinition: existing?.definition.objectValue.map(WorkflowDefinition.init(json:)),
                engineDescription: engineDescription, engineIsInProcess: inProcess)
        case .app(let name):
            guard let detail = try await Self.existing(name, client: client) else {
                return DesignerState(
                    appName: name, document: WorkflowDocument(definition: .empty()), engineDescription: engineDescription, engineIsInProcess: inProcess)
            }
            guard let definition = detail.definition.objectValue else {
                throw CommandFailure("the engine's copy of \(name) is not a workflow definition (a JSON \(detail.definition.typeName)); export or delete it")
            }
            return DesignerState(
                appName: name, document: WorkflowDocument(definition: WorkflowDefinition(json: definition), kind: detail.kind ?? "Stateful"),
                published: detail.summary, publishedDefinition: WorkflowDefinition(json: definition), engineDescription: engineDescription,
                engineIsInProcess: inProcess)
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
