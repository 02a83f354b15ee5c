import HookflowEngine
import Testing
@testable import HookflowTUI

/// The runs list: whole screens, keys, filters, cancel and resubmit.
@Suite struct RunsScreenTests {
    @Test func mixedStatuses80x21() {
        #expect(ScreenFixtures.text(ScreenFixtures.runsScreen(), width: 80, height: 21) == """
              STATUS       RUN ID                      STARTED         DURATION  WAITING ON
            ▸ ● Running    01JD4X5Y6Z0000000000000006  11-22 10:09:00         —
              ◷ Waiting    01JD4X5Y6Z0000000000000005  11-22 10:08:00         —  Wait_for_a…
              ✓ Succeeded  01JD4X5Y6Z0000000000000004  11-22 10:07:00      1.2s
              ✗ Failed     01JD4X5Y6Z0000000000000003  11-22 10:06:00    3m 04s
              ⊘ Cancelled  01JD4X5Y6Z0000000000000002  11-22 08:05:00    2h 01m
              ⧗ TimedOut   01JD4X5Y6Z0000000000000001  11-20 10:04:05    2d 04h













                                                                                   1–6 of 6
            """)
    }

    @Test func mixedStatuses120x37() {
        let screen = ScreenFixtures.runsScreen(width: 120, height: 37)
        #expect(ScreenFixtures.text(screen, width: 120, height: 37) == """
              STATUS       RUN ID                      TRIGGER               STARTED              DURATION  WAITING ON
            ▸ ● Running    01JD4X5Y6Z0000000000000006  Order_events          2026-11-22 10:09:00         —
              ◷ Waiting    01JD4X5Y6Z0000000000000005  Order_events          2026-11-22 10:08:00         —  Wait_for_approval
              ✓ Succeeded  01JD4X5Y6Z0000000000000004  Order_events          2026-11-22 10:07:00      1.2s
              ✗ Failed     01JD4X5Y6Z0000000000000003  Order_events          2026-11-22 10:06:00    3m 04s
              ⊘ Cancelled  01JD4X5Y6Z0000000000000002  Order_events          2026-11-22 08:05:00    2h 01m
              ⧗ TimedOut   01JD4X5Y6Z0000000000000001  Order_events          2026-11-20 10:04:05    2d 04h





























                                                                                                                           1–6 of 6
            """)
    }

    @Test func statusesAreColouredByRole() {
        var screen = ScreenFixtures.runsScreen()
        _ = screen.handle(.down)
        let buffer = ScreenFixtures.buffer(screen, width: 80, height: 21)
        #expect(buffer.runs(of: .statusRunning, line: 1).map(\.text) == ["● Running"])
        #expect(buffer.styledRuns(line: 2).map(\.role) == [.selection])
        #expect(buffer.runs(of: .statusSucceeded, line: 3).map(\.text) == ["✓ Succeeded"])
        #expect(buffer.runs(of: .statusFailed, line: 4).map(\.text) == ["✗ Failed"])
        #expect(buffer.runs(of: .statusCancelled, line: 5).map(\.text) == ["⊘ Cancelled"])
        #expect(buffer.runs(of: .statusTimedOut, line: 6).map(\.text) == ["⧗ TimedOut"])
        #expect(buffer.runs(of: .title, line: 0).first?.text.hasPrefix("STATUS") == true)
    }

    @Test func appearAsksForTheFirstPageOfTwoScreens() {
        let screen = ScreenDriver(RunsScreen(app: "orders"), width: 120, height: 60)
        #expect(screen.initialEffects == [.loadRuns(RunsRequest(app: "orders", status: nil, top: 116, skipToken: nil))])
        let small = ScreenDriver(RunsScreen(app: "orders"))
        #expect(small.initialEffects == [.loadRuns(RunsRequest(app: "orders", status: nil, top: 50, skipToken: nil))])
        #expect(ScreenFixtures.text(small, width: 80, height: 4) == """
              STATUS       RUN ID                      STARTED         DURATION  WAITING ON

              ⠋ Loading runs…

            """)
    }

    @Test func emptyStates() {
        let none = ScreenFixtures.runsScreen([])
        #expect(ScreenFixtures.text(none, width: 80, height: 3).contains("No runs yet. Send a callback to the trigger's URL to start one."))
        var waiting = ScreenFixtures.runsScreen([])
        guard case .loadRuns(let request)? = waiting.handle(.character("f")).first else {
            Issue.record("f did not reload")
            return
        }
        _ = waiting.receive(.runsLoaded(request, .success(RunPage(runs: [], skipToken: nil))))
        #expect(ScreenFixtures.text(waiting, width: 80, height: 3).contains("No Waiting runs."))
    }

    @Test func filterCyclesAndReloadsFromTheFirstPage() {
        var screen = ScreenFixtures.runsScreen()
        var seen: [RunStatus?] = []
        for _ in 0..<7 {
            let effects = screen.handle(.character("f"))
            guard case .loadRuns(let request)? = effects.first else {
                Issue.record("f did not reload: \(effects)")
                return
            }
            #expect(request.skipToken == nil)
            #expect(screen.runs.isEmpty)
            seen.append(request.status)
            _ = screen.receive(.runsLoaded(request, .success(RunPage(runs: [], skipToken: nil))))
        }
        #expect(seen == [.waiting, .running, .failed, .succeeded, .cancelled, .timedOut, nil])
        _ = screen.handle(.character("f"))
        #expect(screen.title == "Runs · orders · Waiting")
    }

    @Test func anAnswerToAnOldFilterIsIgnored() {
        var screen = ScreenDriver(RunsScreen(app: "orders"))
        guard case .loadRuns(let all)? = screen.initialEffects.first else { return }
        guard case .loadRuns(let waiting)? = screen.handle(.character("f")).first else { return }
        #expect(screen.receive(.runsLoaded(all, .success(RunPage(runs: ScreenFixtures.mixedRuns, skipToken: nil)))) == [])
        #expect(screen.runs.isEmpty)
        _ = screen.receive(.runsLoaded(waiting, .success(RunPage(runs: [ScreenFixtures.mixedRuns[1]], skipToken: nil))))
        #expect(screen.runs.map(\.status) == [.waiting])
    }

    @Test func enterOpensTheRunEscComesBackAndLeaves() {
        var screen = ScreenFixtures.runsScreen()
        _ = screen.handle(.down)
        #expect(screen.handle(.enter) == [.loadRun(app: "orders", id: ScreenFixtures.runID(5)), .loadDefinition(app: "orders")])
        #expect((screen.top as? RunDetailScreen)?.id == ScreenFixtures.runID(5))
        _ = screen.handle(.escape)
        #expect(screen.top is RunsScreen, "Esc on the detail comes back to the runs")
        _ = screen.handle(.escape)
        #expect(!screen.isOpen, "Esc on the runs goes back to the designer")
        #expect(screen.top is DesignerScreen)
        #expect(screen.handle(.character("q")) == [.quit])
    }

    @Test func cancelAsksFirst() {
        var screen = ScreenFixtures.runsScreen()
        _ = screen.handle(.down)  // the Waiting run
        #expect(screen.handle(.character("x")) == [])
        #expect(ScreenFixtures.text(screen, width: 80, height: 21).contains("│ Cancel run 01JD4X5Y6Z0000000000000005? Its waiting webhook"))
        #expect(screen.handle(.escape) == [])
        #expect(screen.prompt == nil)
        _ = screen.handle(.character("x"))
        let cancel = RunControl.cancel(app: "orders", id: ScreenFixtures.runID(5))
        #expect(screen.handle(.character("y")) == [.controlRun(cancel)])
        var cancelled = ScreenFixtures.waitingRun
        cancelled.summary.status = .cancelled
        cancelled.summary.endTime = "2026-11-22T10:08:02.000Z"
        _ = screen.receive(.runControlled(cancel, .success(cancelled)))
        #expect(screen.runs[1].status == .cancelled)
        #expect(screen.banner == Banner(text: "Cancelled run \(ScreenFixtures.runID(5))", isError: false))
    }

    @Test func cancelExplainsWhyAFinishedRunCannotBe() {
        var screen = ScreenFixtures.runsScreen()
        _ = screen.handle(.character("j"))
        _ = screen.handle(.character("j"))
        #expect(screen.handle(.character("x")) == [])
        #expect(screen.prompt == nil)
        #expect(screen.banner == Banner(text: "Run \(ScreenFixtures.runID(4)) is Succeeded; only Running or Waiting runs can be cancelled", isError: false))
    }

    @Test func resubmitReportsTheNewRunAndRefreshes() {
        var screen = ScreenFixtures.runsScreen()
        _ = screen.handle(.character("G"))
        #expect(screen.handle(.character("S")) == [])
        let resubmit = RunControl.resubmit(app: "orders", id: ScreenFixtures.runID(1))
        #expect(screen.handle(.character("y")) == [.controlRun(resubmit)])
        var fresh = ScreenFixtures.waitingRun
        fresh.summary = ScreenFixtures.run(7, .running, start: "2026-11-22T10:10:00.000Z")
        #expect(screen.receive(.runControlled(resubmit, .success(fresh))) == [.loadRuns(screen.firstPage)])
        #expect(screen.banner == Banner(text: "Resubmitted as \(ScreenFixtures.runID(7))", isError: false))
        // Another screen's control is not this screen's business.
        #expect(screen.receive(.runControlled(resubmit, .success(fresh))) == [])
    }

    @Test func clickSelectsAndASecondClickOpens() {
        var screen = ScreenFixtures.runsScreen()
        #expect(screen.click(x: 30, y: 5, button: .left) == [])
        #expect(screen.selectedRun?.id == ScreenFixtures.runID(3))
        _ = screen.click(x: 30, y: 5, button: .left)
        #expect((screen.top as? RunDetailScreen)?.id == ScreenFixtures.runID(3))
    }

    /// New runs arriving above a scrolled list keep the view where it was, and the header says how many are above.
    @Test func newerRunsAboveAreCounted() {
        let runs = (1...40).reversed().map { ScreenFixtures.run($0, .succeeded, start: "2026-11-22T10:00:00.000Z", end: "2026-11-22T10:00:01.000Z") }
        var screen = ScreenFixtures.runsScreen(runs, width: 80, height: 10)
        for _ in 0..<12 { _ = screen.handle(.down) }
        #expect(screen.cursor.top == 5)
        #expect(screen.text(width: 80, height: 10).split(separator: "\n").last?.hasPrefix("  ↑ 5 more  ↓ more") == true)
        // Three runs start: the first page comes back with them on top, the view stays on the same runs.
        let effects = screen.receive(.engine(EngineEvent(kind: .runChanged, workflow: "orders", runID: ScreenFixtures.runID(41), status: "Running")))
        guard case .loadRuns(let request)? = effects.first else { Issue.record("no reload: \(effects)"); return }
        let fresh = (41...43).reversed().map { ScreenFixtures.run($0, .running, start: "2026-11-22T10:01:00.000Z") }
        screen.receive(.runsLoaded(request, .success(RunPage(runs: fresh + runs, skipToken: nil))))
        #expect(screen.selectedRun?.id == ScreenFixtures.runID(28), "the selection stays on its run")
        #expect(screen.cursor.top == 8)
        let footer = screen.text(width: 80, height: 10).split(separator: "\n").last ?? ""
        #expect(footer == "  ↑ 8 more  ↓ more                                                   9–16 of 43", "\(footer)")
    }

    /// `/` finds a run by any part of its id; n goes on; a whole id not loaded opens that run.
    @Test func searchFindsRunsById() {
        var screen = ScreenFixtures.runsScreen()
        _ = screen.handle(.character("/"))
        #expect(screen.top is SearchScreen)
        for character in "0003" { _ = screen.handle(.character(character)) }
        _ = screen.handle(.enter)
        #expect(screen.top is RunsScreen)
        #expect(screen.selectedRun?.id == ScreenFixtures.runID(3))
        _ = screen.handle(.character("/"))
        for _ in 0..<4 { _ = screen.handle(.backspace) }
        for character in "01JD4X5Y6Z0000000000000999" { _ = screen.handle(.character(character)) }
        let effects = screen.handle(.enter)
        #expect(effects.contains(.loadRun(app: "orders", id: "01JD4X5Y6Z0000000000000999")))
        #expect((screen.top as? RunDetailScreen)?.id == "01JD4X5Y6Z0000000000000999")
    }
}
