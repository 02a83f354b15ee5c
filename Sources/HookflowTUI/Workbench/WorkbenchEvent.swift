import HookflowEngine

/// Everything the workbench (app list, designer, runs, run detail) reacts to.
public enum WorkbenchEvent: Sendable {
    case input(InputEvent)
    /// About ten times a second while something turns (spinners).
    case tick
    /// The answer to a ``WorkbenchEffect/designer(_:)`` effect.
    case designer(DesignerEvent)
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
    /// ``WorkbenchEffect/controlRun(_:)``: the run after the cancel, or the new run of a resubmit.
    case runControlled(RunControl, Result<RunDetail, DesignerFailure>)
    /// ``WorkbenchEffect/sendCallback(url:body:)``: what the engine answered.
    case callbackSent(url: String, Result<CallbackAnswer, DesignerFailure>)
    /// Something changed in the engine (a run started, an action finished, an app was saved).
    case engine(EngineEvent)
    /// The engine stopped answering (`lost`) or answers again (`restored`).
    case connection(ConnectionChange)
    /// The data folder's engine came back at another address; the header names it by `description`
    /// (`http://127.0.0.1:40213 (hookflow serve, pid 4321)`).
    case engineMoved(description: String)
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
