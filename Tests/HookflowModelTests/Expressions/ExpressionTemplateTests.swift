import Testing
@testable import HookflowModel

@Suite struct ExpressionTemplateTests {
    @Test(arguments: [
        ("hello", "hello"),
        ("a@b.com", "a@b.com"),
        (" @parameters('n')", " @parameters('n')"),
        ("@@", "@"),
        ("@@parameters('n')", "@parameters('n')"),
        ("My age is @@{parameters('myAge')}", "My age is @{parameters('myAge')}"),
        ("mail@@example.com", "mail@example.com"),
        ("trailing @", "trailing @"),
        ("", ""),
    ])
    func literalsResolveEscapes(input: String, expected: String) throws {
        #expect(try Template.parse(input) == .literal(expected))
    }

    @Test func wholeExpressionKeepsPositions() throws {
        let template = try Template.parse("@parameters('n')")
        #expect(template == .expression(.call(FunctionCall(name: "parameters", position: 2, arguments: [.string("n", position: 13)]))))
    }

    @Test func interpolationSplitsTextAndExpressions() throws {
        let template = try Template.parse("id-@{guid()}-x @{ parameters('n') }")
        #expect(template == .interpolation([
            .text("id-"),
            .expression(.call(FunctionCall(name: "guid", position: 6, arguments: []))),
            .text("-x "),
            .expression(.call(FunctionCall(name: "parameters", position: 19, arguments: [.string("n", position: 30)]))),
        ]))
    }

    @Test func braceOnlyValueIsInterpolation() throws {
        #expect(try Template.parse("@{parameters('n')}") == .interpolation([
            .expression(.call(FunctionCall(name: "parameters", position: 3, arguments: [.string("n", position: 14)]))),
        ]))
    }

    @Test func escapedInterpolationNextToRealOne() throws {
        #expect(try Template.parse("@@{x} @{guid()}") == .interpolation([
            .text("@{x} "),
            .expression(.call(FunctionCall(name: "guid", position: 9, arguments: []))),
        ]))
    }

    @Test func literalsOfEveryKind() throws {
        let template = try Template.parse("@createArray('it''s', -1, 2.50, 1e3, true, FALSE, null)")
        guard case .expression(.call(let call)) = template else {
            Issue.record("expected a call, got \(template)")
            return
        }
        #expect(call.name == "createarray")
        #expect(call.arguments == [
            .string("it's", position: 14),
            .number(JSONNumber(-1), position: 23),
            .number(JSONNumber(validLiteral: "2.50"), position: 27),
            .number(JSONNumber(validLiteral: "1e3"), position: 33),
            .bool(true, position: 38),
            .bool(false, position: 44),
            .null(position: 51),
        ])
        // The literal is kept as written, so "2.50" stays "2.50" in output.
        if case .number(let number, _) = call.arguments[2] { #expect(number.literal == "2.50") }
    }

    @Test func memberIndexAndNullSafeAccessors() throws {
        let template = try Template.parse("@triggerBody()?.items[0]?['id'].Name")
        let trigger = Expression.call(FunctionCall(name: "triggerbody", position: 2, arguments: []))
        let items = Expression.member(trigger, name: "items", nullSafe: true, position: 15)
        let first = Expression.index(items, .number(JSONNumber(0), position: 23), nullSafe: false, position: 22)
        let id = Expression.index(first, .string("id", position: 27), nullSafe: true, position: 25)
        #expect(template == .expression(.member(id, name: "Name", nullSafe: false, position: 32)))
    }

    @Test func whitespaceBetweenTokens() throws {
        #expect(try Template.parse("@concat( 'a' ,\t'b' )") == .expression(.call(FunctionCall(
            name: "concat", position: 2, arguments: [.string("a", position: 10), .string("b", position: 16)]))))
    }

    @Test func functionNamesAreLowercasedInTheTree() throws {
        guard case .expression(.call(let call)) = try Template.parse("@listCallBackUrl()") else {
            Issue.record("expected a call")
            return
        }
        #expect(call.name == "listcallbackurl")
        #expect(call.position == 2)
    }

    @Test func functionCallsInSourceOrder() throws {
        let template = try Template.parse("@{concat(parameters('a'), body('B')?.x)} and @{listCallBackUrl()}")
        let calls = template.functionCalls
        #expect(calls.map(\.name) == ["concat", "parameters", "body", "listcallbackurl"])
        #expect(calls.map(\.position) == [3, 10, 27, 48])
        #expect(calls[1].arguments == [.string("a", position: 21)])
        #expect(try Template.parse("plain text").functionCalls.isEmpty)
        #expect(try Template.parse("@parameters('list')[add(1, 1)]").functionCalls.map(\.name) == ["parameters", "add"])
    }

    @Test(arguments: [
        ("plain", false),
        ("a@b.com", false),
        (" @x", false),
        ("", false),
        ("@x", true),
        ("@", true),
        ("@{x}", true),
        ("text @{x} text", true),
        ("@@", true),
        ("a@@b", true),
        ("ünïcödé @{x}", true),
        ("ünïcödé @ x", false),
    ])
    func containsExpressionMatchesParse(input: String, expected: Bool) {
        #expect(Template.containsExpression(input) == expected)
        // The cheap check must agree with the parser: false means "parse returns the text unchanged".
        if !expected { #expect((try? Template.parse(input)) == .literal(input)) }
    }
}
