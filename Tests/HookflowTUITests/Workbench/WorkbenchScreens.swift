import HookflowEngine
@testable import HookflowTUI

/// Whole workbench screens (header, screen, message and key hints), reached the way a user gets there.
enum WorkbenchScreens {
    static let names = ["apps", "runs", "runDetail"]

    static func state(_ name: String, width: Int, height: Int) throws -> WorkbenchState {
        let published = WorkflowSummary(name: "orders", state: .enabled, version: 3, changedTime: "2026-11-22T10:00:00Z", triggers: [])
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, width: width, height: height, published: published)
        /// Opens the runs and answers the page request they make.
        func openRuns() {
            let effects = state.update(.input(.key(.character("R"))))
            guard case .loadRuns(let request)? = effects.first else { fatalError("R asked for \(effects)") }
            _ = state.update(.runsLoaded(request, .success(RunPage(runs: ScreenFixtures.mixedRuns, skipToken: nil))))
        }
        switch name {
        case "apps":
            _ = state.update(.input(.key(.character("L"))))
            _ = state.update(.appsLoaded(.success(ScreenFixtures.apps)))
        case "runs":
            openRuns()
        case "runDetail":
            openRuns()
            _ = state.update(.input(.key(.down)))
            _ = state.update(.input(.key(.enter)))
            let detail = ScreenFixtures.waitingRun
            _ = state.update(.runLoaded(app: "orders", id: detail.summary.id, .success(detail)))
        default:
            fatalError("no screen \(name)")
        }
        return state
    }

    static func text(_ state: WorkbenchState, glyphs: Glyphs = .unicode) -> String {
        WorkbenchView.render(state, glyphs: glyphs).lines.map { line in
            String(line.reversed().drop { $0 == " " }.reversed())
        }.joined(separator: "\n")
    }
}
