import ArgumentParser
import Foundation
import HookflowModel

/// `hookflow validate FILE...`: prints every problem as `FILE:/json/pointer: message`.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check workflow files and print every problem.",
        discussion: """
            Each problem is printed as FILE:/json/pointer: message, the pointer being relative to the
            workflow definition. Malformed JSON is reported as FILE:LINE:COLUMN: message.
            Exits with 1 when any file has a problem, 0 when all are valid.

            Example:
              $ hookflow validate order.json
              order.json:/triggers/Webhook/inputs/subscribe/uri: Subscribe - URI is required
            """
    )

    @Argument(help: "Workflow files: Logic Apps workflow.json, bare definitions or ARM templates.")
    var files: [String]

    @Flag(name: .long, help: "Print the results as JSON.")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("name at least one workflow file to validate") }
    }

    func run() throws {
        let reports = files.map(FileValidation.check)
        if json {
            print(JSONWriter().string(from: .object(["files": .array(reports.map(\.json))])))
        } else {
            for report in reports { report.printLines() }
        }
        if reports.contains(where: { !$0.isValid }) { throw ExitCode(1) }
    }
}

/// The outcome of validating one file.
struct FileValidation {
    let file: String
    var shape: WorkflowFileShape?
    var problems: [ValidationProblem] = []
    /// Set when the file could not be read as a workflow at all.
    var failure: (message: String, line: Int?, column: Int?)?

    var isValid: Bool { failure == nil && problems.isEmpty }

    static func check(_ file: String) -> FileValidation {
        var report = FileValidation(file: file)
        let url = URL(fileURLWithPath: file)
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            report.failure = (readFailure(file, error), nil, nil)
            return report
        }
        let document: WorkflowDocument
        do {
            guard let text = String(data: data, encoding: .utf8) else {
                report.failure = ("the file is not UTF-8 text", nil, nil)
                return report
            }
            document = try WorkflowDocument.read(text)
        } catch .malformedJSON(let error) {
            report.failure = ("malformed JSON: \(error.message)", error.line, error.column)
            return report
        } catch {
            report.failure = (error.description, nil, nil)
            return report
        }
        report.shape = document.shape
        report.problems = WorkflowValidator(workflowName: workflowName(for: url)).validate(document.definition)
        return report
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

    private static func readFailure(_ file: String, _ error: any Error) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory) { return "cannot read: no such file" }
        if isDirectory.boolValue { return "cannot read: it is a directory, not a workflow file" }
        return "cannot read: \((error as NSError).localizedDescription)"
    }

    func printLines() {
        if let failure {
            let position = failure.line.map { "\($0):\(failure.column ?? 1):" } ?? ""
            StandardError.write("\(file):\(position) \(failure.message)")
            return
        }
        for problem in problems {
            print("\(file):\(problem.pointer.description.isEmpty ? "/" : problem.pointer.description): \(problem.message)")
        }
    }

    var json: JSONValue {
        var object: JSONObject = ["file": .string(file), "valid": .bool(isValid)]
        if let shape { object["shape"] = .string(shape.name) }
        object["problems"] = .array(problems.map { .object(["path": .string($0.pointer.description), "message": .string($0.message)]) })
        if let failure {
            var error: JSONObject = ["message": .string(failure.message)]
            if let line = failure.line { error["line"] = .int(line) }
            if let column = failure.column { error["column"] = .int(column) }
            object["error"] = .object(error)
        }
        return .object(object)
    }
}
