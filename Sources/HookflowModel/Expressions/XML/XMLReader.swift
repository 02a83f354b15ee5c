/// A small, strict XML 1.0 reader (well-formedness, namespaces; no DTDs) that builds an ``XMLTree``.
///
/// Foundation's `XMLDocument` (FoundationXML over libxml2) is on this toolchain, but on Linux
/// it crashes the process when asked the name of some nodes (`localName` of a document or DTD
/// node dereferences null), and an expression must never take the engine down; so Hookflow
/// reads XML itself. A document type declaration is refused, as .NET's `XmlDocument` does by
/// default in Logic Apps, which also rules out entity expansion attacks. The reader is
/// iterative: nesting depth costs memory, not stack.
struct XMLReader {
    struct Problem: Error {
        let message: String
    }

    private let characters: [Character]
    private var index = 0
    private var tree = XMLTree()

    static func parse(_ text: String) throws(Problem) -> XMLTree {
        var reader = XMLReader(characters: Array(text))
        return try reader.document()
    }

    private init(characters: [Character]) { self.characters = characters }

    private mutating func document() throws(Problem) -> XMLTree {
        if starts(with: "\u{FEFF}") { index += 1 }
        if starts(with: "<?xml"), index + 5 < characters.count, characters[index + 5].isWhitespace {
            index += 5
            tree.declaration = try attributes(until: "?>").map { ($0.name, $0.value) }
        }
        var open: [Int] = [XMLTree.root]
        while index < characters.count {
            guard let parent = open.last else { break }
            if characters[index] != "<" {
                let text = try textContent()
                if parent == XMLTree.root {
                    guard text.allSatisfy(\.isWhitespace) else { throw problem("text outside the root element") }
                } else if !text.allSatisfy(\.isWhitespace) || preservesSpace(parent) {
                    // White space between elements is dropped, as .NET's XmlDocument does by default
                    // (so `/a/node()` and what xpath() returns match Logic Apps), unless xml:space keeps it.
                    append(XMLTree.Node(kind: .text, value: text), to: parent)
                }
            } else if starts(with: "<!--") {
                append(XMLTree.Node(kind: .comment, value: try delimited(from: 4, until: "-->")), to: parent)
            } else if starts(with: "<![CDATA[") {
                guard parent != XMLTree.root else { throw problem("a CDATA section outside the root element") }
                append(XMLTree.Node(kind: .text, value: try delimited(from: 9, until: "]]>"), isCDATA: true), to: parent)
            } else if starts(with: "<!DOCTYPE") || starts(with: "<!doctype") {
                throw problem("a document type declaration (DTD), which is not supported")
            } else if starts(with: "<?") {
                index += 2
                let target = try name()
                guard target.lowercased() != "xml" else { throw problem("an XML declaration that is not at the very start") }
                let content = try delimited(from: 0, until: "?>")
                append(XMLTree.Node(kind: .processingInstruction, name: target, value: String(content.drop(while: \.isWhitespace))), to: parent)
            } else if starts(with: "</") {
                let tagStart = index
                index += 2
                let closing = try name()
                skipWhitespace()
                try expect(">")
                guard parent != XMLTree.root else { throw problem("the end tag '</\(closing)>' without a start tag", at: tagStart) }
                guard tree[parent].name == closing else {
                    throw problem("the end tag '</\(closing)>' where '</\(tree[parent].name)>' was expected", at: tagStart)
                }
                open.removeLast()
            } else {
                guard parent != XMLTree.root || tree.documentElement == nil else { throw problem("a second root element") }
                let (element, closed) = try startTag(parent: parent)
                if !closed { open.append(element) }
                // What is read becomes JSON or is walked recursively: hold it to JSON's depth.
                guard open.count <= JSONValue.maximumDepth else {
                    throw problem("elements nested more than \(JSONValue.maximumDepth) deep, the limit for JSON in Hookflow")
                }
            }
        }
        guard open.count == 1 else { throw problem("the end of the text before '</\(tree[open[open.count - 1]].name)>'") }
        guard tree.documentElement != nil else { throw problem("no root element") }
        return tree
    }

    /// Whether `xml:space="preserve"` is in force at an element.
    private func preservesSpace(_ element: Int) -> Bool {
        var current: Int? = element
        while let index = current {
            if let space = tree[index].attributes.first(where: { tree[$0].name == "xml:space" }) { return tree[space].value == "preserve" }
            current = tree[index].parent
        }
        return false
    }

    /// Reads `<name attr="value" ...>` or `<name/>`; returns the element and whether it closed itself.
    private mutating func startTag(parent: Int) throws(Problem) -> (Int, Bool) {
        index += 1
        let elementName = try name()
        let element = append(XMLTree.Node(kind: .element, name: elementName), to: parent)
        var declared = Set<String>()
        for attribute in try attributes(until: nil) {
            guard declared.insert(attribute.name).inserted else { throw problem("the attribute '\(attribute.name)' twice on '<\(elementName)>'") }
            if attribute.name == "xmlns" || attribute.name.hasPrefix("xmlns:") {
                let prefix = attribute.name == "xmlns" ? "" : String(attribute.name.dropFirst(6))
                tree.nodes[element].namespaceDeclarations.append((prefix, attribute.value))
            } else {
                let node = XMLTree.Node(kind: .attribute, name: attribute.name, value: attribute.value, parent: element)
                tree.nodes.append(node)
                tree.nodes[element].attributes.append(tree.nodes.count - 1)
            }
        }
        let closed = starts(with: "/>")
        index += closed ? 2 : 1
        tree.nodes[element].isEmptyTag = closed
        try resolveNamespaces(element)
        return (element, closed)
    }

