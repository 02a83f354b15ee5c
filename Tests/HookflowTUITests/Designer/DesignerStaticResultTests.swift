import Foundation
import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// Static results through the workbench: switched on in the form, marked on the card, undone in
/// one step, kept through a rename, and saved without touching what was not edited.
@Suite struct DesignerStaticResultTests {
    static let app = """
        {
          "definition": {
            "triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"method": "POST"}}},
            "actions": {
              "Get_order": {"type": "Http", "inputs": {"method": "GET", "uri": "https://shop.example.com/orders/1"}, "runAfter": {}},
              "Send_email": {"type": "ApiConnection", "inputs": {"host": {"connection": {"name": "@parameters('$connections')['office365']['connectionId']"}}, "method": "post", "path": "/v2/Mail"},
                "runAfter": {"Get_order": ["Succeeded"]},
                "runtimeConfiguration": {"staticResult": {"name": "Send_email0", "staticResultOptions": "Enabled"}}}
            },
            "staticResults": {"Send_email0": {"status": "Succeeded", "outputs": {"statusCode": "OK", "headers": {}}}}
          },
          "kind": "Stateful"
        }
        """

    /// The workbench on the app, as read from a file.
    private func designer(width: Int = 80, height: Int = 24) throws -> WorkbenchState {
        let document = try WorkflowDocument.read(Self.app)
        var state = WorkbenchState(designer: DesignerState(
            appName: "orders", document: document, file: URL(fileURLWithPath: "/tmp/orders.json"), sourceText: Self.app, engineDescription: "x"))
        _ = state.update(.input(.resize(width: width, height: height)))
        return state
    }

    /// The lines of the screen that hold a card's bottom edge with the mark.
    private func markedLines(_ state: WorkbenchState) -> [String] {
        state.text().split(separator: "\n").map(String.init).filter { $0.contains("─ static result ─") }
    }

    @Test func theCardOfAStepWithAStaticResultSaysSoInTheWarningColour() throws {
        let state = try designer()
        let lines = markedLines(state)
        #expect(lines.count == 1, "only Send_email is marked: \(lines)")
        #expect(lines.first?.contains("╰─ static result ─") == true)
        #expect(state.text().contains("Unsupported step (ApiConnection) · returns its static result"))
        // The mark is drawn in the warning role.
        let buffer = WorkbenchView.render(state, glyphs: .unicode)
        let row = try #require(buffer.lines.firstIndex { $0.contains("─ static result ─") })
        let column = try #require(buffer.lines[row].range(of: "static result ─").map { buffer.lines[row].distance(from: buffer.lines[row].startIndex, to: $0.lowerBound) })
        #expect(buffer[column, row].role == .warningMark)
    }

    @Test func switchingOnInTheFormMarksTheCardAndOneUndoTakesItAllBack() throws {
        var state = try designer()
        let original = state.definition
        state.press(.down, .enter, .ctrl("t"))
        let form = try #require(state.form)
        #expect(form.address == .action("Get_order"))
        for _ in 0..<20 where !focusedIsStaticResult(state) { state.press(.tab) }
        #expect(focusedIsStaticResult(state))
        state.press(.character(" "))
        #expect(state.definition.step(named: "Get_order")?.enabledStaticResultName == "Get_order0")
        #expect(state.definition.staticResult(named: "Get_order0") == ["status": "Succeeded", "outputs": ["statusCode": 200, "headers": .object(JSONObject()), "body": .object(JSONObject())]])
        state.press(.escape)
        #expect(state.isOnCanvas)
        #expect(markedLines(state).count == 2)
        state.press(.character("u"))
        #expect(state.definition.value.isIdentical(to: original.value), "the link and the new result go in one undo")
        #expect(markedLines(state).count == 1)
        state.press(.ctrl("r"))
        #expect(state.definition.staticResult(named: "Get_order0") != nil)
    }

    private func focusedIsStaticResult(_ state: WorkbenchState) -> Bool {
        guard let form = state.form else { return false }
        let fields = form.fields(for: form.tab, in: state.definition)
        return fields[form.focusedIndex(in: fields)].label == "Static result"
    }

    @Test func aRenamedStepKeepsItsStaticResult() throws {
        var state = try designer()
        state.press(.down, .down, .character("r"), .ctrl("u"))
        state.type("Notify_customer")
        state.press(.enter)
        let renamed = try #require(state.definition.step(named: "Notify_customer"))
        #expect(renamed.enabledStaticResultName == "Send_email0")
        #expect(state.definition.staticResult(named: "Send_email0") != nil)
        #expect(state.problems.isEmpty)
        #expect(markedLines(state).count == 1)
        // A new step may take the old name: its result gets a name of its own.
        var definition = state.definition
        try definition.addStep(named: "Send_email", body: ["type": "Compose", "inputs": 1], to: .actions)
        try definition.setStaticResult(enabled: true, at: .action("Send_email"))
        #expect(definition.step(named: "Send_email")?.enabledStaticResultName == "Send_email1")
        #expect(definition.staticResult(named: "Send_email0") == state.definition.staticResult(named: "Send_email0"))
    }

    @Test func aDuplicateGetsACopyOfTheResultOfItsOwn() throws {
        var state = try designer(height: 40)
        state.press(.down, .down, .character("y"))
        let copy = try #require(state.definition.step(named: "Send_email_2"))
        #expect(copy.enabledStaticResultName == "Send_email_20")
        #expect(state.definition.staticResult(named: "Send_email_20") == state.definition.staticResult(named: "Send_email0"))
        #expect(state.definition.step(named: "Send_email")?.enabledStaticResultName == "Send_email0")
        #expect(markedLines(state).count == 2)
        state.press(.character("u"))
        #expect(state.definition.json["staticResults"]?.objectValue?.keys == ["Send_email0"], "one undo takes the copy and its result")
    }

    @Test func aFileWithStaticResultsIsSavedUnchangedWhereNotEdited() throws {
        var state = try designer()
        // Looking at the static result changes nothing.
        state.press(.down, .down, .enter, .ctrl("t"), .tab, .tab, .tab, .tab, .tab, .escape)
        #expect(!state.isDirty)
        #expect(state.text().contains("static result"))
        // An edit elsewhere saves the static results as they were written.
        state.press(.up, .character("y"))
        guard case .save(let request)? = state.press(.ctrl("s")).first else { Issue.record("no save"); return }
        let text = try #require(request.fileText)
        #expect(text.contains(#""staticResults": {"Send_email0": {"status": "Succeeded", "outputs": {"statusCode": "OK", "headers": {}}}}"#))
        #expect(text.contains(#""runtimeConfiguration": {"staticResult": {"name": "Send_email0", "staticResultOptions": "Enabled"}}"#))
        let written = try WorkflowDocument.read(text)
        #expect(written.definition.step(named: "Get_order_2") != nil)
    }
}
