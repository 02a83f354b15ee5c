import Testing
@testable import HookflowModel

@Suite struct ExpressionStringFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples for the string functions, input → output.
    @Test(arguments: [
        ("@concat('Hello', 'World')", "HelloWorld"),
        ("@replace('the old string', 'old', 'new')", "the new string"),
        ("@split('a_b_c', '_')", ["a", "b", "c"]),
        ("@split('a_b_c', ' ')", ["a_b_c"]),
        ("@substring('hello world', 6, 5)", "world"),
        ("@toLower('Hello World')", "hello world"),
        ("@toLower('Hello')", "hello"),
        ("@toUpper('Hello World')", "HELLO WORLD"),
        ("@trim(' Hello World  ')", "Hello World"),
        ("@guid('P')", "(c2ecc88d-88c8-4096-912c-d6f2e2b138ce)"),
        ("@guid()", "c2ecc88d-88c8-4096-912c-d6f2e2b138ce"),
        ("@slice('Hello World', 2)", "llo World"),
        ("@slice('Hello World', 30)", ""),
        ("@slice('Hello World', 10, 2)", ""),
        ("@slice('Hello World', 0)", "Hello World"),
        ("@slice('Hello World', 2, 5)", "llo"),
        ("@slice('Hello World', 6, 20)", "World"),
        ("@slice('Hello World', -2)", "ld"),
        ("@slice('Hello World', 3, -1)", "lo Worl"),
        ("@slice('Hello World', 3, 3)", ""),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func sliceCountsCharactersAndClampsNegativePositions() {
        Support.expectValue("@slice('é👍🏽x', 1, 2)", "👍🏽")
        Support.expectValue("@slice('abc', -10, -1)", "ab")
        Support.expectValue("@slice('', 0)", "")
        Support.expectError(.init("@slice(1, 0)", .type, "function 'slice' expects a string as argument 1 but got integer", at: 8))
        Support.expectError(.init("@slice('abc', '1')", .type, "function 'slice' expects an integer as argument 2 but got string", at: 15))
        Support.expectError(.init("@slice('abc', 0, 1.5)", .type, "function 'slice' expects an integer as argument 3 but got float", at: 18))
    }

    @Test(arguments: [
        ("@concat('a', 'b', 'c')", "abc"),
        ("@concat('solo')", "solo"),
        ("@concat('id-', 5, '-', 2.50, '-', true, null)", "id-5-2.50-true"),
        ("@concat('cfg=', json('{\"a\":1}'))", #"cfg={"a":1}"#),
        ("@concat(createArray(1), createArray(2, 3))", [1, 2, 3]),
        ("@concat(parameters('list'), createArray('x'))", [1, 2, 3, "x"]),
    ] as [(String, JSONValue)])
    func concat(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func concatRefusesMixingArraysAndText() {
        Support.expectError(.init(
            "@concat(createArray(1), 'x')", .type,
            "function 'concat' expects all arguments to be arrays or none of them, but argument 1 is an array and argument 2 is a string",
            at: 25))
    }

    @Test func toLowerAndToUpper() {
        Support.expectValue("@toLower('HeLLo Wörld')", "hello wörld")
        Support.expectValue("@toUpper('abc Ä 1')", "ABC Ä 1")
        Support.expectError(.init("@toLower(null)", .type, "function 'toLower' expects a string as argument 1 but got null", at: 10))
        Support.expectError(.init("@toUpper(createArray('a'))", .type, "function 'toUpper' expects a string as argument 1 but got array", at: 10))
    }

    @Test func trim() {
        Support.expectValue("@trim('  a b \t')", "a b")
        Support.expectValue("@trim('\n x\n')", "x")
        Support.expectValue("@trim('')", "")
        Support.expectError(.init("@trim(1)", .type, "function 'trim' expects a string as argument 1 but got integer", at: 7))
    }

    @Test(arguments: [
        ("@substring('hello world', 6)", "world"),
        ("@substring('hello world', 0, 5)", "hello"),
        ("@substring('abc', 3)", ""),
        ("@substring('abc', 1, 0)", ""),
        ("@substring('é👍🏽x', 1, 1)", "👍🏽"),
    ] as [(String, JSONValue)])
    func substring(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func substringOutOfRangeNamesTheValues() {
        Support.expectError(.init(
            "@substring('abc', 4)", .runtime, "function 'substring' start index 4 is out of range for a string of length 3", at: 19))
        Support.expectError(.init(
            "@substring('abc', -1)", .runtime, "function 'substring' start index -1 is out of range for a string of length 3", at: 19))
        Support.expectError(.init(
            "@substring('abc', 1, 5)", .runtime,
            "function 'substring' length 5 from start index 1 is out of range for a string of length 3", at: 22))
        Support.expectError(.init(
            "@substring('abc', 1, -1)", .runtime,
            "function 'substring' length -1 from start index 1 is out of range for a string of length 3", at: 22))
        Support.expectError(.init(
            "@substring('abc', '1')", .type, "function 'substring' expects an integer as argument 2 but got string", at: 19))
        Support.expectError(.init(
            "@substring('abc', 1.0)", .type, "function 'substring' expects an integer as argument 2 but got float", at: 19))
    }

    @Test func replace() {
        Support.expectValue("@replace('a-b-c', '-', '+')", "a+b+c")
        Support.expectValue("@replace('aAa', 'a', 'x')", "xAx")
        Support.expectValue("@replace('abc', 'z', 'x')", "abc")
        Support.expectError(.init("@replace('abc', '', 'x')", .runtime, "function 'replace' cannot replace an empty string", at: 17))
        // Left to right, not overlapping; a partial match falls back without skipping a start.
        Support.expectValue("@replace('aaaa', 'aa', 'b')", "bb")
        Support.expectValue("@replace('abababc', 'ababc', '-')", "ab-")
        Support.expectValue("@replace('👍🏽a👍🏽', '👍🏽', 'x')", "xax")
    }

    /// A NUL in the searched text made Foundation's search read past the end of the text: it
    /// found "a\0" at the end of "aaa" and `replace` crashed the process (found by
    /// FuzzExpression). A NUL is now an ordinary character.
    @Test func searchedTextMayHoldANUL() {
        Support.expectValue("@replace('aaa', 'a\u{0}', 'x')", "aaa")
        Support.expectValue("@replace('xa\u{0}ba\u{0}', 'a\u{0}', '-')", "x-b-")
        Support.expectValue("@indexOf('aaa', 'A\u{0}')", -1)
        Support.expectValue("@indexOf('xxa\u{0}', 'A\u{0}')", 2)
        Support.expectValue("@contains('aaa', 'a\u{0}')", false)
        Support.expectValue("@contains('xa\u{0}', 'a\u{0}')", true)
        Support.expectValue("@split('aaa', 'a\u{0}')", ["aaa"])
        Support.expectValue("@startsWith('a', 'a\u{0}')", false)
        Support.expectValue("@endsWith('a', '\u{0}a')", false)
    }

    @Test(arguments: [
        ("@split('a,b,,c', ',')", ["a", "b", "", "c"]),
        ("@split('a::b', '::')", ["a", "b"]),
        ("@split('abc', '')", ["abc"]),
        ("@split('', ',')", [""]),
    ] as [(String, JSONValue)])
    func split(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@guid()", "c2ecc88d-88c8-4096-912c-d6f2e2b138ce"),
        ("@guid('D')", "c2ecc88d-88c8-4096-912c-d6f2e2b138ce"),
        ("@guid('N')", "c2ecc88d88c84096912cd6f2e2b138ce"),
        ("@guid('n')", "c2ecc88d88c84096912cd6f2e2b138ce"),
        ("@guid('B')", "{c2ecc88d-88c8-4096-912c-d6f2e2b138ce}"),
        ("@guid('P')", "(c2ecc88d-88c8-4096-912c-d6f2e2b138ce)"),
        ("@guid('X')", "{0xc2ecc88d,0x88c8,0x4096,{0x91,0x2c,0xd6,0xf2,0xe2,0xb1,0x38,0xce}}"),
    ])
    func guid(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func guidUsesTheContextAndRejectsUnknownFormats() throws {
        // Without a fixed source every call gives a fresh lowercase GUID.
        let live = ExpressionEvaluator(context: EvaluationContext())
        let first = try #require(try live.evaluate(string: "@guid()").stringValue)
        let second = try #require(try live.evaluate(string: "@guid()").stringValue)
        #expect(first != second)
        #expect(first == first.lowercased())
        #expect(first.count == 36)
        Support.expectError(.init(
            "@guid('Q')", .runtime, "function 'guid' does not know the format 'Q'; use 'N', 'D', 'B', 'P' or 'X'", at: 7))
    }
}
