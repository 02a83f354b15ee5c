import Testing
import HookflowModel
@testable import HookflowTUI

/// A step form on a definition, driven by keys and clicks as the designer drives it.
struct FormHarness {
    var definition: WorkflowDefinition
    var form: StepForm

    init(_ json: String, step address: StepAddress) throws {
        definition = try WorkflowDocument.read(json).definition
        form = StepForm(address: address, definition: definition)
    }

    @discardableResult
    mutating func press(_ keys: Key...) -> FormOutcome {
        var last = FormOutcome.notHandled
        for key in keys { last = form.handle(key, definition: &definition) }
        return last
    }

    /// Types text key by key (a newline is Enter, a tab is Tab).
    @discardableResult
    mutating func type(_ text: String) -> FormOutcome {
        var last = FormOutcome.notHandled
        for character in text {
            let key: Key = character == "\n" ? .enter : character == "\t" ? .tab : .character(character)
            last = form.handle(key, definition: &definition)
        }
        return last
    }

    @discardableResult
    mutating func click(x: Int, y: Int, width: Int = 80, height: Int = 20) -> FormOutcome {
        form.click(x: x, y: y, area: Rect(width: width, height: height), definition: &definition)
    }

    /// Presses Tab until the field with this label has the focus.
    mutating func focus(_ label: String) {
        for _ in 0..<60 {
            if focusedLabel == label { return }
            press(.tab)
        }
        Issue.record("no field labelled \(label)")
    }

    var fields: [FormField] { form.fields(for: form.tab, in: definition) }
    var labels: [String] { fields.filter(\.isFocusable).map(\.label).filter { !$0.isEmpty } }
    var focusedLabel: String { fields[form.focusedIndex(in: fields)].label }

    func value(_ pointer: String) -> JSONValue? {
        JSONPointer(parsing: pointer).flatMap { definition[pointer: $0] }
    }

    func json(_ pointer: String) -> String {
        value(pointer).map { JSONWriter.compact.string(from: $0) } ?? "absent"
    }

    /// Keys of the object at `pointer`, in order.
    func keys(_ pointer: String) -> [String] { value(pointer)?.objectValue?.keys ?? [] }

    var problems: [ValidationProblem] { WorkflowValidator().validate(definition) }

    func buffer(width: Int = 80, height: Int = 20, glyphs: Glyphs = .unicode) -> CellBuffer {
        var buffer = CellBuffer(width: width, height: height)
        form.render(into: &buffer, area: buffer.bounds, definition: definition, problems: problems, glyphs: glyphs)
        return buffer
    }

    func screen(width: Int = 80, height: Int = 20, glyphs: Glyphs = .unicode) -> [String] {
        buffer(width: width, height: height, glyphs: glyphs).lines
    }
}

enum FormFixtures {
    /// A webhook trigger as `+ New step` leaves it: nothing filled in, and a key Hookflow does not know.
    static let newWebhook = """
        {"triggers": {"HTTP_Webhook": {"type": "HttpWebhook", "inputs": {"subscribe": {}, "unsubscribe": {}}, "x-note": {"keep": [1, 2]}}},
         "actions": {}}
        """

    /// A filled-in webhook trigger with the docs' `unsubscribe.url` and unknown keys at several levels.
    static let filledWebhook = """
        {"triggers": {"HTTP_Webhook": {
           "type": "HttpWebhook",
           "inputs": {
             "subscribe": {"method": "POST", "uri": "https://svc.example.com/subscribe", "x-sub": true},
             "unsubscribe": {"method": "POST", "url": "https://svc.example.com/unsubscribe", "body": {"id": "@{triggerBody()?['id']}"}},
             "x-inputs": "kept"
           },
           "x-step": 7
         }},
         "actions": {}}
        """

    /// Three actions: B runs after A; C's settings are filled in.
    static let actions = """
        {"triggers": {"Hook": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "POST", "uri": "https://a.example/s"}, "unsubscribe": {"method": "DELETE", "uri": "https://a.example/u"}}}},
         "actions": {
           "A": {"type": "Compose", "inputs": "a", "runAfter": {}},
           "Call_service": {"type": "Http", "inputs": {"method": "GET", "uri": "https://svc.example.com/orders"}, "runAfter": {"A": ["Succeeded"]}, "x-keep": "me"},
           "Wait_for_approval": {"type": "HttpWebhook",
             "inputs": {"subscribe": {"method": "POST", "uri": "https://approvals.example/s"}, "unsubscribe": {"method": "POST", "uri": "https://approvals.example/u"},
                        "retryPolicy": {"type": "fixed", "count": 3, "interval": "PT10S"}},
             "limit": {"timeout": "PT1H"},
             "runAfter": {"Call_service": ["Succeeded", "Failed"]},
             "runtimeConfiguration": {"secureData": {"properties": ["inputs"]}}}
         }}
        """
}

