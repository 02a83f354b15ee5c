import Testing
@testable import HookflowModel

@Suite struct ExpressionConversionFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output (json() of XML is with the XML functions).
    @Test(arguments: [
        ("@array('hello')", ["hello"]),
        ("@bool(1)", true),
        ("@bool(0)", false),
        ("@bool(-1)", true),
        ("@bool('true')", true),
        ("@bool('false')", false),
        ("@float('10,000.333')", 10000.333),
        ("@float('10.000,333', 'de-DE')", 10000.333),
        ("@float('12,3,4,5678')", 12345678.0),
        ("@float('1234567,8+')", 12345678.0),
        ("@float('12345,6,78,-')", -12345678.0),
        ("@float('-12,345,678,')", -12345678.0),
        ("@float('12345678.-')", -12345678.0),
        ("@float('.12345678')", 0.12345678),
        ("@int('10')", 10),
        ("@json('[1, 2, 3]')", [1, 2, 3]),
        (#"@json('{"fullName": "Sophia Owen"}')"#, ["fullName": "Sophia Owen"]),
        ("@string(10)", "10"),
        (#"@string(json('{ "name": "Sophie Owen" }'))"#, #"{"name":"Sophie Owen"}"#),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@array(createArray(1, 2))", [1, 2]),
        ("@array(null)", [nil]),
        (#"@array(json('{"a":1}'))"#, [["a": 1]]),
        // The reference: "If the string is null, the function returns an empty object."
        ("@json(null)", [:]),
        ("@float('(5)')", -5.0),
        ("@float('1 234,5', 'fr-FR')", 1234.5),
        ("@decimal(' 2.50 ')", .number(JSONNumber(validLiteral: "2.50"))),
        ("@decimal(3)", 3),
        // Binary content converts to its text, and json() parses that text.
        ("@string(base64ToBinary('aGVsbG8='))", "hello"),
        (#"@json(base64ToBinary(base64('{"a":[1]}')))"#, ["a": [1]]),
    ] as [(String, JSONValue)])
    func conversions(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func conversionErrors() {
        Support.expectError(.init("@decimal('1.2.3')", .type, "function 'decimal' cannot convert '1.2.3' to a decimal number", at: 10))
        Support.expectError(.init("@decimal(true)", .type, "function 'decimal' expects a string or a number as argument 1 but got boolean", at: 10))
        Support.expectError(.init(
            "@float('1', 'zz-ZZ')", .runtime,
            "function 'float' does not know the locale 'zz-ZZ'; use an RFC 4646 name such as 'en-US' or 'de-DE'", at: 13))
        Support.expectError(.init("@float(',5')", .type, "function 'float' cannot convert ',5' to a float", at: 8))
    }

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