    private mutating func resolveNamespaces(_ element: Int) throws(Problem) {
        let node = tree[element]
        guard let uri = tree.namespace(forPrefix: node.prefix, at: element) else {
            throw problem("the prefix '\(node.prefix)' of '<\(node.name)>' is not declared")
        }
        tree.nodes[element].namespaceURI = uri
        for attribute in node.attributes where !tree[attribute].prefix.isEmpty {
            let prefix = tree[attribute].prefix
            guard let uri = tree.namespace(forPrefix: prefix, at: element) else {
                throw problem("the prefix '\(prefix)' of the attribute '\(tree[attribute].name)' is not declared")
            }
            tree.nodes[attribute].namespaceURI = uri
        }
    }

    /// `name="value"` pairs up to `>`/`/>` (for a tag) or up to `terminator` (the XML declaration).
    private mutating func attributes(until terminator: String?) throws(Problem) -> [(name: String, value: String)] {
        var found: [(name: String, value: String)] = []
        while true {
            let hadSpace = skipWhitespace()
            if let terminator {
                if starts(with: terminator) { index += terminator.count; return found }
            } else if starts(with: ">") || starts(with: "/>") {
                return found
            }
            guard index < characters.count else { throw problem("the end of the text inside a tag") }
            guard hadSpace else { throw problem("'\(characters[index])' where a space, '>' or '/>' was expected") }
            let attributeName = try name()
            skipWhitespace()
            try expect("=")
            skipWhitespace()
            guard index < characters.count, characters[index] == "\"" || characters[index] == "'" else {
                throw problem("an attribute value without quotes")
            }
            let quote = characters[index]
            index += 1
            var value = ""
            while index < characters.count, characters[index] != quote {
                switch characters[index] {
                case "<": throw problem("'<' inside an attribute value")
                case "&": value += try reference()
                // Attribute value normalization: white space characters become spaces.
                case "\t", "\n", "\r", "\r\n": value.append(" "); index += 1
                default: value.append(characters[index]); index += 1
                }
            }
            try expect(quote)
            found.append((attributeName, value))
        }
    }

    private mutating func textContent() throws(Problem) -> String {
        var text = ""
        while index < characters.count, characters[index] != "<" {
            switch characters[index] {
            case "&": text += try reference()
            case "\r\n", "\r": text.append("\n"); index += 1
            default: text.append(characters[index]); index += 1
            }
        }
        return text
    }

    /// `&amp;`, `&#65;`, `&#x41;`: the five predefined entities and character references.
    private mutating func reference() throws(Problem) -> String {
        let start = index
        guard let end = characters[index...].prefix(12).firstIndex(of: ";") else { throw problem("an '&' that starts no entity reference") }
        let body = String(characters[(index + 1)..<end])
        index = end + 1
        switch body {
        case "lt": return "<"
        case "gt": return ">"
        case "amp": return "&"
        case "apos": return "'"
        case "quot": return "\""
        default:
            let code = body.hasPrefix("#x") ? UInt32(body.dropFirst(2), radix: 16) : body.hasPrefix("#") ? UInt32(body.dropFirst()) : nil
            guard let code, let scalar = Unicode.Scalar(code) else { throw problem("the unknown entity '&\(body);'", at: start) }
            return String(Character(scalar))
        }
    }

    /// The text from `offset` characters on up to `terminator`, which is consumed.
    private mutating func delimited(from offset: Int, until terminator: String) throws(Problem) -> String {
        index += offset
        let start = index
        while index < characters.count, !starts(with: terminator) { index += 1 }
        guard index < characters.count else { throw problem("no closing '\(terminator)'") }
        let text = String(characters[start..<index])
        index += terminator.count
        return text
    }

    private mutating func name() throws(Problem) -> String {
        let start = index
        while index < characters.count, Self.isNameCharacter(characters[index], first: index == start) { index += 1 }
        guard index > start else {
            throw problem(index < characters.count ? "'\(characters[index])' where a name was expected" : "the end of the text where a name was expected")
        }
        return String(characters[start..<index])
    }

    static func isNameCharacter(_ character: Character, first: Bool) -> Bool {
        if character.isLetter || character == "_" || character == ":" { return true }
        return !first && (character.isNumber || character == "-" || character == "." || character == "\u{B7}")
    }

    @discardableResult
    private mutating func append(_ node: XMLTree.Node, to parent: Int) -> Int {
        var node = node
        node.parent = parent
        tree.nodes.append(node)
        tree.nodes[parent].children.append(tree.nodes.count - 1)
        return tree.nodes.count - 1
    }

    private func starts(with text: String) -> Bool {
        var position = index
        for character in text {
            guard position < characters.count, characters[position] == character else { return false }
            position += 1
        }
        return true
    }

    @discardableResult
    private mutating func skipWhitespace() -> Bool {
        let start = index
        while index < characters.count, characters[index].isWhitespace { index += 1 }
        return index > start
    }

    private mutating func expect(_ character: Character) throws(Problem) {
        guard index < characters.count, characters[index] == character else {
            throw problem(index < characters.count ? "'\(characters[index])' where '\(character)' was expected" : "the end of the text where '\(character)' was expected")
        }
        index += 1
    }

    /// The problem at `position` (the current character unless given), counted from 1.
    private func problem(_ what: String, at position: Int? = nil) -> Problem {
        Problem(message: "it is not well-formed XML: \(what) at character \(min(position ?? index, characters.count) + 1)")
    }
}
