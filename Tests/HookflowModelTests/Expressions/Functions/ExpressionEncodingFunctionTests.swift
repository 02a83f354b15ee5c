import Testing
@testable import HookflowModel

@Suite struct ExpressionEncodingFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@base64('hello')", "aGVsbG8="),
        ("@base64ToString('aGVsbG8=')", "hello"),
        ("@decodeBase64('aGVsbG8=')", "hello"),
        ("@decodeUriComponent('https%3A%2F%2Fcontoso.com')", "https://contoso.com"),
        ("@encodeUriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"),
        ("@uriComponent('https://contoso.com')", "https%3A%2F%2Fcontoso.com"),
        ("@uriComponentToString('https%3A%2F%2Fcontoso.com')", "https://contoso.com"),
    ])
    func documentedExamples(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func encodingTakesBinaryContentAsItsBytes() {
        Support.expectValue("@base64(base64ToBinary('/w=='))", "/w==")
        Support.expectValue("@uriComponent(binary('a b'))", "a%20b")
        Support.expectError(.init("@uriComponent(1)", .type, "function 'uriComponent' expects a string as argument 1 but got integer", at: 15))
        Support.expectError(.init(
            "@uriComponentToString('%zz')", .runtime,
            "function 'uriComponentToString' cannot decode '%zz': it has a malformed %-escape or is not UTF-8", at: 23))
    }

    @Test(arguments: [
        ("@base64('hello')", "aGVsbG8="),
        ("@base64('héllo')", "aMOpbGxv"),
        ("@base64('')", ""),
    ])
    func base64(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test(arguments: [
        ("@base64ToString('aGVsbG8=')", "hello"),
        ("@base64ToString('aGVsbG8')", "hello"),
        ("@base64ToString('aMOpbGxv')", "héllo"),
        ("@base64ToString(base64('round ✓ trip'))", "round ✓ trip"),
    ])
    func base64ToString(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func base64ToStringErrors() {
        Support.expectError(.init("@base64ToString('###')", .runtime, "function 'base64ToString' cannot decode '###': it is not valid base64", at: 17))
        Support.expectError(.init(
            "@base64ToString('/w==')", .runtime, "function 'base64ToString' cannot decode '/w==': the bytes are not UTF-8 text", at: 17))
        Support.expectError(.init("@base64(1)", .type, "function 'base64' expects a string as argument 1 but got integer", at: 9))
    }

    @Test(arguments: [
        ("@encodeUriComponent('https://contoso.com/a b?x=1&y=é~')", "https%3A%2F%2Fcontoso.com%2Fa%20b%3Fx%3D1%26y%3D%C3%A9~"),
        ("@encodeUriComponent('AZaz09-_.~')", "AZaz09-_.~"),
        ("@encodeUriComponent('+/@')", "%2B%2F%40"),
    ])
    func encodeUriComponent(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test(arguments: [
        ("@decodeUriComponent('http%3A%2F%2Fcontoso.com')", "http://contoso.com"),
        ("@decodeUriComponent('a+b%20c%C3%A9')", "a+b cé"),
        ("@decodeUriComponent(encodeUriComponent('x=1&y=é'))", "x=1&y=é"),
    ])
    func decodeUriComponent(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func decodeUriComponentRejectsMalformedEscapes() {
        Support.expectError(.init(
            "@decodeUriComponent('%E0%A4%A')", .runtime,
            "function 'decodeUriComponent' cannot decode '%E0%A4%A': it has a malformed %-escape or is not UTF-8", at: 21))
    }
}
