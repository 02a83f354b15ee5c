import Foundation

/// XML values and XPath. An XML value is content (see ``ContentEnvelope``) of type
/// `application/xml;charset=utf-8`, as Logic Apps writes it into outputs.
extension ExpressionFunction {
    static let xmlFunctions: [ExpressionFunction] = [
        ExpressionFunction("xml", arguments: 1...1) { call throws(ExpressionError) in
            switch call.value(0) {
            case .string(let text):
                _ = try XMLFunctionSupport.tree(text, call)
                return ContentEnvelope(contentType: ContentEnvelope.xmlType, data: Data(text.utf8)).json
            case .object(let object):
                if let content = ContentEnvelope(call.value(0)), content.isXML { return content.json }
                let text: String
                do throws(XMLJSONConversion.Problem) {
                    text = try XMLJSONConversion.xml(from: object)
                } catch {
                    throw call.failure(.runtime, "cannot make XML of this object: \(error.message)", argument: 0)
                }
                _ = try XMLFunctionSupport.tree(text, call)
                return ContentEnvelope(contentType: ContentEnvelope.xmlType, data: Data(text.utf8)).json
            default:
                throw call.typeMismatch(0, expected: "a string or an object")
            }
        },
        ExpressionFunction("xpath", arguments: 2...2) { call throws(ExpressionError) in
            let tree: XMLTree
            if let content = ContentEnvelope(call.value(0)) {
                guard let text = content.text else { throw call.failure(.runtime, "cannot read the XML: its content is not UTF-8", argument: 0) }
                tree = try XMLFunctionSupport.tree(text, call)
            } else if case .string(let text) = call.value(0) {
                tree = try XMLFunctionSupport.tree(text, call)
            } else {
                throw call.typeMismatch(0, expected: "XML (from xml()) or a string")
            }
            let path = try call.string(1)
            let result: XPathValue
            do throws(XPathExpression.Problem) {
                result = try XPathEvaluator(tree: tree).evaluate(try XPathParser.parse(path))
            } catch {
                throw call.failure(.runtime, "cannot evaluate the XPath '\(path)': \(error.message)", argument: 1)
            }
            return XMLFunctionSupport.json(of: result, in: tree)
        },
    ]
}

/// What the XML functions share with `json()`.
enum XMLFunctionSupport {
    static func tree(_ text: String, _ call: FunctionInvocation) throws(ExpressionError) -> XMLTree {
        do {
            return try XMLReader.parse(text)
        } catch {
            throw call.failure(.runtime, "cannot read the XML: \(error.message)", argument: 0)
        }
    }

    /// `json(xml(...))`: the XML converted as Json.NET converts it.
    static func json(fromXML content: ContentEnvelope, _ call: FunctionInvocation) throws(ExpressionError) -> JSONValue {
        guard let text = content.text else { throw call.failure(.runtime, "cannot read the XML: its content is not UTF-8", argument: 0) }
        return XMLJSONConversion.json(from: try tree(text, call))
    }

    /// An XPath result as JSON: a node set is an array (elements as XML, other nodes as their
    /// text), a number, string or boolean is itself. A whole number is written as an integer.
    static func json(of value: XPathValue, in tree: XMLTree) -> JSONValue {
        switch value {
        case .nodes(let nodes):
            return .array(nodes.map { node in
                switch tree[node].kind {
                case .root, .element:
                    ContentEnvelope(contentType: ContentEnvelope.xmlType, data: Data(XMLWriter.outerXML(tree, node).utf8)).json
                default:
                    .string(tree.stringValue(node))
                }
            })
        case .string(let text): return .string(text)
        case .boolean(let bool): return .bool(bool)
        case .number(let number):
            guard number.isFinite else { return .null }
            if number == number.rounded(), let int = Int(exactly: number) { return .int(int) }
            return .double(number)
        }
    }
}
