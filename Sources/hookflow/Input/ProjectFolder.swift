import Foundation
import HookflowModel

/// A Logic Apps Standard project folder (SPEC §2): `host.json` at its root, `parameters.json`,
/// `connections.json` and `local.settings.json` beside it, and one folder per workflow holding
/// its `workflow.json`. Hookflow reads it and never writes any of its files but a workflow's own.
struct ProjectFolder {
    /// The folder as named on the command line (or derived from a workflow file's path).
    let path: String

    var url: URL { URL(fileURLWithPath: path) }

    /// Whether `path` is a project's root: it holds a `host.json`.
    static func isProject(_ path: String) -> Bool {
        FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).appendingPathComponent("host.json").path)
    }

    /// The project a `workflow.json` belongs to: the folder above the workflow's own, when that
    /// is a project.
    static func enclosing(workflowFile path: String) -> ProjectFolder? {
        let file = URL(fileURLWithPath: path)
        guard file.lastPathComponent.lowercased() == "workflow.json" else { return nil }
        let root = file.deletingLastPathComponent().deletingLastPathComponent()
        guard isProject(root.path) else { return nil }
        // Keep the path as the user wrote it where it has one ("app/orders/workflow.json" → "app").
        let written = (path as NSString).deletingLastPathComponent as NSString
        let parent = written.deletingLastPathComponent
        return ProjectFolder(path: parent.isEmpty ? root.path : parent)
    }

    /// The workflows: the folders holding a `workflow.json`, by name (hidden folders skipped).
    func workflowNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return names.filter { name in
            !name.hasPrefix(".") && FileManager.default.fileExists(atPath: url.appendingPathComponent(name).appendingPathComponent("workflow.json").path)
        }.sorted()
    }

    /// The path of a workflow's file, as it is printed (`app/orders/workflow.json`).
    func workflowPath(_ name: String) -> String {
        (path as NSString).appendingPathComponent(name) + "/workflow.json"
    }

    /// `parameters.json` and `local.settings.json` (each may be absent), with the environment as
    /// the app settings `local.settings.json` does not set.
    func settings() throws(FileProblem) -> ProjectSettings {
        let parameters = try optionalText("parameters.json")
        let localSettings = try optionalText("local.settings.json")
        do {
            return try ProjectSettings(parametersText: parameters, localSettingsText: localSettings, environment: ProcessInfo.processInfo.environment)
        } catch {
            switch error {
            case .malformedJSON(let file, let error):
                throw FileProblem(file: (path as NSString).appendingPathComponent(file), message: "malformed JSON: \(error.message)",
                                  at: (error.line, error.column))
            case .notAnObject(let file, let pointer, let what):
                throw FileProblem(file: (path as NSString).appendingPathComponent(file) + ":" + (pointer.description.isEmpty ? "/" : pointer.description),
                                  message: what)
            }
        }
    }

    /// The state Logic Apps gives a workflow through the app setting `Workflows.NAME.FlowState`.
    static func flowState(of workflow: String, in settings: ProjectSettings) -> String? {
        let key = "Workflows.\(workflow).FlowState".lowercased()
        return settings.appSettings.first { $0.key.lowercased() == key }?.value
    }

    private func optionalText(_ name: String) throws(FileProblem) -> String? {
        let file = url.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        guard let data = try? Data(contentsOf: file) else {
            throw FileProblem(file: (path as NSString).appendingPathComponent(name), message: "cannot read: permission denied or not a file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw FileProblem(file: (path as NSString).appendingPathComponent(name), message: "cannot read: the file is not UTF-8 text")
        }
        return text
    }
}