/// Which fields a form shows for each kind of step.
struct StepFormTests {
    @Test func webhookTriggerFieldsInTheOrderOfTheSpec() throws {
        let harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("HTTP_Webhook"))
        #expect(harness.labels == ["Subscribe - Method", "Subscribe - URI", "Unsubscribe - Method", "Unsubscribe - URI", "+ Add new parameter"])
        #expect(harness.fields.filter(\.isRequired).map(\.label) == ["Subscribe - Method", "Subscribe - URI", "Unsubscribe - Method", "Unsubscribe - URI"])
        #expect(harness.focusedLabel == "Subscribe - Method")
        #expect(!harness.form.isEditingText, "a dropdown has the focus: q and ? stay the designer's")
        guard case .addParameter(let hidden) = harness.fields.last?.kind else {
            Issue.record("the last field is not + Add new parameter")
            return
        }
        #expect(hidden.map(\.label) == [
            "Subscribe - Body", "Subscribe - Headers", "Subscribe - Authentication",
            "Unsubscribe - Body", "Unsubscribe - Headers", "Unsubscribe - Authentication",
        ])
    }

    @Test func optionalParametersWithAValueAreShown() throws {
        let harness = try FormHarness(FormFixtures.filledWebhook, step: .trigger("HTTP_Webhook"))
        #expect(harness.labels == ["Subscribe - Method", "Subscribe - URI", "Unsubscribe - Method", "Unsubscribe - URI", "Unsubscribe - Body", "+ Add new parameter"])
    }

    @Test func webhookActionHasTheSameParametersAndRunAfterInSettings() throws {
        var harness = try FormHarness(FormFixtures.actions, step: .action("Wait_for_approval"))
        #expect(harness.labels.prefix(4) == ["Subscribe - Method", "Subscribe - URI", "Unsubscribe - Method", "Unsubscribe - URI"])
        harness.press(.ctrl("t"))
        #expect(harness.form.tab == .settings)
        #expect(harness.labels == ["Timeout", "Retry policy", "Count", "Interval", "Call_service", "Secure inputs", "Secure outputs", "Static result"])
        let trigger = try FormHarness(FormFixtures.actions, step: .trigger("Hook"))
        var settings = trigger
        settings.press(.ctrl("t"))
        #expect(settings.labels == ["Timeout", "Retry policy", "Secure inputs", "Secure outputs"], "a trigger has no Run after")
    }

    @Test func otherStepKinds() throws {
        func labels(_ step: String, _ body: String, trigger: Bool = false) throws -> [String] {
            let json = trigger
                ? #"{"triggers": {"\#(step)": \#(body)}, "actions": {}}"#
                : #"{"triggers": {}, "actions": {"\#(step)": \#(body)}}"#
            let harness = try FormHarness(json, step: trigger ? .trigger(step) : .action(step))
            return harness.fields.dropFirst().map { field in
                if case .note(let text) = field.kind { return "note: \(text)" }
                return field.label + (field.isRequired ? " *" : "")
            }
        }
        #expect(try labels("Call", #"{"type": "Http", "inputs": {"method": "GET", "uri": "https://x.example", "queries": {"a": "1"}}}"#)
            == ["Method *", "URI *", "Queries", "", "+ Add new parameter"])
        #expect(try labels("Compose", #"{"type": "Compose", "inputs": "x"}"#) == ["Inputs *"])
        #expect(try labels("Delay", #"{"type": "Wait", "inputs": {"interval": {"count": 5, "unit": "Minute"}}}"#) == ["Count *", "Unit *"])
        #expect(try labels("Delay_until", #"{"type": "Wait", "inputs": {"until": {"timestamp": "2026-01-01T00:00:00Z"}}}"#) == ["Until *"])
        #expect(try labels("Stop", #"{"type": "Terminate", "inputs": {"runStatus": "Succeeded"}}"#) == ["Status *"])
        #expect(try labels("Fail", #"{"type": "Terminate", "inputs": {"runStatus": "Failed"}}"#) == ["Status *", "Code", "Message"])
        #expect(try labels("manual", #"{"type": "Request", "kind": "Http", "inputs": {}}"#, trigger: true)
            == ["Callback URL", "Method", "Relative path", "Request body JSON schema"])
        #expect(try labels("Every_hour", #"{"type": "Recurrence", "recurrence": {"frequency": "Hour", "interval": 1}}"#, trigger: true)
            == ["Frequency *", "Interval *", "+ Add new parameter"])
        #expect(try labels("Check", #"{"type": "If", "expression": {"and": []}, "actions": {}}"#)
            == ["Condition *", "note: The True and False branches' actions are edited on the canvas."])
        #expect(try labels("Group", #"{"type": "Scope", "actions": {}}"#)
            == ["note: A scope groups actions: they run together and the scope's status is theirs. Edit its actions on the canvas."])
        #expect(try labels("Loop", #"{"type": "Foreach", "foreach": "@x", "actions": {}}"#)
            == ["For each *", "note: The loop's actions are edited on the canvas; they run once per element, 20 at once unless Sequential."])
        #expect(try labels("Send", #"{"type": "ApiConnection", "inputs": {"a": 1}}"#)
            == ["note: Hookflow keeps this ApiConnection step as it is but does not run it: a run fails when it gets here.", "Inputs"])
    }

    @Test func aFormOnAStepThatIsGoneOnlyCloses() throws {
        var harness = try FormHarness(FormFixtures.newWebhook, step: .trigger("Removed"))
        #expect(harness.press(.character("x")) == .notHandled)
        #expect(harness.press(.escape) == .close)
        #expect(harness.screen(width: 40, height: 5) == [
            "╭─ Removed ────────────────────────────╮",
            "│ This step is no longer in the        │",
            "│ workflow. Esc closes the form.       │",
            "│                                      │",
            "╰──────────────────────────────────────╯",
        ])
    }
}
