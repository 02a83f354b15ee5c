import ArgumentParser
import Foundation
import HookflowModel

/// `hookflow validate FILE|DIR...`: prints every problem as `FILE:/json/pointer: message`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check workflow files and Standard project folders and print every problem.",
        discussion: """
            Each problem is printed as FILE:/json/pointer: message, the pointer being relative to the \
            workflow definition; a warning as FILE:/json/pointer: warning: message. Malformed JSON is \
            reported as FILE:LINE:COLUMN: message. Exits with 1 when any file has an error, 0 when there \
            are only warnings or nothing at all.

            A file may be a Logic Apps workflow.json, a bare definition or an ARM template (each of its \
            Microsoft.Logic/workflows resources, named FILE#NAME when it has several; --resource checks \
            one). A folder is a workflow's folder (its workflow.json) or a Logic Apps Standard project \
            (host.json at its root): every workflow in it, with the project's parameters.json (values \
            may be @appsetting('X')) and local.settings.json Values, else the environment, for \
            appsetting(). A workflow.json read without its project may use parameters the project \
            declares: those are warnings. Whole-string ARM expressions ("[parameters('uri')]") are \
            resolved from the template's parameters and defaults, or else left unchecked (a warning).

            Example:
              $ hookflow validate order.json orders-app
              order.json:/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required
              orders-app/shipping/workflow.json:/actions/Notify/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop
            """
    )

    @Argument(help: "Workflow files (workflow.json, bare definitions, ARM templates), workflow folders or Standard project folders.")
    var files: [String]

    @Option(name: .long, help: ArgumentHelp("In ARM templates, check only the workflow resource of this name.", valueName: "name"))
    var resource: String?

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one workflow file to validate") }
    }

    func run() throws {
        let reports = files.flatMap { FileValidation.check($0, resource: resource) }
        if json {
            print(JSONWriter().string(from: .object(["files": .array(reports.map(\.json))])))
        } else {
            for report in reports { report.printLines() }
        }
        if reports.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}

/// The outcome of validating one workflow (or of failing to read a file).
struct FileValidation {
    /// The file as printed, `FILE#NAME` for one of several workflows of a template.
    let file: String
    var shape: WorkflowFileShape?
    /// The ARM resource's name when the file is a template.
    var resource: String?
    var problems: [ValidationProblem] = []
    /// Set when the file could not be read as a workflow at all.
    var failure: FileProblem?

    /// No error (warnings are fine).
    var isValid: Bool { failure == nil && problems.errors.isEmpty }

    /// Every workflow `path` names, each validated where it is kept; a file that cannot be read
    /// is one report with its failure.
    static func check(_ path: String, resource: String? = nil) -> [FileValidation] {
        let workflows: [WorkflowFile]
        do { workflows = try WorkflowFile.load(path, resource: resource) } catch {
            return [FileValidation(file: error.file, failure: error)]
        }
        return workflows.map { workflow in
            var report = FileValidation(file: workflow.label, shape: workflow.document.shape, problems: workflow.problems)
            if case .armTemplate = workflow.document.shape { report.resource = workflow.document.resourceName }
            return report
        }
    }

    /// `orders/workflow.json` is the workflow "orders" (Logic Apps Standard layout); else the file's base name.
    static func workflowName(for url: URL) -> String {
        let base = url.deletingPathExtension().lastPathComponent
        if base.lowercased() == "workflow" {
            let folder = url.deletingLastPathComponent().standardizedFileURL.lastPathComponent
            if !folder.isEmpty, folder != "/", folder != "." { return folder }
        }
        return base
    }

    func printLines() {
        if let failure {
            StandardError.write(failure.text)
            return
        }
        // One line each: the pointer and the message are escaped where they quote line breaks.
        for problem in problems { print("\(file):\(problem.description)") }
    }

    var json: JSONValue {
        var object: JSONObject = ["file": .string(file), "valid": .bool(isValid)]
        if let shape { object["shape"] = .string(shape.name) }
        if let resource { object["resource"] = .string(resource) }
        object["problems"] = .array(problems.map {
            .object(["path": .string($0.pointer.description), "message": .string($0.message), "severity": .string($0.severity.rawValue)])
        })
        if let failure {
            var error: JSONObject = ["message": .string(failure.message)]
            if let position = failure.position {
                error["line"] = .int(position.line)
                error["column"] = .int(position.column)
            }
            object["error"] = .object(error)
        }
        return .object(object)
    }
}
