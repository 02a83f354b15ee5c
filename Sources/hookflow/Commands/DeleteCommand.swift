import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel

/// `hookflow delete NAME [--yes]`: deletes an app and unsubscribes its triggers.
struct DeleteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an app, its versions and runs, and unsubscribe its triggers.",
        discussion: """
            Asks for confirmation on a terminal; elsewhere (scripts, CI) pass --yes.

            Example:
              $ hookflow delete orders --yes
              deleted orders
                Webhook: Unsubscribed
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @Flag(name: .shortAndLong, help: "Delete without asking.")
    var yes = false

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let summary = try await options.withClient { client in
                // Unknown names fail before anything is asked.
                _ = try await client.workflow(named: name)
                if !yes { try confirm() }
                return try await client.deleteWorkflow(named: name)
            }
            print(options.json ? SummaryPrinter.json(summary.json) : SummaryPrinter.report("deleted \(summary.name)", summary))
        }
    }

    private func confirm() throws {
        guard isatty(STDIN_FILENO) == 1 else {
            throw CommandFailure("not deleting \"\(name)\" without confirmation (stdin is not a terminal); pass --yes to delete it")
        }
        FileHandle.standardError.write(Data("Delete app \(name) and unsubscribe its triggers? [y/N] ".utf8))
        let answer = readLine()?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        guard answer == "y" || answer == "yes" else { throw CommandFailure(lines: ["not deleted"]) }
    }
}
