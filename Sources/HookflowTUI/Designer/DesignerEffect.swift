import Foundation
import HookflowEngine
import HookflowModel

/// Work the designer asks its host to do outside the pure core; each answers with a ``DesignerEvent``.
public enum DesignerEffect: Equatable, Sendable {
    /// Write the file (when there is one) and publish the app; answer with ``DesignerEvent/saved(_:)``.
    case save(SaveRequest)
    /// Enable or disable the published app; answer with ``DesignerEvent/stateChanged(_:)``.
    case setState(WorkflowState, app: String)
    /// Suspend the screen, open this text in `$EDITOR`, answer with ``DesignerEvent/edited(_:)``.
    case editExternally(String)
    /// Put text on the clipboard (OSC 52).
    case copyToClipboard(String)
    /// Leave the designer.
    case quit
}

/// Everything a save needs, captured when the user pressed Ctrl-S.
public struct SaveRequest: Equatable, Sendable {
    public var appName: String
    public var definition: WorkflowDefinition
    /// The state to publish with; `nil` keeps the engine's (a new app starts Enabled).
    public var state: WorkflowState?
    /// The file to write first (atomically), and its new text in the file's own shape.
    public var file: URL?
    public var fileText: String?

    public init(appName: String, definition: WorkflowDefinition, state: WorkflowState?, file: URL?, fileText: String?) {
        self.appName = appName
        self.definition = definition
        self.state = state
        self.file = file
        self.fileText = fileText
    }
}
