import Testing
@testable import HookflowModel

/// variables(), the loop functions, result(), action() and appsetting(): what the engine puts in the context.
@Suite struct ExpressionRunStateFunctionTests {
    typealias Support = ExpressionTestSupport

    static var runContext: EvaluationContext {
        var context = Support.context()
        context.variables = ["numItems": 20, "myCounter": 5, "names": ["a", "b"]]
        context.loops = [
            LoopIteration(name: "For_each_order", item: ["id": "o-1", "lines": [["sku": "A"]]], index: 3),
            LoopIteration(name: "Until_Max_Increment", item: nil, index: 4),
            LoopIteration(name: "For_each_line", item: ["sku": "A", "body": "line body"], index: 0),
        ]
        context.scopeResults = ["For_each": [["name": "HTTP", "status": "Succeeded", "outputs": ["statusCode": 200]]]]
        context.currentAction = ["name": "Webhook", "outputs": ["body": ["id": "sub-7"]]]
        context.appSettings = ["ServiceBusConnection": "Endpoint=sb://x", "WEBSITE_SITE_NAME": "orders-app"]
        return context
    }

    /// The reference's examples, in a run that is inside the loops they name.
    @Test(arguments: [
        ("@variables('numItems')", 20),
        ("@items('For_each_order')", ["id": "o-1", "lines": [["sku": "A"]]]),
        ("@item().body", "line body"),
        ("@iterationIndexes('Until_Max_Increment')", 4),
        ("'Current index: ' @{iterationIndexes('Until_Max_Increment')}", "'Current index: ' 4"),
        ("@equals(variables('myCounter'), 5)", true),
        ("@result('For_each')", [["name": "HTTP", "status": "Succeeded", "outputs": ["statusCode": 200]]]),
        ("@action().outputs.body.id", "sub-7"),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected, in: Self.runContext)
    }

    @Test(arguments: [
        // Names are matched without regard to case, an exact match first.
        ("@variables('NUMITEMS')", 20),
        ("@items('for_each_line').sku", "A"),
        ("@iterationIndexes('For_each_order')", 3),
        ("@appsetting('ServiceBusConnection')", "Endpoint=sb://x"),
        ("@appsetting('website_site_name')", "orders-app"),
        ("@item()?.missing", nil),
    ] as [(String, JSONValue)])
    func lookups(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected, in: Self.runContext)
    }

    @Test func whatTheContextLacksIsUnavailable() {
        Support.expectError(.init(
            "@variables('x')", .unavailable,
            "variable 'x' is not initialized at this point of the run (an InitializeVariable action declares it)", at: 12))
        Support.expectError(.init("@item()", .unavailable, "item() is only available inside a Foreach loop or a Select, Query or Table action", at: 2))
        Support.expectError(.init("@items('Loop')", .unavailable, "items('Loop') is only available inside the loop 'Loop'", at: 8))
        Support.expectError(.init(
            "@iterationIndexes('Loop')", .unavailable, "iterationIndexes('Loop') is only available inside the loop 'Loop'", at: 19))
        Support.expectError(.init("@result('Scope')", .unavailable, "result('Scope') is not available: scope 'Scope' has not run yet in this run", at: 9))
        Support.expectError(.init(
            "@action()", .unavailable,
            "action() is only available in a webhook action's unsubscribe inputs, an Until loop's condition and trackedProperties", at: 2))
        Support.expectError(.init(
            "@appsetting('Missing')", .reference,
            "app setting 'Missing' is not defined (in local.settings.json Values or the environment)", at: 13))
        Support.expectError(.init(
            "@items('Until_Max_Increment')", .runtime,
            "items('Until_Max_Increment') names an Until loop, which has no current item (iterationIndexes() gives its index)", at: 8),
            in: Self.runContext)
        Support.expectError(.init("@variables(1)", .type, "function 'variables' expects a string as argument 1 but got integer", at: 12))
    }
}
