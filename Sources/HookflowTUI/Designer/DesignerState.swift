import Foundation
import HookflowEngine
import HookflowModel

/// Everything the designer shows, as plain values: the pure core's state.
///
/// ``update(_:)`` turns an event into a new state plus effects for the host to run, and
/// ``DesignerView`` draws a state into a ``CellBuffer``; neither touches the terminal or the network.
public struct DesignerState: Sendable {
    /// The app's name in the engine.
    public var appName: String
    /// The workflow being edited, in its file's shape (so a file saves back as it was read).
    public internal(set) var document: WorkflowDocument
    /// The file the workflow came from and saves back to; `nil` for an app kept only in the engine.
    public let file: URL?
    /// Which engine the designer talks to, for the header ("in-process, http://127.0.0.1:7071").
    public var engineDescription: String
    /// The engine's view of the app after the last load, save or toggle; `nil` until first published.
    public internal(set) var published: WorkflowSummary?
    /// Enabled or Disabled as the header shows it; for an unpublished app, the state it will be published with.
    public internal(set) var appState: WorkflowState
    /// Counts edits; the unsaved mark compares it with ``savedRevision``. (Counting rather than comparing
    /// definitions: JSON objects compare without key order, and reordering steps is an edit too.)
    public internal(set) var revision = 0
    /// The ``revision`` last saved or loaded.
    public internal(set) var savedRevision = 0
    /// The screen size the last frame was drawn at (for paging, scrolling and mouse clicks).
    public internal(set) var viewport: Size

    /// Where the cards go, kept until the definition, the width or the problems change (see ``relayout()``).
    private(set) var layout: CardLayout
    private var layoutKey: LayoutKey

    /// What a layout depends on.
    private struct LayoutKey: Equatable {
        var revision: Int
        var width: Int
        var problems: [ValidationProblem]
    }

    var selection: CanvasSelection
    /// The first canvas row on screen.
    var canvasScroll = 0
    var overlay: Overlay?
    var activity: Activity = .idle
    var banner: Banner?
    /// The validator's problems with the current definition, refreshed after every edit.
    public internal(set) var problems: [ValidationProblem] = []
    /// Quit as soon as the save in progress succeeds ("save and quit").
    var quitAfterSave = false
    /// Set once the designer has asked to quit; the host stops after running the effects.
    public internal(set) var hasQuit = false
    /// Counts ticks, for the spinner.
    var tickCount = 0

    public struct Size: Equatable, Sendable {
        public var width: Int
        public var height: Int
        public init(width: Int, height: Int) {
            self.width = width
            self.height = height
        }
    }

    /// A designer on `document`; `published` is the engine's summary when the app already exists there.
    public init(
        appName: String, document: WorkflowDocument, file: URL? = nil, published: WorkflowSummary? = nil,
        engineDescription: String, viewport: Size = Size(width: 80, height: 24)
    ) {
        self.appName = appName
        self.document = document
        self.file = file
        self.published = published
        self.engineDescription = engineDescription
        self.viewport = viewport
        self.appState = published?.state ?? WorkflowState(caseInsensitive: document.state ?? "") ?? .enabled
        self.selection = .add(.actions)
        let problems = WorkflowValidator(workflowName: appName).validate(document.definition)
        self.problems = problems
        self.layout = CardLayout(definition: document.definition, width: viewport.width, problems: problems)
        self.layoutKey = LayoutKey(revision: 0, width: viewport.width, problems: problems)
        self.selection = layout.cards.first?.selection ?? .add(.triggers)
    }

    /// Lays the cards out again when what they depend on changed since the last time.
    mutating func relayout() {
        let problems = allProblems
        let key = LayoutKey(revision: revision, width: viewport.width, problems: problems)
        guard key != layoutKey else { return }
        layout = CardLayout(definition: definition, width: viewport.width, problems: problems)
        layoutKey = key
    }

    /// The definition being edited.
    public var definition: WorkflowDefinition { document.definition }

    /// Whether there are edits not yet saved (the header's mark, the quit prompt).
    public var isDirty: Bool {
        revision != savedRevision || (published == nil && appState == .disabled)
    }

    /// Whether the host should send ``DesignerEvent/tick`` (a spinner is turning).
    public var wantsTicks: Bool {
        if case .saving = activity { return true }
        if case .changingState = activity { return true }
        return false
    }

    /// Whether a text box has the keyboard, so printable keys are text rather than commands.
    var isTyping: Bool {
        switch overlay {
        case .palette?, .rename?: true
        case .form(let form)?: form.isEditingText
        default: false
        }
    }
}

/// What is selected on the canvas.
enum CanvasSelection: Hashable, Sendable {
    case step(StepAddress)
    /// An add button: `+ Add a trigger` (`/triggers`, in an app without one), `+ New step` (`/actions`),
    /// `+ Add an action` in an empty branch (that branch's container).
    case add(JSONPointer)
}

/// What covers the canvas, if anything.
enum Overlay: Sendable {
    case form(StepForm)
    case palette(Palette)
    case help(scroll: Int)
    case code(CodeView)
    case confirm(Confirmation)
    case rename(RenameBox)
}

/// Background work in progress.
enum Activity: Equatable, Sendable {
    case idle
    /// Saving what ``DesignerState/revision`` was when Ctrl-S was pressed.
    case saving(revision: Int, since: Int)
    case changingState(WorkflowState, since: Int)
}

/// The message line above the key hints.
struct Banner: Equatable, Sendable {
    var text: String
    var isError: Bool
}

/// The box that renames a step.
struct RenameBox: Equatable, Sendable {
    var address: StepAddress
    var field: TextField
    var error: String?
}
