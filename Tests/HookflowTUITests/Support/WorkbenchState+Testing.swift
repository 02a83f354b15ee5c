import HookflowEngine
import HookflowModel
@testable import HookflowTUI

/// What the designer tests read from a workbench: the canvas under everything, and the screen on top.
extension WorkbenchState {
    var canvas: DesignerScreen {
        guard let canvas = stack.first as? DesignerScreen else { preconditionFailure("the designer is not at the bottom") }
        return canvas
    }

    var selection: CanvasSelection { canvas.selection }
    var layout: CanvasLayout { canvas.layout }
    var canvasScroll: Int { canvas.canvasScroll }
    var pageHeight: Int { canvas.pageHeight }
    var definition: WorkflowDefinition { designer.definition }
    var isDirty: Bool { designer.isDirty }
    var problems: [ValidationProblem] { designer.problems }
    var published: WorkflowSummary? { designer.published }
    var appState: WorkflowState { designer.appState }
    var revision: Int { designer.revision }
    /// The message line.
    var banner: Banner? { context.messages.current }

    /// The screen on top when it is one of these.
    var form: StepForm? { (top as? FormScreen)?.form }
    var palette: Palette? { (top as? PaletteScreen)?.palette }
    var prompt: ScreenPrompt? { (top as? PromptScreen)?.prompt }
    var code: CodeView? { (top as? CodeScreen)?.code }
    /// Nothing open over the canvas.
    var isOnCanvas: Bool { stack.count == 1 }

    @discardableResult
    mutating func press(_ keys: Key...) -> [WorkbenchEffect] {
        keys.flatMap { update(.input(.key($0))) }
    }

    mutating func type(_ text: String) {
        for character in text { _ = update(.input(.key(.character(character)))) }
    }

    /// The whole screen, each line without trailing spaces.
    func text(glyphs: Glyphs = .unicode) -> String {
        WorkbenchView.render(self, glyphs: glyphs).lines.map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}
