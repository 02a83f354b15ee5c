import Testing
@testable import HookflowModel

/// Validation of Switch, the data operations, the variable actions and static results: Logic
/// Apps' rules, with the pointer and message a user sees.
struct StepRulesValidationTests {
    func problems(_ actions: String, staticResults: String = "{}") throws -> [String] {
        let text = #"{"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "staticResults": \#(staticResults), "actions": \#(actions)}"#
        return WorkflowValidator().validate(try WorkflowDocument.read(text).definition).map(\.description)
    }

    @Test func theNewKindsAreReadFromTheirTypeInAnyCase() {
        #expect(StepKind(type: "Switch") == .switchCase)
        #expect(StepKind(type: "parsejson") == .dataOperation(.parseJson))
        #expect(StepKind(type: "Query") == .dataOperation(.query))
        #expect(StepKind(type: "Table").displayName == "Create table")
        #expect(StepKind(type: "INITIALIZEVARIABLE") == .variable(.initialize))
        #expect(StepKind(type: "AppendToStringVariable").typeName == "AppendToStringVariable")
        #expect(StepKind(type: "Foreach") == .foreach && StepKind(type: "until") == .until && StepKind(type: "Workflow") == .workflow)
        #expect(StepKind(type: "ApiConnection") == .unsupported("ApiConnection"))
    }

