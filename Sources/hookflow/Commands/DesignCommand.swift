import ArgumentParser
import HookflowEngine

/// `hookflow design [FILE|NAME]`: opens the terminal designer.
struct DesignCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "design",
        abstract: "Open the terminal designer on a workflow file or app (the default command)."
    )

    @Argument(help: "A workflow file to open, or the name of an app in the data folder.")
    var target: String?

    @Option(name: .long, help: "The data folder (default: $HOOKFLOW_HOME, else ~/.local/share/hookflow).")
    var data: String?

    func run() throws {
        let folder = DataFolder.resolve(option: data)
        // The designer lands with the designer issue; until then say so plainly and point at what works.
        print("""
            The Hookflow designer is coming in the next release; it is not built yet.
            It will open \(target.map { "\"\($0)\"" } ?? "a new app") with its engine keeping data in \(folder.url.path).

            What works today:
              hookflow validate FILE...   check workflow files (Logic Apps workflow.json, definition or ARM template)
              hookflow serve              run the engine: callbacks and the management API
              hookflow publish FILE       save a workflow as an app and subscribe its webhook triggers
              hookflow runs NAME --watch  follow an app's runs
              hookflow --help             list every command
            """)
    }
}
