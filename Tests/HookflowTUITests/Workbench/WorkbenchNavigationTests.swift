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
        var state = WorkbenchState(designer: try DesignerFixtures.designer(DesignerFixtures.parallelBranches, published: published))
        _ = state.update(.input(.resize(width: 80, height: 24)))
        return state
    }

    private func press(_ state: inout WorkbenchState, _ keys: Key...) -> [WorkbenchEffect] {
        keys.flatMap { state.update(.input(.key($0))) }
    }

    @Test func runsAndAppsAreOneKeyFromTheDesigner() throws {
        var state = try workbench(published: published())
        let effects = press(&state, .character("R"))
        guard case .runs? = state.stack.last else { Issue.record("R did not open the runs"); return }
        #expect(effects.allSatisfy { $0.isLoad }, "only loads go to the host: \(effects)")
        _ = press(&state, .escape)
        #expect(state.stack.isEmpty)
        _ = press(&state, .character("L"))
        guard case .apps? = state.stack.last else { Issue.record("L did not open the app list"); return }
        _ = press(&state, .escape)
        #expect(state.stack.isEmpty)
    }

    @Test func anUnpublishedAppHasNoRunsToShow() throws {
        var state = try workbench()
        #expect(press(&state, .character("R")).isEmpty)
        #expect(state.stack.isEmpty)
        #expect(state.banner?.text.contains("Ctrl-S publishes it first") == true)
    }

    @Test func keysTypedInTheDesignerAreNotNavigation() throws {
        var state = try workbench(published: published())
        _ = press(&state, .down, .character("r"))  // the rename box
        _ = press(&state, .character("R"), .character("L"))
        #expect(state.stack.isEmpty)
        guard case .rename(let box)? = state.designer.overlay else { Issue.record("rename box closed"); return }
        #expect(box.field.text == "StartRL")
    }

    @Test func openingAnotherAppLoadsItIntoTheDesigner() throws {
        var state = try workbench(published: published())
        _ = press(&state, .character("L"))
        #expect(state.route([.show(.designer(app: "billing"))]) == [.openApp("billing")])
        let definition: JSONValue = ["triggers": ["manual": ["type": "Request", "kind": "Http"]], "actions": [:]]
        _ = state.update(.appOpened(name: "billing", .success(WorkflowDetail(summary: published("billing"), definition: definition))))
        #expect(state.stack.isEmpty)
        #expect(state.designer.appName == "billing")
        #expect(state.designer.definition.step(named: "manual") != nil)
        #expect(state.designer.published?.name == "billing")
        #expect(!state.designer.isDirty)
    }

    @Test func unsavedChangesAreNotDroppedForAnotherApp() throws {
        var state = try workbench(published: published())
        _ = press(&state, .down, .character("y"), .character("L"))
        #expect(state.route([.show(.designer(app: "billing"))]).isEmpty)
        #expect(state.banner?.isError == true)
        #expect(state.designer.appName == "orders")
        // The same app just comes back to the front.
        #expect(state.route([.show(.designer(app: "orders"))]).isEmpty)
        #expect(state.stack.isEmpty)
    }

    @Test func quittingFromAScreenGoesThroughTheDesignersQuestion() throws {
        var state = try workbench(published: published())
        _ = press(&state, .down, .character("y"), .character("L"))
        #expect(state.route([.quit]).isEmpty)
        #expect(state.stack.isEmpty)
        guard case .confirm(let confirmation)? = state.designer.overlay else { Issue.record("no unsaved prompt"); return }
        #expect(confirmation == .unsavedChanges)
    }

    @Test func aLostEngineShowsABannerUntilItAnswersAgain() throws {
        var state = try workbench(published: published())
        _ = press(&state, .character("R"))
        _ = state.update(.connection(.lost("connection refused")))
        let screen = WorkbenchView.render(state, glyphs: .unicode).line(22)
        #expect(screen.contains("Lost the engine: connection refused"))
        let effects = state.update(.connection(.restored))
        #expect(state.connectionProblem == nil)
        #expect(effects.allSatisfy { $0.isLoad })
    }

    @Test func helpOpensOverAScreen() throws {
        var state = try workbench(published: published())
        _ = press(&state, .character("R"), .character("?"))
        #expect(state.help == 0)
        let lines = WorkbenchView.render(state, glyphs: .unicode).lines
        #expect(lines.contains { $0.contains("Keys") })
        _ = press(&state, .escape)
        #expect(state.help == nil)
        guard case .runs? = state.stack.last else { Issue.record("Esc closed more than the help"); return }
    }
}
