import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel

/// `hookflow export NAME [--output FILE]`: the app's definition as a Logic Apps Standard workflow.json.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print an app's definition as a Logic Apps workflow.json, secrets included.",
        discussion: """
            The definition is exactly as it was published, secrets included, so the file can be edited and \
            published again. --json prints the same file.

            Example:
              $ hookflow export orders --output orders/workflow.json
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the file here (atomically) instead of printing it.", valueName: "file"))
    var output: String?

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let detail = try await options.withClient { client in try await client.workflow(named: name) }
            guard let object = detail.definition.objectValue else {
                throw CommandFailure("the stored definition of \(name) is not a JSON object; publish the app again")
            }
            let text = WorkflowDocument(definition: WorkflowDefinition(json: object), kind: detail.kind ?? "Stateful").standardText()
            guard let output else {
                print(text, terminator: "")
                return
            }
            let url = URL(fileURLWithPath: output)
            do {
                try Data(text.utf8).write(to: url, options: .atomic)
            } catch {
                throw CommandFailure("cannot write \(output): \((error as NSError).localizedDescription); check the folder exists and is writable")
            }
            StandardError.write("exported \(detail.summary.name) v\(detail.summary.version) to \(output)")
        }
    }
}
