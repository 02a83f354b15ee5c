import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// A run's detail: whole screens, the callback URL, the test callback box, cancel and resubmit.
@Suite struct RunDetailScreenTests {
    /// The test callback box on top, if it is open.
    func editor(_ screen: ScreenDriver<RunDetailScreen>) -> CallbackEditor? {
        (screen.top as? CallbackEditorScreen)?.editor
    }

    @Test func waitingWebhookAction80x21() {
        #expect(ScreenFixtures.text(ScreenFixtures.runDetail(), width: 80, height: 21) == """
             Run 01JD4X5Y6Z0000000000000005  ◷ Waiting  trigger Order_events
             Started 2026-11-22 10:08:00 · waiting on Wait_for_approval

                STEP               TYPE          STARTED   DURATION  CODE
              ✓ Order_events       HttpWebhook   10:08:00
              ✓ Parse_order        Compose       10:08:00      45ms
              ✓ Notify_warehouse   Http          10:08:00      1.2s  OK
            ▸ ◷ Wait_for_approval  HttpWebhook   10:08:01         —

            ╭─ Wait_for_approval · Waiting ────────────────────────────────────────────────╮
            │ Started 2026-11-22 10:08:01                                                  │
            │                                                                              │
            │ Callback URL   c copy · s send a test callback                               │
            │ http://127.0.0.1:7071/workflows/orders/runs/01JD4X5Y6Z0000000000000005/actio │
            │ ns/Wait_for_approval/run?api-version=2016-10-01&sp=%2Fruns%2F01JD4X5Y6Z00000 │
            │ 00000000005%2Factions%2FWait_for_approval%2Frun&sv=1.0&sig=q0dGm4sJ-7hRcw2Xv │
            │ Vb3yVZ8n1qKpL0eUoW9tHfDs2A                                                   │
            │                                                                              │
            │ Inputs                                                                       │
            │ {                                                                            │
            ╰───────────────────────────────────────────────────── 1–10 of 18 · PgUp PgDn ─╯
            """)
    }

    @Test func waitingWebhookAction120x37() {
        #expect(ScreenFixtures.text(ScreenFixtures.runDetail(width: 120, height: 37), width: 120, height: 37) == """
             Run 01JD4X5Y6Z0000000000000005  ◷ Waiting  trigger Order_events
             Started 2026-11-22 10:08:00 · waiting on Wait_for_approval

                STEP               TYPE          STARTED   DURATION  CODE     ╭─ Wait_for_approval · Waiting ──────────────────────╮
              ✓ Order_events       HttpWebhook   10:08:00                     │ Started 2026-11-22 10:08:01                        │
              ✓ Parse_order        Compose       10:08:00      45ms           │                                                    │
              ✓ Notify_warehouse   Http          10:08:00      1.2s  OK       │ Callback URL   c copy · s send a test callback     │
            ▸ ◷ Wait_for_approval  HttpWebhook   10:08:01         —           │ http://127.0.0.1:7071/workflows/orders/runs/01JD4X │
                                                                              │ 5Y6Z0000000000000005/actions/Wait_for_approval/run │
                                                                              │ ?api-version=2016-10-01&sp=%2Fruns%2F01JD4X5Y6Z000 │
                                                                              │ 0000000000005%2Factions%2FWait_for_approval%2Frun& │
                                                                              │ sv=1.0&sig=q0dGm4sJ-7hRcw2XvVb3yVZ8n1qKpL0eUoW9tHf │
                                                                              │ Ds2A                                               │
                                                                              │                                                    │
                                                                              │ Inputs                                             │
                                                                              │ {                                                  │
                                                                              │   "subscribe": {                                   │
                                                                              │     "method": "POST",                              │
                                                                              │     "uri":                                         │
                                                                              │       "https://approvals.example.com/subscribe",   │
                                                                              │     "headers": {                                   │
                                                                              │       "Authorization": "*****"                     │
                                                                              │     }                                              │
                                                                              │   }                                                │
                                                                              │ }                                                  │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              │                                                    │
                                                                              ╰────────────────────────────────────────────────────╯
            """)
    }

    @Test func waitingWebhookActionInASCII() {
        #expect(ScreenFixtures.text(ScreenFixtures.runDetail(), width: 80, height: 21, glyphs: .ascii) == """
             Run 01JD4X5Y6Z0000000000000005  o Waiting  trigger Order_events
             Started 2026-11-22 10:08:00 - waiting on Wait_for_approval

                STEP               TYPE          STARTED   DURATION  CODE
              + Order_events       HttpWebhook   10:08:00
              + Parse_order        Compose       10:08:00      45ms
              + Notify_warehouse   Http          10:08:00      1.2s  OK
            > o Wait_for_approval  HttpWebhook   10:08:01         -

            +- Wait_for_approval - Waiting ------------------------------------------------+
            | Started 2026-11-22 10:08:01                                                  |
            |                                                                              |
            | Callback URL   c copy - s send a test callback                               |
            | http://127.0.0.1:7071/workflows/orders/runs/01JD4X5Y6Z0000000000000005/actio |
            | ns/Wait_for_approval/run?api-version=2016-10-01&sp=%2Fruns%2F01JD4X5Y6Z00000 |
            | 00000000005%2Factions%2FWait_for_approval%2Frun&sv=1.0&sig=q0dGm4sJ-7hRcw2Xv |
            | Vb3yVZ8n1qKpL0eUoW9tHfDs2A                                                   |
            |                                                                              |
            | Inputs                                                                       |
            | {                                                                            |
            +----------------------------------------------------- 1-10 of 18 - PgUp PgDn -+
            """)
    }

    @Test func aFailedRunShowsItsErrorAndSelectsTheFailedStep() {
        var screen = ScreenDriver(RunDetailScreen(app: "orders", id: ScreenFixtures.runID(3)))
        _ = screen.receive(.runLoaded(app: "orders", id: ScreenFixtures.runID(3), .success(ScreenFixtures.failedRun)))
        #expect(screen.selectedStep?.name == "Notify_warehouse")
        #expect(!screen.top.hints(screen.state.context).map(\.key).contains("x"))
        #expect(ScreenFixtures.text(screen, width: 80, height: 21) == """
             Run 01JD4X5Y6Z0000000000000003  ✗ Failed  trigger Order_events
             Started 2026-11-22 10:06:00 · ended 2026-11-22 10:06:01 · took 1.5s
             ✗ ActionFailed: An action failed. No dependent actions succeeded.

                STEP               TYPE          STARTED   DURATION  CODE
              ✓ Order_events       HttpWebhook   10:06:00
              ✓ Parse_order        Compose       10:06:00      10ms
            ▸ ✗ Notify_warehouse   Http          10:06:00      1.5s  BadRequest
              ↷ Wait_for_approval  HttpWebhook   10:06:01

            ╭─ Notify_warehouse · Failed ──────────────────────────────────────────────────╮
            │ Started 2026-11-22 10:06:00 · ended 10:06:01 · took 1.5s · code BadRequest   │
            │                                                                              │
            │ Error                                                                        │
            │ BadRequest: The service answered 400 Bad Request.                            │
            │                                                                              │
            │ Inputs                                                                       │
            │ {                                                                            │
            │   "method": "POST",                                                          │
            │   "uri": "https://warehouse.example.com/orders"                              │
            ╰────────────────────────────────────────────────────── 1–9 of 18 · PgUp PgDn ─╯
            """)
        let buffer = ScreenFixtures.buffer(screen, width: 80, height: 21)
        #expect(buffer.runs(of: .statusFailed, line: 2).map(\.text) == ["✗ ActionFailed: An action failed. No dependent actions succeeded."])
        #expect(buffer.runs(of: .statusSkipped, line: 8).map(\.text) == ["↷"])
    }

    @Test func callbackEditor() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.character("s"))
        #expect(screen.top.isTyping)
        #expect(screen.top.hints(screen.state.context).map(\.key) == ["Tab", "Ctrl-S", "Esc"])
        #expect(ScreenFixtures.text(screen, width: 80, height: 21) == """
             Run 01JD4X5Y6Z0000000000000005  ◷ Waiting  trigger Order_events
             Started 2026-11-22 10:08:00 · waiting on Wait_for_approval
              ╭─ Send a test callback ───────────────────────────────────────────────────╮
              │ POST a JSON body to Wait_for_approval's callback URL:                    │
              │ {}                                                                       │
              │                                                                          │
              │                                                                          │
              │                                                                          │
              │                                                                          │
              │                                                                          │
              │                                                                          │
              │                                                                          │
              │ Headers, one Name: value a line (e.g. x-hookflow-status: Failed):        │
              │                                                                          │
              │                                                                          │
              │                                                                          │
              │                                                                          │
              ╰──────────────────────────── Tab body/headers · Ctrl-S send · Esc cancel ─╯
            │ Inputs                                                                       │
            │ {                                                                            │
            ╰───────────────────────────────────────────────────── 1–10 of 18 · PgUp PgDn ─╯
            """)
    }

    @Test func theFirstLoadSelectsTheWaitingAction() {
        let screen = ScreenFixtures.runDetail()
        #expect(screen.selectedStep?.name == "Wait_for_approval")
        #expect(screen.top.hints(screen.state.context).map(\.key) == ["↑↓", "c", "s", "x", "S", "Esc"])
    }

    @Test func copiesTheCallbackURL() {
        var screen = ScreenFixtures.runDetail()
        #expect(screen.handle(.character("c")) == [.copyToClipboard(ScreenFixtures.callbackURL)])
        #expect(screen.banner == Banner(text: "Copied the callback URL", isError: false))
        // On a step without a URL, c says where the URL is.
        _ = screen.handle(.character("g"))
        #expect(screen.handle(.character("c")) == [])
        #expect(screen.banner == Banner(text: "Select Wait_for_approval: only a waiting webhook action has a callback URL", isError: false))
    }

    @Test func theCallbackEditorRefusesInvalidJSON() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.character("s"))
        for character in "\"approved\": " { #expect(screen.handle(.character(character)) == []) }
        // q is text while typing, not quit.
        #expect(screen.handle(.character("q")) == [])
        #expect(editor(screen)?.body.text == "{\"approved\": q}")
        #expect(screen.handle(.ctrl("s")) == [])
        #expect(editor(screen)?.error?.hasPrefix("Not JSON, nothing sent: line 1, column 14") == true)
        #expect(ScreenFixtures.text(screen, width: 80, height: 21).contains("│ ✗ Not JSON, nothing sent: line 1, column 14"))
        #expect(editor(screen)?.isSending == false)
    }

    @Test func theCallbackEditorSendsValidJSONAndTheRunResumes() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.character("s"))
        for character in "\"approved\": true" { _ = screen.handle(.character(character)) }
        let body = "{\"approved\": true}"
        #expect(screen.handle(.ctrl("s")) == [.sendCallback(TestCallback(url: ScreenFixtures.callbackURL, body: body))])
        #expect(ScreenFixtures.text(screen, width: 80, height: 21, tick: 2).contains("│ ⠹ Sending…"))
        // Keys wait while it is on its way.
        #expect(screen.handle(.ctrl("s")) == [])
        #expect(screen.receive(.callbackSent(url: ScreenFixtures.callbackURL, .success(CallbackAnswer(status: 202)))) == [.loadRun(app: "orders", id: ScreenFixtures.runID(5))])
        #expect(editor(screen) == nil)
        #expect(!screen.top.isTyping)
        #expect(screen.banner == Banner(text: "Callback accepted (202); the run resumes", isError: false))
    }

    @Test func aRefusedCallbackKeepsTheEditorOpen() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.character("s"))
        _ = screen.handle(.ctrl("s"))
        let refusal = CallbackAnswer(status: 409, reason: "ActionAlreadyCompleted: the action Wait_for_approval has already completed")
        #expect(screen.receive(.callbackSent(url: ScreenFixtures.callbackURL, .success(refusal))) == [])
        #expect(editor(screen)?.error == "The engine answered 409 to the callback; the action did not take it (ActionAlreadyCompleted: the action Wait_for_approval has already completed)")
        #expect(screen.banner?.isError == true)
        #expect(screen.handle(.escape) == [])
        #expect(editor(screen) == nil)
    }

    @Test func cancelAsksFirst() {
        var screen = ScreenFixtures.runDetail()
        #expect(screen.handle(.character("x")) == [])
        #expect(screen.prompt?.message == "Cancel run \(ScreenFixtures.runID(5))? Its waiting webhook actions unsubscribe.")
        #expect(screen.handle(.character("n")) == [])
        _ = screen.handle(.character("x"))
        let cancel = RunControl.cancel(app: "orders", id: ScreenFixtures.runID(5))
        #expect(screen.handle(.character("y")) == [.controlRun(cancel)])
        var cancelled = ScreenFixtures.waitingRun
        cancelled.summary.status = .cancelled
        cancelled.actions[2].status = "Cancelled"
        _ = screen.receive(.runControlled(cancel, .success(cancelled)))
        #expect(screen.detail?.summary.status == .cancelled)
        #expect(screen.selectedStep?.name == "Wait_for_approval")
        // Finished: x explains instead of asking.
        #expect(screen.handle(.character("x")) == [])
        #expect(screen.prompt == nil)
    }

    /// The new run replaces the old one's detail: Esc goes back to the runs, not through every resubmit.
    @Test func resubmitReplacesTheDetailWithTheNewRun() {
        var screen = ScreenFixtures.runDetail()
        let depth = screen.state.stack.count
        #expect(screen.handle(.character("S")) == [])
        let resubmit = RunControl.resubmit(app: "orders", id: ScreenFixtures.runID(5))
        #expect(screen.handle(.character("y")) == [.controlRun(resubmit)])
        var fresh = ScreenFixtures.waitingRun
        fresh.summary = ScreenFixtures.run(8, .running, start: "2026-11-22T10:11:00.000Z")
        #expect(screen.receive(.runControlled(resubmit, .success(fresh))) == [.loadRun(app: "orders", id: ScreenFixtures.runID(8)), .loadDefinition(app: "orders")])
        #expect(screen.id == ScreenFixtures.runID(8))
        #expect(screen.state.stack.count == depth, "replaced, not stacked")
        #expect(screen.banner == Banner(text: "Resubmitted run \(ScreenFixtures.runID(5)) as \(ScreenFixtures.runID(8))", isError: false))
        _ = screen.handle(.escape)
        #expect(screen.top is DesignerScreen)
    }

    @Test func engineEventsForTheRunReloadItOnceAtATime() {
        var screen = ScreenFixtures.runDetail()
        let event = WorkbenchEvent.engine(EngineEvent(kind: .actionChanged, workflow: "orders", runID: ScreenFixtures.runID(5), action: "Wait_for_approval", status: "Succeeded"))
        #expect(screen.receive(event) == [.loadRun(app: "orders", id: ScreenFixtures.runID(5))])
        #expect(screen.receive(event) == [])
        #expect(screen.receive(.engine(EngineEvent(kind: .runChanged, workflow: "orders", runID: ScreenFixtures.runID(4), status: "Failed"))) == [])
        var resumed = ScreenFixtures.waitingRun
        resumed.summary.status = .running
        resumed.actions[2].status = "Succeeded"
        resumed.actions[2].endTime = "2026-11-22T10:09:00.000Z"
        let load = WorkbenchEvent.runLoaded(app: "orders", id: ScreenFixtures.runID(5), .success(resumed))
        #expect(screen.receive(load) == [.loadRun(app: "orders", id: ScreenFixtures.runID(5))])
        #expect(screen.receive(load) == [])
        // The selection stays on its step.
        #expect(screen.selectedStep?.name == "Wait_for_approval")
        #expect(screen.selectedStep?.status == "Succeeded")
    }

    @Test func stepsAndDetailsScroll() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.pageDown)
        #expect(screen.detailScroll == 8)
        _ = screen.handle(.pageDown)
        #expect(screen.detailScroll == screen.maxDetailScroll)
        _ = screen.handle(.pageUp)
        #expect(screen.detailScroll == screen.maxDetailScroll - 8)
        // Another step starts at the top of its details.
        _ = screen.handle(.character("k"))
        #expect(screen.selectedStep?.name == "Notify_warehouse")
        #expect(screen.detailScroll == 0)
        let text = ScreenFixtures.text(screen, width: 80, height: 21)
        #expect(text.contains("╭─ Notify_warehouse · Succeeded ─"))
        #expect(text.contains("│ Started 2026-11-22 10:08:00 · ended 10:08:01 · took 1.2s · code OK "))
        #expect(text.contains("│ Inputs "))
        #expect(text.contains("│   \"method\": \"POST\","))
    }

    @Test func theTriggerShowsWhatStartedTheRun() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.home)
        #expect(screen.selectedStep?.isTrigger == true)
        let text = ScreenFixtures.text(screen, width: 80, height: 21)
        #expect(text.contains("╭─ Order_events · Succeeded ─"))
        #expect(text.contains("│ Outputs "))
        #expect(text.contains("│     \"orderId\": 1042,"))
    }

    @Test func clicksSelectStepsAndTheWheelScrollsTheDetails() {
        var screen = ScreenFixtures.runDetail()
        // The screen starts on row 1: the steps header on row 4, the trigger on row 5.
        #expect(screen.click(x: 10, y: 5, button: .left) == [])
        #expect(screen.selectedStep?.isTrigger == true)
        _ = screen.handle(.character("G"))
        _ = screen.click(x: 10, y: 16, button: .wheelDown)
        #expect(screen.detailScroll == 3)
    }
}

/// The run detail lists every step of the app's definition, like Logic Apps' run history, and the
/// test callback can carry headers.
@Suite struct RunDetailAllStepsTests {
    /// The definition of run 5's app: the three actions the run reached or waits in, and two it has
    /// not reached (one nested in a Condition).
    static let definition = WorkflowDefinition(json: [
        "triggers": ["Order_events": ["type": "HttpWebhook"]],
        "actions": [
            "Parse_order": ["type": "Compose", "inputs": "x", "runAfter": [:]],
            "Notify_warehouse": ["type": "Http", "runAfter": ["Parse_order": ["Succeeded"]]],
            "Wait_for_approval": ["type": "HttpWebhook", "runAfter": ["Notify_warehouse": ["Succeeded"]]],
            "Check": ["type": "If", "expression": ["equals": [1, 1]], "runAfter": ["Wait_for_approval": ["Succeeded"]],
                      "actions": ["Ship": ["type": "Compose", "inputs": "ship", "runAfter": [:]]], "else": ["actions": [:]]],
        ],
    ])

    @Test func stepsNotReachedAreListedGreyed() {
        var screen = ScreenFixtures.runDetail(width: 120, height: 37, definition: Self.definition)
        #expect(screen.initialEffects == [.loadRun(app: "orders", id: ScreenFixtures.runID(5)), .loadDefinition(app: "orders")])
        let lines = screen.text(width: 120, height: 37).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(Array(lines[3...9].map { String($0.prefix(62)).trimmingTrailingSpaces }) == [
            "    STEP               TYPE          STARTED   DURATION  CODE",
            "  ✓ Order_events       HttpWebhook   10:08:00",
            "  ✓ Parse_order        Compose       10:08:00      45ms",
            "  ✓ Notify_warehouse   Http          10:08:00      1.2s  OK",
            "▸ ◷ Wait_for_approval  HttpWebhook   10:08:01         —",
            "    Check              If",
            "      Ship             Compose",
        ])
        let buffer = screen.buffer(width: 120, height: 37)
        #expect(buffer.runs(of: .disabled, line: 8).map(\.text).contains("Check"))
        screen.handle(.end)
        #expect(screen.selectedStep?.name == "Ship")
        #expect(screen.text(width: 120, height: 37).contains("╭─ Ship · not reached ─"))
        #expect(screen.text(width: 120, height: 37).contains("│ Not reached: the run has not come to this step     │"))
        // Without the definition (not loaded yet, or gone), the steps the run has.
        let bare = ScreenFixtures.runDetail(width: 120, height: 37)
        #expect(bare.steps.map(\.name) == ["Order_events", "Parse_order", "Notify_warehouse", "Wait_for_approval"])
    }

    /// Headers typed one a line go with the body; `x-hookflow-status: Failed` makes the action fail.
    @Test func theTestCallbackCarriesHeaders() {
        var screen = ScreenFixtures.runDetail()
        screen.handle(.character("s"))
        screen.handle(.tab)
        for character in "x-hookflow-status: Failed" { screen.handle(.character(character)) }
        #expect(screen.handle(.ctrl("s")) == [.sendCallback(TestCallback(
            url: ScreenFixtures.callbackURL, body: "{}", headers: [(name: "x-hookflow-status", value: "Failed")]))])
        // A line that is no header is refused before anything goes.
        var bad = ScreenFixtures.runDetail()
        bad.handle(.character("s"))
        bad.handle(.tab)
        for character in "oops" { bad.handle(.character(character)) }
        #expect(bad.handle(.ctrl("s")).isEmpty)
        #expect((bad.top as? CallbackEditorScreen)?.editor.error == "Header line 1 is not Name: value, nothing sent")
    }

    /// The details never cut: a long code, URI or message wraps inside the pane.
    @Test func detailsWrapInsteadOfCutting() {
        var run = ScreenFixtures.waitingRun
        run.actions[1].code = "ServiceUnavailableBecauseTheWarehouseIsClosedForInventory"
        run.actions[1].inputs = ["uri": "https://warehouse.example.com/orders/very/long/path/that/goes/on/and/on/until/the/pane/ends/and/beyond"]
        var screen = ScreenDriver(RunDetailScreen(app: "orders", id: ScreenFixtures.runID(5)))
        screen.receive(.runLoaded(app: "orders", id: ScreenFixtures.runID(5), .success(run)))
        screen.handle(.up)
        let text = screen.text(width: 80, height: 21)
        #expect(text.contains("│ Started 2026-11-22 10:08:00 · ended 10:08:01 · took 1.2s · code              │"))
        #expect(text.contains("│ ServiceUnavailableBecauseTheWarehouseIsClosedForInventory                    │"))
        #expect(text.contains("│   \"uri\":                                                                     │"))
        #expect(text.contains("│     \"https://warehouse.example.com/orders/very/long/path/that/goes/on/and/on │"))
        #expect(text.contains("│     /until/the/pane/ends/and/beyond\"                                         │"))
    }
}

extension String {
    var trimmingTrailingSpaces: String { String(reversed().drop { $0 == " " }.reversed()) }
}
