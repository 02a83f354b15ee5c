import Testing
@testable import HookflowTUI

/// Whole workbench screens at 80×24 and 120×40 (header, screen, message and key hints), trailing spaces trimmed.
///
/// Each is reached by keys and host answers (see `WorkbenchScreens`). When a screen changes on purpose,
/// compare it with the new rendering and update the literal.
@Suite struct WorkbenchScreenTests {
    @Test func apps80x24() throws {
        let state = try WorkbenchScreens.state("apps", width: 80, height: 24)
        #expect(WorkbenchScreens.text(state) == """
             Hookflow │ Apps                       engine: in-process http://127.0.0.1:7071
              NAME      STATE       VERSION  CHANGED              TRIGGERS
            ▸ invoices  Enabled           1  2026-11-21 08:15:00  Invoice_events: Subscribe…
              orders    Enabled           3  2026-11-22 10:04:05  Order_events: Subscribed
              returns   Disabled          7  2026-11-20 17:30:59  Return_events: NotSubscri…

            ── Triggers of invoices ────────────────────────────────────────────────────────
              ✗ Invoice_events  HttpWebhook  SubscribeFailed  HTTP 503: busy — {"error":"t…















             Enter open  R runs  t disable  d delete            Ctrl-S save  ? help  q quit
            """)
    }

    @Test func apps120x40() throws {
        let state = try WorkbenchScreens.state("apps", width: 120, height: 40)
        #expect(WorkbenchScreens.text(state) == """
             Hookflow │ Apps                                                               engine: in-process http://127.0.0.1:7071
              NAME      STATE       VERSION  CHANGED              TRIGGERS
            ▸ invoices  Enabled           1  2026-11-21 08:15:00  Invoice_events: SubscribeFailed (503: busy, next try 08:16:04)
              orders    Enabled           3  2026-11-22 10:04:05  Order_events: Subscribed
              returns   Disabled          7  2026-11-20 17:30:59  Return_events: NotSubscribed

            ── Triggers of invoices ────────────────────────────────────────────────────────────────────────────────────────────────
              ✗ Invoice_events  HttpWebhook  SubscribeFailed  HTTP 503: busy — {"error":"try again later"}  next try 08:16:04































             Enter open  R runs  t disable  d delete  Esc designer                                      Ctrl-S save  ? help  q quit
            """)
    }

    @Test func runs80x24() throws {
        let state = try WorkbenchScreens.state("runs", width: 80, height: 24)
        #expect(WorkbenchScreens.text(state) == """
             Hookflow │ Runs · orders              engine: in-process http://127.0.0.1:7071
              STATUS       RUN ID                      STARTED         DURATION  WAITING ON
            ▸ ● Running    01JD4X5Y6Z0000000000000006  11-22 10:09:00         —
              ◷ Waiting    01JD4X5Y6Z0000000000000005  11-22 10:08:00         —  Wait_for_a…
              ✓ Succeeded  01JD4X5Y6Z0000000000000004  11-22 10:07:00      1.2s
              ✗ Failed     01JD4X5Y6Z0000000000000003  11-22 10:06:00    3m 04s
              ⊘ Cancelled  01JD4X5Y6Z0000000000000002  11-22 08:05:00    2h 01m
              ⧗ TimedOut   01JD4X5Y6Z0000000000000001  11-20 10:04:05    2d 04h













                                                                                   1–6 of 6

             Enter open  f filter  x cancel run  S resubmit     Ctrl-S save  ? help  q quit
            """)
    }

    @Test func runs120x40() throws {
        let state = try WorkbenchScreens.state("runs", width: 120, height: 40)
        #expect(WorkbenchScreens.text(state) == """
             Hookflow │ Runs · orders                                                      engine: in-process http://127.0.0.1:7071
              STATUS       RUN ID                      TRIGGER               STARTED              DURATION  WAITING ON
            ▸ ● Running    01JD4X5Y6Z0000000000000006  Order_events          2026-11-22 10:09:00         —
              ◷ Waiting    01JD4X5Y6Z0000000000000005  Order_events          2026-11-22 10:08:00         —  Wait_for_approval
              ✓ Succeeded  01JD4X5Y6Z0000000000000004  Order_events          2026-11-22 10:07:00      1.2s
              ✗ Failed     01JD4X5Y6Z0000000000000003  Order_events          2026-11-22 10:06:00    3m 04s
              ⊘ Cancelled  01JD4X5Y6Z0000000000000002  Order_events          2026-11-22 08:05:00    2h 01m
              ⧗ TimedOut   01JD4X5Y6Z0000000000000001  Order_events          2026-11-20 10:04:05    2d 04h





























                                                                                                                           1–6 of 6

             Enter open  f filter  x cancel run  S resubmit  Esc back                                   Ctrl-S save  ? help  q quit
            """)
    }

    @Test func runDetail80x24() throws {
        let state = try WorkbenchScreens.state("runDetail", width: 80, height: 24)
        #expect(WorkbenchScreens.text(state) == """
             Hookflow │ Run · orders · 01JD4X5Y6Z0000000000000005  engine: in-process http:…
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

             ↑↓ move  c copy URL  s send callback               Ctrl-S save  ? help  q quit
            """)
    }

    @Test func runDetail120x40() throws {
        let state = try WorkbenchScreens.state("runDetail", width: 120, height: 40)
        #expect(WorkbenchScreens.text(state) == """
             Hookflow │ Run · orders · 01JD4X5Y6Z0000000000000005                          engine: in-process http://127.0.0.1:7071
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

             ↑↓ move  c copy URL  s send callback  x cancel run  S resubmit  Esc back                   Ctrl-S save  ? help  q quit
            """)
    }
}
