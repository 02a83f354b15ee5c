import Foundation
import HookflowEngine
import HookflowModel

/// Work a screen asks the host for; each answers with a ``WorkbenchEvent`` (quitting and the
/// clipboard excepted). Moving between screens never reaches the host: the workbench does it.
public enum WorkbenchEffect: Equatable, Sendable {
    /// Write the file (when it changed) and publish the app; answer with ``WorkbenchEvent/saved(_:)``.
    case save(SaveRequest)
    /// Enable or disable a published app; answer with ``WorkbenchEvent/stateChanged(_:)``.
    case setState(WorkflowState, app: String)
    /// Give the terminal to `$EDITOR` on this text; answer with ``WorkbenchEvent/edited(_:)``.
    case editExternally(String)
    /// Put text on the clipboard (OSC 52).
    case copyToClipboard(String)
    /// Answer with ``WorkbenchEvent/appsLoaded(_:)``.
    case loadApps
    /// Fetch an app to open it in the designer; answer with ``WorkbenchEvent/appOpened(name:_:)``.
    case openApp(String)
    case changeApp(AppChange)
    case loadRuns(RunsRequest)
    case loadRun(app: String, id: String)
    /// The app's definition as the engine has it (the steps a run has not reached); answer with
    /// ``WorkbenchEvent/definitionLoaded(app:_:)``.
    case loadDefinition(app: String)
    /// A trigger's callback URL; answer with ``WorkbenchEvent/triggerURLLoaded(app:trigger:_:)``.
    case loadTriggerURL(app: String, trigger: String)
    case controlRun(RunControl)
    /// POST a test callback to a callback URL, as the service would.
    case sendCallback(TestCallback)
    /// Stop the process like Ctrl-Z in a shell (the terminal given back first); `fg` comes back.
    case suspend
    /// Leave.
    case quit
}

/// Everything a save needs, captured when the user pressed Ctrl-S.
public struct SaveRequest: Equatable, Sendable {
    public var appName: String
    public var definition: WorkflowDefinition
    /// The state to publish with; `nil` keeps the engine's (a new app starts Enabled).
    public var state: WorkflowState?
    /// The file to write, and its new text; `fileText` is `nil` when the file needs no writing
    /// (nothing in it changed).
    public var file: URL?
    public var fileText: String?
    /// Publish to the engine after writing the file (not while the engine is lost).
    public var publish: Bool
    /// The version the definition was edited from (0: an app the engine did not have); the engine
    /// refuses the save when it has a newer one. `nil` only for an explicit overwrite.
    public var baseVersion: Int?
    /// `Stateful`, `Stateless`, `Agentic`; `nil` keeps the engine's.
    public var kind: String?
    /// What the engine is sent: ``definition`` bound to the file's project or template.
    public var publishedDefinition: WorkflowDefinition

    public init(appName: String, definition: WorkflowDefinition, state: WorkflowState?, file: URL?, fileText: String?, publish: Bool = true,
                baseVersion: Int? = nil, kind: String? = nil, publishedDefinition: WorkflowDefinition? = nil) {
        self.appName = appName
        self.definition = definition
        self.publishedDefinition = publishedDefinition ?? definition
        self.state = state
        self.file = file
        self.fileText = fileText
        self.publish = publish
        self.baseVersion = baseVersion
        self.kind = kind
    }
}

/// A test callback: the body and headers typed in the run detail's callback box.
public struct TestCallback: Equatable, Sendable {
    public var url: String
    /// JSON text.
    public var body: String
    /// Extra request headers (`x-hookflow-status: Failed`), in order.
    public var headers: [(name: String, value: String)]

    public init(url: String, body: String, headers: [(name: String, value: String)] = []) {
        self.url = url
        self.body = body
        self.headers = headers
    }

    public static func == (lhs: TestCallback, rhs: TestCallback) -> Bool {
        lhs.url == rhs.url && lhs.body == rhs.body && lhs.headers.map { [$0.name, $0.value] } == rhs.headers.map { [$0.name, $0.value] }
    }
}
