import HookflowEngine
import HookflowModel

/// Everything the workbench reacts to: input, the clock, the host's answers to its effects and
/// the engine's live events.
public enum WorkbenchEvent: Sendable {
    case input(InputEvent)
    /// About ten times a second while something turns (spinners).
    case tick
    /// ``WorkbenchEffect/save(_:)`` finished.
    case saved(SaveOutcome)
    /// ``WorkbenchEffect/setState(_:app:)`` finished.
    case stateChanged(Result<WorkflowSummary, DesignerFailure>)
    /// `$EDITOR` closed: the file's new text, or why it could not run.
    case edited(Result<String, DesignerFailure>)
    /// ``WorkbenchEffect/loadApps``.
    case appsLoaded(Result<[WorkflowSummary], DesignerFailure>)
    /// ``WorkbenchEffect/openApp(_:)``: the app to open in the designer (`nil` detail: no such app yet).
    case appOpened(name: String, Result<WorkflowDetail?, DesignerFailure>)
    /// ``WorkbenchEffect/changeApp(_:)``.
    case appChanged(AppChange, Result<WorkflowSummary, DesignerFailure>)
    /// ``WorkbenchEffect/loadRuns(_:)``.
    case runsLoaded(RunsRequest, Result<RunPage, DesignerFailure>)
    /// ``WorkbenchEffect/loadRun(app:id:)``.
    case runLoaded(app: String, id: String, Result<RunDetail, DesignerFailure>)
    /// ``WorkbenchEffect/loadDefinition(app:)`` (`nil`: no such app).
    case definitionLoaded(app: String, Result<WorkflowDetail?, DesignerFailure>)
    /// ``WorkbenchEffect/loadTriggerURL(app:trigger:)``.
    case triggerURLLoaded(app: String, trigger: String, Result<String, DesignerFailure>)
    /// ``WorkbenchEffect/controlRun(_:)``: the run after the cancel, or the new run of a resubmit.
    case runControlled(RunControl, Result<RunDetail, DesignerFailure>)
    /// ``WorkbenchEffect/sendCallback(_:)``: what the engine answered.
    case callbackSent(url: String, Result<CallbackAnswer, DesignerFailure>)
    /// Something changed in the engine (a run started, an action finished, an app was saved).
    case engine(EngineEvent)
    /// The engine stopped answering (`lost`) or answers again (`restored`).
    case connection(ConnectionChange)
    /// The data folder's engine came back at another address; the header names it by `description`
    /// (`http://127.0.0.1:40213 (hookflow serve, pid 4321)`).
    case engineMoved(description: String)
}

/// Why a background operation failed, in words for the message line.
public struct DesignerFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a save did: the file written (when the designer edits a file) and the app published.
public struct SaveOutcome: Equatable, Sendable {
    /// The definition that was saved; what is on screen may have changed since.
    public var definition: WorkflowDefinition
    /// The file's new text, when it was written.
    public var fileText: String?
    /// Set when writing the file failed (nothing was published then).
    public var fileError: String?
    /// The engine's answer, with per-trigger results, when publishing succeeded.
    public var summary: WorkflowSummary?
    /// Set when publishing failed.
    public var publishError: String?
    /// Set when the engine refused the save because its app moved on since the version it was
    /// edited from (nothing was published).
    public var conflict: VersionConflict?

    public init(definition: WorkflowDefinition, fileText: String? = nil, fileError: String? = nil, summary: WorkflowSummary? = nil,
                publishError: String? = nil, conflict: VersionConflict? = nil) {
        self.definition = definition
        self.fileText = fileText
        self.fileError = fileError
        self.summary = summary
        self.publishError = publishError
        self.conflict = conflict
    }
}

/// An enable, disable or delete asked from the app list.
public enum AppChange: Equatable, Sendable {
    case enable(String)
    case disable(String)
    case delete(String)

    public var app: String {
        switch self {
        case .enable(let name), .disable(let name), .delete(let name): name
        }
    }
}

/// A page of an app's runs: the first (`skipToken == nil`) or the one after a token.
public struct RunsRequest: Equatable, Sendable {
    public var app: String
    public var status: RunStatus?
    public var top: Int
    public var skipToken: String?

    public init(app: String, status: RunStatus?, top: Int, skipToken: String?) {
        self.app = app
        self.status = status
        self.top = top
        self.skipToken = skipToken
    }
}

/// Cancel or resubmit a run.
public enum RunControl: Equatable, Sendable {
    case cancel(app: String, id: String)
    case resubmit(app: String, id: String)
}

/// The engine's answer to a callback: its status, and for a refusal why (`ActionAlreadyCompleted: …`).
public struct CallbackAnswer: Equatable, Sendable {
    public var status: Int
    public var reason: String?

    public init(status: Int, reason: String? = nil) {
        self.status = status
        self.reason = reason
    }

    public var isAccepted: Bool { (200..<300).contains(status) }
}

public enum ConnectionChange: Equatable, Sendable {
    case lost(String)
    case restored
}
