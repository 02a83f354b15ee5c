import Testing
@testable import HookflowModel

@Suite struct ExpressionURIFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output. (It prints "http" as the scheme of an https
    /// URI, a typo: the scheme is "https".)
    @Test(arguments: [
        ("@uriHost('https://www.localhost.com:8080')", "www.localhost.com"),
        ("@uriPath('https://www.contoso.com/catalog/shownew.htm?date=today')", "/catalog/shownew.htm"),
        ("@uriPathAndQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", "/catalog/shownew.htm?date=today"),
        ("@uriPort('https://www.localhost:8080')", 8080),
        ("@uriQuery('https://www.contoso.com/catalog/shownew.htm?date=today')", "?date=today"),
        ("@uriScheme('https://www.contoso.com/catalog/shownew.htm?date=today')", "https"),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@uriPort('https://contoso.com')", 443),
        ("@uriPort('http://contoso.com/a')", 80),
        ("@uriPort('ftp://files.contoso.com')", 21),
        ("@uriPort('custom://host')", -1),
        ("@uriPath('https://contoso.com')", "/"),
        ("@uriPathAndQuery('https://contoso.com')", "/"),
        ("@uriPath('https://contoso.com/a%20b/c')", "/a%20b/c"),
        ("@uriQuery('https://contoso.com/a')", ""),
        ("@uriQuery('https://contoso.com/a?x=1&y=%20#frag')", "?x=1&y=%20"),
        ("@uriHost('HTTPS://Contoso.COM/x')", "contoso.com"),
        ("@uriScheme('HTTPS://Contoso.COM/x')", "https"),
        ("@uriHost('http://[::1]:8080/')", "[::1]"),
        ("@uriHost('https://user:pw@contoso.com/')", "contoso.com"),
    ] as [(String, JSONValue)])
    func parts(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func onlyAbsoluteURIs() {
        Support.expectError(.init(
            "@uriHost('contoso.com/path')", .runtime,
            "function 'uriHost' expects an absolute URI such as 'https://contoso.com/path' but got 'contoso.com/path'", at: 10))
        Support.expectError(.init(
            "@uriPath('/relative')", .runtime, "function 'uriPath' expects an absolute URI such as 'https://contoso.com/path' but got '/relative'", at: 10))
        Support.expectError(.init("@uriPort(8080)", .type, "function 'uriPort' expects a string as argument 1 but got integer", at: 10))
    }
}
