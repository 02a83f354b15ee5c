/// Where each value of a JSON text sits, so that a writer can copy the text of what did not change.
///
/// It only finds boundaries: the text must already be valid JSON (``JSONParser`` says what is
/// wrong with text that is not); for anything else the initializer returns `nil`.
///
/// ```swift
/// let spans = JSONSourceSpans(#"{"a": {"b": 1},  "c": [2, 3]}"#)
/// spans?.text(of: spans!.root.members[0].value)   // {"b": 1}
/// ```
public struct JSONSourceSpans: Sendable {
    /// One value: its bytes in the text and, for objects and arrays, its members.
    public struct Node: Sendable {
        public enum Kind: Sendable {
            case scalar
            case array([Node])
            case object([Member])
        }

        /// Byte offsets (UTF-8) of the value's text, quotes and brackets included.
        public var range: Range<Int>
        public var kind: Kind

        /// An object's members in written order (empty for anything else).
        public var members: [Member] {
            if case .object(let members) = kind { members } else { [] }
        }

        /// An array's elements (empty for anything else).
        public var elements: [Node] {
            if case .array(let elements) = kind { elements } else { [] }
        }
    }

    /// One member of an object: its key (decoded and as written) and its value.
    public struct Member: Sendable {
        public var key: String
        /// The key's bytes, quotes included.
        public var keyRange: Range<Int>
        public var value: Node
    }

    /// The deepest nesting followed; deeper text is not read (no parser of ours accepts it either).
    public static let maximumDepth = 1_000

    public let root: Node
    private let bytes: [UInt8]

    public init?(_ text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        guard let root = scanner.document() else { return nil }
        self.root = root
        self.bytes = scanner.bytes
    }

    /// The text of a range of the source.
    public func text(of range: Range<Int>) -> String {
        String(decoding: bytes[range.clamped(to: 0..<bytes.count)], as: UTF8.self)
    }

    public func text(of node: Node) -> String { text(of: node.range) }

    /// What comes before the top value (whitespace, a byte-order mark) and after it (the final newline).
    public var leading: String { text(of: 0..<root.range.lowerBound) }
    public var trailing: String { text(of: root.range.upperBound..<bytes.count) }

    /// A one-pass scanner that assumes valid JSON and gives up on anything else.
    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func document() -> Node? {
            skipWhitespace()
            guard let root = value(depth: 0) else { return nil }
            skipWhitespace()
            return index == bytes.count ? root : nil
        }

        mutating func skipWhitespace() {
            // A byte-order mark may start the file.
            if index == 0, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }

        mutating func value(depth: Int) -> Node? {
            guard index < bytes.count, depth < JSONSourceSpans.maximumDepth else { return nil }
            let start = index
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var members: [Member] = []
                skipWhitespace()
                if peek(UInt8(ascii: "}")) { index += 1; return Node(range: start..<index, kind: .object([])) }
                while true {
                    skipWhitespace()
                    guard peek(UInt8(ascii: "\"")), let keyRange = string() else { return nil }
                    skipWhitespace()
                    guard peek(UInt8(ascii: ":")) else { return nil }
                    index += 1
                    skipWhitespace()
                    guard let member = value(depth: depth + 1) else { return nil }
                    let keyText = String(decoding: bytes[keyRange], as: UTF8.self)
                    guard let key = (try? JSONParser.parse(keyText))?.stringValue else { return nil }
                    members.append(Member(key: key, keyRange: keyRange, value: member))
                    skipWhitespace()
                    if peek(UInt8(ascii: ",")) { index += 1; continue }
                    guard peek(UInt8(ascii: "}")) else { return nil }
                    index += 1
                    return Node(range: start..<index, kind: .object(members))
                }
            case UInt8(ascii: "["):
                index += 1
                var elements: [Node] = []
                skipWhitespace()
                if peek(UInt8(ascii: "]")) { index += 1; return Node(range: start..<index, kind: .array([])) }
                while true {
                    skipWhitespace()
                    guard let element = value(depth: depth + 1) else { return nil }
                    elements.append(element)
                    skipWhitespace()
                    if peek(UInt8(ascii: ",")) { index += 1; continue }
                    guard peek(UInt8(ascii: "]")) else { return nil }
                    index += 1
                    return Node(range: start..<index, kind: .array(elements))
                }
            case UInt8(ascii: "\""):
                guard let range = string() else { return nil }
                return Node(range: range, kind: .scalar)
            default:
                // A number or a literal: everything up to the next delimiter.
                while index < bytes.count, !Self.delimiters.contains(bytes[index]) { index += 1 }
                return index > start ? Node(range: start..<index, kind: .scalar) : nil
            }
        }

        static let delimiters: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ":")]

        /// A string starting at `index`; returns its range, quotes included.
        mutating func string() -> Range<Int>? {
            let start = index
            index += 1
            while index < bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "\\"): index += 2
                case UInt8(ascii: "\""):
                    index += 1
                    return start..<index
                default: index += 1
                }
            }
            return nil
        }

        func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }
    }
}
