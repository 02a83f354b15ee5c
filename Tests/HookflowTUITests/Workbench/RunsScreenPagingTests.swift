import HookflowEngine
import Testing
@testable import HookflowTUI

/// The runs list over many runs: pages on demand, one request at a time, live merges of the first page.
@Suite struct RunsScreenPagingTests {
    /// An app's runs as the engine pages them: newest first, `skipToken` = how many came before.
    struct FakeRuns {
        var runs: [RunSummary]

        init(count: Int) {
            runs = (0..<count).map { index in
                ScreenFixtures.run(count - index, index % 7 == 0 ? .waiting : .succeeded,
                                   end: index % 7 == 0 ? nil : "2026-11-22T10:04:06.000Z")
            }
        }

        func page(_ request: RunsRequest) -> RunPage {
            let start = Int(request.skipToken ?? "0") ?? 0
            let end = min(runs.count, start + request.top)
            return RunPage(runs: Array(runs[start..<end]), skipToken: end < runs.count ? String(end) : nil)
        }
    }

    /// Answers a `loadRuns` effect from `fake`; returns what the screen asks next.
    static func answer(_ effects: [WorkbenchEffect], from fake: FakeRuns, into screen: inout ScreenDriver<RunsScreen>) -> [WorkbenchEffect] {
        guard case .loadRuns(let request)? = effects.first else { return effects }
        return screen.receive(.runsLoaded(request, .success(fake.page(request))))
    }

    static func loadRequests(_ effects: [WorkbenchEffect]) -> [RunsRequest] {
        effects.compactMap { if case .loadRuns(let request) = $0 { request } else { nil } }
    }

    @Test func theNextPageIsAskedNearTheEndAndNeverTwiceAtOnce() {
        let fake = FakeRuns(count: 100_000)
        var screen = ScreenDriver(RunsScreen(app: "orders"))  // 19 rows on screen, pages of 50
        #expect(Self.answer(screen.initialEffects, from: fake, into: &screen) == [])
        #expect(screen.runs.count == 50)
        #expect(screen.nextToken == "50")

        var asked: [RunsRequest] = []
        for _ in 0..<31 { asked += Self.loadRequests(screen.handle(.down)) }
        // Row 31 is the first within a screen (19 rows) of the last loaded run (49).
        #expect(screen.cursor.selected == 31)
        #expect(asked == [RunsRequest(app: "orders", status: nil, top: 50, skipToken: "50")])
        // More keys while that page is on its way ask nothing more (Ctrl-L reloads once it is back).
        for _ in 0..<10 { asked += Self.loadRequests(screen.handle(.down)) }
        #expect(screen.handle(.ctrl("l")) == [])
        #expect(asked.count == 1)

        // The answer: the selection (41) is now far from the end (99), so no page is asked on its own.
        let next = screen.receive(.runsLoaded(asked[0], .success(fake.page(asked[0]))))
        #expect(screen.runs.count == 100)
        // The refresh asked meanwhile (Ctrl-L) goes now, and only it.
        #expect(Self.loadRequests(next).map(\.skipToken) == [nil])
        _ = Self.answer(next, from: fake, into: &screen)
        #expect(screen.runs.count == 100)
        #expect(screen.cursor.selected == 41)

        // G goes to the last loaded run and loads one more page, not everything.
        let atEnd = screen.handle(.character("G"))
        #expect(Self.loadRequests(atEnd) == [RunsRequest(app: "orders", status: nil, top: 50, skipToken: "100")])
        _ = Self.answer(atEnd, from: fake, into: &screen)
        #expect(screen.runs.count == 150)
        #expect(screen.cursor.selected == 99)
        #expect(screen.runs.map(\.id) == fake.runs.prefix(150).map(\.id))
        #expect(screen.runs.indices.allSatisfy { screen.loaded.index(of: screen.runs[$0].id) == $0 })
    }

