/// A parsed XML document, for `xml()`, `json(xml(...))` and `xpath()`.
///
/// Nodes live in one array in document order (an element, then its attributes, then its
/// content), so XPath's document order is index order and the tree is a plain value.
/// Namespace declarations (`xmlns`, `xmlns:p`) are kept on their element, not as attributes,
/// as in XPath's data model.
struct XMLTree: Sendable {
    enum Kind: Sendable, Equatable {
        case root, element, attribute, text, comment, processingInstruction
    }

    struct Node: Sendable {
        var kind: Kind
        /// The qualified name as written (`p:item`); the target of a processing instruction.
        var name: String = ""
        var namespaceURI: String = ""
        /// Attribute values, text, comment and processing instruction content.
        var value: String = ""
        var parent: Int?
        var children: [Int] = []
        var attributes: [Int] = []
        /// `(prefix, uri)` declared on this element; prefix "" for a default namespace.
        var namespaceDeclarations: [(prefix: String, uri: String)] = []
        /// Written `<a/>` rather than `<a></a>`, kept when the element is written back.
        var isEmptyTag = false
        /// Text that came from a CDATA section.
        var isCDATA = false

        var localName: String {
            guard let colon = name.firstIndex(of: ":") else { return name }
            return String(name[name.index(after: colon)...])
        }

        var prefix: String {
            guard let colon = name.firstIndex(of: ":") else { return "" }
            return String(name[..<colon])
        }
    }

    var nodes: [Node] = [Node(kind: .root)]
    /// The attributes of the XML declaration (`version`, `encoding`, `standalone`), when there was one.
    var declaration: [(name: String, value: String)]?

    static let root = 0

    subscript(index: Int) -> Node { nodes[index] }

    /// The document element.
    var documentElement: Int? { nodes[Self.root].children.first { nodes[$0].kind == .element } }

    /// XPath's string value: the text of every text node below, or the node's own value.
    func stringValue(_ index: Int) -> String {
        switch nodes[index].kind {
        case .root, .element:
            var text = ""
            var pending = Array(nodes[index].children.reversed())
            while let next = pending.popLast() {
                let node = nodes[next]
                if node.kind == .text { text += node.value }
                if node.kind == .element { pending.append(contentsOf: node.children.reversed()) }
            }
            return text
        default:
            return nodes[index].value
        }
    }

    /// The namespace URI a prefix stands for at an element ("" for no namespace).
    func namespace(forPrefix prefix: String, at element: Int) -> String? {
        if prefix == "xml" { return "http://www.w3.org/XML/1998/namespace" }
        var current: Int? = element
        while let index = current {
            if let declaration = nodes[index].namespaceDeclarations.last(where: { $0.prefix == prefix }) { return declaration.uri }
            current = nodes[index].parent
        }
        return prefix.isEmpty ? "" : nil
    }

    /// Every node below `index`, in document order (attributes not included).
    func descendants(of index: Int) -> [Int] {
        var found: [Int] = []
        var pending = Array(nodes[index].children.reversed())
        while let next = pending.popLast() {
            found.append(next)
            pending.append(contentsOf: nodes[next].children.reversed())
        }
        return found
    }
}
