import HookflowEngine

/// Work a screen asks for. Navigation (``show(_:)``, ``back``) is done by the workbench itself;
/// everything else goes to the host, which answers with a ``WorkbenchEvent``.
public enum WorkbenchEffect: Equatable, Sendable {
    /// A designer effect (save, enable/disable, `$EDITOR`, clipboard, quit).
    case designer(DesignerEffect)
    /// Answer with ``WorkbenchEvent/appsLoaded(_:)``.
    case loadApps
    /// Fetch an app to open it in the designer; answer with ``WorkbenchEvent/appOpened(name:_:)``.
    case openApp(String)
    case changeApp(AppChange)
    case loadRuns(RunsRequest)
    case loadRun(app: String, id: String)
    case controlRun(RunControl)
    /// POST `body` (JSON text) to a callback URL, as the service would.
    case sendCallback(url: String, body: String)
    case copyToClipboard(String)
    /// Go to a screen (pushed on top of the current one; Esc comes back).
    case show(ScreenRequest)
    /// Back to the screen before.
    case back
    case quit
}

/// A screen to go to.
public enum ScreenRequest: Equatable, Sendable {
    case apps
    case runs(app: String)
    case runDetail(app: String, id: String)
    /// The designer on an app (fetched with ``WorkbenchEffect/openApp(_:)`` first).
    case designer(app: String)
}
