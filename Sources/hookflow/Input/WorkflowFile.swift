import Foundation
import HookflowEngine
import HookflowModel

/// A workflow named on the command line, read in any of the three shapes, with what surrounds
/// it (its project, its ARM template) and the app name and state it implies.
struct WorkflowFile {
    /// The file as printed (`app/orders/workflow.json`).
    let path: String
    let document: WorkflowDocument
    /// The file's text as read (the designer and `export` rewrite only what changed in it).
    var text: String?
    /// Its project's parameters and app settings, its template: what validation reads it in and
    /// what publishing binds.
    var environment: WorkflowEnvironment = .none
    /// The app it publishes as: the ARM resource's name as deployed, else the Standard layout's
    /// folder (`orders/workflow.json` → `orders`), else the file's base name.
    var appName: String
    /// `Enabled`/`Disabled` from the project's `Workflows.NAME.FlowState` app setting.
    var projectState: String?
    /// How lines about it name it when several workflows share the file (an ARM template with
    /// several): `template.json#contoso-orders`; else the path.
    var label: String

    /// The workflows `path` names: a file (every workflow resource of an ARM template, or the one
    /// `resource` names), a workflow's folder (its `workflow.json`), or a Standard project folder
    /// (every workflow in it).
    static func load(_ path: String, resource: String? = nil) throws(FileProblem) -> [WorkflowFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw FileProblem(file: path, message: "cannot read: no such file")
        }
        guard isDirectory.boolValue else { return try file(path, resource: resource) }
        let inner = (path as NSString).appendingPathComponent("workflow.json")
        if FileManager.default.fileExists(atPath: inner) { return try file(inner, resource: resource) }
        guard ProjectFolder.isProject(path) else {
            throw FileProblem(file: path, message: "cannot read: it is a folder with no workflow.json and no host.json; name a workflow file, "
                + "a workflow's folder or a Logic Apps Standard project folder")
        }
        let project = ProjectFolder(path: path)
        let names = project.workflowNames()
        guard !names.isEmpty else {
            throw FileProblem(file: path, message: "a Logic Apps Standard project with no workflows: none of its folders holds a workflow.json")
        }
        let settings = try project.settings()
        var workflows: [WorkflowFile] = []
        for name in names {
            var workflow = try single(project.workflowPath(name), resource: nil, project: (project, settings))
            workflow.appName = name
            workflows.append(workflow)
        }
        return workflows
    }

    /// The one workflow `path` names (the designer's file): a template with several asks for `resource`.
    static func read(_ path: String, resource: String? = nil) throws(FileProblem) -> WorkflowFile {
        let workflows = try load(path, resource: resource)
        guard workflows.count == 1, let workflow = workflows.first else {
            let names = workflows.map(\.appName).joined(separator: ", ")
            if ProjectFolder.isProject(path) {
                throw FileProblem(file: path, message: "is a project of \(workflows.count) workflows (\(names)); name one: \((path as NSString).appendingPathComponent(workflows[0].appName))")
            }
            throw FileProblem(file: path, message: "holds \(workflows.count) workflows (\(names)); name one with --resource NAME")
        }
        return workflow
    }

    /// A file: every workflow of it (one, or each resource of a template).
    private static func file(_ path: String, resource: String?) throws(FileProblem) -> [WorkflowFile] {
        let project = ProjectFolder.enclosing(workflowFile: path)
        let settings = try project?.settings()
        let text = try readText(path)
        if resource == nil, let documents = try? WorkflowDocument.readAll(text), documents.count > 1 {
            return documents.map { document in
                let name = document.resourceName
                var workflow = WorkflowFile(path: path, document: document, text: text, environment: document.environment,
                                            appName: name ?? "\(baseName(path))-\(resourceIndex(document))", label: "")
                workflow.label = "\(path)#\(name ?? "resources/\(resourceIndex(document))")"
                return workflow
            }
        }
        return [try single(path, resource: resource, project: project.flatMap { folder in settings.map { (folder, $0) } }, text: text)]
    }

    private static func single(_ path: String, resource: String?, project: (ProjectFolder, ProjectSettings)?, text: String? = nil) throws(FileProblem) -> WorkflowFile {
        let text = if let text { text } else { try readText(path) }
        let document: WorkflowDocument
        do {
            document = try WorkflowDocument.read(text, resource: resource)
        } catch .malformedJSON(let error) {
            throw FileProblem(file: path, message: "malformed JSON: \(error.message)", at: (error.line, error.column))
        } catch {
            throw FileProblem(file: path, message: error.description)
        }
        var environment = document.environment
        var projectState: String?
        let url = URL(fileURLWithPath: path)
        switch document.shape {
        case .armTemplate, .armResource:
            break
        case .standard, .bareDefinition:
            if let settings = project?.1 {
                environment = .project(settings)
                projectState = ProjectFolder.flowState(of: FileValidation.workflowName(for: url), in: settings)
            } else if url.lastPathComponent.lowercased() == "workflow.json" {
                // A project's workflow read without its project: its parameters may live there.
                environment = .standaloneStandardWorkflow
            }
        }
        let appName = document.resourceName ?? FileValidation.workflowName(for: url)
        return WorkflowFile(path: path, document: document, text: text, environment: environment, appName: appName,
                            projectState: projectState, label: path)
    }

    private static func readText(_ path: String) throws(FileProblem) -> String {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw FileProblem(file: path, message: "cannot read: \((error as NSError).localizedDescription)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw FileProblem(file: path, message: "cannot read: the file is not UTF-8 text") }
        return text
    }

    private static func baseName(_ path: String) -> String { URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent }

    private static func resourceIndex(_ document: WorkflowDocument) -> Int {
        if case .armTemplate(let index) = document.shape { index } else { 0 }
    }

    /// Enabled or Disabled as the file says: an ARM resource's `properties.state` (resolved when
    /// it is a template expression), or the project's `Workflows.NAME.FlowState`; nil when it says nothing.
    func state() throws(CommandFailure) -> WorkflowState? {
        if let text = document.state {
            let resolved = environment.template.flatMap { template -> String? in
                if case .value(let value) = template.resolve(text) { return value.stringValue }
                return nil
            } ?? text
            guard let state = WorkflowState(caseInsensitive: resolved) else {
                let pointer = document.definitionPointer.parent?.appending("state").description ?? "/properties/state"
                throw CommandFailure(lines: ["\(path):\(pointer): state \"\(text)\" cannot be published; use Enabled or Disabled, or pass --disabled"])
            }
            return state
        }
        guard let projectState else { return nil }
        guard let state = WorkflowState(caseInsensitive: projectState) else {
            throw CommandFailure(lines: ["\(path): the app setting Workflows.\(appName).FlowState is \"\(projectState)\"; use Enabled or Disabled, or pass --disabled"])
        }
        return state
    }

    /// The problems of the definition where it is kept.
    var problems: [ValidationProblem] {
        WorkflowValidator(workflowName: appName, environment: environment).validate(document.definition)
    }

    /// What publishing sends the engine: the definition bound to its project or template.
    var publishedDefinition: WorkflowDefinition { environment.bind(document.definition).definition }
}
