import Foundation
import Testing
@testable import HookflowModel

/// Form fields and multipart parts of the trigger's and actions' bodies, in the shapes Logic Apps records.
@Suite struct ExpressionFormDataFunctionTests {
    typealias Support = ExpressionTestSupport

    static let feed = "https://feeds.a.dj.com/rss/RSSMarketsMain.xml"

    static func base64(_ text: String) -> JSONValue { .string(Data(text.utf8).base64EncodedString()) }

    static var runContext: EvaluationContext {
        let formBody: JSONValue = [
            "$content-type": "application/x-www-form-urlencoded",
            "$content": base64("feedUrl=\(feed)&tag=a&tag=b"),
            "$formdata": [["key": "feedUrl", "value": .string(feed)], ["key": "tag", "value": "a"], ["key": "tag", "value": "b"]],
        ]
        let multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"Subject\"\r\n\r\nHello world\r\n"
            + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nfile text\r\n--XyZ--\r\n"
        let mailBody: JSONValue = ["$content-type": "multipart/form-data; boundary=XyZ", "$content": base64(multipart)]
        let encodedOnly: JSONValue = ["$content-type": "application/x-www-form-urlencoded", "$content": base64("a=1+2&b=%C3%A9")]
        return Support.context(
            trigger: ["outputs": ["body": formBody]],
            actions: [
                "Send_an_email": ["outputs": ["body": mailBody]],
                "Post_form": ["outputs": ["body": encodedOnly]],
                "Json": ["outputs": ["body": ["a": 1]]],
            ])
    }

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@triggerFormDataValue('feedUrl')", .string(feed)),
        ("@triggerFormDataMultiValues('feedUrl')", [.string(feed)]),
        ("@formDataValue('Send_an_email', 'Subject')", "Hello world"),
        ("@formDataMultiValues('Send_an_email', 'Subject')", ["Hello world"]),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected, in: Self.runContext)
    }

    @Test(arguments: [
        ("@triggerFormDataMultiValues('tag')", ["a", "b"]),
        ("@triggerFormDataMultiValues('none')", []),
        ("@formDataValue('Post_form', 'a')", "1 2"),
        ("@formDataValue('Post_form', 'b')", "é"),
        ("@multipartBody('Send_an_email', 1)", "file text"),
        ("@formDataValue('Send_an_email', 'file')", "file text"),
    ] as [(String, JSONValue)])
    func fieldsAndParts(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected, in: Self.runContext)
    }

    @Test func triggerMultipartBody() throws {
        let parts: JSONValue = ["$content-type": "multipart/mixed", "$multipart": [["headers": [:], "body": "first"], ["body": ["x": 1]]]]
        let context = Support.context(trigger: ["outputs": ["body": parts]])
        #expect(try Support.evaluate("@triggerMultipartBody(1)", in: context) == ["x": 1])
        Support.expectError(.init(
            "@triggerMultipartBody(2)", .runtime, "function 'triggerMultipartBody' asks for part 2 but the trigger's body has 2 parts", at: 23),
            in: context)
    }

    @Test func errors() {
        Support.expectError(.init(
            "@triggerFormDataValue('tag')", .runtime,
            "function 'triggerFormDataValue' found 2 form fields 'tag' in the trigger's body; use the MultiValues function to get them all", at: 23),
            in: Self.runContext)
        Support.expectError(.init(
            "@triggerFormDataValue('none')", .runtime, "function 'triggerFormDataValue' found no form field 'none' in the trigger's body", at: 23),
            in: Self.runContext)
        Support.expectError(.init(
            "@formDataValue('Json', 'a')", .runtime,
            "function 'formDataValue' cannot read form data from the body of action 'Json': it is neither form-encoded nor multipart form data", at: 24),
            in: Self.runContext)
        Support.expectError(.init(
            "@multipartBody('Json', 0)", .runtime, "function 'multipartBody' cannot read a part of the body of action 'Json': it is not multipart content", at: 24),
            in: Self.runContext)
        Support.expectError(.init("@formDataValue('Missing', 'a')", .unavailable, "action 'Missing' has not run yet in this run", at: 16), in: Self.runContext)
        Support.expectError(.init(
            "@triggerFormDataValue('a')", .unavailable, "triggerFormDataValue() is not available here: the trigger has not fired in this context", at: 2))
    }
}
