/// XML to JSON and back with the conventions of Json.NET's `XmlNodeConverter`, which is what
/// Logic Apps' `json(xml(...))` and `xml(json(...))` use: attributes become `"@name"`, text
/// beside attributes or elements `"#text"`, repeated elements an array, the XML declaration
/// `"?xml"`; all values are strings.
enum XMLJSONConversion {
    struct Problem: Error {
        let message: String
    }

    // MARK: XML → JSON

    static func json(from tree: XMLTree) -> JSONValue {
        var object = JSONObject()
        if let declaration = tree.declaration {
            object["?xml"] = .object(JSONObject(declaration.map { ("@" + $0.name, JSONValue.string($0.value)) }))
        }
        add(children: tree[XMLTree.root].children, of: tree, to: &object)
        return .object(object)
    }

    private static func value(of element: Int, in tree: XMLTree) -> JSONValue {
        let node = tree[element]
        let content = node.children.filter { tree[$0].kind != .text || tree[$0].isCDATA || !tree[$0].value.allSatisfy(\.isWhitespace) }
        let attributes = node.namespaceDeclarations.map { ($0.prefix.isEmpty ? "@xmlns" : "@xmlns:" + $0.prefix, $0.uri) }
            + node.attributes.map { ("@" + tree[$0].name, tree[$0].value) }
        if attributes.isEmpty {
            if content.isEmpty { return node.isEmptyTag ? .null : .string("") }
            if content.count == 1, tree[content[0]].kind == .text { return .string(tree[content[0]].value) }
        }
        var object = JSONObject(attributes.map { ($0.0, JSONValue.string($0.1)) })
        add(children: content, of: tree, to: &object)
        return .object(object)
    }

    /// Adds child nodes as properties; a name seen twice turns into an array where it first appeared.
    private static func add(children: [Int], of tree: XMLTree, to object: inout JSONObject) {
        var repeated: [String: Int] = [:]
        for child in children {
            let node = tree[child]
            let key: String
            switch node.kind {
            case .element: key = node.name
            case .text: key = node.isCDATA ? "#cdata-section" : "#text"
            case .comment: key = "#comment"
            case .processingInstruction: key = "?" + node.name
            case .root, .attribute: continue
            }
            repeated[key, default: 0] += 1
        }
        for child in children {
            let node = tree[child]
            let key: String, value: JSONValue
            switch node.kind {
            case .element: (key, value) = (node.name, Self.value(of: child, in: tree))
            case .text:
                guard node.isCDATA || !node.value.allSatisfy(\.isWhitespace) else { continue }
                (key, value) = (node.isCDATA ? "#cdata-section" : "#text", .string(node.value))
            case .comment: (key, value) = ("#comment", .string(node.value))
            case .processingInstruction: (key, value) = ("?" + node.name, .string(node.value))
            case .root, .attribute: continue
            }
            if (repeated[key] ?? 0) > 1 {
                var elements = object[key]?.arrayValue ?? []
                elements.append(value)
                object[key] = .array(elements)
            } else {
                object[key] = value
            }
        }
    }

    // MARK: JSON → XML

    /// XML text for a JSON object with one root property (and optionally `"?xml"`).
    static func xml(from object: JSONObject) throws(Problem) -> String {
        var out = ""
        var roots = 0
        for (key, value) in object.entries {
            if key == "?xml" {
                out = "<?xml" + attributes(of: value).map { " \($0.name)=\"\(XMLWriter.escapeAttribute($0.value))\"" }.joined() + "?>" + out
                continue
            }
            if key == "#comment" || key.hasPrefix("?") {
                try writeContent(key, value, into: &out)
                continue
            }
            guard case .array = value else {
                roots += 1
                try writeElement(key, value, into: &out)
                continue
            }
            throw Problem(message: "its root property '\(key)' is an array; XML needs a single root element (wrap the array in an object)")
        }
        guard roots == 1 else {
            throw Problem(message: roots == 0
                ? "it has no property to make the root element of"
                : "it has \(roots) root properties; XML needs a single root element, so the object must have one property")
        }
        return out
    }

    private static func attributes(of value: JSONValue) -> [(name: String, value: String)] {
        guard case .object(let object) = value else { return [] }
        return object.entries.compactMap { $0.key.hasPrefix("@") ? (String($0.key.dropFirst()), text(of: $0.value)) : nil }
    }

    private static func text(of value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .null: ""
        default: value.expressionText
        }
    }

    private static func writeElement(_ key: String, _ value: JSONValue, into out: inout String) throws(Problem) {
        let name = encodedName(key)
        switch value {
        case .array(let elements):
            for element in elements { try writeElement(key, element, into: &out) }
        case .null:
            out += "<\(name) />"
        case .object(let object):
            out += "<" + name
            for attribute in attributes(of: value) { out += " \(encodedName(attribute.name))=\"\(XMLWriter.escapeAttribute(attribute.value))\"" }
            let content = object.entries.filter { !$0.key.hasPrefix("@") }
            guard !content.isEmpty else {
                out += " />"
                return
            }
            out += ">"
            for (childKey, childValue) in content { try writeContent(childKey, childValue, into: &out) }
            out += "</\(name)>"
        default:
            out += "<\(name)>\(XMLWriter.escapeText(text(of: value)))</\(name)>"
        }
    }

    private static func writeContent(_ key: String, _ value: JSONValue, into out: inout String) throws(Problem) {
        let values = value.arrayValue ?? [value]
        switch key {
        case "#text", "#whitespace", "#significant-whitespace":
            for value in values { out += XMLWriter.escapeText(text(of: value)) }
        case "#cdata-section":
            for value in values { out += "<![CDATA[\(text(of: value))]]>" }
        case "#comment":
            for value in values { out += "<!--\(text(of: value))-->" }
        default:
            if key.hasPrefix("?") {
                for value in values { out += "<?\(key.dropFirst()) \(text(of: value))?>" }
            } else {
                try writeElement(key, value, into: &out)
            }
        }
    }

    /// A JSON key as an XML name, escaping what a name cannot hold as .NET's `XmlConvert.EncodeName`
    /// does (`first name` → `first_x0020_name`).
    static func encodedName(_ key: String) -> String {
        guard !key.isEmpty else { return "_x0000_" }
        var out = ""
        for (offset, character) in key.enumerated() {
            if XMLReader.isNameCharacter(character, first: offset == 0) {
                out.append(character)
            } else {
                for scalar in character.unicodeScalars {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "_"
                }
            }
        }
        return out
    }
}
