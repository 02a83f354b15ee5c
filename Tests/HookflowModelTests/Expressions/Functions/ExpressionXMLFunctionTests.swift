import Foundation
import Testing
@testable import HookflowModel

/// xml() and json() of XML, with Json.NET's conventions as in Logic Apps. XML values are
/// `{"$content-type": "application/xml;charset=utf-8", "$content": "<base64>"}`; string() gives their text.
@Suite struct ExpressionXMLFunctionTests {
    typealias Support = ExpressionTestSupport

    static func xml(_ text: String) -> JSONValue {
        ["$content-type": "application/xml;charset=utf-8", "$content": .string(Data(text.utf8).base64EncodedString())]
    }

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@xml('<name>Sophia Owen</name>')", xml("<name>Sophia Owen</name>")),
        (#"@xml(json('{ "name": "Sophia Owen" }'))"#, xml("<name>Sophia Owen</name>")),
        (#"@xml(json('{"person": {"name": "Sophia Owen", "city": "Seattle"}}'))"#,
         xml("<person><name>Sophia Owen</name><city>Seattle</city></person>")),
        (#"@xml(json('{"root":{"array":[{ "ID": 1, "Name": "James" },{ "ID": 2, "Name": "John" },{ "ID": 3, "Name": "Sam" }]}}'))"#,
         xml("<root><array><ID>1</ID><Name>James</Name></array><array><ID>2</ID><Name>John</Name></array><array><ID>3</ID><Name>Sam</Name></array></root>")),
        (#"@xml(addProperty(json('{}'), 'root', addProperty(json('{}'), 'array', json('[{ "ID": 1, "Name": "James" },{ "ID": 2, "Name": "John" },{ "ID": 3, "Name": "Sam" }]'))))"#,
         xml("<root><array><ID>1</ID><Name>James</Name></array><array><ID>2</ID><Name>John</Name></array><array><ID>3</ID><Name>Sam</Name></array></root>")),
        (#"@json(xml('<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> </root>'))"#,
         ["?xml": ["@version": "1.0"], "root": ["person": ["@id": "1", "name": "Sophia Owen", "occupation": "Engineer"]]]),
        (#"@json(xml('<?xml version="1.0"?> <root> <person id="1"> <name>Sophia Owen</name> <occupation>Engineer</occupation> </person> <person id="2"> <name>John Doe</name> <occupation>Engineer</occupation> </person> </root>'))"#,
         ["?xml": ["@version": "1.0"], "root": ["person": [
             ["@id": "1", "name": "Sophia Owen", "occupation": "Engineer"], ["@id": "2", "name": "John Doe", "occupation": "Engineer"],
         ]]]),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        ("@string(xml('<a>x &amp; y</a>'))", "<a>x &amp; y</a>"),
        (##"@string(xml(json('{"a":{"@id":5,"#text":"t<u"}}')))"##, #"<a id="5">t&lt;u</a>"#),
        (#"@string(xml(json('{"a":{"b":null,"c":true,"first name":1.5}}')))"#, "<a><b /><c>true</c><first_x0020_name>1.5</first_x0020_name></a>"),
        (#"@string(xml(json('{"?xml":{"@version":"1.0"},"a":"x"}')))"#, #"<?xml version="1.0"?><a>x</a>"#),
        ("@string(xml(xml('<a/>')))", "<a/>"),
        (##"@json(xml('<a x="1"><b>1</b><b>2</b><c/><d></d>text<![CDATA[<raw>]]><!--note--></a>'))"##,
         ["a": ["@x": "1", "b": ["1", "2"], "c": nil, "d": "", "#text": "text", "#cdata-section": "<raw>", "#comment": "note"]]),
        (#"@json(xml('<p:a xmlns:p="urn:p" p:id="7">v</p:a>'))"#, ["p:a": ["@xmlns:p": "urn:p", "@p:id": "7", "#text": "v"]]),
        ("@json(xml('<a>&#65;&#x42;&lt;</a>'))", ["a": "AB<"]),
    ] as [(String, JSONValue)])
    func conversions(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func errors() {
        Support.expectError(.init(
            "@xml('not xml')", .runtime,
            "function 'xml' cannot read the XML: it is not well-formed XML: text outside the root element at character 8", at: 6))
        Support.expectError(.init(
            "@xml('<a><b></a>')", .runtime,
            "function 'xml' cannot read the XML: it is not well-formed XML: the end tag '</a>' where '</b>' was expected at character 7", at: 6))
        Support.expectError(.init(
            "@xml('<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>')", .runtime,
            "function 'xml' cannot read the XML: it is not well-formed XML: a document type declaration (DTD), which is not supported at character 1",
            at: 6))
        Support.expectError(.init(
            "@xml('<p:a/>')", .runtime, "function 'xml' cannot read the XML: it is not well-formed XML: the prefix 'p' of '<p:a>' is not declared at character 7",
            at: 6))
        Support.expectError(.init(
            #"@xml(json('{"a":1,"b":2}'))"#, .runtime,
            "function 'xml' cannot make XML of this object: it has 2 root properties; XML needs a single root element, so the object must have one property",
            at: 6))
        Support.expectError(.init(
            #"@xml(json('{"a":[1,2]}'))"#, .runtime,
            "function 'xml' cannot make XML of this object: its root property 'a' is an array; XML needs a single root element (wrap the array in an object)",
            at: 6))
        Support.expectError(.init("@xml(json('[1]'))", .type, "function 'xml' expects a string or an object as argument 1 but got array", at: 6))
        Support.expectError(.init(
            "@xml('<a>&bogus;</a>')", .runtime,
            "function 'xml' cannot read the XML: it is not well-formed XML: the unknown entity '&bogus;' at character 4", at: 6))
    }

    /// Deep XML is refused before it is turned into JSON, which has a depth limit.
    @Test func deepXMLIsRefused() throws {
        let deep = String(repeating: "<a>", count: 600) + String(repeating: "</a>", count: 600)
        var context = Support.context()
        context.parameters["deep"] = .string(deep)
        let error = try #require(Support.failure("@xml(parameters('deep'))", in: context))
        #expect(error.message.contains("elements nested more than 512 deep"))
    }
}
