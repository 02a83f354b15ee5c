import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// The key maps that drive dispatch, the `?` help and the footer: every key a map lists does what
/// its help line says (each screen's check switches over the screen's actions, so a new action
/// does not compile until it is checked here), and no key means two things across screens.
@Suite struct KeyMapTests {
    // MARK: One meaning per key

    /// Keys that act on whatever has the focus, so their word changes with it by design: Enter
    /// (open a card, choose in a list, confirm a box), Tab (the next field or choice), the arrows
    /// left and right (a branch, a dropdown's value, an answer), Space (tick a box, or a page in a
    /// reader). The letters of a question are its answers (the question section is left out), and
    /// in the test callback box Ctrl-S sends what is typed instead of saving the app (its help says so).
    static let focusKeys: Set<Key> = [.enter, .tab, .backTab, .left, .right, .character(" ")]

    @Test func aKeyMeansOneThingOnEveryScreen() {
        var meanings: [Key: [String: [HelpSection]]] = [:]
        for section in HelpSections.all where section.section != .question {
            for line in section.lines {
                for key in line.keys where !Self.focusKeys.contains(key) {
                    guard !(section.section == .callback && key == .ctrl("s")) else { continue }
                    meanings[key, default: [:]][line.name, default: []].append(section.section)
                }
            }
        }
        for (key, names) in meanings where names.count > 1 {
            Issue.record("\(key) means \(names.map { "\"\($0.key)\" in \($0.value.map(\.rawValue))" }.joined(separator: " and "))")
        }
        #expect(meanings[.character("c")]?.keys.sorted() == ["copy URL"])
        #expect(meanings[.character("S")]?.keys.sorted() == ["resubmit"])
        #expect(meanings[.character("r")]?.keys.sorted() == ["rename"])
        #expect(meanings[.ctrl("r")]?.keys.sorted() == ["redo"])
    }

    /// Every screen's keys are in the help, in the screen's section, and the help lists every section.
    @Test func theHelpListsEveryMap() {
        #expect(HelpSections.all.map(\.section) == HelpSection.allCases)
        for section in HelpSections.all {
            #expect(!section.lines.isEmpty, "\(section.section.rawValue) has keys")
            for line in section.lines { #expect(!line.help.isEmpty && !line.name.isEmpty, "\(line.label) in \(section.section.rawValue)") }
        }
    }

    // MARK: The designer's canvas

    private static func published(_ state: WorkflowState = .enabled) -> WorkflowSummary {
        WorkflowSummary(name: "orders", state: state, version: 3, changedTime: "2026-11-22T10:00:00Z",
                        triggers: [.init(name: "Order_events", type: "HttpWebhook", subscription: SubscriptionInfo(status: .subscribed))])
    }

    /// The webhook app with three actions, published, Parse_order selected.
    private static func canvas(height: Int = 40) throws -> WorkbenchState {
        var state = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, height: height, published: published())
        state.press(.down)
        return state
    }

    @Test func everyKeyOfTheCanvasDoesWhatItsHelpSays() throws {
        for binding in DesignerScreen.keyMap.bindings {
            for key in binding.keys {
                try checkCanvas(binding.action, key)
            }
        }
    }

    private func checkCanvas(_ action: DesignerScreen.Action, _ key: Key) throws {
        let what = "\(key) (\(action))"
        var state = try Self.canvas()
        let parse = CanvasSelection.step(.action("Parse_order"))
        switch action {
        case .move:
            let effects = state.press(key)
            let down = key == .down || key == .character("j")
            #expect(effects.isEmpty && state.selection == (down ? .step(.action("Notify_warehouse")) : .step(.trigger("Order_events"))), "\(what)")
        case .sideways:
            var branches = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, height: 40)
            branches.press(.down, .down, .right)
            #expect(branches.selection == .step(.action("Right")))
            branches.press(key)
            let right = key == .right || key == .character("l")
            #expect(branches.selection == (right ? .step(.action("Right")) : .step(.action("Left"))), "\(what)")
        case .ends:
            state.press(key)
            let first = key == .home || key == .character("g")
            #expect(state.selection == (first ? .step(.trigger("Order_events")) : .add(.actions)), "\(what)")
        case .page:
            var small = try Self.canvas(height: 12)
            if key == .pageUp { small.press(.pageDown) }
            let before = small.canvasScroll
            small.press(key)
            #expect(key == .pageDown ? small.canvasScroll > before : small.canvasScroll < before, "\(what): \(before) → \(small.canvasScroll)")
        case .open:
            state.press(key)
            #expect(state.form?.address == .action("Parse_order"), "\(what)")
        case .add:
            state.press(key)
            #expect(state.palette?.placement == .action(after: "Parse_order", in: .actions), "\(what)")
        case .parallel:
            state.press(key)
            #expect(state.palette?.placement == .parallel(to: .action("Parse_order")), "\(what)")
        case .rename:
            state.press(key)
            #expect((state.top as? RenameScreen)?.address == .action("Parse_order"), "\(what)")
        case .delete:
            state.press(key)
            #expect(state.prompt?.choices.first?.answer == .deleteStep(.action("Parse_order")), "\(what)")
        case .moveStep:
            state.press(.down)
            state.press(key)
            let expected = key == .character("K") ? ["Notify_warehouse", "Parse_order", "Wait_for_approval"] : ["Parse_order", "Wait_for_approval", "Notify_warehouse"]
            #expect(state.definition.actions.map(\.name) == expected, "\(what)")
        case .duplicate:
            state.press(key)
            #expect(state.definition.step(named: "Parse_order_2") != nil && state.selection == .step(.action("Parse_order_2")), "\(what)")
        case .undo:
            state.press(.character("y"))
            state.press(key)
            #expect(state.definition.step(named: "Parse_order_2") == nil && !state.isDirty, "\(what)")
            #expect(state.selection == parse, "\(what): the step the undone edit was about")
        case .redo:
            state.press(.character("y"), .character("u"))
            state.press(key)
            #expect(state.definition.step(named: "Parse_order_2") != nil, "\(what)")
        case .search:
            state.press(key)
            #expect((state.top as? SearchScreen)?.what == "steps", "\(what)")
        case .nextMatch:
            state.press(.character("/"))
            state.type("_")
            state.press(.enter)
            #expect(state.selection == .step(.action("Notify_warehouse")), "the first match after Parse_order")
            state.press(key)
            #expect(state.selection == (key == .character("n") ? .step(.action("Wait_for_approval")) : parse), "\(what)")
        case .copyURL:
            state.press(.up)
            #expect(state.press(key) == [.loadTriggerURL(app: "orders", trigger: "Order_events")], "\(what)")
        case .code:
            state.press(key)
            #expect(state.top is CodeScreen, "\(what)")
        case .toggle:
            #expect(state.press(key) == [.setState(.disabled, app: "orders")], "\(what)")
        case .runs:
            state.press(key)
            #expect((state.top as? RunsScreen)?.app == "orders", "\(what)")
        case .apps:
            state.press(key)
            #expect(state.top is AppListScreen, "\(what)")
        case .mouse:
            Issue.record("the mouse line lists no key")
        }
    }

    // MARK: The step form

    /// A Request trigger's form in a published app, its callback URL known, on its first field.
    private static func requestForm() throws -> WorkbenchState {
        let text = #"{"triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {}}}, "actions": {}}"#
        let summary = WorkflowSummary(name: "orders", state: .enabled, version: 1, changedTime: "2026-11-22T10:00:00Z",
                                      triggers: [.init(name: "manual", type: "Request", subscription: nil)])
        var state = try DesignerFixtures.designer(text, width: 120, height: 40, published: summary)
        let effects = state.press(.enter)
        #expect(effects == [.loadTriggerURL(app: "orders", trigger: "manual")])
        _ = state.update(.triggerURLLoaded(app: "orders", trigger: "manual", .success("http://127.0.0.1:7071/workflows/orders/triggers/manual/run?sig=x")))
        return state
    }

    /// The form of a webhook action with a header row and Basic authentication, on Subscribe - Method.
    private static func webhookForm() throws -> WorkbenchState {
        let text = """
            {"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {"Hook": {"type": "HttpWebhook", "runAfter": {}, "inputs": {
              "subscribe": {"method": "POST", "uri": "https://svc/s", "headers": {"a": "b"},
                            "authentication": {"type": "Basic", "username": "u", "password": "secret"}},
              "unsubscribe": {"method": "POST", "uri": "https://svc/u"}}}}}
            """
        var state = try DesignerFixtures.designer(text, height: 40)
        state.press(.down, .enter)
        return state
    }

    private static func focus(_ id: String, in state: inout WorkbenchState) {
        guard var screen = state.stack.last as? FormScreen else { return }
        screen.form.focus(id: id, in: screen.form.fields(for: screen.form.tab, in: state.definition))
        state.stack[state.stack.count - 1] = screen
    }

    private static func focusedID(_ state: WorkbenchState) -> String? { state.form?.focus.id }

    @Test func everyKeyOfTheFormDoesWhatItsHelpSays() throws {
        for binding in FormScreen.keyMap.bindings {
            for key in binding.keys {
                try checkForm(binding.action, key)
            }
        }
    }

    private func checkForm(_ action: FormScreen.Action, _ key: Key) throws {
        let what = "\(key) (\(action))"
        var state = try Self.webhookForm()
        let method = "/actions/Hook/inputs/subscribe/method", uri = "/actions/Hook/inputs/subscribe/uri"
        #expect(Self.focusedID(state) == method)
        switch action {
        case .nextField:
            Self.focus(uri, in: &state)
            state.press(key)
            #expect(Self.focusedID(state) == (key == .tab ? "/actions/Hook/inputs/unsubscribe/method" : method), "\(what)")
        case .field:
            switch key {
            case .down:
                state.press(key)
                #expect(Self.focusedID(state) == uri, "\(what)")
            case .up:
                Self.focus(uri, in: &state)
                state.press(key)
                #expect(Self.focusedID(state) == method, "\(what)")
            case .enter, .character(" "):
                state.press(key)
                #expect(state.form?.list?.fieldID == method, "\(what) opens the dropdown")
            default:
                state.press(key)
                let expected = key == .right ? "PUT" : "GET"
                #expect(state.definition[pointer: JSONPointer(["actions", "Hook", "inputs", "subscribe", "method"])] == .string(expected), "\(what)")
            }
        case .otherTab:
            state.press(key)
            #expect(state.form?.tab == .settings, "\(what)")
        case .secret:
            Self.focus("/actions/Hook/inputs/subscribe/authentication/password", in: &state)
            #expect(!state.text().contains("secret"))
            state.press(key)
            #expect(state.form?.isRevealed == true && state.text().contains("secret"), "\(what)")
        case .removeRow:
            Self.focus("/actions/Hook/inputs/subscribe/headers#add", in: &state)
            state.press(.enter)
            #expect(state.form?.pairDrafts["/actions/Hook/inputs/subscribe/headers"]?.count == 2)
            state.press(key)
            #expect(state.form?.pairDrafts["/actions/Hook/inputs/subscribe/headers"]?.count == 1, "\(what) removes the empty row")
        case .page:
            if key == .pageUp { state.press(.pageDown) }
            let before = state.form?.focusIndex ?? 0
            state.press(key)
            let after = state.form?.focusIndex ?? 0
            #expect(key == .pageDown ? after > before + 2 : after < before - 2, "\(what): \(before) → \(after)")
        case .copyURL:
            var request = try Self.requestForm()
            #expect(request.text().contains("http://127.0.0.1:7071/workflows/orders/triggers/manual/run?sig=x"), "the form shows the URL")
            request.press(.up)
            #expect(request.form?.focus.id == "#callbackURL")
            #expect(request.press(key) == [.copyToClipboard("http://127.0.0.1:7071/workflows/orders/triggers/manual/run?sig=x")], "\(what)")
        case .close:
            state.press(.enter)
            state.press(key)
            #expect(state.form?.list == nil && state.form != nil, "\(what) closes the open list first")
            state.press(key)
            #expect(state.isOnCanvas, "\(what) closes the form")
        case .note:
            Issue.record("a note lists no key")
        }
    }

    // MARK: The palette, the rename box, the code view, the search box

    @Test func everyKeyOfThePaletteRenameCodeAndSearchDoesWhatItsHelpSays() throws {
        for binding in PaletteScreen.keyMap.bindings {
            for key in binding.keys {
                var state = try Self.canvas()
                state.press(.character("a"))
                let what = "palette \(key)"
                switch binding.action {
                case .choose:
                    state.press(key)
                    let forward = [.down, .tab, .ctrl("n")].contains(key)
                    #expect(state.palette?.highlighted == (forward ? 1 : StepTemplate.actions.count - 1), "\(what)")
                case .add:
                    state.press(key)
                    #expect(state.form?.address == .action("HTTP_Webhook"), "\(what)")
                case .close:
                    state.press(key)
                    #expect(state.isOnCanvas && !state.isDirty, "\(what)")
                case .type, .mouse:
                    Issue.record("a note lists no key")
                }
            }
        }
        for binding in RenameScreen.keyMap.bindings {
            for key in binding.keys {
                var state = try Self.canvas()
                state.press(.character("r"), .ctrl("u"))
                state.type("Wait for order")
                state.press(key)
                switch binding.action {
                case .rename:
                    #expect(state.definition.step(named: "Wait_for_order") != nil, "rename \(key): spaces become _")
                case .close:
                    #expect(state.definition.step(named: "Parse_order") != nil && state.isOnCanvas, "rename \(key)")
                case .type:
                    Issue.record("a note lists no key")
                }
            }
        }
        for binding in CodeScreen.keyMap.bindings {
            for key in binding.keys {
                var state = try Self.canvas(height: 24)
                state.press(.character("v"))
                let what = "code view \(key)"
                switch binding.action {
                case .scroll, .page, .ends:
                    let back = [.up, .character("k"), .pageUp, .character("g"), .home].contains(key)
                    if back { state.press(.character("G")) }
                    let before = state.code?.scroll ?? 0
                    state.press(key)
                    let after = state.code?.scroll ?? 0
                    #expect(back ? after < before : after > before, "\(what): \(before) → \(after)")
                case .edit:
                    guard case .editExternally(let text)? = state.press(key).first else { Issue.record("\(what) opens no editor"); continue }
                    #expect(text.contains("\"Parse_order\""), "\(what)")
                case .undo, .redo:
                    state.press(.escape, .character("y"), .character("v"))
                    if key == .ctrl("r") { state.press(.character("u")) }
                    state.press(key)
                    #expect((state.definition.step(named: "Parse_order_2") != nil) == (key == .ctrl("r")), "\(what)")
                case .code, .close:
                    state.press(key)
                    #expect(state.isOnCanvas, "\(what)")
                }
            }
        }
        for binding in SearchScreen.keyMap.bindings {
            for key in binding.keys {
                var state = try Self.canvas()
                state.press(.character("/"))
                state.type("approval")
                state.press(key)
                switch binding.action {
                case .search:
                    #expect(state.isOnCanvas && state.selection == .step(.action("Wait_for_approval")), "search \(key)")
                case .cancel:
                    #expect(state.isOnCanvas && state.selection == .step(.action("Parse_order")), "search \(key)")
                }
            }
        }
    }

    // MARK: The app list, the runs, a run's detail, the callback box

    @Test func everyKeyOfTheAppListDoesWhatItsHelpSays() {
        for binding in AppListScreen.keyMap.bindings {
            for key in binding.keys {
                var screen = ScreenFixtures.appList()
                let what = "apps \(key)"
                switch binding.action {
                case .move, .page, .ends:
                    let back = [.up, .character("k"), .pageUp, .character("g"), .home].contains(key)
                    if back { screen.handle(.end) }
                    screen.handle(key)
                    #expect(screen.cursor.selected == (back ? (binding.action == .move ? 1 : 0) : (binding.action == .move ? 1 : 2)), "\(what)")
                case .open:
                    #expect(screen.handle(key) == [.openApp("invoices")], "\(what)")
                case .runs:
                    screen.handle(key)
                    #expect((screen.top as? RunsScreen)?.app == "invoices", "\(what)")
                case .toggle:
                    #expect(screen.handle(key) == [.changeApp(.disable("invoices"))], "\(what)")
                case .delete:
                    screen.handle(key)
                    #expect(screen.prompt?.choices.first?.answer == .deleteApp("invoices"), "\(what)")
                case .search:
                    screen.handle(key)
                    #expect(screen.top is SearchScreen, "\(what)")
                case .nextMatch:
                    screen.handle(.character("/"))
                    screen.handle(.character("e"))
                    screen.handle(.enter)
                    #expect(screen.selectedApp?.name == "invoices")
                    screen.handle(key)
                    #expect(screen.selectedApp?.name == (key == .character("n") ? "orders" : "returns"), "\(what)")
                case .back:
                    screen.handle(key)
                    #expect(!screen.isOpen, "\(what)")
                case .mouse:
                    Issue.record("the mouse line lists no key")
                }
            }
        }
    }

    @Test func everyKeyOfTheRunsDoesWhatItsHelpSays() {
        for binding in RunsScreen.keyMap.bindings {
            for key in binding.keys {
                var screen = ScreenFixtures.runsScreen()
                screen.handle(.down)  // the Waiting run
                let what = "runs \(key)"
                switch binding.action {
                case .move, .page, .ends:
                    let back = [.up, .character("k"), .pageUp, .character("g"), .home].contains(key)
                    screen.handle(key)
                    let expected = binding.action == .move ? (back ? 0 : 2) : (back ? 0 : 5)
                    #expect(screen.cursor.selected == expected, "\(what)")
                case .open:
                    screen.handle(key)
                    #expect((screen.top as? RunDetailScreen)?.id == ScreenFixtures.runID(5), "\(what)")
                case .filter:
                    guard case .loadRuns(let request)? = screen.handle(key).first else { Issue.record("\(what) loads nothing"); continue }
                    #expect(request.status == .waiting, "\(what)")
                case .cancel:
                    screen.handle(key)
                    #expect(screen.prompt?.choices.first?.answer == .controlRun(.cancel(app: "orders", id: ScreenFixtures.runID(5))), "\(what)")
                case .resubmit:
                    screen.handle(key)
                    #expect(screen.prompt?.choices.first?.answer == .controlRun(.resubmit(app: "orders", id: ScreenFixtures.runID(5))), "\(what)")
                case .search:
                    screen.handle(key)
                    #expect((screen.top as? SearchScreen)?.what == "runs by id", "\(what)")
                case .nextMatch:
                    screen.handle(.character("/"))
                    screen.handle(.character("0"))
                    screen.handle(.enter)
                    screen.handle(key)
                    #expect(screen.cursor.selected == (key == .character("n") ? 2 : 0), "\(what)")
                case .apps:
                    screen.handle(key)
                    #expect(screen.top is AppListScreen, "\(what)")
                case .back:
                    screen.handle(key)
                    #expect(!screen.isOpen, "\(what)")
                case .mouse:
                    Issue.record("the mouse line lists no key")
                }
            }
        }
    }

    @Test func everyKeyOfARunDetailAndItsCallbackBoxDoesWhatItsHelpSays() {
        for binding in RunDetailScreen.keyMap.bindings {
            for key in binding.keys {
                var screen = ScreenFixtures.runDetail()
                #expect(screen.selectedStep?.name == "Wait_for_approval")
                let what = "run detail \(key)"
                switch binding.action {
                case .move:
                    screen.handle(key)
                    let down = key == .down || key == .character("j")
                    #expect(screen.selectedStep?.name == (down ? "Wait_for_approval" : "Notify_warehouse"), "\(what)")
                case .ends:
                    screen.handle(key)
                    let first = key == .home || key == .character("g")
                    #expect(screen.selectedStep?.name == (first ? "Order_events" : "Wait_for_approval"), "\(what)")
                case .page:
                    if key == .pageUp { screen.handle(.pageDown) }
                    let before = screen.detailScroll
                    screen.handle(key)
                    #expect(key == .pageDown ? screen.detailScroll > before : screen.detailScroll < before, "\(what)")
                case .copyURL:
                    #expect(screen.handle(key) == [.copyToClipboard(ScreenFixtures.callbackURL)], "\(what)")
                case .sendCallback:
                    screen.handle(key)
                    #expect((screen.top as? CallbackEditorScreen)?.editor.url == ScreenFixtures.callbackURL, "\(what)")
                case .cancel:
                    screen.handle(key)
                    #expect(screen.prompt?.title == "Cancel run", "\(what)")
                case .resubmit:
                    screen.handle(key)
                    #expect(screen.prompt?.title == "Resubmit run", "\(what)")
                case .apps:
                    screen.handle(key)
                    #expect(screen.top is AppListScreen, "\(what)")
                case .back:
                    screen.handle(key)
                    #expect(!screen.isOpen, "\(what)")
                case .mouse:
                    Issue.record("the mouse line lists no key")
                }
            }
        }
        for binding in CallbackEditorScreen.keyMap.bindings {
            for key in binding.keys {
                var screen = ScreenFixtures.runDetail()
                screen.handle(.character("s"))
                let what = "callback box \(key)"
                switch binding.action {
                case .switchField:
                    screen.handle(key)
                    #expect((screen.top as? CallbackEditorScreen)?.editor.focus == .headers, "\(what)")
                case .send:
                    #expect(screen.handle(key) == [.sendCallback(TestCallback(url: ScreenFixtures.callbackURL, body: "{}"))], "\(what)")
                case .close:
                    screen.handle(key)
                    #expect(screen.top is RunDetailScreen, "\(what)")
                case .type:
                    Issue.record("a note lists no key")
                }
            }
        }
    }

    // MARK: Questions, the help, and the keys of every screen

    @Test func everyKeyOfAQuestionAndTheHelpDoesWhatItsHelpSays() throws {
        for binding in PromptScreen.common {
            for key in binding.keys {
                var state = try Self.canvas()
                state.press(.character("d"))
                let what = "question \(key)"
                switch binding.action {
                case .move:
                    state.press(key)
                    #expect(state.prompt?.highlighted == 0, "\(what): Delete is highlighted")
                    state.press(.enter)
                    #expect(state.definition.step(named: "Parse_order") == nil, "\(what) then Enter deletes")
                case .confirm:
                    state.press(key)
                    #expect(state.definition.step(named: "Parse_order") != nil && state.isOnCanvas, "\(what) takes Keep, highlighted first")
                case .cancel:
                    state.press(key)
                    #expect(state.definition.step(named: "Parse_order") != nil && state.isOnCanvas, "\(what)")
                case .choose:
                    Issue.record("the answers' letters are each question's own")
                }
            }
        }
        var state = try Self.canvas()
        state.press(.character("d"), .character("y"))
        #expect(state.definition.step(named: "Parse_order") == nil, "y answers Delete")

        for binding in PagerKeys.keyMap.bindings {
            for key in binding.keys {
                var state = try Self.canvas(height: 24)
                state.press(.character("?"))
                let what = "help \(key)"
                guard let help = state.top as? HelpScreen else { Issue.record("no help"); continue }
                switch binding.action {
                case .scroll, .page, .ends:
                    let back = [.up, .character("k"), .pageUp, .character("g"), .home].contains(key)
                    if back { state.press(.end) }
                    let before = (state.top as? HelpScreen)?.pager.scroll ?? 0
                    state.press(key)
                    let after = (state.top as? HelpScreen)?.pager.scroll ?? 0
                    #expect(back ? after < before : after > before, "\(what): \(before) → \(after)")
                case .close:
                    state.press(key)
                    #expect(state.isOnCanvas, "\(what)")
                }
                _ = help
            }
        }
    }

    @Test func everyKeyThatWorksOnEveryScreenDoesWhatItsHelpSays() throws {
        for binding in WorkbenchKeys.keyMap.bindings {
            for key in binding.keys {
                let what = "everywhere \(key)"
                var runs = ScreenFixtures.runsScreen()
                var state = try Self.canvas()
                switch binding.action {
                case .save:
                    #expect(runs.handle(key).isEmpty && runs.banner?.text == "Nothing to save: no changes since v3", "\(what) from the runs")
                    // The app with three actions has problems to fix first; this one has none.
                    #expect(state.press(key).isEmpty && state.banner?.text.hasPrefix("Not saved: 1 problem to fix first.") == true, "\(what)")
                    var valid = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
                    valid.press(.down, .character("y"))
                    guard case .save(let request)? = valid.press(key).first else { Issue.record("\(what) saves nothing"); continue }
                    #expect(request.definition.step(named: "Start_2") != nil)
                case .help:
                    runs.handle(key)
                    #expect((runs.top as? HelpScreen)?.opening == .runs, "\(what) opens at the runs' keys")
                case .quit:
                    #expect(runs.handle(key) == [.quit], "\(what) with nothing to lose")
                    state.press(.character("y"))
                    #expect(state.press(key).isEmpty && state.prompt?.title == "Unsaved changes", "\(what) asks first")
                case .messages:
                    runs.handle(.character("x"))
                    runs.handle(.escape)
                    runs.handle(key)
                    #expect(runs.top is MessageLogScreen, "\(what)")
                case .reload:
                    #expect(runs.handle(key) == [.loadRuns(runs.firstPage)], "\(what) loads the runs again")
                case .suspend:
                    var inProcess = try DesignerFixtures.designer(DesignerFixtures.webhookWithThreeActions, inProcess: true)
                    #expect(inProcess.press(key).isEmpty, "\(what) is refused with the engine in the designer")
                    #expect(inProcess.banner?.text.contains("hookflow serve") == true)
                    #expect(state.press(key) == [.suspend], "\(what) suspends with the engine elsewhere")
                }
            }
        }
    }
}
