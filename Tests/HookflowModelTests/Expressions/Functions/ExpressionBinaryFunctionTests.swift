import Testing
@testable import HookflowModel

/// Binary content and data URIs; binary values are `{"$content-type", "$content"}` objects, as Logic Apps writes them.
@Suite struct ExpressionBinaryFunctionTests {
    typealias Support = ExpressionTestSupport

    static func binary(_ base64: String, _ type: String = "application/octet-stream") -> JSONValue {
        ["$content-type": .string(type), "$content": .string(base64)]
    }

    /// The reference's examples, input → output. Where it prints binary as bits (dataUriToBinary)
    /// or as the text it holds (decodeDataUri), the content is checked as its base64 or its text.
    @Test(arguments: [
        ("@base64ToBinary('aGVsbG8=')", binary("aGVsbG8=")),
        ("@binary('hello')", binary("aGVsbG8=")),
        ("@dataUri('hello')", "data:text/plain;charset=utf-8;base64,aGVsbG8="),
        ("@dataUriToBinary('data:text/plain;charset=utf-8;base64,aGVsbG8=')", binary("aGVsbG8=", "text/plain;charset=utf-8")),
        ("@dataUriToString('data:text/plain;charset=utf-8;base64,aGVsbG8=')", "hello"),
        ("@string(decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8='))", "hello"),
        ("@uriComponentToBinary('https%3A%2F%2Fcontoso.com')['$content']", "aHR0cHM6Ly9jb250b3NvLmNvbQ=="),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    /// The implicit conversions the reference lists: binary content goes back into base64 and data URIs.
    @Test(arguments: [
        ("@base64(decodeDataUri('data:text/plain;charset=utf-8;base64,aGVsbG8='))", "aGVsbG8="),
        ("@dataUri(base64ToBinary('aGVsbG8='))", "data:application/octet-stream;base64,aGVsbG8="),
        ("@dataUriToString(concat('data:;base64,', base64('hi')))", "hi"),
        ("@dataUriToString(concat('data:,', encodeUriComponent('a, b')))", "a, b"),
        ("@dataUriToBinary('data:,A')", binary("QQ==", "text/plain;charset=US-ASCII")),
        ("@dataUriToBinary('data:image/png;base64,AAEC')", binary("AAEC", "image/png")),
        ("@binary(base64ToBinary('/w=='))", binary("/w==")),
        ("@base64ToBinary('aGk')", binary("aGk=")),
    ] as [(String, JSONValue)])
    func conversions(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func errors() {
        Support.expectError(.init("@base64ToBinary('%%%')", .runtime, "function 'base64ToBinary' cannot decode '%%%': it is not valid base64", at: 17))
        Support.expectError(.init(
            "@dataUriToString('hello')", .runtime, "function 'dataUriToString' cannot read 'hello' as a data URI: it does not start with 'data:'", at: 18))
        Support.expectError(.init(
            "@dataUriToBinary('data:text/plain')", .runtime,
            "function 'dataUriToBinary' cannot read 'data:text/plain' as a data URI: it has no ',' before its data", at: 18))
        Support.expectError(.init(
            "@dataUriToString('data:;base64,/w==')", .runtime,
            "function 'dataUriToString' cannot read the data URI's content as text: it is not UTF-8", at: 18))
        Support.expectError(.init("@binary(1)", .type, "function 'binary' expects a string as argument 1 but got integer", at: 9))
        // Content that is not text stays the content object when made a string.
        Support.expectValue("@string(base64ToBinary('/w=='))", #"{"$content-type":"application/octet-stream","$content":"/w=="}"#)
    }
}
