import Foundation
@testable import HookflowModel

/// The fixture files under `Fixtures/`: real-shaped Logic Apps definitions, and under
/// `Fixtures/Projects/` Logic Apps Standard project folders.
enum FixtureCorpus {
    static var folder: URL {
        // Resources are copied next to the test bundle; fall back to the source tree.
        if let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) { return url }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    }

    static var names: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasSuffix(".json") }
            .sorted()
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    static func document(_ name: String) throws -> WorkflowDocument {
        try WorkflowDocument.read(text(name))
    }

    /// What a fixture file is read in, as `hookflow validate FILE` reads it: a Standard
    /// `workflow.json` without its project (its parameters may be declared elsewhere), an ARM
    /// shape in its template.
    static func environment(of document: WorkflowDocument) -> WorkflowEnvironment {
        document.shape == .standard ? .standaloneStandardWorkflow : document.environment
    }

    /// The warnings fixtures are known to earn, each true of the file it imitates; every other
    /// fixture validates with no problem at all.
    static let expectedWarnings: [String: [String]] = [
        // The 2016 docs' trigger unsubscribes with a `url` and no method.
        "25-docs-2016-webhook-empty-objects.json": [
            "/triggers/releaseFeedTrigger/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop",
        ],
        "27-trigger-with-empty-runafter.json": [
            "/triggers/Recurrence/runAfter: warning: Run after does not apply to a trigger; the empty {} is ignored",
        ],
        // The designer writes no unsubscribe for the action and `{}` for the trigger.
        "29-designer-webhook-without-unsubscribe.json": [
            "/actions/HTTP_Webhook/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop",
            "/actions/HTTP_Webhook/inputs/unsubscribe/uri: warning: Unsubscribe - URI is missing: the service is never told to stop",
            "/triggers/HTTP_Webhook_trigger/inputs/unsubscribe/method: warning: Unsubscribe - Method is missing: the service is never told to stop",
            "/triggers/HTTP_Webhook_trigger/inputs/unsubscribe/uri: warning: Unsubscribe - URI is missing: the service is never told to stop",
        ],
        // A header set from a template parameter whose default is resourceGroup().location.
        "31-arm-template-two-workflows.json": [
            #"/triggers/Order_placed/inputs/subscribe/headers/x-deployed-region: warning: ARM expression "[parameters('location')]" is left unchecked: its value is not known outside Azure (the default of the template parameter 'location' is "[resourceGroup().location]")"#,
        ],
    ]

    // MARK: Standard projects

    static var projectsFolder: URL { folder.appendingPathComponent("Projects") }

    /// The project folders under `Fixtures/Projects/`.
    static var projects: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: projectsFolder.path)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
    }

    /// A project's workflow folders: those holding a `workflow.json`.
    static func workflows(of project: String) -> [String] {
        let root = projectsFolder.appendingPathComponent(project)
        return ((try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []).filter { name in
            FileManager.default.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent("workflow.json").path)
        }.sorted()
    }

    /// A file of a project, nil when it has none.
    static func projectFile(_ project: String, _ path: String) -> String? {
        try? String(contentsOf: projectsFolder.appendingPathComponent(project).appendingPathComponent(path), encoding: .utf8)
    }

    /// The project's parameters and app settings (no environment variables: tests stay the same everywhere).
    static func settings(of project: String) throws -> ProjectSettings {
        try ProjectSettings(parametersText: projectFile(project, "parameters.json"), localSettingsText: projectFile(project, "local.settings.json"))
    }

    /// The warnings project workflows are known to earn, by `project/workflow`.
    static let expectedProjectWarnings: [String: [String]] = [
        // parameters.json leaves NotifyUrl empty, as Microsoft's samples leave their values for each deployment to fill.
        "orders-app/shipping": [
            #"/actions/Notify_carrier/inputs/uri: warning: URI evaluates to "", which is not an absolute URL (for example https://service.example/subscribe); the value is set outside the definition (parameters.json), so this is a warning"#,
        ],
    ]
}
