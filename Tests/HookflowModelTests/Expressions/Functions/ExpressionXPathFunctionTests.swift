import Foundation
import Testing
@testable import HookflowModel

/// xpath() with XPath 1.0 as .NET evaluates it: node sets are arrays (elements as XML values,
/// text and attributes as strings), numbers, strings and booleans are themselves.
@Suite struct ExpressionXPathFunctionTests {
    typealias Support = ExpressionTestSupport

    static let items = """
        <?xml version="1.0"?>
        <produce>
          <item>
            <name expired='true' price='12'>Gala</name>
            <type>apple</type>
            <count>20</count>
          </item>
          <item>
            <name expired='false' price='40'>Honeycrisp</name>
            <type>apple</type>
            <count>10</count>
          </item>
        </produce>
        """
    static let file = #"<?xml version="1.0"?><file xmlns="https://contoso.com"><location>Paris</location></file>"#

    static var context: EvaluationContext {
        var context = ExpressionTestSupport.context()
        context.parameters["items"] = .string(items)
        context.parameters["file"] = .string(file)
        return context
    }

    static func xml(_ text: String) -> JSONValue { ExpressionXMLFunctionTests.xml(text) }

    /// The reference's examples (its attribute examples on the XML with both attributes). Where
    /// it prints one value for a path that matches a node in each item (`/produce/item/name[1]`),
    /// XPath selects both, as .NET does.
    @Test(arguments: [
        ("@xpath(xml(parameters('items')), '/produce/item/name/text()')", ["Gala", "Honeycrisp"]),
        ("@xpath(xml(parameters('items')), '/produce/item/name[1]')",
         [xml(#"<name expired="true" price="12">Gala</name>"#), xml(#"<name expired="false" price="40">Honeycrisp</name>"#)]),
        ("@xpath(xml(parameters('items')), '(/produce/item/name)[last()]/text()')", ["Honeycrisp"]),
        ("@xpath(xml(parameters('items')), '//name[@expired]/text()')", ["Gala", "Honeycrisp"]),
        ("@xpath(xml(parameters('items')), '//name[@expired = ''true'']')", [xml(#"<name expired="true" price="12">Gala</name>"#)]),
        ("@xpath(xml(parameters('items')), '//name[@price>35]')", [xml(#"<name expired="false" price="40">Honeycrisp</name>"#)]),
        ("@xpath(xml(parameters('items')), 'sum(/produce/item/count)')", 30),
        (#"@xpath(xml(parameters('file')), '/*[name()="file"]/*[name()="location"]')"#, [xml(#"<location xmlns="https://contoso.com">Paris</location>"#)]),
        (#"@xpath(xml(parameters('file')), '/*[local-name()="file" and namespace-uri()="https://contoso.com"]/*[local-name()="location"]')"#,
         [xml(#"<location xmlns="https://contoso.com">Paris</location>"#)]),
        (#"@xpath(xml(parameters('file')), 'string(/*[name()="file"]/*[name()="location"])')"#, "Paris"),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected, in: Self.context)
    }

    @Test(arguments: [
        ("count(//item)", 2),
        ("count(//item) = 2", true),
        ("//item[count > 15]/name/text()", ["Gala"]),
        ("/produce/item[2]/type/text()", ["apple"]),
        ("//name/@expired", ["true", "false"]),
        ("//item[name = 'Gala']/count/text()", ["20"]),
        ("//item[not(name = 'Gala')]/count/text()", ["10"]),
        ("//count[. > 10 and . < 30]/text()", ["20"]),
        ("sum(//count) div count(//count)", 15),
        ("sum(//@price) * 1.5", 78),
        ("string(//item[1]/name)", "Gala"),
        ("concat(//item[1]/name, '-', //item[2]/name)", "Gala-Honeycrisp"),
        ("string-length(//item[2]/name)", 10),
        ("translate(//item[1]/type, 'ap', 'AP')", "APPle"),
        ("substring(//item[2]/name, 1, 5)", "Honey"),
        ("substring-after(//item[2]/name, 'Honey')", "crisp"),
        ("normalize-space('  a   b ')", "a b"),
        ("starts-with(//item[1]/name, 'Ga')", true),
        ("contains(//item[2]/name, 'cri')", true),
        ("round(2.5) + floor(1.9) + ceiling(1.1)", 6),
        ("number('x')", nil),
        ("boolean(//missing)", false),
        ("//item[last()]/preceding-sibling::item/name/text()", ["Gala"]),
        ("//item[1]/following-sibling::*/count/text()", ["10"]),
        ("//count/ancestor::produce/@missing", []),
        ("//type/parent::*/name/text() | //type/../count/text()", ["Gala", "20", "Honeycrisp", "10"]),
        ("name(/*)", "produce"),
        ("//name[@expired='true']/following::count/text()", ["20", "10"]),
        ("//count[2]", []),
        ("/produce/item/name[position() = 1 and @price < 20]/@price", ["12"]),
    ] as [(String, JSONValue)])
    func xpath(path: String, expected: JSONValue) {
        let quoted = path.replacingOccurrences(of: "'", with: "''")
        Support.expectValue("@xpath(xml(parameters('items')), '\(quoted)')", expected, in: Self.context)
    }

    @Test func namesWithoutAPrefixMatchNoNamespace() {
        Support.expectValue("@xpath(xml(parameters('file')), '/file/location')", [], in: Self.context)
        Support.expectValue("@xpath('<a><b>1</b></a>', '/a/b/text()')", ["1"])
        Support.expectValue("@xpath(xml('<a/>'), '/')", [Self.xml("<a />")])
        // White space between elements is not a node, as in .NET's XmlDocument, unless xml:space keeps it.
        Support.expectValue("@xpath('<a> <b>1</b>\n</a>', 'count(/a/node())')", 1)
        Support.expectValue("@xpath('<a xml:space=\"preserve\"> <b>1</b>\n</a>', 'count(/a/node())')", 3)
        Support.expectValue("@xpath(xml(parameters('items')), '/produce/item[1]')",
                            [Self.xml(#"<item><name expired="true" price="12">Gala</name><type>apple</type><count>20</count></item>"#)],
                            in: Self.context)
    }

    @Test func errors() {
        Support.expectError(.init(
            "@xpath(xml('<a/>'), '/p:a')", .runtime,
            "function 'xpath' cannot evaluate the XPath '/p:a': the name 'p:a' has a prefix, and xpath() has no way to declare prefixes; "
                + "match on local-name() and namespace-uri() instead, e.g. *[local-name()='a']",
            at: 21))
        Support.expectError(.init("@xpath(xml('<a/>'), '/a[')", .runtime, "function 'xpath' cannot evaluate the XPath '/a[': it ends too soon", at: 21))
        Support.expectError(.init("@xpath(xml('<a/>'), 'foo(1)')", .runtime, "function 'xpath' cannot evaluate the XPath 'foo(1)': the XPath function foo() is not supported", at: 21))
        Support.expectError(.init("@xpath(xml('<a/>'), '$x')", .runtime, "function 'xpath' cannot evaluate the XPath '$x': variables ($name) are not supported", at: 21))
        Support.expectError(.init("@xpath('nope', '/a')", .runtime, "function 'xpath' cannot read the XML: it is not well-formed XML: text outside the root element at character 5", at: 8))
        Support.expectError(.init("@xpath(1, '/a')", .type, "function 'xpath' expects XML (from xml()) or a string as argument 1 but got integer", at: 8))
    }

    /// A short path can visit a large document once per node (following::); it stops with an error instead of running on.
    @Test func pathsThatVisitTooManyNodesStop() throws {
        var context = Support.context()
        context.parameters["big"] = .string("<r>" + String(repeating: "<a/>", count: 3_000) + "</r>")
        #expect(try Support.evaluate("@xpath(parameters('big'), 'count(//a)')", in: context) == 3_000)
        let message = Support.failure("@xpath(parameters('big'), 'count(//a/following::a)')", in: context)?.message ?? "no error"
        #expect(message.hasSuffix(
            "it looks at more than 2000000 nodes of this document; narrow the path (fewer '//' and following:: or preceding:: steps)"))
    }
}