    @Test func switchCasesNeedDistinctValues() throws {
        let result = try problems("""
            {"Route": {"type": "Switch", "runAfter": {}, "cases": {
               "A": {"case": "x", "actions": {}}, "B": {"case": "x", "actions": {}}, "C": {"actions": {}}, "D": {"case": ["x"]}},
             "default": {"actions": "none"}}}
            """)
        #expect(result == [
            "/actions/Route/cases/B/case: Case \"B\" has the same value as case \"A\"; each case needs its own value",
            "/actions/Route/cases/C/case: Case \"C\" needs a value to compare with (\"case\")",
            "/actions/Route/cases/D/case: Case \"D\" - the value must be a string or a number, not an array",
            "/actions/Route/default: Default must be an object with actions",
            "/actions/Route/expression: Expression is required (the value the cases are compared with)",
        ])
    }

    @Test func dataOperationsNeedTheirInputs() throws {
        let result = try problems("""
            {"Parse": {"type": "ParseJson", "inputs": {"content": "@triggerBody()", "schema": "any"}, "runAfter": {}},
             "Pick": {"type": "Select", "inputs": {"from": []}, "runAfter": {}},
             "Filter": {"type": "Query", "inputs": {"where": "@true"}, "runAfter": {}},
             "Glue": {"type": "Join", "inputs": {"from": [1]}, "runAfter": {}},
             "Grid": {"type": "Table", "inputs": {"from": [], "format": "XLSX", "columns": [{"header": "A"}]}, "runAfter": {}}}
            """)
        #expect(result == [
            "/actions/Parse/inputs/schema: Schema must be a JSON schema object",
            "/actions/Pick/inputs/select: Map is required",
            "/actions/Filter/inputs/from: From is required",
            "/actions/Glue/inputs/joinWith: Join with is required",
            "/actions/Grid/inputs/format: Format \"XLSX\" is not one of CSV, HTML",
            "/actions/Grid/inputs/columns/0/value: Each column needs a value",
        ])
    }

    @Test func variablesAreInitializedOnceAtTheTopLevelWithATypeTheyKeep() throws {
        let result = try problems("""
            {"Init": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "count", "type": "Integer", "value": "zero"}]}, "runAfter": {}},
             "Again": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "Count", "type": "integer"}]}, "runAfter": {}},
             "Odd": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "when", "type": "DateTime"}]}, "runAfter": {}},
             "Text": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "text", "type": "String", "value": ""}]}, "runAfter": {}},
             "Group": {"type": "Scope", "runAfter": {}, "actions": {
               "Inner": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "inner", "type": "Boolean", "value": true}]}, "runAfter": {}}}},
             "Set": {"type": "SetVariable", "inputs": {"name": "count", "value": "ten"}, "runAfter": {}},
             "Plus": {"type": "IncrementVariable", "inputs": {"name": "text"}, "runAfter": {}},
             "Half": {"type": "IncrementVariable", "inputs": {"name": "count", "value": 0.5}, "runAfter": {}},
             "Push": {"type": "AppendToArrayVariable", "inputs": {"name": "text", "value": 1}, "runAfter": {}},
             "Ghost": {"type": "SetVariable", "inputs": {"name": "ghost", "value": 1}, "runAfter": {}},
             "Later": {"type": "SetVariable", "inputs": {"name": "@{triggerBody()?['which']}", "value": 1}, "runAfter": {}},
             "Empty": {"type": "SetVariable", "inputs": {"name": "count"}, "runAfter": {}}}
            """)
        #expect(result == [
            "/actions/Init/inputs/variables/0/value: Value is a string, but the type is Integer",
            "/actions/Again/inputs/variables/0/name: Variable \"Count\" is already initialized by \"Init\"; a variable is initialized once per workflow",
            "/actions/Odd/inputs/variables/0/type: Type \"DateTime\" is not one of Boolean, Integer, Float, String, Object, Array",
            "/actions/Group/actions/Inner/type: Initialize variable can only be used at the top level of a workflow, not inside a Scope, Condition, Switch or loop",
            "/actions/Set/inputs/value: Value is a string, but variable \"count\" is Integer",
            "/actions/Plus/inputs/name: Increment variable works on Integer and Float variables; \"text\" is String",
            "/actions/Half/inputs/value: Value must be a whole number to change Integer variable \"count\"",
            "/actions/Push/inputs/name: Append to array variable works on Array variables; \"text\" is String",
            "/actions/Ghost/inputs/name: Variable \"ghost\" is not initialized: add an Initialize variable action at the top level for it",
            "/actions/Empty/inputs/value: Value is required",
        ])
    }

    /// Logic Apps runs Set variable inside a parallel Foreach (its docs warn that the results are
    /// unpredictable): a warning, while a sequential loop earns none.
    @Test func settingAVariableInAParallelLoopIsAWarning() throws {
        let result = try problems("""
            {"Init": {"type": "InitializeVariable", "inputs": {"variables": [{"name": "last", "type": "String"}]}, "runAfter": {}},
             "Parallel": {"type": "Foreach", "foreach": "@triggerBody()", "runAfter": {}, "actions": {
               "Set": {"type": "SetVariable", "inputs": {"name": "last", "value": "@{items('Parallel')}"}, "runAfter": {}},
               "Count": {"type": "IncrementVariable", "inputs": {"name": "last"}, "runAfter": {}}}},
             "Sequential": {"type": "Foreach", "foreach": "@triggerBody()", "operationOptions": "Sequential", "runAfter": {}, "actions": {
               "Set_2": {"type": "SetVariable", "inputs": {"name": "last", "value": "@{items('Sequential')}"}, "runAfter": {}}}}}
            """)
        #expect(result == [
            "/actions/Parallel/actions/Set/type: warning: Set variable inside Foreach \"Parallel\", whose iterations run in parallel: the variable's value is unpredictable; make the loop sequential (Concurrency control: 1)",
            "/actions/Parallel/actions/Count/inputs/name: Increment variable works on Integer and Float variables; \"last\" is String",
        ])
    }

    @Test func anEnabledStaticResultMustExist() throws {
        let result = try problems("""
            {"Call": {"type": "ApiConnection", "inputs": {}, "runAfter": {},
                      "runtimeConfiguration": {"staticResult": {"name": "Call0", "staticResultOptions": "Enabled"}}},
             "Off": {"type": "ApiConnection", "inputs": {}, "runAfter": {},
                     "runtimeConfiguration": {"staticResult": {"name": "Off0", "staticResultOptions": "Disabled"}}},
             "Known": {"type": "Http", "inputs": {"method": "GET", "uri": "https://example.com"}, "runAfter": {},
                       "runtimeConfiguration": {"staticResult": {"name": "http0", "staticResultOptions": "Enabled"}}}}
            """, staticResults: #"{"HTTP0": {"status": "Succeeded"}}"#)
        #expect(result == [#"/actions/Call/runtimeConfiguration/staticResult/name: Static result "Call0" is not defined in the definition's staticResults"#])
    }
}
