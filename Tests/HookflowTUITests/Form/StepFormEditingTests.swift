import Testing
import HookflowModel
@testable import HookflowTUI

/// Typing into the Parameters tab writes the definition at once, and only what was typed.
struct StepFormEditingTests {
    @Test func typingTheSubscribeURIWritesItAtItsPointer() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        #expect(harness.press(.tab) == .handled)
        #expect(harness.focusedLabel == "Subscribe - URI")
        #expect(harness.form.isEditingText)
        #expect(harness.type("https://svc.example.com/s") == .edited)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/uri") == #""https://svc.example.com/s""#)
        #expect(!harness.problems.contains { $0.message == "Subscribe - URI is required" })
        // Printable keys are text here, not designer commands.
        #expect(harness.type("?q") == .edited)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/uri") == #""https://svc.example.com/s?q""#)
        // Backspace and readline keys edit; clearing a required field keeps "" so validation says it is required.
        harness.press(.backspace)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/uri") == #""https://svc.example.com/s?""#)
        harness.press(.ctrl("u"))
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/uri") == #""""#)
        #expect(harness.problems.contains { $0.description == "/triggers/HTTP_Webhook/inputs/subscribe/uri: Subscribe - URI is required" })
        // Moving the cursor changes nothing.
        #expect(harness.press(.left) == .handled)
    }

    @Test func tabDownAndEnterMoveOnShiftTabAndUpMoveBack() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.press(.tab)
        harness.press(.enter)
        #expect(harness.focusedLabel == "Unsubscribe - Method")
        harness.press(.down)
        #expect(harness.focusedLabel == "Unsubscribe - URI")
        harness.press(.backTab)
        #expect(harness.focusedLabel == "Unsubscribe - Method")
        harness.press(.up, .up)
        #expect(harness.focusedLabel == "Subscribe - Method")
        harness.press(.up)
        #expect(harness.form.focus.id == FormFocus.tabsID, "above the first field is the tab bar")
        harness.press(.right)
        #expect(harness.form.tab == .settings, "Left/Right on the tab bar switch tabs")
        harness.press(.left, .down)
        #expect(harness.form.tab == .parameters)
        #expect(harness.focusedLabel == "Subscribe - Method")
        // Shift-Tab from the tab bar goes round to the last field.
        harness.press(.backTab, .backTab)
        #expect(harness.focusedLabel == "+ Add new parameter")
        #expect(harness.press(.escape) == .close)
        #expect(harness.press(.ctrl("s")) == .notHandled, "global keys stay the designer's")
    }

    @Test func unsubscribeURLIsReadAsTheURIAndWrittenAsURI() throws {
        var harness = try FormHarness(FormFixtures.filledWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("Unsubscribe - URI")
        guard case .text(let spec) = harness.fields[harness.form.focusedIndex(in: harness.fields)].kind else {
            Issue.record("Unsubscribe - URI is not a text field")
            return
        }
        #expect(spec.value == "https://svc.example.com/unsubscribe")
        #expect(harness.screen()[6].contains("Unsubscribe - URI *     https://svc.example.com/unsubscribe"))
        harness.type("/v2")
        #expect(harness.keys("/triggers/HTTP_Webhook/inputs/unsubscribe") == ["method", "uri", "body"], "uri takes url's place")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/unsubscribe/uri") == #""https://svc.example.com/unsubscribe/v2""#)
    }

    @Test func dropdownTypeAheadPicksPostAndPatch() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        // Enter opens the list of an empty required dropdown with nothing chosen.
        #expect(harness.press(.enter) == .handled)
        #expect(harness.form.list?.highlighted == nil)
        #expect(harness.form.isEditingText, "letters go to the open list")
        harness.type("post")
        #expect(harness.form.list?.highlighted == 1)
        #expect(harness.press(.enter) == .edited)
        #expect(harness.form.list == nil)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/method") == #""POST""#)
        // Typing on a closed dropdown opens it at the match; `pa` is PATCH.
        harness.type("pa")
        #expect(harness.form.list?.options[harness.form.list?.highlighted ?? 0] == "PATCH")
        harness.press(.enter)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/method") == #""PATCH""#)
        // Esc closes the list without a change; a second Esc closes the form.
        harness.type("d")
        #expect(harness.press(.escape) == .handled)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/method") == #""PATCH""#)
        #expect(harness.press(.escape) == .close)
    }

    @Test func dropdownArrowsAndCycling() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        // Left/Right on a closed dropdown change the value.
        #expect(harness.press(.right) == .edited)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/method") == #""GET""#)
        harness.press(.left)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/method") == #""DELETE""#, "Left from the first wraps to the last")
        // In the list: j/k and arrows move, Space chooses.
        harness.press(.enter)
        #expect(harness.form.list?.highlighted == 4)
        harness.press(.up, .character("k"), .character("j"), .up)
        #expect(harness.form.list?.highlighted == 2)
        harness.press(.character(" "))
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/method") == #""PUT""#)
        // A key that matches no option is the designer's (help).
        #expect(harness.press(.character("?")) == .notHandled)
    }

    @Test func aValidJSONBodyIsStoredAsJSON() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("+ Add new parameter")
        harness.press(.enter)
        #expect(harness.form.list?.options.first == "Subscribe - Body")
        harness.press(.enter)
        #expect(harness.focusedLabel == "Subscribe - Body")
        #expect(harness.form.isEditingText)
        harness.type("{\n  \"callback\": \"@{listCallbackUrl()}\",\n  \"n\": [1, 2.50]\n}")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/body") == #"{"callback":"@{listCallbackUrl()}","n":[1,2.50]}"#)
        #expect(harness.form.problems.isEmpty)
        // Tab leaves the editor.
        harness.press(.tab)
        #expect(harness.focusedLabel != "Subscribe - Body")
    }

    @Test func invalidJSONIsKeptAsAStringAndReportedWithLineAndColumn() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("+ Add new parameter")
        harness.press(.enter, .enter)
        harness.type("{\"callback\": \"@{listCallbackUrl()}\"")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/body") == #""{\"callback\": \"@{listCallbackUrl()}\"""#)
        #expect(harness.form.problems.map(\.description) == [
            #"/triggers/HTTP_Webhook/inputs/subscribe/body: Subscribe - Body is not valid JSON (line 1, column 36): expected ',' or '}' after the value of "callback" but found end of input"#,
        ])
        // Shown once under the body, whether or not the designer passes the form's problems back in.
        var buffer = CellBuffer(width: 80, height: 20)
        harness.form.render(into: &buffer, area: buffer.bounds, definition: harness.definition,
                            problems: harness.problems + harness.form.problems, glyphs: .unicode)
        #expect(buffer.lines.filter { $0.contains("✗ Subscribe - Body is not valid JSON") }.count == 1, "\(buffer)")
        harness.type("}")
        #expect(harness.form.problems.isEmpty)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/body") == #"{"callback":"@{listCallbackUrl()}"}"#)
    }

    @Test func anExpressionOnItsOwnIsAPlainString() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("+ Add new parameter")
        harness.press(.enter, .enter)
        harness.type("@{listCallbackUrl()}")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/body") == #""@{listCallbackUrl()}""#)
        #expect(harness.form.problems.isEmpty)
        // Emptying an optional body removes it, but the field stays on screen while the form is open.
        for _ in 0..<20 { harness.press(.backspace) }
        #expect(harness.value("/triggers/HTTP_Webhook/inputs/subscribe/body") == nil)
        #expect(harness.labels.contains("Subscribe - Body"))
    }

    @Test func composeInputsAreJSONWhenTheyParseAndTextOtherwise() throws {
        var harness = try FormHarness(#"{"actions": {"Compose": {"type": "Compose", "inputs": {"a": [1, "x"]}, "runAfter": {}}}}"#, step: .action("Compose"))
        #expect(harness.form.isEditingText, "the form opens in the editor")
        // The editor starts with the value pretty-printed.
        #expect(harness.form.drafts["/actions/Compose/inputs"]?.area.lines == ["{", "  \"a\": [", "    1,", "    \"x\"", "  ]", "}"])
        for _ in 0..<40 { harness.press(.backspace) }
        #expect(harness.json("/actions/Compose/inputs") == #""""#, "required: emptied to \"\", not removed")
        harness.type("Order @{triggerBody()?['id']} received")
        #expect(harness.json("/actions/Compose/inputs") == #""Order @{triggerBody()?['id']} received""#)
        harness.press(.ctrl("u"))
        harness.type("42")
        #expect(harness.json("/actions/Compose/inputs") == "42")
        // A string that reads as JSON is shown quoted, so it stays a string.
        let quoted = try FormHarness(#"{"actions": {"C": {"type": "Compose", "inputs": "42", "runAfter": {}}}}"#, step: .action("C"))
        #expect(quoted.form.drafts["/actions/C/inputs"]?.area.text == #""42""#)
    }

    @Test func headerRowsAreWrittenInOrderAndRemovedWhenEmpty() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("+ Add new parameter")
        harness.press(.enter, .down, .enter)
        #expect(harness.focusedLabel == "Subscribe - Headers")
        harness.type("X-Key")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/headers") == #"{"X-Key":""}"#)
        harness.press(.tab)
        harness.type("abc")
        harness.press(.tab)
        #expect(harness.fields[harness.form.focusedIndex(in: harness.fields)].id.hasSuffix("#add"))
        harness.press(.enter)
        harness.type("Content-Type")
        harness.press(.tab)
        harness.type("application/json")
        harness.press(.enter, .enter)
        harness.type("A\t1")
        #expect(harness.keys("/triggers/HTTP_Webhook/inputs/subscribe/headers") == ["X-Key", "Content-Type", "A"])
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/headers") == #"{"X-Key":"abc","Content-Type":"application/json","A":"1"}"#)
        // Editing a name in the middle keeps the order.
        harness.press(.up, .backTab)
        harness.press(.ctrl("u"))
        harness.type("Accept")
        #expect(harness.keys("/triggers/HTTP_Webhook/inputs/subscribe/headers") == ["X-Key", "Accept", "A"])
        // Delete on a row that is not empty does nothing to the row.
        harness.press(.ctrl("a"), .delete)
        #expect(harness.keys("/triggers/HTTP_Webhook/inputs/subscribe/headers") == ["X-Key", "ccept", "A"])
        // Emptied rows are removed with Delete; the last one removes the key.
        func rowCount(_ harness: FormHarness) -> Int {
            harness.fields.filter { if case .pair = $0.kind { true } else { false } }.count
        }
        harness.press(.up)
        for row in 0..<3 {
            harness.press(.home, .ctrl("k"), .tab, .ctrl("u"), .backTab)
            #expect(rowCount(harness) == 3 - row)
            #expect(harness.press(.delete) == .handled, "the emptied row was no longer in the definition")
            #expect(rowCount(harness) == 2 - row)
        }
        #expect(harness.fields[harness.form.focusedIndex(in: harness.fields)].id.hasSuffix("#add"))
        #expect(harness.focusedLabel == "Subscribe - Headers", "with no rows left, + Add header carries the label")
        #expect(harness.value("/triggers/HTTP_Webhook/inputs/subscribe/headers") == nil)
        #expect(harness.keys("/triggers/HTTP_Webhook/inputs/subscribe") == [])
    }

    @Test func headersThatAreNotStringsAreEditedAsJSON() throws {
        let harness = try FormHarness(
            #"{"actions": {"Call": {"type": "Http", "inputs": {"method": "GET", "uri": "https://x.example", "headers": "@parameters('h')"}, "runAfter": {}}}}"#,
            step: .action("Call"))
        let headers = harness.fields.first { $0.label == "Headers" }
        guard case .json = headers?.kind else {
            Issue.record("headers given as an expression should be a JSON field")
            return
        }
    }

    @Test func authenticationTypeSwitchRewritesTheFieldsAndMasksSecrets() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        harness.focus("+ Add new parameter")
        harness.press(.enter)
        harness.type("subscribe - a")
        harness.press(.enter)
        #expect(harness.focusedLabel == "Subscribe - Authentication")
        harness.type("b")
        harness.press(.enter)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/authentication") == #"{"type":"Basic"}"#)
        #expect(harness.labels.suffix(3) == ["Username", "Password", "+ Add new parameter"])
        harness.press(.tab)
        harness.type("svc")
        harness.press(.tab)
        harness.type("hunter2")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/authentication") == #"{"type":"Basic","username":"svc","password":"hunter2"}"#)
        // Masked while typing too, one mask character per character; Ctrl-O shows the focused secret.
        #expect(harness.screen().contains { $0.contains("•••••••") && !$0.contains("••••••••") })
        #expect(!harness.screen().joined().contains("hunter2"))
        harness.press(.ctrl("o"))
        #expect(harness.screen().joined().contains("hunter2"))
        harness.press(.ctrl("o"))
        #expect(!harness.screen().joined().contains("hunter2"))
        // Switching to ClientCertificate keeps the password (both have one) and drops the username.
        harness.press(.backTab, .backTab, .enter)
        harness.type("cl")
        harness.press(.enter)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/authentication") == #"{"type":"ClientCertificate","password":"hunter2"}"#)
        harness.press(.tab)
        harness.type("MIIC")
        harness.press(.tab, .tab)
        #expect(harness.focusedLabel == "+ Add new parameter")
        // Not focused: always eight mask characters, whatever the length.
        let lines = harness.screen()
        #expect(lines.contains("│   Pfx *                     ••••••••                                         │"))
        #expect(lines.contains("│   Password                  ••••••••                                         │"))
        #expect(!lines.joined().contains("hunter2") && !lines.joined().contains("MIIC"))
        #expect(harness.screen(glyphs: .ascii).contains("|   Password                  ********                                         |"))
        // None removes the authentication; the selector stays on screen showing None.
        harness.press(.backTab, .backTab, .backTab)
        #expect(harness.focusedLabel == "Subscribe - Authentication")
        harness.press(.enter, .home, .enter)
        #expect(harness.value("/triggers/HTTP_Webhook/inputs/subscribe/authentication") == nil)
        #expect(harness.labels.contains("Subscribe - Authentication"))
    }

    @Test func unknownKeysSurviveEveryEdit() throws {
        var harness = try FormHarness(FormFixtures.filledWebhook, step: .trigger("HTTP_Webhook"))
        harness.press(.right)
        harness.focus("Subscribe - URI")
        harness.type("/x")
        harness.focus("Unsubscribe - Body")
        harness.press(.ctrl("u"))
        harness.type("{\"id\": 1}")
        harness.focus("+ Add new parameter")
        harness.press(.enter)
        harness.type("subscribe - h")
        harness.press(.enter)
        harness.type("A\tb")
        harness.press(.ctrl("t"))
        harness.type("PT5M")
        harness.press(.tab, .right)
        #expect(harness.json("/triggers/HTTP_Webhook/x-step") == "7")
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/x-inputs") == #""kept""#)
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe/x-sub") == "true")
        #expect(harness.keys("/triggers/HTTP_Webhook") == ["type", "inputs", "x-step", "limit"])
        #expect(harness.keys("/triggers/HTTP_Webhook/inputs") == ["subscribe", "unsubscribe", "x-inputs", "retryPolicy"])
        #expect(harness.keys("/triggers/HTTP_Webhook/inputs/subscribe") == ["method", "uri", "x-sub", "headers"])
        #expect(harness.json("/triggers/HTTP_Webhook/inputs/subscribe") == #"{"method":"PUT","uri":"https://svc.example.com/subscribe/x","x-sub":true,"headers":{"A":"b"}}"#)
    }

    @Test func otherStepKindsWriteTheirInputs() throws {
        var harness = try FormHarness(#"""
            {"triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"method": "POST"}},
                          "Every": {"type": "Recurrence", "recurrence": {"frequency": "Hour", "interval": 1}}},
             "actions": {"Delay": {"type": "Wait", "inputs": {}, "runAfter": {}},
                         "Stop": {"type": "Terminate", "inputs": {"runStatus": "Succeeded"}, "runAfter": {"Delay": ["Succeeded"]}},
                         "Check": {"type": "If", "expression": "@true", "actions": {}, "runAfter": {"Stop": ["Succeeded"]}}}}
            """#, step: .action("Delay"))
        // A Delay with neither interval nor until: the problem has no field, so it is at the top.
        #expect(harness.screen()[3] == "│ ✗ Delay needs either an interval (count and unit) or an until timestamp      │")
        harness.type("5")
        #expect(harness.json("/actions/Delay/inputs") == #"{"interval":{"count":5}}"#, "a whole number is written as a number")
        harness.press(.tab)
        harness.type("m")
        harness.press(.enter)
        #expect(harness.json("/actions/Delay/inputs/interval") == #"{"count":5,"unit":"Minute"}"#)
        #expect(harness.problems.isEmpty)

        harness.form = StepForm(address: .action("Stop"), definition: harness.definition)
        #expect(harness.labels == ["Status"])
        harness.press(.right)
        #expect(harness.json("/actions/Stop/inputs/runStatus") == #""Failed""#)
        #expect(harness.labels == ["Status", "Code", "Message"], "a failed run can say why")
        harness.press(.tab)
        harness.type("Rejected")
        #expect(harness.json("/actions/Stop/inputs/runError") == #"{"code":"Rejected"}"#)

        harness.form = StepForm(address: .action("Check"), definition: harness.definition)
        #expect(harness.form.drafts["/actions/Check/expression"]?.area.text == "@true")
        harness.press(.ctrl("u"))
        harness.type(#"{"and": [{"equals": ["@triggerBody()?['ok']", true]}]}"#)
        #expect(harness.json("/actions/Check/expression") == #"{"and":[{"equals":["@triggerBody()?['ok']",true]}]}"#)

        harness.form = StepForm(address: .trigger("manual"), definition: harness.definition)
        harness.press(.enter, .home, .enter)
        #expect(harness.value("/triggers/manual/inputs/method") == nil, "Any removes the method")
        harness.press(.tab)
        harness.type("orders/{id}")
        #expect(harness.json("/triggers/manual/inputs") == #"{"relativePath":"orders/{id}"}"#)

        harness.form = StepForm(address: .trigger("Every"), definition: harness.definition)
        harness.focus("+ Add new parameter")
        harness.press(.enter)
        harness.type("t")
        harness.press(.enter)
        #expect(harness.focusedLabel == "Time zone")
        harness.type("UTC")
        #expect(harness.json("/triggers/Every/recurrence") == #"{"frequency":"Hour","interval":1,"timeZone":"UTC"}"#)
    }

    @Test func bracketsSwitchTabsOnlyWhenNotTyping() throws {
        var harness = try FormHarness(FormFixtures.filledWebhook, step: .trigger("HTTP_Webhook"))
        #expect(harness.press(.character("]")) == .handled)
        #expect(harness.form.tab == .settings)
        #expect(harness.focusedLabel == "Timeout")
        #expect(harness.press(.character("[")) == .edited, "in a text field it is text")
        #expect(harness.json("/triggers/HTTP_Webhook/limit/timeout") == #""[""#)
    }
}
