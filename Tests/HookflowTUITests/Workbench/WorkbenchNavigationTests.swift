import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// Moving between the designer, the app list, the runs and a run's detail.
@Suite struct WorkbenchNavigationTests {
    private func published(_ name: String = "orders") -> WorkflowSummary {
        WorkflowSummary(name: name, state: .enabled, version: 1, changedTime: "2026-11-22T00:00:00Z", triggers: [])
    }

    private func workbench(published: WorkflowSummary? = nil) throws -> WorkbenchState {
        try DesignerFixtures.designer(DesignerFixtures.parallelBranches, published: published)
    }

    private func press(_ state: inout WorkbenchState, _ keys: Key...) -> [WorkbenchEffect] {
        keys.flatMap { state.update(.input(.key($0))) }
    }

    @Test func runsAndAppsAreOneKeyFromTheDesigner() throws {
        var state = try workbench(published: published())
        let effects = press(&state, .character("R"))
        #expect(state.top is RunsScreen, "R opens the runs")
        #expect(effects.allSatisfy { $0.isLoad }, "only loads go to the host: \(effects)")
        _ = press(&state, .escape)
        #expect(state.stack.count == 1)
        _ = press(&state, .character("L"))
        #expect(state.top is AppListScreen, "L opens the app list")
        _ = press(&state, .escape)
        #expect(state.stack.count == 1)
    }

    @Test func anUnpublishedAppHasNoRunsToShow() throws {
        var state = try workbench()
        #expect(press(&state, .character("R")).isEmpty)
        #expect(state.stack.count == 1)
        #expect(state.context.messages.current?.text.contains("Ctrl-S publishes it first") == true)
    }

    @Test func keysTypedInTheDesignerAreNotNavigation() throws {
        var state = try workbench(published: published())
        _ = press(&state, .down, .character("r"))  // the rename box
        _ = press(&state, .character("R"), .character("L"))
        #expect(state.stack.count == 2)
        let box = try #require(state.top as? RenameScreen, "rename box closed")
        #expect(box.field.text == "StartRL")
    }

    @Test func openingAnotherAppLoadsItIntoTheDesigner() throws {
        var state = try workbench(published: published())
        _ = press(&state, .character("L"))
        _ = state.update(.appsLoaded(.success([published(), published("billing")])))
        #expect(press(&state, .down, .enter) == [.openApp("billing")])
        let definition: JSONValue = ["triggers": ["manual": ["type": "Request", "kind": "Http"]], "actions": [:]]
        _ = state.update(.appOpened(name: "billing", .success(WorkflowDetail(summary: published("billing"), definition: definition))))
        #expect(state.stack.count == 1)
        #expect(state.designer.appName == "billing")
        #expect(state.designer.definition.step(named: "manual") != nil)
        #expect(state.designer.published?.name == "billing")
        #expect(!state.designer.isDirty)
    }

    @Test func unsavedChangesAreNotDroppedForAnotherApp() throws {
        var state = try workbench(published: published())
        _ = press(&state, .down, .character("y"), .character("L"))
        _ = state.update(.appsLoaded(.success([published("billing"), published()])))
        #expect(press(&state, .enter).isEmpty)
        #expect(state.context.messages.current?.isError == true)
        #expect(state.designer.appName == "orders")
        // The same app just comes back to the front.
        #expect(press(&state, .down, .enter).isEmpty)
        #expect(state.stack.count == 1)
    }

    @Test func quittingFromAScreenAsksAboutUnsavedChanges() throws {
        var state = try workbench(published: published())
        _ = press(&state, .down, .character("y"), .character("L"))
        #expect(press(&state, .character("q")).isEmpty)
        let prompt = try #require((state.top as? PromptScreen)?.prompt)
        #expect(prompt.title == "Unsaved changes")
        #expect(prompt.choices.map(\.key) == ["s", "d", "c"])
        // c: nothing happens, the app list is still there.
        _ = press(&state, .character("c"))
        #expect(state.top is AppListScreen)
        #expect(!state.hasQuit)
    }

    /// The header says the engine is lost (instead of naming it as if it were there); messages
    /// said meanwhile do not come back once it answers again.
    @Test func aLostEngineShowsInTheHeaderUntilItAnswersAgain() throws {
        var state = try workbench(published: published())
        _ = press(&state, .character("R"))
        _ = state.update(.connection(.lost("connection refused")))
        var screen = WorkbenchView.render(state, glyphs: .unicode)
        #expect(screen.line(0).hasSuffix("engine lost · reconnecting ⠋ "), "\(screen.line(0))")
        #expect(!screen.line(0).contains("in-process"))
        #expect(screen.line(22).contains("Lost the engine: connection refused; reconnecting"))
        let effects = state.update(.connection(.restored))
        #expect(state.connectionProblem == nil)
        #expect(effects.allSatisfy { $0.isLoad })
        screen = WorkbenchView.render(state, glyphs: .unicode)
        #expect(screen.line(0).hasSuffix("engine: in-process http://127.0.0.1:7071 "))
        #expect(screen.line(22).contains("The engine answers again"))
        #expect(!screen.line(22).contains("Lost"))
    }

    @Test func helpOpensOverAScreenAtItsKeys() throws {
        var state = try workbench(published: published())
        _ = press(&state, .character("R"), .character("?"))
        let help = try #require(state.top as? HelpScreen)
        #expect(help.opening == .runs)
        let lines = WorkbenchView.render(state, glyphs: .unicode).lines
        #expect(lines[1].contains("Keys"))
        #expect(lines[2].contains("Runs (R)"), "opens at the runs' keys:\n\(lines.joined(separator: "\n"))")
        _ = press(&state, .escape)
        #expect(state.top is RunsScreen, "Esc closed the help only")
    }
}
