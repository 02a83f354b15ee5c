import Foundation
import HookflowEngine
import HookflowModel

/// The app open in the designer: its definition (in its file's shape), what the engine has of
/// it, the edits since the last save and how to undo them, and the save in progress.
///
/// Every screen of the designer edits it through ``apply(_:label:focus:coalescing:)``; the canvas,
/// the step form, the palette and the code view are screens over it (see ``DesignerScreen``).
public struct DesignerState: Sendable {
    /// The app's name in the engine.
    public var appName: String
    /// The workflow being edited, in its file's shape (so a file saves back as it was read).
    public internal(set) var document: WorkflowDocument
    /// The file the workflow came from and saves back to; `nil` for an app kept only in the engine.
    public let file: URL?
    /// The file's text as last read or written: a save rewrites only what changed in it.
    var sourceText: String?
    /// What surrounds the file: its Standard project (parameters.json, app settings) or ARM
    /// template. Validation reads the definition in it; a publish sends the definition bound to it.
    public let environment: WorkflowEnvironment
    /// Which engine the designer talks to, for the header ("in-process http://127.0.0.1:7071").
    public var engineDescription: String
    /// The engine runs in this process and stops with the designer.
    public let engineIsInProcess: Bool
    /// The engine's view of the app after the last load, save or toggle; `nil` until first published.
    public internal(set) var published: WorkflowSummary?
    /// The definition the engine has (as loaded or last saved), when known.
    var publishedDefinition: WorkflowDefinition?
    /// Enabled or Disabled as the header shows it; for an unpublished app, the state it will be published with.
    public internal(set) var appState: WorkflowState
    /// The definition as last saved or loaded: the unsaved mark compares the text with it, so it
    /// goes when an edit is undone by hand.
    var savedDefinition: WorkflowDefinition
    /// Counts every change of the definition (edits, undo, redo): what cached layouts are keyed by.
    public internal(set) var revision = 0
    /// The undo and redo stacks.
    var history = EditHistory()
    /// The validator's problems with the current definition, refreshed after every edit.
    public internal(set) var problems: [ValidationProblem] = []
    /// Multi-line fields whose text looks like JSON but does not parse (the form keeps it as a
    /// string so nothing typed is lost); they block the save until fixed, form closed or not.
    var draftProblems: [JSONPointer: DraftProblem] = [:]
    var activity: Activity = .idle
    /// Quit as soon as the save in progress succeeds ("save and quit").
    var quitAfterSave = false
    /// The step the canvas should select next (a step just added, renamed, restored by undo).
    var selectionHint: CanvasSelection?
    /// The file was opened while the engine had another version of the app: the first publish
    /// asks before replacing it.
    var replacesOtherEngineVersion: Bool
    /// The engine's version the definition was edited from: loaded, last saved or reloaded (0: the
    /// engine did not have the app). A save names it, so the engine refuses to store over a
    /// version saved from elsewhere meanwhile; switching the app on or off does not move it.
    public internal(set) var baseVersion: Int
    /// `Stateful`, `Stateless` or `Agentic` as opened (a file's own, else the engine's); a save
    /// keeps it. `nil`: whatever the engine has.
    public internal(set) var kind: String?
    /// The save the engine refused as stale, while its question is open.
    var conflict: VersionConflict?
    private var hasUnsavedText = false

    /// A designer on `document`; `published` and `publishedDefinition` are the engine's when the
    /// app exists there. `sourceText` is the file's text, so saving keeps its formatting.
    public init(
        appName: String, document: WorkflowDocument, file: URL? = nil, sourceText: String? = nil, environment: WorkflowEnvironment = .none,
        published: WorkflowSummary? = nil, publishedDefinition: WorkflowDefinition? = nil, engineDescription: String, engineIsInProcess: Bool = false
    ) {
        self.appName = appName
        self.document = document
        self.file = file
        self.sourceText = sourceText
        self.environment = environment
        self.published = published
        // The engine has the definition as published, bound to the project or template; the
        // designer compares it with the file's in the file's terms.
        self.publishedDefinition = publishedDefinition.map { environment.isEmpty ? $0 : environment.unbind($0, against: document.definition) }
        self.engineDescription = engineDescription
        self.engineIsInProcess = engineIsInProcess
        self.appState = published?.state ?? WorkflowState(caseInsensitive: document.state ?? "") ?? .enabled
        self.savedDefinition = document.definition
        self.problems = WorkflowValidator(workflowName: appName, environment: environment).validate(document.definition)
        self.replacesOtherEngineVersion = file != nil && published != nil && self.publishedDefinition.map { $0 != document.definition } ?? false
        self.baseVersion = published?.version ?? 0
        self.kind = document.kind
    }

    /// The definition being edited.
    public var definition: WorkflowDefinition { document.definition }

    /// The definition the engine is sent: the file's bound to its project or template, as a
    /// deployment of it would run.
    var definitionToPublish: WorkflowDefinition {
        environment.isEmpty ? definition : environment.bind(definition).definition
    }

