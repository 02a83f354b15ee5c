import Testing
@testable import HookflowTUI

/// Whole designer screens at 80×24 and 120×40, as the user sees them (trailing spaces trimmed).
///
/// Each screen is reached by pressing keys (see `DesignerScreens`). When a screen changes on purpose,
/// compare it with the new rendering and update the literal.
@Suite struct DesignerScreenTests {
    @Test func newApp80x24() throws {
        let state = try DesignerScreens.state("newApp", width: 80, height: 24)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)  engine: in-process http://127.0.0…

                                     ╭────────────────────────────╮
                                   ▸ │      + Add a trigger       │
                                     ╰────────────────────────────╯

                           Every app starts with a trigger: Enter lists them.
                HTTP Webhook subscribes to a service and starts a run for each callback.















             Enter add  / search  v code  t disable  R runs     Ctrl-S save  ? help  q quit
            """)
    }

    @Test func newApp120x40() throws {
        let state = try DesignerScreens.state("newApp", width: 120, height: 40)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071

                                                         ╭────────────────────────────╮
                                                       ▸ │      + Add a trigger       │
                                                         ╰────────────────────────────╯

                                               Every app starts with a trigger: Enter lists them.
                                    HTTP Webhook subscribes to a service and starts a run for each callback.































             Enter add  / search  v code  t disable  R runs                                             Ctrl-S save  ? help  q quit
            """)
    }

    @Test func webhookAndThreeActions80x24() throws {
        let state = try DesignerScreens.state("webhookAndThreeActions", width: 80, height: 24)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)  engine: in-process http://127.0.0…

                ╭──────────────────────────────────────────────────────────────────────╮
              ▸ │ ⇄ Order_events                                                       │
                │ HTTP Webhook · POST https://shop.example.com/hooks                   │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    +
                ╭───────────────────────────────────↓──────────────────────────────────╮
                │ ≡ Parse_order                                                        │
                │ Compose · @triggerBody()                                             │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    +
                ╭───────────────────────────────────↓──────────────────────────────────╮
                │ ⇢ Notify_warehouse                                                   │
                │ HTTP · POST https://warehouse.example.com/orders                     │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    +
                ╭───────────────────────────────────↓──────────────────────────────────╮
                │ ⇄ Wait_for_approval                                          ✗ 1 ⚠ 1 │
                │ HTTP Webhook · POST                                                  │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    │                                ↓ more
             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subs…
             Enter open  a add  p parallel  r rename  d delete  Ctrl-S save  ? help  q quit
            """)
    }

    @Test func webhookAndThreeActions120x40() throws {
        let state = try DesignerScreens.state("webhookAndThreeActions", width: 120, height: 40)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071

                                    ╭──────────────────────────────────────────────────────────────────────╮
                                  ▸ │ ⇄ Order_events                                                       │
                                    │ HTTP Webhook · POST https://shop.example.com/hooks                   │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ≡ Parse_order                                                        │
                                    │ Compose · @triggerBody()                                             │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ⇢ Notify_warehouse                                                   │
                                    │ HTTP · POST https://warehouse.example.com/orders                     │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ⇄ Wait_for_approval                                          ✗ 1 ⚠ 1 │
                                    │ HTTP Webhook · POST                                                  │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        │
                                                                   + New step















             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subscribe - URI is required
             Enter open  a add  p parallel  r rename  d delete  / search  v code  t disable  R runs     Ctrl-S save  ? help  q quit
            """)
    }

    @Test func paletteWebhook80x24() throws {
        let state = try DesignerScreens.state("paletteWebhook", width: 80, height: 24)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)  engine: in-process http://127.0.0…

                    ╭─ Add an action ──────────────────────────────────────────────╮
                    │ Search: webhook                                              │
                    ├──────────────────────────────────────────────────────────────┤
                    │▸ ⇄ HTTP Webhook  Subscribe, then wait for the service to cal…│
                    │                                                              │
                    │                                                              │
                    │                                                              │
                    │                                                              │
                    │                                                              │
                    │                                                              │
                    │                                                              │
                    │                                                              │
                    ╰──────────────────────────────────────────────────────────────╯
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    +
                ╭───────────────────────────────────↓──────────────────────────────────╮
                │ ⇄ Wait_for_approval                                          ✗ 1 ⚠ 1 │
                │ HTTP Webhook · POST                                                  │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    │                                ↓ more
             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subs…
             type search  ↑↓ move  Enter add  Esc back    Ctrl-S save  F1 help  Ctrl-C quit
            """)
    }

    @Test func paletteWebhook120x40() throws {
        let state = try DesignerScreens.state("paletteWebhook", width: 120, height: 40)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071

                                        ╭─ Add an action ──────────────────────────────────────────────╮
                                        │ Search: webhook                                              │
                                        ├──────────────────────────────────────────────────────────────┤
                                        │▸ ⇄ HTTP Webhook  Subscribe, then wait for the service to cal…│
                                        │                                                              │
                                        │                                                              │
                                        │                                                              │
                                        │                                                              │
                                        │                                                              │
                                        │                                                              │
                                        │                                                              │
                                        │                                                              │
                                        ╰──────────────────────────────────────────────────────────────╯
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ⇄ Wait_for_approval                                          ✗ 1 ⚠ 1 │
                                    │ HTTP Webhook · POST                                                  │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        │
                                                                   + New step















             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subscribe - URI is required
             type search  ↑↓ move  Enter add  Esc back                                            Ctrl-S save  F1 help  Ctrl-C quit
            """)
    }

    @Test func help80x24() throws {
        let state = try DesignerScreens.state("help", width: 80, height: 24)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)  engine: in-process http://127.0.0…
            ╭─ Keys ───────────────────────────────────────────────────────────────────────╮
            │ Steps (the designer)                                                         │
            │   ↑ ↓  k j                previous / next step                               │
            │   ← →  h l                the step in the branch beside                      │
            │   g G  Home End           the first step / + New step                        │
            │   PgUp PgDn               scroll a page                                      │
            │   Enter                   open the step's form; on a + button, the add-step  │
            │                           palette                                            │
            │   a  +                    add an action after the step (type to search:      │
            │                           webhook finds HTTP Webhook)                        │
            │   p                       add a parallel branch: a step beside this one,     │
            │                           running after the same steps                       │
            │   r                       rename the step (spaces become _, as Logic Apps    │
            │                           writes names)                                      │
            │   d  Delete               delete the step (asks first)                       │
            │   K J                     move the step up / down                            │
            │   y                       duplicate the step                                 │
            │   u                       undo the last edit (form fields, adds, deletes,    │
            │                           moves, renames)                                    │
            │   Ctrl-R                  redo what u undid                                  │
            ╰───────────────────────────────────────────────────────────────────── ↓ more ─╯
             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subs…
             ↑↓ move  Esc back  PgDn page                       Ctrl-S save  ? help  q quit
            """)
    }

    @Test func help120x40() throws {
        let state = try DesignerScreens.state("help", width: 120, height: 40)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071
            ╭─ Keys ───────────────────────────────────────────────────────────────────────────────────────────────────────────────╮
            │ Steps (the designer)                                                                                                 │
            │   ↑ ↓  k j                previous / next step                                                                       │
            │   ← →  h l                the step in the branch beside                                                              │
            │   g G  Home End           the first step / + New step                                                                │
            │   PgUp PgDn               scroll a page                                                                              │
            │   Enter                   open the step's form; on a + button, the add-step palette                                  │
            │   a  +                    add an action after the step (type to search: webhook finds HTTP Webhook)                  │
            │   p                       add a parallel branch: a step beside this one, running after the same steps                │
            │   r                       rename the step (spaces become _, as Logic Apps writes names)                              │
            │   d  Delete               delete the step (asks first)                                                               │
            │   K J                     move the step up / down                                                                    │
            │   y                       duplicate the step                                                                         │
            │   u                       undo the last edit (form fields, adds, deletes, moves, renames)                            │
            │   Ctrl-R                  redo what u undid                                                                          │
            │   /                       search steps by name                                                                       │
            │   n N                     next / previous step the search found                                                      │
            │   c                       copy the selected trigger's callback URL (OSC 52); its form shows it                       │
            │   v                       code view: the definition as JSON, e edits it in $EDITOR                                   │
            │   t                       enable / disable the app (subscribes / unsubscribes its webhook triggers)                  │
            │   R                       this app's runs, live                                                                      │
            │   L                       every app, with its triggers' subscriptions                                                │
            │   click                   select; click again to open; a + between cards inserts there                               │
            │                                                                                                                      │
            │ Step form                                                                                                            │
            │   Tab  Shift-Tab          next / previous field (round to the tab bar)                                               │
            │   ↓ ↑                     next / previous field; in a JSON editor, the next / previous line                          │
            │   Enter  Space            open a dropdown, tick a box, press + Add; in a text field Enter goes to the next field     │
            │   ← →                     change a dropdown's value; switch tab on the tab bar; move between run-after statuses      │
            │   type                    type into the field; on a closed dropdown, letters jump to a choice (post → POST)          │
            │   Ctrl-T  [ ]             Parameters / Settings tab, where the static result is ([ ] when the field is not a text)   │
            │   Ctrl-O                  show / hide the focused secret                                                             │
            │   Delete  Ctrl-D          delete the character at the cursor; on an empty header row, the row                        │
            │   PgUp PgDn               five fields; a page in a JSON editor                                                       │
            │   Ctrl-A Ctrl-E Ctrl-U Ctrl-K Ctrl-W                                                                                 │
            │                           in text: start / end, clear to the start / the end, delete a word                          │
            ╰───────────────────────────────────────────────────────────────────────────────────────────────────────────── ↓ more ─╯
             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subscribe - URI is required
             ↑↓ move  Esc back  PgDn page                                                               Ctrl-S save  ? help  q quit
            """)
    }

    @Test func codeView80x24() throws {
        let state = try DesignerScreens.state("codeView", width: 80, height: 24)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)  engine: in-process http://127.0.0…
            ╭─ Code view · orders ─────────────────────────────────────────────────────────╮
            │  1 {                                                                         │
            │  2   "$schema": "https://schema.management.azure.com/providers/Microsoft.Logi│
            │  3   "contentVersion": "1.0.0.0",                                            │
            │  4   "triggers": {                                                           │
            │  5     "Order_events": {                                                     │
            │  6       "type": "HttpWebhook",                                              │
            │  7       "inputs": {                                                         │
            │  8         "subscribe": {                                                    │
            │  9           "method": "POST",                                               │
            │ 10           "uri": "https://shop.example.com/hooks",                        │
            │ 11           "body": {                                                       │
            │ 12             "callbackUrl": "@{listCallbackUrl()}"                         │
            │ 13           }                                                               │
            │ 14         },                                                                │
            │ 15         "unsubscribe": {                                                  │
            │ 16           "method": "DELETE",                                             │
            │ 17           "uri": "https://shop.example.com/hooks"                         │
            │ 18         }                                                                 │
            │ 19       }                                                                   │
            ╰───────────────────────────────────────────────────────────────────1-19 of 61 ╯
             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subs…
             ↑↓ move  e edit  Esc back                          Ctrl-S save  ? help  q quit
            """)
    }

    @Test func codeView120x40() throws {
        let state = try DesignerScreens.state("codeView", width: 120, height: 40)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071
            ╭─ Code view · orders ─────────────────────────────────────────────────────────────────────────────────────────────────╮
            │  1 {                                                                                                                 │
            │  2   "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.│
            │  3   "contentVersion": "1.0.0.0",                                                                                    │
            │  4   "triggers": {                                                                                                   │
            │  5     "Order_events": {                                                                                             │
            │  6       "type": "HttpWebhook",                                                                                      │
            │  7       "inputs": {                                                                                                 │
            │  8         "subscribe": {                                                                                            │
            │  9           "method": "POST",                                                                                       │
            │ 10           "uri": "https://shop.example.com/hooks",                                                                │
            │ 11           "body": {                                                                                               │
            │ 12             "callbackUrl": "@{listCallbackUrl()}"                                                                 │
            │ 13           }                                                                                                       │
            │ 14         },                                                                                                        │
            │ 15         "unsubscribe": {                                                                                          │
            │ 16           "method": "DELETE",                                                                                     │
            │ 17           "uri": "https://shop.example.com/hooks"                                                                 │
            │ 18         }                                                                                                         │
            │ 19       }                                                                                                           │
            │ 20     }                                                                                                             │
            │ 21   },                                                                                                              │
            │ 22   "actions": {                                                                                                    │
            │ 23     "Parse_order": {                                                                                              │
            │ 24       "type": "Compose",                                                                                          │
            │ 25       "inputs": "@triggerBody()",                                                                                 │
            │ 26       "runAfter": {}                                                                                              │
            │ 27     },                                                                                                            │
            │ 28     "Notify_warehouse": {                                                                                         │
            │ 29       "type": "Http",                                                                                             │
            │ 30       "inputs": {                                                                                                 │
            │ 31         "method": "POST",                                                                                         │
            │ 32         "uri": "https://warehouse.example.com/orders",                                                            │
            │ 33         "body": "@outputs('Parse_order')"                                                                         │
            │ 34       },                                                                                                          │
            │ 35       "runAfter": {                                                                                               │
            ╰───────────────────────────────────────────────────────────────────────────────────────────────────────────1-35 of 61 ╯
             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subscribe - URI is required
             ↑↓ move  e edit  Esc back                                                                  Ctrl-S save  ? help  q quit
            """)
    }

    @Test func unsavedPrompt80x24() throws {
        let state = try DesignerScreens.state("unsavedPrompt", width: 80, height: 24)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders ● unsaved │ Enabled (not published)  engine: in-process http…

                ╭──────────────────────────────────────────────────────────────────────╮
                │ ⇄ Order_events                                                       │
                │ HTTP Webhook · POST https://shop.example.com/hooks                   │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    +
                ╭───────────────────────────────────↓──────────────────────────────────╮
                    ╭─ Unsaved changes ────────────────────────────────────────────╮
                    │                                                              │
                    │ This app has changes that are not saved. Save them before    │
                    │ quitting?                                                    │
                    │                                                              │
                    │  s Save and quit    d Discard and quit    c Cancel           │
                    ╰──────────────────────────────────────────────────────────────╯
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    +
                ╭───────────────────────────────────↓──────────────────────────────────╮
                │ ⇢ Notify_warehouse                                                   │
                │ HTTP · POST https://warehouse.example.com/orders                     │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                                    +                                ↓ more
             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subs…
             s save and quit  d discard and quit          Ctrl-S save  F1 help  Ctrl-C quit
            """)
    }

    @Test func unsavedPrompt120x40() throws {
        let state = try DesignerScreens.state("unsavedPrompt", width: 120, height: 40)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders ● unsaved │ Enabled (not published)                         engine: in-process http://127.0.0.1:7071

                                    ╭──────────────────────────────────────────────────────────────────────╮
                                    │ ⇄ Order_events                                                       │
                                    │ HTTP Webhook · POST https://shop.example.com/hooks                   │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ≡ Parse_order                                                        │
                                    │ Compose · @triggerBody()                                             │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                  ▸ │ ≡ Parse_order_2                                                      │
                                    │ Compose · @triggerBody()                                             │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                        ╭─ Unsaved changes ────────────────────────────────────────────╮
                                        │                                                              │
                                        │ This app has changes that are not saved. Save them before    │
                                        │ quitting?                                                    │
                                        │                                                              │
                                        │  s Save and quit    d Discard and quit    c Cancel           │
                                        ╰──────────────────────────────────────────────────────────────╯
                                    │ ⇄ Wait_for_approval                                          ✗ 1 ⚠ 1 │
                                    │ HTTP Webhook · POST                                                  │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        │
                                                                   + New step










             ✗ 1 problem, 1 warning · /actions/Wait_for_approval/inputs/subscribe/uri: Subscribe - URI is required
             s save and quit  d discard and quit  c cancel  Esc cancel                            Ctrl-S save  F1 help  Ctrl-C quit
            """)
    }

    @Test func triggerForm80x24() throws {
        let state = try DesignerScreens.state("triggerForm", width: 80, height: 24)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders ● unsaved │ Enabled (not published)  engine: in-process http…
            ╭─ HTTP_Webhook · HTTP Webhook ────────────────────────────────────────────────╮
            │ [Parameters]  Settings                                                       │
            │                                                                              │
            │ Subscribe - Method *    POST                                               ▾ │
            │ Subscribe - URI *       https://svc.example.com/subscribe                    │
            │ Unsubscribe - Method *  Choose a method                                    ▾ │
            │                         ⚠ Unsubscribe - Method is missing: the service is    │
            │                           never told to stop                                 │
            │ Unsubscribe - URI *     Enter a URI                                          │
            │                         ⚠ Unsubscribe - URI is missing: the service is never │
            │                           told to stop                                       │
            │ Subscribe - Body        {                                                    │
            │                           "callbackUrl": "@{listCallbackUrl()}"              │
            │                         }                                                    │
            │ + Add new parameter                                                          │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │                                                                              │
            │ Enter choose · ←→ change · Tab next · Ctrl-T Settings · Esc close            │
            ╰──────────────────────────────────────────────────────────────────────────────╯
             ⚠ 2 warnings · /triggers/HTTP_Webhook/inputs/unsubscribe/method: Unsubscribe -…
             Tab next  Ctrl-T Settings  Esc close               Ctrl-S save  ? help  q quit
            """)
    }

    @Test func triggerForm120x40() throws {
        let state = try DesignerScreens.state("triggerForm", width: 120, height: 40)
        #expect(DesignerScreens.text(state) == """
             Hookflow │ orders ● unsaved │ Enabled (not published)                         engine: in-process http://127.0.0.1:7071
            ╭─ HTTP_Webhook · HTTP Webhook ────────────────────────────────────────────────────────────────────────────────────────╮
            │ [Parameters]  Settings                                                                                               │
            │                                                                                                                      │
            │ Subscribe - Method *    POST                                                                                       ▾ │
            │ Subscribe - URI *       https://svc.example.com/subscribe                                                            │
            │ Unsubscribe - Method *  Choose a method                                                                            ▾ │
            │                         ⚠ Unsubscribe - Method is missing: the service is never told to stop                         │
            │ Unsubscribe - URI *     Enter a URI                                                                                  │
            │                         ⚠ Unsubscribe - URI is missing: the service is never told to stop                            │
            │ Subscribe - Body        {                                                                                            │
            │                           "callbackUrl": "@{listCallbackUrl()}"                                                      │
            │                         }                                                                                            │
            │ + Add new parameter                                                                                                  │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │                                                                                                                      │
            │ Enter choose · ←→ change · Tab next · Ctrl-T Settings · Esc close                                                    │
            ╰──────────────────────────────────────────────────────────────────────────────────────────────────────────────────────╯
             ⚠ 2 warnings · /triggers/HTTP_Webhook/inputs/unsubscribe/method: Unsubscribe - Method is missing: the service is never…
             Tab next  Ctrl-T Settings  Esc close                                                       Ctrl-S save  ? help  q quit
            """)
    }
}
