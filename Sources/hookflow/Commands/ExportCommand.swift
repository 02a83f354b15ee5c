import ArgumentParser
import Foundation
import HookflowEngine
import HookflowModel

/// `hookflow export NAME [--output FILE]`: the app's definition as a Logic Apps Standard
/// workflow.json, or written back into the workflow file it came from.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print an app's definition as a Logic Apps workflow.json, or write it back into its file, secrets included.",
        discussion: """
            The definition is exactly as it was published, secrets included, so the file can be edited and \
            published again; what the published file held beside its definition (an ARM resource's \
            parameters with $connections, a workflow.json's other keys) follows it, as Logic Apps' code view \
            shows it. --json prints the same file.

            With --output naming a workflow file that exists (a workflow.json of a Standard project, an \
            ARM template or resource), the app is written back into it: only the definition changes, \
            and what publishing took from around it is given back as the file had it (ARM expressions, \
            the definition's own parameter defaults, the project's parameters.json declarations), so \
            everything outside the definition ($connections, properties.parameters, state, the other \
            resources) stays as it was; a workflow.json takes the app's kind. In a template with several \
            workflows, the resource named as \
            the app is written, or the one --resource names. Any other --output is written (atomically) \
            as a workflow.json.

            Examples:
              $ hookflow export orders --output orders/workflow.json
              $ hookflow export contoso-orders --output azuredeploy.json
            """
    )

    @Argument(help: "The app's name.")
    var name: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write the file here (atomically) instead of printing it.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp(
        "With --output naming an ARM template: the workflow resource to write the app into (default: the one named as the app).", valueName: "name"))
    var resource: String?

    @OptionGroup var options: EngineOptions

    func run() async throws {
        try await CommandFailure.reporting {
            let detail = try await options.withClient { client in try await client.workflow(named: name) }
            guard let object = detail.definition.objectValue else {
                throw CommandFailure("the stored definition of \(name) is not a JSON object; publish the app again")
            }
            let definition = WorkflowDefinition(json: object)
            guard let output else {
                print(WorkflowDocument(definition: definition, kind: detail.kind ?? "Stateful").standardText(properties: detail.properties ?? JSONObject()),
                      terminator: "")
                return
            }
            let text: String
            var into: String?
            if let workflow = try existingWorkflow(output, app: detail.summary.name) {
                var document = workflow.document
                document.definition = workflow.environment.unbind(definition, against: document.definition)
                if let kind = detail.kind { document.kind = kind }
                text = workflow.text.flatMap { JSONPreservingWriter.write(document.root, over: $0, indent: document.indent) } ?? document.written()
                into = workflow.label
            } else {
                guard resource == nil else { throw CommandFailure("--resource names a resource of an existing ARM template, and \(output) is none") }
                text = WorkflowDocument(definition: definition, kind: detail.kind ?? "Stateful").standardText(properties: detail.properties ?? JSONObject())
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                throw CommandFailure("cannot write \(output): \((error as NSError).localizedDescription); check the folder exists and is writable")
            }
            if let into {
                StandardError.write("exported \(detail.summary.name) v\(detail.summary.version) into \(into) (only its definition changed)")
            } else {
                StandardError.write("exported \(detail.summary.name) v\(detail.summary.version) to \(output)")
            }
        }
    }

    /// The workflow of `path` to write the app into, when `path` is a workflow file already
    /// (in a template with several, the one `--resource` or the app's name names); nil when the
    /// file is not there or is no workflow file (it is then written whole).
    private func existingWorkflow(_ path: String, app: String) throws -> WorkflowFile? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        guard let all = try? WorkflowFile.load(path) else { return nil }
        if let resource {
            do throws(FileProblem) { return try WorkflowFile.read(path, resource: resource) } catch { throw error.failure }
        }
        if all.count == 1 { return all[0] }
        guard let named = all.first(where: { $0.document.resourceName?.lowercased() == app.lowercased() }) else {
            throw CommandFailure(lines: ["\(path): holds \(all.count) workflows (\(all.map(\.appName).joined(separator: ", "))) and none is named \(app); "
                + "name the one to write with --resource NAME"])
        }
        return named
    }
}