    /// An engine's copy of the app in the file's terms: what publishing bound, unbound again
    /// against the file as last saved.
    func inFileTerms(_ engineDefinition: WorkflowDefinition) -> WorkflowDefinition {
        environment.isEmpty ? engineDefinition : environment.unbind(engineDefinition, against: savedDefinition)
    }

    /// Whether there are changes not yet saved (the header's mark, the quit question).
    public var isDirty: Bool {
        hasUnsavedText || (published == nil && appState == .disabled)
    }

    /// Whether the engine already has exactly what is on screen (nothing to publish).
    var engineIsUpToDate: Bool {
        guard published != nil, let publishedDefinition else { return false }
        return publishedDefinition == definition
    }

    /// Whether a spinner turns (a save or a switch on its way).
    var wantsTicks: Bool { activity != .idle }

    /// The problems of fields whose text is not JSON yet (first: they are what was just typed),
    /// then the validator's.
    var allProblems: [ValidationProblem] {
        let drafts = draftProblems.filter { pointer, draft in definition[pointer: pointer] == .string(draft.text) }
        guard !drafts.isEmpty else { return problems }
        return drafts.sorted { $0.key < $1.key }.map(\.value.problem) + problems
    }
}

/// A multi-line field's text that looks like JSON and does not parse, with the message that says so.
struct DraftProblem: Equatable, Sendable {
    var problem: ValidationProblem
    /// The text as typed (stored as a string in the definition meanwhile).
    var text: String
}

/// What is selected on the canvas.
enum CanvasSelection: Hashable, Sendable {
    case step(StepAddress)
    /// An add button: `+ Add a trigger` (`/triggers`, in an app without one), `+ New step` (`/actions`),
    /// `+ Add an action` in an empty branch (that branch's container).
    case add(JSONPointer)
}

/// Background work in progress.
enum Activity: Equatable, Sendable {
    case idle
    /// Saving this definition (from when Ctrl-S was pressed).
    case saving(SaveRequest, since: Int)
    case changingState(WorkflowState, since: Int)
}

extension DesignerState {
    // MARK: Editing

    /// Replaces the definition with an edited one: re-validates, records how to undo it.
    ///
    /// `label` names the edit for undo (`rename Parse_order`); `focus` is the step it is about,
    /// before and after; edits with the same `coalescing` key in a row undo as one (the keys typed
    /// into one field).
    mutating func apply(_ edited: WorkflowDefinition, label: String, focus: (before: CanvasSelection?, after: CanvasSelection?) = (nil, nil),
                        coalescing: String? = nil) {
        guard !edited.value.isIdentical(to: definition.value) else { return }
        history.record(EditHistory.Edit(before: definition, label: label, focusBefore: focus.before, focusAfter: focus.after), coalescing: coalescing)
        replaceDefinition(with: edited)
        if let after = focus.after { selectionHint = after }
    }

    /// Undoes the last edit; returns its label (nil: nothing to undo).
    mutating func undo() -> String? {
        guard let edit = history.undo(current: definition) else { return nil }
        replaceDefinition(with: edit.before)
        selectionHint = edit.focusBefore
        return edit.label
    }

    /// Redoes the last undone edit; returns its label.
    mutating func redo() -> String? {
        guard let redone = history.redo(current: definition) else { return nil }
        replaceDefinition(with: redone.after)
        selectionHint = redone.focusAfter
        return redone.label
    }

    /// Sets the definition (no undo record) and everything that follows from it.
    private mutating func replaceDefinition(with definition: WorkflowDefinition) {
        document.definition = definition
        revision += 1
        problems = WorkflowValidator(workflowName: appName, environment: environment).validate(definition)
        refreshDirty()
    }

    mutating func refreshDirty() {
        hasUnsavedText = !definition.value.isIdentical(to: savedDefinition.value)
    }

    /// The engine's new summary of the app (switched from the app list).
    mutating func adopt(_ summary: WorkflowSummary) {
        published = summary
        appState = summary.state
    }

    /// Takes the engine's version of the app (after a save it refused as stale): its definition
    /// replaces the one on screen as one edit, so `u` brings back what was typed, and saves start
    /// from that version. An app kept only in the engine is then saved; a file stays unsaved
    /// until Ctrl-S writes the reloaded definition into it.
    mutating func reload(_ detail: WorkflowDetail, definition: WorkflowDefinition) {
        apply(definition, label: "the reload of v\(detail.summary.version)")
        adoptEngineVersion(detail, definition: definition)
    }

    /// The engine's version is the one the designer's definition now starts from.
    mutating func adoptEngineVersion(_ detail: WorkflowDetail, definition: WorkflowDefinition) {
        published = detail.summary
        publishedDefinition = definition
        appState = detail.summary.state
        baseVersion = detail.summary.version
        replacesOtherEngineVersion = false
        conflict = nil
        if file == nil {
            // The engine is the baseline of an app kept only there; a file names its own kind.
            savedDefinition = definition
            kind = detail.kind ?? kind
        }
        refreshDirty()
    }

    /// Notes a multi-line field's text that is not JSON (or, with `nil`, that it is fine now).
    mutating func noteDraft(at pointer: JSONPointer, _ problem: DraftProblem?) {
        draftProblems[pointer] = problem
    }
}
