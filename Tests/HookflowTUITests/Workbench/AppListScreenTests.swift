import HookflowEngine
import Testing
@testable import HookflowTUI

/// The app list: whole screens, and what its keys and the engine's answers do.
@Suite struct AppListScreenTests {
    @Test func threeApps80x21() {
        #expect(ScreenFixtures.text(ScreenFixtures.appList(), width: 80, height: 21) == """
              NAME      STATE       VERSION  CHANGED              TRIGGERS
            ▸ invoices  Enabled           1  2026-11-21 08:15:00  Invoice_events: Subscribe…
              orders    Enabled           3  2026-11-22 10:04:05  Order_events: Subscribed
              returns   Disabled          7  2026-11-20 17:30:59  Return_events: NotSubscri…

            ── Triggers of invoices ────────────────────────────────────────────────────────
              ✗ Invoice_events  HttpWebhook  SubscribeFailed  HTTP 503: busy — {"error":"t…














            """)
    }

    @Test func threeApps120x37() {
        #expect(ScreenFixtures.text(ScreenFixtures.appList(), width: 120, height: 37) == """
              NAME      STATE       VERSION  CHANGED              TRIGGERS
            ▸ invoices  Enabled           1  2026-11-21 08:15:00  Invoice_events: SubscribeFailed (503: busy, next try 08:16:04)
              orders    Enabled           3  2026-11-22 10:04:05  Order_events: Subscribed
              returns   Disabled          7  2026-11-20 17:30:59  Return_events: NotSubscribed

            ── Triggers of invoices ────────────────────────────────────────────────────────────────────────────────────────────────
              ✗ Invoice_events  HttpWebhook  SubscribeFailed  HTTP 503: busy — {"error":"try again later"}  next try 08:16:04






























            """)
    }

    @Test func theSelectedRowIsMarkedAndStatusesAreColoured() {
        var screen = ScreenFixtures.appList()
        _ = screen.handle(.down)
        let buffer = ScreenFixtures.buffer(screen, width: 120, height: 37)
        // Row 2 is orders, selected: one selection run across the whole row.
        #expect(buffer.styledRuns(line: 2).map(\.role) == [.selection])
        #expect(buffer.runs(of: .statusFailed, line: 1).map(\.text) == ["SubscribeFailed (503: busy, next try 08:16:04)"])
        #expect(buffer.runs(of: .disabled, line: 3).map(\.text) == ["Disabled"])
        #expect(buffer.runs(of: .dim, line: 3).map(\.text).contains { $0.hasPrefix("NotSubscribed") })
    }

    @Test func loadingThenEmpty() {
        var screen = ScreenDriver(AppListScreen())
        #expect(screen.initialEffects == [.loadApps])
        #expect(ScreenFixtures.text(screen, width: 80, height: 5) == "\n  ⠋ Loading apps…\n\n\n")
        _ = screen.receive(.appsLoaded(.success([])))
        #expect(ScreenFixtures.text(screen, width: 80, height: 5) == "\n  No apps yet. Press Esc for the designer; Ctrl-S there publishes the app.\n\n\n")
    }

    @Test func aFailedLoadShowsTheError() {
        var screen = ScreenDriver(AppListScreen())
        _ = screen.receive(.appsLoaded(.failure(DesignerFailure("connection refused"))))
        #expect(screen.banner == Banner(text: "Could not load the apps: connection refused", isError: true))
        #expect(ScreenFixtures.text(screen, width: 80, height: 3) == "\n  ✗ Could not load the apps: connection refused\n")
    }

    @Test func engineEventsReloadOnceAtATime() {
        var screen = ScreenFixtures.appList()
        let changed = WorkbenchEvent.engine(EngineEvent(kind: .workflowChanged, workflow: "orders", status: "Disabled"))
        #expect(screen.receive(changed) == [.loadApps])
        // Two more while that load is on its way: nothing now, one load after the answer.
        #expect(screen.receive(changed) == [])
        #expect(screen.receive(.engine(EngineEvent(kind: .workflowDeleted, workflow: "returns"))) == [])
        #expect(screen.receive(.appsLoaded(.success(ScreenFixtures.apps))) == [.loadApps])
        #expect(screen.receive(.appsLoaded(.success(ScreenFixtures.apps))) == [])
        // Run events are not the app list's business.
        #expect(screen.receive(.engine(EngineEvent(kind: .runChanged, workflow: "orders", runID: "r", status: "Running"))) == [])
    }

    @Test func theSelectionStaysOnItsAppWhenTheListChanges() {
        var screen = ScreenFixtures.appList()
        _ = screen.handle(.character("G"))
        #expect(screen.selectedApp?.name == "returns")
        _ = screen.receive(.engine(EngineEvent(kind: .workflowChanged, workflow: "alerts")))
        let alerts = WorkflowSummary(name: "alerts", state: .enabled, version: 1, changedTime: "2026-11-23T09:00:00Z", triggers: [])
        _ = screen.receive(.appsLoaded(.success([alerts] + ScreenFixtures.apps)))
        #expect(screen.selectedApp?.name == "returns")
    }

    @Test func enterOpensTheDesignerAndROpensTheRuns() {
        var screen = ScreenFixtures.appList()
        _ = screen.handle(.character("j"))
        _ = screen.handle(.character("R"))
        #expect((screen.top as? RunsScreen)?.app == "orders")
        _ = screen.handle(.escape)
        #expect(screen.top is AppListScreen)
        // r is rename in the designer: it means nothing here.
        #expect(screen.handle(.character("r")) == [])
        #expect(screen.top is AppListScreen)
        // orders is the designer's own app: Enter goes back to it, with nothing to fetch.
        #expect(screen.handle(.enter) == [])
        #expect(screen.top is DesignerScreen)
        var other = ScreenFixtures.appList()
        #expect(other.handle(.enter) == [.openApp("invoices")])
        #expect(other.handle(.escape) == [])
        #expect(other.top is DesignerScreen)
        #expect(other.handle(.character("q")) == [.quit])
    }

    @Test func toggleDisablesAnEnabledAppWithASpinnerUntilTheAnswer() {
        var screen = ScreenFixtures.appList()
        _ = screen.handle(.down)
        #expect(screen.handle(.character("t")) == [.changeApp(.disable("orders"))])
        #expect(screen.wantsTicks)
        #expect(ScreenFixtures.buffer(screen, width: 80, height: 21, tick: 1).line(2).hasPrefix("▸ orders    ⠙ Disabling       3"))
        // A second t while it is on its way asks nothing.
        #expect(screen.handle(.character("t")) == [])
        var disabled = ScreenFixtures.apps[1]
        disabled.state = .disabled
        disabled.results = [SubscriptionResult(trigger: "Order_events", outcome: .unsubscribed)]
        #expect(screen.receive(.appChanged(.disable("orders"), .success(disabled))) == [.loadApps])
        #expect(screen.banner == Banner(text: "Disabled orders · Order_events: Unsubscribed", isError: false))
        #expect(!screen.wantsTicks)
        #expect(ScreenFixtures.buffer(screen, width: 80, height: 21).line(2).hasPrefix("▸ orders    Disabled          3"))
    }

    @Test func toggleEnablesADisabledAppAndReportsAFailure() {
        var screen = ScreenFixtures.appList()
        _ = screen.handle(.character("G"))
        #expect(screen.handle(.character("t")) == [.changeApp(.enable("returns"))])
        _ = screen.receive(.appChanged(.enable("returns"), .failure(DesignerFailure("the engine is not answering"))))
        #expect(screen.banner == Banner(text: "Could not enable returns: the engine is not answering", isError: true))
    }

    @Test func deleteAsksFirst() {
        var screen = ScreenFixtures.appList()
        _ = screen.handle(.down)
        #expect(screen.handle(.character("d")) == [])
        let text = ScreenFixtures.text(screen, width: 80, height: 21)
        #expect(text.contains("│ Delete app orders? Its runs are deleted and its webhook"))
        #expect(text.contains("│ triggers unsubscribed."))
        #expect(text.contains("│  y Delete    n Keep "))
        #expect(screen.top.hints(screen.state.context).map(\.key) == ["y", "n", "Esc"])
        // n keeps it; Enter alone keeps it (No is highlighted).
        #expect(screen.handle(.character("n")) == [])
        _ = screen.handle(.delete)
        #expect(screen.handle(.enter) == [])
        _ = screen.handle(.character("d"))
        #expect(screen.handle(.character("y")) == [.changeApp(.delete("orders"))])
        #expect(screen.receive(.appChanged(.delete("orders"), .success(ScreenFixtures.apps[1]))) == [.loadApps])
        #expect(screen.apps?.map(\.name) == ["invoices", "returns"])
        #expect(screen.banner == Banner(text: "Deleted orders", isError: false))
    }

    @Test func clickSelectsAndASecondClickOpens() {
        var screen = ScreenFixtures.appList()
        // Row 0 of the area (screen row 1) is the header; apps start on screen row 2.
        #expect(screen.click(x: 10, y: 1, button: .left) == [])
        #expect(screen.selectedApp?.name == "invoices")
        #expect(screen.click(x: 10, y: 4, button: .left) == [])
        #expect(screen.selectedApp?.name == "returns")
        #expect(screen.click(x: 10, y: 4, button: .left) == [.openApp("returns")])
    }
}
