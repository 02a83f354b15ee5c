import HookflowModel

/// What a question (``PromptScreen``) was answered with; it goes back to the screen that asked,
/// except quitting, which the workbench does itself.
enum DialogAnswer: Equatable, Sendable {
    case cancel
    case deleteStep(StepAddress)
    case deleteApp(String)
    case controlRun(RunControl)
    /// Save, then quit once the save succeeded.
    case saveAndQuit
    case discardAndQuit
    /// Quit although the engine stops with the designer.
    case quit
    /// Publish the file although the engine has another version of the app.
    case publishOverEngine
    /// A save met a newer version of the app in the engine: what to do about it.
    case versionConflict(VersionConflict.Choice)
}
