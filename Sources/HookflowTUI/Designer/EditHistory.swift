import HookflowModel

/// The designer's undo and redo stacks: the definition before each edit, with a name for the
/// message (`Undid rename Parse_order`) and the step to select again.
///
/// Edits recorded with the same coalescing key in a row are one step to undo (everything typed
/// into one field while it kept the focus); an undo ends the run.
///
/// ```swift
/// var history = EditHistory()
/// history.record(.init(before: old, label: "delete Notify"), coalescing: nil)
/// history.undo(current: now)   // the edit: put edit.before back
/// ```
struct EditHistory: Sendable {
    /// Undo steps kept; older ones are forgotten.
    static let limit = 200

    struct Edit: Sendable {
        var before: WorkflowDefinition
        var label: String
        var focusBefore: CanvasSelection?
        var focusAfter: CanvasSelection?
    }

    /// An undone edit, with the definition to go back to on redo.
    struct Undone: Sendable {
        var edit: Edit
        var after: WorkflowDefinition
    }

    private(set) var undoStack: [Edit] = []
    private(set) var redoStack: [Undone] = []
    /// The coalescing key of the last recorded edit, while another edit may still join it.
    private var openKey: String?

    var canUndo: Bool { !undoStack.isEmpty }
    var canRedo: Bool { !redoStack.isEmpty }

    mutating func record(_ edit: Edit, coalescing key: String?) {
        redoStack.removeAll()
        if let key, key == openKey, !undoStack.isEmpty {
            // One more key typed into the same field: the step's "before" stays the first one.
            undoStack[undoStack.count - 1].focusAfter = edit.focusAfter ?? undoStack[undoStack.count - 1].focusAfter
            return
        }
        undoStack.append(edit)
        if undoStack.count > Self.limit { undoStack.removeFirst(undoStack.count - Self.limit) }
        openKey = key
    }

    /// Takes the last edit off; `current` is kept for redo. Returns what to restore.
    mutating func undo(current: WorkflowDefinition) -> Edit? {
        guard let edit = undoStack.popLast() else { return nil }
        redoStack.append(Undone(edit: edit, after: current))
        openKey = nil
        return edit
    }

    /// Puts the last undone edit back. Returns it with the definition to restore.
    mutating func redo(current: WorkflowDefinition) -> (label: String, after: WorkflowDefinition, focusAfter: CanvasSelection?)? {
        guard let undone = redoStack.popLast() else { return nil }
        var edit = undone.edit
        edit.before = current
        undoStack.append(edit)
        openKey = nil
        return (undone.edit.label, undone.after, undone.edit.focusAfter)
    }
}
