import Foundation
import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// The palette offers every step kind the engine runs, grouped as Logic Apps lists them, found by
/// Logic Apps' names and by their WDL types; each new step's form has the fields of its kind.
@Suite struct PaletteCatalogTests {
    private func search(_ text: String, placement: Palette.Placement = .lastAction) -> [String] {
        var palette = Palette(placement: placement)
        for character in text { _ = palette.handle(.character(character)) }
        return palette.matches.map(\.title)
    }

    @Test func everyKindTheEngineRunsIsOffered() {
        let actionTypes = Set(StepTemplate.actions.compactMap { $0.body["type"]?.stringValue })
        #expect(actionTypes == [
            "HttpWebhook", "Http", "Response", "If", "Switch", "Foreach", "Until", "Scope", "Terminate", "Compose", "ParseJson", "Select",
            "Query", "Join", "Table", "InitializeVariable", "SetVariable", "IncrementVariable", "DecrementVariable",
            "AppendToArrayVariable", "AppendToStringVariable", "Wait", "Workflow",
        ])
        #expect(Set(StepTemplate.triggers.compactMap { $0.body["type"]?.stringValue }) == ["HttpWebhook", "Http", "Request", "Recurrence"])
        for template in StepTemplate.actions { #expect(template.kind.canBeAction, "\(template.title)") }
        for template in StepTemplate.triggers { #expect(template.kind.canBeTrigger, "\(template.title)") }
        // Each template's kind is the one its type reads as.
        for template in StepTemplate.actions + StepTemplate.triggers {
            #expect(StepKind(type: template.body["type"]?.stringValue) == template.kind, "\(template.title)")
        }
    }

    @Test func searchFindsLogicAppsNamesAndTypeNames() {
        #expect(search("for each").first == "For each")
        #expect(search("foreach").first == "For each")
        #expect(search("until").prefix(2) == ["Until", "Delay until"])
        #expect(search("filter") == ["Filter array"])
        #expect(search("query") == ["Filter array"])
        #expect(search("parse").first == "Parse JSON")
        #expect(search("parsejson") == ["Parse JSON"])
        #expect(search("initializevariable") == ["Initialize variable"])
        #expect(search("initializevariable", placement: .action(after: nil, in: JSONPointer(["actions", "Scope", "actions"]))).isEmpty)
        #expect(search("variable").count == 6)
        #expect(search("csv") == ["Create CSV table"])
        #expect(search("table") == ["Create CSV table", "Create HTML table"])
        #expect(search("switch") == ["Switch"])
        #expect(search("workflow") == ["Workflow"])
        #expect(search("join").first == "Join")
        #expect(search("recurrence", placement: .trigger) == ["Recurrence"])
        #expect(search("poll", placement: .trigger) == ["HTTP"])
    }

    @Test func thePaletteListsGroupsAndScrollsToTheHighlightedStep() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        state.press(.character("G"), .enter)
        let palette = try #require(state.palette)
        #expect(palette.rows.compactMap { if case .heading(let group) = $0 { group } else { nil } } ==
                ["HTTP", "Request", "Control", "Data Operations", "Variables", "Schedule", "Workflow Operations"])
        let top = state.text()
        #expect(top.contains("│ HTTP "))
        #expect(top.contains("│ Control "))
        #expect(top.contains("▸ ⇄ HTTP Webhook"))
        #expect(top.contains("↓ more"))
        #expect(!top.contains("Workflow Operations"))
        // Up from the first step goes round to the last, which the list scrolls to.
        state.press(.up)
        let bottom = state.text()
        #expect(bottom.contains("▸ ⇥ Workflow"))
        #expect(bottom.contains("│ Workflow Operations "))
        #expect(bottom.contains("↑ more"))
        #expect(!bottom.contains("↓ more"))
        for line in bottom.split(separator: "\n") { #expect(TextLayout.width(String(line)) <= 80) }
        state.press(.enter)
        #expect(state.definition.step(named: "Workflow")?.json["inputs"] == ["host": ["workflow": ["id": ""]]])
        #expect(state.problems.contains { $0.pointer.description == "/actions/Workflow/inputs/host/workflow/id" })
    }

    @Test func clickingAScrolledRowAddsThatStep() throws {
        var state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches)
        state.press(.character("G"), .enter, .up)
        let lines = state.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let y = try #require(lines.firstIndex { $0.contains(" Decrement variable ") })
        let x = try #require(lines[y].range(of: "Decrement variable")).lowerBound.utf16Offset(in: lines[y])
        _ = state.update(.input(.mouse(x: x, y: y, button: .left)))
        #expect(state.definition.step(named: "Decrement_variable")?.type == "DecrementVariable")
    }

    // MARK: Forms of the new kinds

    @Test func theFieldsOfEachNewKind() throws {
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
        #expect(try labels("Retry", #"{"type": "Until", "expression": "@x", "limit": {"count": 60}, "actions": {}}"#)
            == ["Loop until *", "Count", "Timeout"])
        #expect(try labels("Poll", #"{"type": "Http", "inputs": {"method": "GET", "uri": "https://x.example"}, "recurrence": {"frequency": "Minute", "interval": 3}}"#, trigger: true)
            == ["Method *", "URI *", "Frequency *", "Interval *", "+ Add new parameter"], "the polling trigger's schedule")
        #expect(try labels("Set", #"{"type": "SetVariable", "inputs": {"name": "x", "value": 1}}"#) == ["Name *", "Value *"])
        #expect(try labels("Odd", #"{"type": "SetVariable", "inputs": "x"}"#) == ["Inputs *"], "inputs that are not an object are edited whole")
        #expect(try labels("Wait_until", #"{"type": "Wait", "inputs": {"until": {"timestamp": ""}}}"#) == ["Until *"])
    }

    @Test func initializeVariableHasNameTypeAndValue() throws {
        var harness = try FormHarness(Self.variables, step: .action("Initialize_variable"))
        #expect(harness.labels == ["Name", "Type", "Value"])
        harness.type("count")
        harness.focus("Type")
        harness.press(.enter)
        #expect(harness.form.list?.options == ["Boolean", "Integer", "Float", "String", "Object", "Array"])
        harness.type("i")
        harness.press(.enter)
        harness.focus("Value")
        harness.type("0")
        #expect(harness.json("/actions/Initialize_variable/inputs") == #"{"variables":[{"name":"count","type":"integer","value":0}]}"#)
        #expect(harness.problems.filter { $0.pointer.description.hasPrefix("/actions/Initialize_variable") }.isEmpty)
    }

    @Test func changingAVariableChoosesAmongTheDeclaredOnesThatFit() throws {
        var harness = try FormHarness(Self.variables, step: .action("Increment_variable"))
        #expect(harness.labels == ["Name", "Value"])
        harness.press(.enter)
        #expect(harness.form.list?.options == ["total"], "only number variables can be incremented")
        harness.press(.down, .enter)
        harness.focus("Value")
        harness.press(.ctrl("u"))
        harness.type("5")
        #expect(harness.json("/actions/Increment_variable/inputs") == #"{"name":"total","value":5}"#)
        var append = try FormHarness(Self.variables, step: .action("Append_to_array_variable"))
        append.press(.enter)
        #expect(append.form.list?.options == ["items"])
    }

    @Test func dataOperationsHaveTheirOwnFields() throws {
        #expect(try FormHarness(Self.dataOperations, step: .action("Parse_JSON")).labels == ["Content", "Schema"])
        #expect(try FormHarness(Self.dataOperations, step: .action("Select")).labels == ["From", "Map"])
        #expect(try FormHarness(Self.dataOperations, step: .action("Filter_array")).labels == ["From", "Condition"])
        #expect(try FormHarness(Self.dataOperations, step: .action("Join")).labels == ["From", "Join with"])
        var table = try FormHarness(Self.dataOperations, step: .action("Create_table"))
        #expect(table.labels == ["From", "Format", "Columns"])
        table.type("@variables('items')")
        table.focus("Format")
        table.press(.right)
        table.focus("Columns")
        table.press(.right)
        #expect(table.labels == ["From", "Format", "Columns", "Header and value"])
        #expect(table.json("/actions/Create_table/inputs") ==
            #"{"format":"HTML","from":"@variables('items')","columns":[{"header":"","value":""}]}"#)
        table.press(.left)
        #expect(table.json("/actions/Create_table/inputs") == #"{"format":"HTML","from":"@variables('items')"}"#)
        var filter = try FormHarness(Self.dataOperations, step: .action("Filter_array"))
        filter.type("@body('Get')")
        filter.focus("Condition")
        filter.type("@equals(item()?['open'], true)")
        #expect(filter.json("/actions/Filter_array/inputs") == #"{"from":"@body('Get')","where":"@equals(item()?['open'], true)"}"#)
    }

    static let variables = """
        {"triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {}}},
         "actions": {
           "Declare_total": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "total", "type": "integer", "value": 0}]}, "runAfter": {}},
           "Declare_items": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "items", "type": "array"}]}, "runAfter": {"Declare_total": ["Succeeded"]}},
           "Initialize_variable": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "", "type": "string"}]}, "runAfter": {"Declare_items": ["Succeeded"]}},
           "Increment_variable": {"type": "IncrementVariable", "inputs": {"name": "", "value": 1}, "runAfter": {"Initialize_variable": ["Succeeded"]}},
           "Append_to_array_variable": {"type": "AppendToArrayVariable", "inputs": {"name": "", "value": ""}, "runAfter": {"Increment_variable": ["Succeeded"]}}
         }}
        """

    static let dataOperations = """
        {"triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {}}},
         "actions": {
           "Parse_JSON": {"type": "ParseJson", "inputs": {"schema": {}}, "runAfter": {}},
           "Select": {"type": "Select", "inputs": {}, "runAfter": {}},
           "Filter_array": {"type": "Query", "inputs": {}, "runAfter": {}},
           "Join": {"type": "Join", "inputs": {"joinWith": ","}, "runAfter": {}},
           "Create_table": {"type": "Table", "inputs": {"format": "CSV"}, "runAfter": {}}
         }}
        """
}
