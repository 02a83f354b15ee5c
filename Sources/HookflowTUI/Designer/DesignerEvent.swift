import HookflowEngine
import HookflowModel

/// Everything the designer reacts to: the user's input, the clock, and the answers to its effects.
public enum DesignerEvent: Sendable {
    case input(InputEvent)
    /// About ten times a second while something runs in the background (the save spinner).
    case tick
    /// A save finished (see ``DesignerEffect/save(_:)``).
    case saved(SaveOutcome)
    /// An enable/disable finished (see ``DesignerEffect/setState(_:)``).
    case stateChanged(Result<WorkflowSummary, DesignerFailure>)
    /// `$EDITOR` closed (see ``DesignerEffect/editExternally(_:)``): the file's new text, or why it could not run.
    case edited(Result<String, DesignerFailure>)
}

/// Why a background operation failed, in words for the banner.
public struct DesignerFailure: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// What a save did: the file written (when the designer edits a file) and the app published.
public struct SaveOutcome: Equatable, Sendable {
    /// The definition that was saved; what is on screen may have changed since.
    public var definition: WorkflowDefinition
    /// Set when writing the file failed (nothing was published then).
    public var fileError: String?
    /// The engine's answer, with per-trigger results, when publishing succeeded.
    public var summary: WorkflowSummary?
    /// Set when publishing failed.
    public var publishError: String?

    public init(definition: WorkflowDefinition, fileError: String? = nil, summary: WorkflowSummary? = nil, publishError: String? = nil) {
        self.definition = definition
        self.fileError = fileError
        self.summary = summary
        self.publishError = publishError
    }
}
