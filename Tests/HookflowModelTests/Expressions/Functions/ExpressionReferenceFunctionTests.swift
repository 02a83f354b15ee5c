import Testing
@testable import HookflowModel

@Suite struct ExpressionReferenceFunctionTests {
    typealias Support = ExpressionTestSupport

    struct ProviderFailure: Error, CustomStringConvertible {
        var description: String { "no subscription is active" }
    }

    static let trigger: JSONValue = [
        "name": "Webhook",
        "inputs": ["subscribe": ["method": "POST"]],
        "outputs": [
            "headers": ["Content-Type": "application/json"],
            "body": ["id": "evt-1", "items": [["sku": "A1"], ["sku": "B2"]]],
            "queries": ["page": "2"],
            "statusCode": 200,
        ],
        "startTime": "2024-05-01T12:00:00.0000000Z",
        "status": "Succeeded",
    ]

    static let actions: [String: JSONValue] = [
        "Subscribe": [
            "name": "Subscribe", "status": "Succeeded", "code": "OK",
            "inputs": ["uri": "https://example.com/subscribe"],
            "outputs": ["statusCode": 201, "headers": ["Location": "/subs/9"], "body": ["subscriptionId": "sub-9"]],
        ],
        "NoBody": ["name": "NoBody", "status": "Succeeded", "outputs": ["statusCode": 204]],
    ]

    static var runContext: EvaluationContext { Support.context(trigger: trigger, actions: actions) }

    /// The reference's "Get user" action, for its actions(), body() and outputs() examples.
    static let getUser: JSONValue = [
        "name": "Get_user", "status": "Succeeded",
        "outputs": [
            "statusCode": 200, "headers": ["Content-Type": "application/json; charset=utf-8"],
            "body": ["FullName": "Contoso Corporation", "Id": 283_541_717, "UserName": "ContosoInc", "status": "Succeeded"],
        ],
    ]

    /// The reference's examples, with the action and parameter they assume.
    @Test func documentedExamples() throws {
        var context = Support.context(actions: ["Get_user": Self.getUser])
        context.parameters["fullName"] = "Sophia Owen"
        #expect(try Support.evaluate("@actions('Get_user').outputs.body.status", in: context) == "Succeeded")
        #expect(try Support.evaluate("@body('Get_user')", in: context) == Self.getUser["outputs"]?["body"])
        #expect(try Support.evaluate("@actionBody('Get_user')", in: context) == Self.getUser["outputs"]?["body"])
        #expect(try Support.evaluate("@outputs('Get_user')", in: context) == Self.getUser["outputs"])
        #expect(try Support.evaluate("@actionOutputs('Get_user')", in: context) == Self.getUser["outputs"])
        #expect(try Support.evaluate("@parameters('fullName')", in: context) == "Sophia Owen")
        #expect(try Support.evaluate("@workflow().run.name", in: context) == "08585")
    }

    @Test func actionBodyAndActionOutputsFailLikeBodyAndOutputs() {
        Support.expectError(.init(
            "@actionBody('Later')", .unavailable, "action 'Later' has not run yet in this run", at: 13), in: Self.runContext)
        Support.expectError(.init(
            "@actionOutputs(1)", .type, "function 'actionOutputs' expects a string as argument 1 but got integer", at: 16), in: Self.runContext)
    }

