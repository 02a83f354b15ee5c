import Testing
@testable import HookflowModel

@Suite struct ExpressionConversionFunctionTests {
    typealias Support = ExpressionTestSupport

    @Test(arguments: [
        ("@string('x')", "x"),
        ("@string(42)", "42"),
        ("@string(2.50)", "2.50"),
        ("@string(-1)", "-1"),
        ("@string(true)", "true"),
        ("@string(false)", "false"),
        ("@string(null)", ""),
        ("@string(createArray(1, 'a'))", #"[1,"a"]"#),
        ("@string(parameters('config'))", #"{"Endpoint":"https://example.com/hook","retries":3,"nested":{"deep":{"x":1}}}"#),
    ])
    func string(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test(arguments: [
        ("@int('42')", 42),
        ("@int(' -7 ')", -7),
        ("@int(7)", 7),
        ("@int(4.0)", 4),
        ("@int(parameters('config').retries)", 3),
    ] as [(String, JSONValue)])
    func int(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func intRefusesWhatIsNotAnInteger() {
        Support.expectError(.init("@int('4.5')", .type, "function 'int' cannot convert '4.5' to an integer", at: 6))
        Support.expectError(.init("@int(4.5)", .type, "function 'int' cannot convert 4.5 to an integer", at: 6))
        Support.expectError(.init("@int('')", .type, "function 'int' cannot convert '' to an integer", at: 6))
        Support.expectError(.init("@int(true)", .type, "function 'int' expects a string or a number as argument 1 but got boolean", at: 6))
    }

    @Test(arguments: [
        ("@float('2.5')", 2.5),
        ("@float('1e3')", 1000.0),
        ("@float(3)", 3.0),
        ("@float(2.25)", 2.25),
        ("@float(' -0.5 ')", -0.5),
    ] as [(String, JSONValue)])
    func float(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func floatRefusesNonNumbers() throws {
        Support.expectError(.init("@float('abc')", .type, "function 'float' cannot convert 'abc' to a float", at: 8))
        Support.expectError(.init("@float('nan')", .type, "function 'float' cannot convert 'nan' to a float", at: 8))
        Support.expectError(.init("@float(null)", .type, "function 'float' expects a string or a number as argument 1 but got null", at: 8))
        // An integer argument becomes a float, and is written like one.
        #expect(try Support.evaluate("@{float(3)}") == "3.0")
    }

    @Test(arguments: [
        ("@bool('TRUE')", true),
        ("@bool('true')", true),
        ("@bool('False')", false),
        ("@bool(0)", false),
        ("@bool(0.0)", false),
        ("@bool(2)", true),
        ("@bool(true)", true),
        ("@bool(false)", false),
    ])
    func bool(expression: String, expected: Bool) {
        Support.expectValue(expression, .bool(expected))
    }

    @Test func boolRefusesOtherText() {
        Support.expectError(.init("@bool('yes')", .type, "function 'bool' cannot convert 'yes' to a boolean", at: 7))
        Support.expectError(.init(
            "@bool(createArray(1))", .type, "function 'bool' expects a string, a number or a boolean as argument 1 but got array", at: 7))
    }

    @Test(arguments: [
        (#"@json('{"a":[1,2],"b":null}')"#, ["a": [1, 2], "b": nil]),
        ("@json('[1, 2.5]')", [1, 2.5]),
        ("@json('3')", 3),
        (#"@json('"text"')"#, "text"),
        ("@json(parameters('config'))", ExpressionTestSupport.parameters["config"] ?? .null),
        (#"@json('{"a":{"b":"c"}}').a.b"#, "c"),
    ] as [(String, JSONValue)])
    func json(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func jsonErrorIncludesTheParseError() throws {
        var parseError: JSONParseError?
        do { _ = try JSONParser.parse("{bad") } catch { parseError = error }
        let detail = try #require(parseError).description
        Support.expectError(.init("@json('{bad')", .runtime, "function 'json' could not parse its argument as JSON: \(detail)", at: 7))
        #expect(detail.contains("line 1, column 2"))
        Support.expectError(.init("@json(1)", .type, "function 'json' expects a string as argument 1 but got integer", at: 7))
    }
}
