import HookflowEngine
import HookflowModel

/// A save the engine refused because the app moved on since the designer's version (SPEC §3
/// Versions): the question, and what each answer does. Nothing typed is ever lost: reloading is
/// one edit that `u` undoes, and "save and quit" waits until the question is answered.
extension WorkbenchContext {
    /// The engine refused `request` as stale: asks what to do, unless the engine's version is
    /// exactly what was being saved (then there is nothing left to save).
    mutating func versionConflict(_ conflict: VersionConflict, refused request: SaveRequest) -> [WorkbenchEffect] {
        if conflict.current > 0, let engine = conflict.engine, let definition = conflict.engineDefinition.map(designer.inFileTerms),
           definition == request.definition {
            designer.adoptEngineVersion(engine, definition: definition)
            say("The engine's \(designer.appName) v\(conflict.current) already has these edits (saved from elsewhere): nothing left to publish")
            if designer.isDirty { designer.quitAfterSave = false }
            return quitIfAsked()
        }
        designer.conflict = conflict
        say(conflict.summary(app: designer.appName), isError: true)
        ask(conflict.prompt(app: designer.appName))
        return []
    }

    /// The question's answer. Reloading is the workbench's to finish (it brings the canvas back);
    /// showing the difference keeps the question for when the difference closes; overwriting
    /// saves again, still quitting afterwards when "save and quit" asked for the save.
    mutating func answerVersionConflict(_ choice: VersionConflict.Choice) -> [WorkbenchEffect] {
        guard let conflict = designer.conflict else { return [] }
        switch choice {
        case .reload:
            guard let engine = conflict.engine, let definition = conflict.engineDefinition.map(designer.inFileTerms) else { return [] }
            designer.quitAfterSave = false
            let unchanged = definition == designer.definition
            designer.reload(engine, definition: definition)
            let write = designer.isDirty ? " (not saved to \(designer.fileName) yet: Ctrl-S)" : ""
            say("Reloaded v\(conflict.current) from the engine" + write + (unchanged ? "" : "; u brings your edits back"))
        case .showDifference:
            guard conflict.engineDefinition != nil else { return [] }
            show(DifferenceScreen())
        case .overwrite:
            designer.conflict = nil
            let effects = save(overwrite: true)
            if effects.isEmpty { designer.quitAfterSave = false }
            return effects
        case .cancel:
            designer.conflict = nil
            designer.quitAfterSave = false
            say("Not saved: your edits stay here" + (conflict.current > 0 ? "; Ctrl-S asks again while the engine has v\(conflict.current)" : ""))
        }
        return []
    }
}
