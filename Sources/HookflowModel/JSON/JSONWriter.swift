/// Writes ``JSONValue`` as text: pretty (with a chosen indent) or compact.
///
/// Keys come out in the object's order and numbers as their literal, so what was read
/// is written back unchanged. Non-ASCII characters are written as they are, not escaped.
public struct JSONWriter: Sendable {
    public enum Style: Sendable, Equatable {
        case compact
        /// One member per line, indented with this string (two spaces, four, a tab).
        case pretty(indent: String)
    }

    public var style: Style

    public init(style: Style = .pretty(indent: "  ")) { self.style = style }

    public static let compact = JSONWriter(style: .compact)

    public func string(from value: JSONValue) -> String {
        var out = ""
        write(value, into: &out, level: 0)
        return out
    }

    private func write(_ value: JSONValue, into out: inout String, level: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n.literal
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let elements):
            guard !elements.isEmpty else { out += "[]"; return }
            out += "["
            for (i, element) in elements.enumerated() {
                if i > 0 { out += "," }
                newline(&out, level: level + 1)
                write(element, into: &out, level: level + 1)
            }
            newline(&out, level: level)
            out += "]"
        case .object(let object):
            guard !object.isEmpty else { out += "{}"; return }
            out += "{"
            for (i, entry) in object.entries.enumerated() {
                if i > 0 { out += "," }
                newline(&out, level: level + 1)
                Self.writeString(entry.key, into: &out)
                out += style == .compact ? ":" : ": "
                write(entry.value, into: &out, level: level + 1)
            }
            newline(&out, level: level)
            out += "}"
        }
    }

    private func newline(_ out: inout String, level: Int) {
        guard case .pretty(let indent) = style else { return }
        out += "\n"
        for _ in 0..<level { out += indent }
    }

    /// Writes a quoted, escaped JSON string.
    public static func writeString(_ string: String, into out: inout String) {
        out += "\""
        // Most strings need no escape at all: copied whole.
        if !string.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            out += string
            out += "\""
            return
        }
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16, uppercase: true)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}

extension JSONValue: CustomStringConvertible {
    /// Compact JSON text.
    public var description: String { JSONWriter.compact.string(from: self) }
}