    @Test func listCallbackUrlWithAProvider() throws {
        let context = Support.context(callbackURL: { "https://hookflow.local/cb/run?sig=abc" })
        #expect(try Support.evaluate("@listCallbackUrl()", in: context) == "https://hookflow.local/cb/run?sig=abc")
        #expect(try Support.evaluate("@{listCallBackUrl()}", in: context) == "https://hookflow.local/cb/run?sig=abc")
        #expect(try Support.evaluate("hub.callback=@{encodeUriComponent(LISTCALLBACKURL())}", in: context)
            == "hub.callback=https%3A%2F%2Fhookflow.local%2Fcb%2Frun%3Fsig%3Dabc")
    }

    @Test func listCallbackUrlWithoutAProviderIsUnavailable() throws {
        let error = try #require(Support.failure("x=@{listCallbackUrl()}"))
        #expect(error.kind == .unavailable)
        #expect(error.message == "listCallbackUrl() is not available here: only HttpWebhook subscribe and unsubscribe inputs have a callback URL")
        #expect(error.position == 5)
    }

    @Test func listCallbackUrlProviderErrors() throws {
        let failing = Support.context(callbackURL: { throw ProviderFailure() })
        let runtime = try #require(Support.failure("@listCallbackUrl()", in: failing))
        #expect(runtime.kind == .runtime)
        #expect(runtime.message == "listCallbackUrl() failed: no subscription is active")
        #expect(runtime.position == 2)

        let unavailable = Support.context(callbackURL: {
            throw ExpressionError(kind: .unavailable, message: "the step has no callback yet", expression: "", position: 0)
        })
        let passed = try #require(Support.failure("a @{listCallbackUrl()}", in: unavailable))
        #expect(passed == ExpressionError(
            kind: .unavailable, message: "the step has no callback yet", expression: "a @{listCallbackUrl()}", position: 5))
    }

    @Test(arguments: [
        ("@trigger().name", "Webhook"),
        ("@trigger()['status']", "Succeeded"),
        ("@trigger().outputs.statusCode", 200),
        ("@triggerBody().id", "evt-1"),
        ("@triggerBody()?.items[1].sku", "B2"),
        ("@triggerBody()?['missing']", nil),
        ("@triggerOutputs()['headers']['Content-Type']", "application/json"),
        ("@triggerOutputs().queries.page", "2"),
        ("@body('Subscribe').subscriptionId", "sub-9"),
        ("@body('subscribe')['subscriptionId']", "sub-9"),
        ("@outputs('Subscribe').statusCode", 201),
        ("@outputs('Subscribe')['headers']?['Location']", "/subs/9"),
        ("@actions('Subscribe').status", "Succeeded"),
        ("@actions('Subscribe').inputs.uri", "https://example.com/subscribe"),
        ("@body('NoBody')", nil),
        ("@outputs('NoBody').statusCode", 204),
    ] as [(String, JSONValue)])
    func triggerAndActionResults(expression: String, expected: JSONValue) throws {
        #expect(try Support.evaluate(expression, in: Self.runContext) == expected)
    }

    @Test func triggerBodyIsTheWholeBody() throws {
        #expect(try Support.evaluate("@triggerBody()", in: Self.runContext) == Self.trigger["outputs"]?["body"])
        #expect(try Support.evaluate("@triggerOutputs()", in: Self.runContext) == Self.trigger["outputs"])
        #expect(try Support.evaluate("@trigger()", in: Self.runContext) == Self.trigger)
    }

    static let unavailable: [ExpectedExpressionError] = [
        .init("@trigger()", .unavailable, "trigger() is not available here: the trigger has not fired in this context", at: 2),
        .init("@triggerBody()?.id", .unavailable, "triggerBody() is not available here: the trigger has not fired in this context", at: 2),
        .init("x @{triggerOutputs()}", .unavailable, "triggerOutputs() is not available here: the trigger has not fired in this context", at: 5),
        .init("@body('Later')", .unavailable, "action 'Later' has not run yet in this run", at: 7),
        .init("@outputs('Later')", .unavailable, "action 'Later' has not run yet in this run", at: 10),
        .init("@actions('Later')", .unavailable, "action 'Later' has not run yet in this run", at: 10),
        .init("@parameters('nope')", .reference, "parameter 'nope' is not defined", at: 13),
        .init("@parameters(1)", .type, "function 'parameters' expects a string as argument 1 but got integer", at: 13),
        .init("@body(null)", .type, "function 'body' expects a string as argument 1 but got null", at: 7),
    ]

    @Test(arguments: unavailable)
    func missingThingsHaveTheRightKind(expected: ExpectedExpressionError) throws {
        // A context like the validator's: parameters and workflow only.
        let error = try #require(Support.failure(expected.expression))
        #expect(error.kind == expected.kind)
        #expect(error.message == expected.message)
        #expect(error.position == expected.position)
    }

    @Test func parameters() throws {
        #expect(try Support.evaluate("@parameters('n')") == 42)
        #expect(try Support.evaluate("@parameters('N')") == 42)
        #expect(try Support.evaluate("@parameters('config')?.retries") == 3)
    }

    @Test func workflow() throws {
        #expect(try Support.evaluate("@workflow().name") == "orders")
        #expect(try Support.evaluate("@workflow().run.name") == "08585")
        #expect(try Support.evaluate("run @{workflow()['run']['id']}") == "run /workflows/orders/runs/08585")
        #expect(try Support.evaluate("@workflow()", in: EvaluationContext()) == .object(JSONObject()))
    }

    @Test func staticContextEvaluatesParameterOnlyURIs() throws {
        let staticContext = EvaluationContext(parameters: Support.parameters)
        #expect(try Support.evaluate("@{parameters('config').Endpoint}/subscribe", in: staticContext) == "https://example.com/hook/subscribe")
        #expect(Support.failure("@{triggerBody()?.url}", in: staticContext)?.kind == .unavailable)
    }
}
