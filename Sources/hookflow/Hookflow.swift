import ArgumentParser
import NIOCore
import NIOPosix

/// The process's entry point: `hookflow serve` runs Swift concurrency on NIO's event loops, so a
/// callback's handler, the engine's tasks and the socket share threads instead of handing every
/// request from one pool to the other (two thread hops a request otherwise). The designer keeps
/// the default executor: its terminal loop is not an event loop's to block.
@main
enum HookflowMain {
    static func main() async {
        if CommandLine.arguments.dropFirst().first == "serve" {
            _ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
        }
        await Hookflow.main()
    }
}

/// The `hookflow` command: the designer by default, plus the engine and file tools.
struct Hookflow: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookflow",
        abstract: "Design and run webhook-driven workflows in the style of Azure Logic Apps.",
        discussion: """
            Run `hookflow` with no arguments to open the designer. Workflow files are Logic Apps \
            definitions: a Standard workflow.json, a bare definition or an ARM template.
            """,
        version: HookflowVersion.current,
        subcommands: [
            DesignCommand.self, ServeCommand.self, ValidateCommand.self, PublishCommand.self, ListCommand.self, ShowCommand.self,
            ExportCommand.self, DeleteCommand.self, EnableCommand.self, DisableCommand.self, CallbackURLCommand.self,
            RunsCommand.self, RunCommand.self, CancelCommand.self, ResubmitCommand.self, SubscriptionsCommand.self,
        ],
        defaultSubcommand: DesignCommand.self
    )
}

enum HookflowVersion {
    static let current = "0.1.0"
}
