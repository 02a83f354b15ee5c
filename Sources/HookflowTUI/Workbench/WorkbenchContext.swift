import HookflowEngine

/// What every screen of the workbench shares: the app open in the designer, the screen size, the
/// engine's state, the message line, and the way to go to another screen.
///
/// Screens get it `inout` with every key and answer; a screen asks to move with ``show(_:)``,
/// ``close()`` and ``replace(with:)``, which the workbench carries out once the screen returns.
struct WorkbenchContext: Sendable {
    /// The app being designed: its definition, file, undo history, save in progress.
    var designer: DesignerState
    var viewport: ScreenSize
    var engine: EngineStatus
    var messages = MessageLog()
    /// Counts ticks, for spinners.
    var tick = 0
    /// The triggers' callback URLs, as the engine gave them.
    var triggerURLs = TriggerURLs()
    /// Set once the workbench is to stop; the host leaves after the effects.
    var hasQuit = false
    /// Moves asked for by the screen being called, carried out by the workbench after it returns.
    var navigation: [Navigation] = []

    /// A move between screens.
    enum Navigation: Sendable {
        case show(any Screen)
        case close
        case replace(any Screen)
        /// A question was answered: close it and tell the screen that asked.
        case answer(DialogAnswer)
        /// A search box was left with a query (or `nil`): close it and tell the screen that opened it.
        case search(String?)
        /// The designer on another app (fetched from the engine), in place of every screen.
        case design(String)
    }

    init(designer: DesignerState, viewport: ScreenSize = ScreenSize(width: 80, height: 24)) {
        self.designer = designer
        self.viewport = viewport
        self.engine = EngineStatus(description: designer.engineDescription, isInProcess: designer.engineIsInProcess)
    }

    /// Where screens draw: between the header and the message and key lines.
    var screenArea: Rect { Self.screenArea(viewport) }

    static func screenArea(_ viewport: ScreenSize) -> Rect {
        Rect(x: 0, y: 1, width: viewport.width, height: max(0, viewport.height - 3))
    }

    // MARK: Moving between screens

    mutating func show(_ screen: any Screen) { navigation.append(.show(screen)) }
    /// Closes the screen being called.
    mutating func close() { navigation.append(.close) }
    mutating func replace(with screen: any Screen) { navigation.append(.replace(screen)) }
    mutating func answer(_ answer: DialogAnswer) { navigation.append(.answer(answer)) }
    /// Closes a search box with what to look for.
    mutating func finishSearch(_ query: String?) { navigation.append(.search(query)) }
    /// Back to the designer, on `app`.
    mutating func design(_ app: String) { navigation.append(.design(app)) }

    /// A question over the current screen; its answer comes back to that screen's ``Screen/answered(_:_:)``.
    mutating func ask(_ prompt: ScreenPrompt) { show(PromptScreen(prompt)) }

    /// The runs of `app`; the designer's own app only once it is published.
    mutating func showRuns(of app: String) {
        guard designer.published != nil || app != designer.appName else {
            say("\(app) has no runs yet: Ctrl-S publishes it first")
            return
        }
        show(RunsScreen(app: app))
    }

    // MARK: Messages

    /// Puts a message on the message line (and in the log `m` shows).
    mutating func say(_ text: String, isError: Bool = false) {
        messages.say(text, isError: isError)
    }
}

/// The engine the workbench talks to, as the header names it.
struct EngineStatus: Equatable, Sendable {
    /// `in-process http://127.0.0.1:7071`, `http://127.0.0.1:7071 (hookflow serve, pid 1234)`.
    var description: String
    /// The engine runs inside this process: it stops when the designer does.
    var isInProcess: Bool
    /// Why the engine stopped answering; `nil` while it answers.
    var lost: String?
}
