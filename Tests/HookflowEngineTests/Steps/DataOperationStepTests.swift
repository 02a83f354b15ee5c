import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Select, Filter array (Query), Join and Create table through the engine, on the Logic Apps
/// reference's own examples: each records its inputs and `outputs.body` as Logic Apps does.
@Suite(.serialized)
struct DataOperationStepTests {
    /// Saves `actions` as app "flow", fires its manual trigger with `body` and returns the finished run.
    static func run(_ actions: JSONValue, body: JSONValue = [:], until status: RunStatus = .succeeded, in harness: EngineHarness) async throws -> RunDetail {
        _ = try await harness.engine.save(name: "flow", definition: EngineHarness.manual(actions), state: nil)
        let run = try await harness.fire("flow", trigger: "manual", body: body)
        return try await harness.waitForRun("flow", run.id, status)
    }

    static let items: JSONValue = [["ID": 0, "Product_Name": "Apples"], ["ID": 1, "Product_Name": "Oranges"]]

    // MARK: Select

    /// The reference: `[1, 2, 3]` with `{"number": "@item()"}` gives `[{"number": 1}, {"number": 2}, {"number": 3}]`.
    @Test func selectMapsEachItem() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Select": ["type": "Select", "inputs": ["from": [1, 2, 3], "select": ["number": "@item()"]], "runAfter": [:]],
                "Compose": ["type": "Compose", "inputs": "@body('Select')", "runAfter": ["Select": ["Succeeded"]]],
            ], in: harness)
            let select = try #require(detail.action("Select"))
            #expect(select.outputs == ["body": [["number": 1], ["number": 2], ["number": 3]]])
            #expect(select.inputs == ["from": [1, 2, 3], "select": ["number": "@item()"]])
            #expect(detail.action("Compose")?.outputs == [["number": 1], ["number": 2], ["number": 3]])
        }
    }

    @Test func selectWithAnExpressionMapOverTheTriggerBody() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Names": ["type": "Select", "inputs": ["from": "@triggerBody()?['people']",
                                                       "select": "@concat(item()?['first'], ' ', toUpper(item()?['last']))"], "runAfter": [:]],
                "Empty": ["type": "Select", "inputs": ["from": [], "select": ["x": "@item()"]], "runAfter": [:]],
            ], body: ["people": [["first": "Ada", "last": "Lovelace"], ["first": "Alan", "last": "Turing"]]], in: harness)
            #expect(detail.action("Names")?.outputs == ["body": ["Ada LOVELACE", "Alan TURING"]])
            #expect(detail.action("Empty")?.outputs == ["body": []], "an empty source gives an empty array")
        }
    }

    @Test func selectFromSomethingThatIsNotAnArrayFails() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Select": ["type": "Select", "inputs": ["from": "@triggerBody()", "select": ["x": "@item()"]], "runAfter": [:]],
            ], body: ["not": "a list"], until: .failed, in: harness)
            let select = try #require(detail.action("Select"))
            #expect(select.code == "InvalidTemplate")
            #expect(select.error?["message"] == "The 'from' property value in the 'Select' action inputs is of type 'Object'. The value must be an array.")
        }
    }

    @Test func anItemExpressionThatFailsNamesTheItem() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Select": ["type": "Select", "inputs": ["from": ["1", "two"], "select": ["n": "@int(item())"]], "runAfter": [:]],
            ], until: .failed, in: harness)
            let message = detail.action("Select")?.error?["message"]?.stringValue ?? ""
            #expect(message.hasPrefix("/actions/Select/inputs/select/n: "), "\(message)")
            #expect(message.hasSuffix(" (item 1)"), "\(message)")
        }
    }

    // MARK: Query (Filter array)

    /// The reference: `[1, 3, 0, 5, 4, 2]` where `@greater(item(), 2)` gives `[3, 5, 4]`.
    @Test func filterArrayKeepsTheItemsThatHold() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Filter_array": ["type": "Query", "inputs": ["from": [1, 3, 0, 5, 4, 2], "where": "@greater(item(), 2)"], "runAfter": [:]],
                "Designer_form": ["type": "Query", "inputs": ["from": Self.items, "where": ["and": [["equals": ["@item()?['Product_Name']", "Oranges"]]]]],
                                  "runAfter": [:]],
                "Nothing": ["type": "Query", "inputs": ["from": [1, 2], "where": "@equals(item(), 9)"], "runAfter": [:]],
            ], in: harness)
            #expect(detail.action("Filter_array")?.outputs == ["body": [3, 5, 4]])
            #expect(detail.action("Filter_array")?.inputs == ["from": [1, 3, 0, 5, 4, 2], "where": "@greater(item(), 2)"])
            #expect(detail.action("Designer_form")?.outputs == ["body": [["ID": 1, "Product_Name": "Oranges"]]])
            #expect(detail.action("Nothing")?.outputs == ["body": []], "no match: an empty array")
        }
    }

    @Test func aConditionThatIsNotABooleanFails() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Filter_array": ["type": "Query", "inputs": ["from": [1, 2], "where": "@add(item(), 1)"], "runAfter": [:]],
            ], until: .failed, in: harness)
            #expect(detail.action("Filter_array")?.code == "InvalidTemplate")
            #expect(detail.action("Filter_array")?.error?["message"]
                == #"/actions/Filter_array/inputs/where: the condition "@add(item(), 1)" evaluated to integer, not a boolean (item 0)"#)
        }
    }

    // MARK: Join

    /// The reference: variable `myIntegerArray` `[1,2,3,4]` joined with `","` gives `"1,2,3,4"`.
    @Test func joinWritesTheItemsWithTheDelimiter() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Initialize_variable": ["type": "InitializeVariable", "inputs": ["variables": [["name": "myIntegerArray", "type": "Array", "value": [1, 2, 3, 4]]]],
                                        "runAfter": [:]],
                "Join": ["type": "Join", "inputs": ["from": "@variables('myIntegerArray')", "joinWith": ","], "runAfter": ["Initialize_variable": ["Succeeded"]]],
                "Mixed": ["type": "Join", "inputs": ["from": ["a", 1.5, true, nil, ["k": "v"]], "joinWith": " | "], "runAfter": [:]],
            ], in: harness)
            #expect(detail.action("Join")?.outputs == ["body": "1,2,3,4"])
            #expect(detail.action("Join")?.inputs == ["from": [1, 2, 3, 4], "joinWith": ","])
            #expect(detail.action("Mixed")?.outputs == ["body": #"a | 1.5 | true |  | {"k":"v"}"#])
        }
    }

    // MARK: Table

    /// The reference's three examples: a CSV table and an HTML table with the columns from the
    /// items' property names, and an HTML table with columns of its own.
    @Test func tablesAsTheReferenceShowsThem() async throws {
        try await EngineHarness.with { harness in
            let detail = try await Self.run([
                "Initialize_variable": ["type": "InitializeVariable", "inputs": ["variables": [["name": "myItemArray", "type": "Array", "value": Self.items]]],
                                        "runAfter": [:]],
                "Create_CSV_table": ["type": "Table", "inputs": ["format": "CSV", "from": "@variables('myItemArray')"],
                                     "runAfter": ["Initialize_variable": ["Succeeded"]]],
                "Create_HTML_table": ["type": "Table", "inputs": ["format": "HTML", "from": "@variables('myItemArray')"],
                                      "runAfter": ["Initialize_variable": ["Succeeded"]]],
                "Create_HTML_table_2": ["type": "Table", "inputs": [
                    "format": "HTML", "from": "@variables('myItemArray')",
                    "columns": [["header": "Stock_ID", "value": "@item().ID"], ["header": "Description", "value": "@concat('Organic ', item().Product_Name)"]],
                ], "runAfter": ["Initialize_variable": ["Succeeded"]]],
            ], in: harness)
            #expect(detail.action("Create_CSV_table")?.outputs == ["body": "ID,Product_Name\n0,Apples\n1,Oranges"])
            #expect(detail.action("Create_HTML_table")?.outputs == [
                "body": "<table><thead><tr><th>ID</th><th>Product_Name</th></tr></thead><tbody><tr><td>0</td><td>Apples</td></tr><tr><td>1</td><td>Oranges</td></tr></tbody></table>",
            ])
            #expect(detail.action("Create_HTML_table_2")?.outputs == [
                "body": "<table><thead><tr><th>Stock_ID</th><th>Description</th></tr></thead><tbody><tr><td>0</td><td>Organic Apples</td></tr><tr><td>1</td><td>Organic Oranges</td></tr></tbody></table>",
            ])
        }
    }

    @Test func tableCellsAreQuotedInCSVAndEscapedInHTML() async throws {
        try await EngineHarness.with { harness in
            let rows: JSONValue = [["name": "Smith, J.", "note": "says \"hi\"\nthen <b>leaves</b> & goes"]]
            let detail = try await Self.run([
                "CSV": ["type": "Table", "inputs": ["format": "csv", "from": rows], "runAfter": [:]],
                "HTML": ["type": "Table", "inputs": ["format": "HTML", "from": rows], "runAfter": [:]],
                "Bad_format": ["type": "Table", "inputs": ["format": "@triggerBody()?['format']", "from": rows], "runAfter": [:]],
                "Numbers_without_columns": ["type": "Table", "inputs": ["format": "CSV", "from": [1, 2]], "runAfter": [:]],
            ], body: ["format": "XML"], until: .failed, in: harness)
            #expect(detail.action("CSV")?.outputs == ["body": "name,note\n\"Smith, J.\",\"says \"\"hi\"\"\nthen <b>leaves</b> & goes\""])
            #expect(detail.action("HTML")?.outputs == [
                "body": "<table><thead><tr><th>name</th><th>note</th></tr></thead><tbody><tr><td>Smith, J.</td><td>says &quot;hi&quot;\nthen &lt;b&gt;leaves&lt;/b&gt; &amp; goes</td></tr></tbody></table>",
            ])
            #expect(detail.action("Bad_format")?.error?["message"] == #"/actions/Bad_format/inputs/format: the format must be CSV or HTML, not "XML""#)
            #expect(detail.action("Numbers_without_columns")?.error?["message"]
                == "/actions/Numbers_without_columns/inputs: the first element of 'from' is Integer, not an object: name the table's columns with a header and a value each")
        }
    }
}
