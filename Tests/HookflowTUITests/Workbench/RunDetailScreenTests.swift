import HookflowEngine
import Testing
@testable import HookflowTUI

/// A run's detail: whole screens, the callback URL, the test callback box, cancel and resubmit.
@Suite struct RunDetailScreenTests {
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
            ╰─────────────────────────────────────────────────────────── 1–10 of 18 · J/K ─╯
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
                                                                              │     "uri": "https://approvals.example.com/subscri… │
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
            +----------------------------------------------------------- 1-10 of 18 - J/K -+
            """)
    }

    @Test func aFailedRunShowsItsErrorAndSelectsTheFailedStep() {
        var screen = RunDetailScreen(app: "orders", id: ScreenFixtures.runID(3))
        screen.layout(area: Rect(width: 80, height: 21))
        _ = screen.appear()
        _ = screen.receive(.runLoaded(app: "orders", id: ScreenFixtures.runID(3), .success(ScreenFixtures.failedRun)))
        #expect(screen.selectedStep?.name == "Notify_warehouse")
        #expect(!screen.hints.map(\.key).contains("x"))
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
            ╰──────────────────────────────────────────────────────────── 1–9 of 18 · J/K ─╯
            """)
        let buffer = ScreenFixtures.buffer(screen, width: 80, height: 21)
        #expect(buffer.runs(of: .statusFailed, line: 2).map(\.text) == ["✗ ActionFailed: An action failed. No dependent actions succeeded."])
        #expect(buffer.runs(of: .statusSkipped, line: 8).map(\.text) == ["↷"])
    }

    @Test func callbackEditor() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.character("s"))
        #expect(screen.isTyping)
        #expect(screen.hints.map(\.key) == ["Ctrl-S", "Esc"])
        #expect(ScreenFixtures.text(screen, width: 80, height: 21) == """
             Run 01JD4X5Y6Z0000000000000005  ◷ Waiting  trigger Order_events
             Started 2026-11-22 10:08:00 · waiting on Wait_for_approval

                STEP               TYPE          STARTED   DURATION  CODE
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
              │                                                                          │
              ╰─────────────────────────────────────────────── Ctrl-S send · Esc cancel ─╯
            │ Vb3yVZ8n1qKpL0eUoW9tHfDs2A                                                   │
            │                                                                              │
            │ Inputs                                                                       │
            │ {                                                                            │
            ╰─────────────────────────────────────────────────────────── 1–10 of 18 · J/K ─╯
            """)
    }

    @Test func theFirstLoadSelectsTheWaitingAction() {
        let screen = ScreenFixtures.runDetail()
        #expect(screen.selectedStep?.name == "Wait_for_approval")
        #expect(screen.hints.map(\.key) == ["↑↓", "J/K", "c", "s", "x", "r", "Esc", "q"])
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
        #expect(screen.editor?.body.text == "{\"approved\": q}")
        #expect(screen.handle(.ctrl("s")) == [])
        #expect(screen.editor?.error?.hasPrefix("Not JSON, nothing sent: line 1, column 14") == true)
        #expect(ScreenFixtures.text(screen, width: 80, height: 21).contains("│ ✗ Not JSON, nothing sent: line 1, column 14"))
        #expect(screen.sendingTo == nil)
    }

    @Test func theCallbackEditorSendsValidJSONAndTheRunResumes() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.character("s"))
        for character in "\"approved\": true" { _ = screen.handle(.character(character)) }
        let body = "{\"approved\": true}"
        #expect(screen.handle(.ctrl("s")) == [.sendCallback(url: ScreenFixtures.callbackURL, body: body)])
        #expect(ScreenFixtures.text(screen, width: 80, height: 21, tick: 2).contains("│ ⠹ Sending…"))
        // Keys wait while it is on its way.
        #expect(screen.handle(.ctrl("s")) == [])
        #expect(screen.receive(.callbackSent(url: ScreenFixtures.callbackURL, .success(CallbackAnswer(status: 202)))) == [.loadRun(app: "orders", id: ScreenFixtures.runID(5))])
        #expect(screen.editor == nil)
        #expect(!screen.isTyping)
        #expect(screen.banner == Banner(text: "Callback accepted (202); the run resumes", isError: false))
    }

    @Test func aRefusedCallbackKeepsTheEditorOpen() {
        var screen = ScreenFixtures.runDetail()
        _ = screen.handle(.character("s"))
        _ = screen.handle(.ctrl("s"))
        let refusal = CallbackAnswer(status: 409, reason: "ActionAlreadyCompleted: the action Wait_for_approval has already completed")
        #expect(screen.receive(.callbackSent(url: ScreenFixtures.callbackURL, .success(refusal))) == [])
        #expect(screen.editor?.error == "The engine answered 409 to the callback; the action did not take it (ActionAlreadyCompleted: the action Wait_for_approval has already completed)")
        #expect(screen.banner?.isError == true)
        #expect(screen.handle(.escape) == [])
        #expect(screen.editor == nil)
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

    @Test func resubmitShowsTheNewRun() {
        var screen = ScreenFixtures.runDetail()
        #expect(screen.handle(.character("r")) == [])
        let resubmit = RunControl.resubmit(app: "orders", id: ScreenFixtures.runID(5))
        #expect(screen.handle(.character("y")) == [.controlRun(resubmit)])
        var fresh = ScreenFixtures.waitingRun
        fresh.summary = ScreenFixtures.run(8, .running, start: "2026-11-22T10:11:00.000Z")
        #expect(screen.receive(.runControlled(resubmit, .success(fresh))) == [.show(.runDetail(app: "orders", id: ScreenFixtures.runID(8)))])
        #expect(screen.banner == Banner(text: "Resubmitted as \(ScreenFixtures.runID(8))", isError: false))
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
        _ = screen.handle(.character("J"))
        _ = screen.handle(.character("J"))
        #expect(screen.detailScroll == 2)
        _ = screen.handle(.pageDown)
        #expect(screen.detailScroll == screen.maxDetailScroll)
        _ = screen.handle(.character("K"))
        #expect(screen.detailScroll == screen.maxDetailScroll - 1)
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
        // Steps header on row 3, the trigger on row 4.
        #expect(screen.click(x: 10, y: 4, button: .left) == [])
        #expect(screen.selectedStep?.isTrigger == true)
        _ = screen.handle(.character("G"))
        _ = screen.click(x: 10, y: 15, button: .wheelDown)
        #expect(screen.detailScroll == 3)
    }
}
