/// Writes XML text: a node of an ``XMLTree`` back out (what `xpath()` returns for an element),
/// and the escaping the JSON to XML conversion uses.
enum XMLWriter {
    /// The element at `index` with everything in it. The namespaces it inherits are declared on
    /// it, so the text stands on its own (`<location xmlns="https://contoso.com">Paris</location>`).
    static func outerXML(_ tree: XMLTree, _ index: Int) -> String {
        var out = ""
        if index == XMLTree.root {
            for child in tree[index].children { write(tree, child, into: &out, inherited: []) }
            return out
        }
        var inherited: [(prefix: String, uri: String)] = []
        var ancestor = tree[index].parent
        while let current = ancestor {
            for declaration in tree[current].namespaceDeclarations where !inherited.contains(where: { $0.prefix == declaration.prefix }) {
                inherited.append(declaration)
            }
            ancestor = tree[current].parent
        }
        write(tree, index, into: &out, inherited: inherited.filter { $0.prefix != "" || !$0.uri.isEmpty })
        return out
    }

    private static func write(_ tree: XMLTree, _ index: Int, into out: inout String, inherited: [(prefix: String, uri: String)]) {
        let node = tree[index]
        switch node.kind {
        case .root:
            for child in node.children { write(tree, child, into: &out, inherited: []) }
        case .text:
            out += node.isCDATA ? "<![CDATA[\(node.value)]]>" : escapeText(node.value)
        case .comment:
            out += "<!--\(node.value)-->"
        case .processingInstruction:
            out += node.value.isEmpty ? "<?\(node.name)?>" : "<?\(node.name) \(node.value)?>"
        case .attribute:
            out += escapeAttribute(node.value)
        case .element:
            out += "<" + node.name
            var declarations = node.namespaceDeclarations
            for declaration in inherited where !declarations.contains(where: { $0.prefix == declaration.prefix }) {
                declarations.insert(declaration, at: 0)
            }
            for declaration in declarations {
                out += (declaration.prefix.isEmpty ? " xmlns" : " xmlns:" + declaration.prefix) + "=\"" + escapeAttribute(declaration.uri) + "\""
            }
            for attribute in node.attributes {
                out += " " + tree[attribute].name + "=\"" + escapeAttribute(tree[attribute].value) + "\""
            }
            if node.children.isEmpty && node.isEmptyTag {
                out += " />"
                return
            }
            out += ">"
            for child in node.children { write(tree, child, into: &out, inherited: []) }
            out += "</" + node.name + ">"
        }
    }

    /// Text with `&`, `<` and `>` escaped.
    static func escapeText(_ text: String) -> String { escape(text, inAttribute: false) }

    /// An attribute value (written in double quotes) with `&`, `<` and `"` escaped.
    static func escapeAttribute(_ text: String) -> String { escape(text, inAttribute: true) }

    private static func escape(_ text: String, inAttribute: Bool) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">" where !inAttribute: out += "&gt;"
            case "\"" where inAttribute: out += "&quot;"
            default: out.append(character)
            }
        }
        return out
    }
}