    @Test func aHundredThousandLoadedRunsDrawOnlyTheRowsOnScreen() {
        let fake = FakeRuns(count: 100_000)
        var screen = ScreenDriver(RunsScreen(app: "orders"))
        guard case .loadRuns(let request)? = screen.initialEffects.first else { return }
        _ = screen.receive(.runsLoaded(request, .success(RunPage(runs: fake.runs, skipToken: nil))))
        _ = screen.handle(.end)
        let lines = ScreenFixtures.text(screen, width: 80, height: 21).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[19] == "▸ ✓ Succeeded  01JD4X5Y6Z0000000000000001  11-22 10:04:05      1.0s")
        #expect(lines[20] == "  ↑ 99981 more                                           99982–100000 of 100000")
        _ = screen.handle(.pageUp)
        #expect(screen.cursor.selected == 99_980)
        #expect(screen.cursor.top == 99_980)
    }

    @Test func aNewRunAppearsOnTopAndTheSelectionStaysOnItsRun() {
        var fake = FakeRuns(count: 120)
        var screen = ScreenDriver(RunsScreen(app: "orders"))
        _ = Self.answer(screen.initialEffects, from: fake, into: &screen)
        for _ in 0..<3 { _ = screen.handle(.down) }
        let selected = screen.selectedRun?.id
        #expect(selected == ScreenFixtures.runID(117))

        // A run starts: the engine says so, the screen asks for the first page.
        let newRun = ScreenFixtures.run(121, .running, start: "2026-11-22T11:00:00.000Z")
        fake.runs.insert(newRun, at: 0)
        let started = WorkbenchEvent.engine(EngineEvent(kind: .runChanged, workflow: "orders", runID: newRun.id, status: "Running"))
        let refresh = screen.receive(started)
        #expect(Self.loadRequests(refresh) == [RunsRequest(app: "orders", status: nil, top: 50, skipToken: nil)])
        // Its first action changes while that is on its way: no second request now.
        #expect(screen.receive(.engine(EngineEvent(kind: .actionChanged, workflow: "orders", runID: newRun.id, action: "Parse_order", status: "Succeeded"))) == [])
        // Another app's runs are not this screen's business.
        #expect(screen.receive(.engine(EngineEvent(kind: .runChanged, workflow: "invoices", runID: "x", status: "Running"))) == [])

        let again = Self.answer(refresh, from: fake, into: &screen)
        #expect(screen.runs.first?.id == newRun.id)
        #expect(screen.runs.count == 51)
        #expect(screen.selectedRun?.id == selected)
        #expect(screen.cursor.selected == 4)
        #expect(Set(screen.runs.map(\.id)).count == screen.runs.count)
        #expect(screen.runs.indices.allSatisfy { screen.loaded.index(of: screen.runs[$0].id) == $0 })
        // The event that came meanwhile loads the first page once more, and then nothing.
        #expect(Self.loadRequests(again).map(\.skipToken) == [nil])
        #expect(Self.answer(again, from: fake, into: &screen) == [])
        #expect(screen.nextToken == "50")

        let text = ScreenFixtures.text(screen, width: 80, height: 21).split(separator: "\n", omittingEmptySubsequences: false)
        #expect(text[1] == "  ● Running    01JD4X5Y6Z0000000000000121  11-22 11:00:00         —")
        #expect(text[5].hasPrefix("▸ ✓ Succeeded  01JD4X5Y6Z0000000000000117"))
    }

    @Test func aStatusChangeShowsAtOnceEvenBeyondTheFirstPage() {
        let fake = FakeRuns(count: 120)
        var screen = ScreenDriver(RunsScreen(app: "orders"))
        _ = Self.answer(screen.initialEffects, from: fake, into: &screen)
        _ = Self.answer(screen.handle(.end), from: fake, into: &screen)
        #expect(screen.runs.count == 100)
        let deep = screen.runs[77]
        #expect(deep.status == .waiting)
        _ = screen.receive(.engine(EngineEvent(kind: .runChanged, workflow: "orders", runID: deep.id, status: "Failed")))
        #expect(screen.runs[77].status == .failed)
        #expect(screen.runs[77].waitingActions.isEmpty)
    }

    @Test func theFirstPageIsTheTruthForItsRange() {
        // Waiting runs only; one of them finishes.
        var screen = ScreenDriver(RunsScreen(app: "orders"))
        guard case .loadRuns(let waiting)? = screen.handle(.character("f")).first else { return }
        let runs = [5, 3, 1].map { ScreenFixtures.run($0, .waiting, waiting: ["Approve"]) }
        _ = screen.receive(.runsLoaded(waiting, .success(RunPage(runs: runs, skipToken: nil))))
        let refresh = screen.receive(.engine(EngineEvent(kind: .runChanged, workflow: "orders", runID: runs[1].id, status: "Succeeded")))
        #expect(screen.runs[1].status == .succeeded)
        guard case .loadRuns(let request)? = refresh.first else { return }
        #expect(request.status == .waiting)
        _ = screen.receive(.runsLoaded(request, .success(RunPage(runs: [runs[0], runs[2]], skipToken: nil))))
        #expect(screen.runs.map(\.id) == [runs[0].id, runs[2].id])
    }

    @Test func moreNewRunsThanAPageReplaceTheList() {
        var screen = ScreenDriver(RunsScreen(app: "orders"))
        var fake = FakeRuns(count: 120)
        _ = Self.answer(screen.initialEffects, from: fake, into: &screen)
        fake = FakeRuns(count: 300)  // ids 300...1: the first page (300...251) does not reach the loaded runs (120...71)
        _ = Self.answer(screen.handle(.ctrl("l")), from: fake, into: &screen)
        #expect(screen.runs.map(\.id) == fake.runs.prefix(50).map(\.id))
        #expect(screen.nextToken == "50")
    }

    @Test func aFailedPageIsNotAskedAgainUntilAKey() {
        var screen = ScreenDriver(RunsScreen(app: "orders"))
        let fake = FakeRuns(count: 120)
        _ = Self.answer(screen.initialEffects, from: fake, into: &screen)
        let effects = screen.handle(.end)
        guard case .loadRuns(let request)? = effects.first else { return }
        #expect(screen.receive(.runsLoaded(request, .failure(DesignerFailure("timed out")))) == [])
        #expect(screen.banner == Banner(text: "Could not load the runs of orders: timed out", isError: true))
        #expect(Self.loadRequests(screen.handle(.up)).map(\.skipToken) == ["50"])
    }
}
