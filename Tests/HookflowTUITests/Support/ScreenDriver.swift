import HookflowEngine
import HookflowModel
@testable import HookflowTUI

/// One screen driven through a real workbench, the way a user reaches it: shown over the designer,
/// its keys, clicks and answers going through ``WorkbenchState/update(_:)`` (so its questions, the
/// messages and the screens it opens are the real ones). Its own state reads as the driver's
/// (`driver.runs`), through dynamic member lookup.
///
/// ```swift
/// var screen = ScreenDriver(RunsScreen(app: "orders"))
/// screen.handle(.character("x"))   // the workbench shows the cancel question
/// screen.prompt?.title             // "Cancel run"
/// ```
@dynamicMemberLookup
struct ScreenDriver<S: Screen> {
    var state: WorkbenchState
    /// Where the screen sits in the stack.
    let index: Int
    /// What showing the screen asked for (its first load).
    let initialEffects: [WorkbenchEffect]

    /// A designer that has published `orders` (so its runs can be shown).
    static var designer: DesignerState {
        let published = WorkflowSummary(name: "orders", state: .enabled, version: 3, changedTime: "2026-11-22T10:00:00Z", triggers: [])
        return DesignerState(appName: "orders", document: WorkflowDocument(definition: .empty()), published: published,
                             publishedDefinition: .empty(), engineDescription: DesignerFixtures.engine)
    }

    /// Shows `screen` over a designer; the screen's area is `width`×`height` from row 1.
    init(_ screen: S, designer: DesignerState = Self.designer, width: Int = 80, height: Int = 21) {
        state = WorkbenchState(designer: designer)
        _ = state.update(.input(.resize(width: width, height: height + 3)))
        state.context.show(screen)
        initialEffects = state.navigate(from: 0)
        index = state.stack.count - 1
    }

    /// The screen as it is now.
    var screen: S {
        get {
            guard state.stack.indices.contains(index), let screen = state.stack[index] as? S else { preconditionFailure("the screen was closed") }
            return screen
        }
        set { state.stack[index] = newValue }
    }

    subscript<T>(dynamicMember keyPath: KeyPath<S, T>) -> T { screen[keyPath: keyPath] }

    /// Whether the screen is still in the stack.
    var isOpen: Bool { state.stack.indices.contains(index) && state.stack[index] is S }
    /// The screen that has the keys (a question the screen asked, another screen it opened).
    var top: any Screen { state.top }
    /// The question on top, if one is asked.
    var prompt: ScreenPrompt? { (state.top as? PromptScreen)?.prompt }
    /// The message line.
    var banner: Banner? { state.context.messages.current }

    mutating func appear() -> [WorkbenchEffect] {
        let effects = state.stack[index].appear(&state.context)
        return effects + state.navigate(from: index)
    }

    @discardableResult
    mutating func handle(_ key: Key) -> [WorkbenchEffect] { state.update(.input(.key(key))) }

    @discardableResult
    mutating func receive(_ event: WorkbenchEvent) -> [WorkbenchEffect] { state.update(event) }

    @discardableResult
    mutating func click(x: Int, y: Int, button: MouseButton) -> [WorkbenchEffect] { state.update(.input(.mouse(x: x, y: y, button: button))) }

    /// The screen (and what floats over it) drawn in a `width`×`height` area at the origin, as
    /// the screen tests read it.
    func buffer(width: Int, height: Int, glyphs: Glyphs = .unicode, tick: Int = 0) -> CellBuffer {
        var state = self.state
        state.context.tick = tick
        let area = Rect(width: width, height: height)
        var buffer = CellBuffer(width: width, height: height)
        for position in index..<state.stack.count {
            state.stack[position].layout(area: area, state.context)
            buffer.cursor = nil
            state.stack[position].render(into: &buffer, area: area, context: state.context, glyphs: glyphs)
        }
        return buffer
    }

    func text(width: Int, height: Int, glyphs: Glyphs = .unicode, tick: Int = 0) -> String {
        ScreenFixtures.lines(buffer(width: width, height: height, glyphs: glyphs, tick: tick))
    }
}
