/// Writes a value over the text it was read from, keeping the text of everything that did not
/// change: an untouched object stays on one line if it was, keeps its spacing, its number
/// literals and its string escapes, so a one-field edit is a one-line diff.
///
/// Changed objects and arrays keep the layout of the text they replace (one line or one member a
/// line, the same indentation and separators); values that are new are written in that style too,
/// pretty with `indent` where the place is multi-line.
///
/// ```swift
/// let source = "{\n  \"a\": {\"x\": 1},\n  \"b\": 2\n}\n"
/// var value = try JSONParser.parse(source)
/// value["b"] = 3
/// JSONPreservingWriter.write(value, over: source, indent: "  ")
/// // "{\n  \"a\": {\"x\": 1},\n  \"b\": 3\n}\n"
/// ```
public enum JSONPreservingWriter {
    /// `value` written over `source`; `nil` when `source` is not JSON (write it afresh then).
    public static func write(_ value: JSONValue, over source: String, indent: String) -> String? {
        guard let spans = JSONSourceSpans(source), let original = try? JSONParser.parse(source) else { return nil }
        var writer = Writer(spans: spans, indent: indent)
        let body = writer.write(value, original: original, node: spans.root, lineIndent: "", inline: false)
        return spans.leading + body + spans.trailing
    }

    private struct Writer {
        let spans: JSONSourceSpans
        let indent: String

        /// Writes `value` where `node` (holding `original`) was. `lineIndent` is the indentation of
        /// the line the value starts on; `inline` is set inside one-line objects and arrays.
        mutating func write(_ value: JSONValue, original: JSONValue?, node: JSONSourceSpans.Node?, lineIndent: String, inline: Bool) -> String {
            if let original, let node, value.isIdentical(to: original) { return spans.text(of: node) }
            switch value {
            case .object(let object):
                guard case .object(let oldObject)? = original, let node, case .object(let members) = node.kind, !members.isEmpty else {
                    return fresh(value, lineIndent: lineIndent, inline: inline)
                }
                let style = Style(of: node, spans: spans, lineIndent: lineIndent, indent: indent)
                var byKey: [String: JSONSourceSpans.Member] = [:]
                for member in members { byKey[member.key] = member }
                let parts = object.entries.map { entry in
                    let member = byKey[entry.key]
                    let key = member.map { spans.text(of: $0.keyRange) } ?? Self.quoted(entry.key)
                    let child = write(entry.value, original: oldObject[entry.key], node: member?.value,
                                      lineIndent: style.memberIndent, inline: !style.isMultiline)
                    return key + style.keySeparator + child
                }
                return style.wrap(parts, open: "{", close: "}")
            case .array(let elements):
                guard case .array(let oldElements)? = original, let node, case .array(let nodes) = node.kind, !nodes.isEmpty else {
                    return fresh(value, lineIndent: lineIndent, inline: inline)
                }
                let style = Style(of: node, spans: spans, lineIndent: lineIndent, indent: indent)
                let parts = elements.enumerated().map { index, element in
                    write(element, original: oldElements.indices.contains(index) ? oldElements[index] : nil,
                          node: nodes.indices.contains(index) ? nodes[index] : nil, lineIndent: style.memberIndent, inline: !style.isMultiline)
                }
                return style.wrap(parts, open: "[", close: "]")
            default:
                return JSONWriter.compact.string(from: value)
            }
        }

        /// A value with no text to follow: pretty on its own lines, or on one line inside a one-line parent.
        func fresh(_ value: JSONValue, lineIndent: String, inline: Bool) -> String {
            if inline { return Self.oneLine(value) }
            let pretty = JSONWriter(style: .pretty(indent: indent)).string(from: value)
            return pretty.replacingOccurrences(of: "\n", with: "\n" + lineIndent)
        }

        static func quoted(_ key: String) -> String {
            var out = ""
            JSONWriter.writeString(key, into: &out)
            return out
        }

        /// `{"a": 1, "b": [2, 3]}`: compact, with a space after colons and commas, as people write one-liners.
        static func oneLine(_ value: JSONValue) -> String {
            switch value {
            case .array(let elements):
                return "[" + elements.map(oneLine).joined(separator: ", ") + "]"
            case .object(let object):
                return "{" + object.entries.map { quoted($0.key) + ": " + oneLine($0.value) }.joined(separator: ", ") + "}"
            default:
                return JSONWriter.compact.string(from: value)
            }
        }
    }

    /// How an object or array was laid out: one member a line (with which indentation) or all on one line.
    private struct Style {
        var isMultiline: Bool
        /// The indentation of a member's line (multi-line) or the line's own (one line).
        var memberIndent: String
        /// The indentation before the closing bracket.
        var closeIndent: String
        /// Between a key and its value (`": "`).
        var keySeparator: String
        /// Between members on one line (`", "`), and inside the brackets (`"{ "` … `" }"`).
        var itemSeparator: String
        var padding: String

        init(of node: JSONSourceSpans.Node, spans: JSONSourceSpans, lineIndent: String, indent: String) {
            let text = spans.text(of: node)
            isMultiline = text.contains("\n")
            let firstStart: Int
            let firstEnd: Int
            var separator = ": "
            switch node.kind {
            case .object(let members):
                firstStart = members[0].keyRange.lowerBound
                firstEnd = members[0].value.range.upperBound
                let between = spans.text(of: members[0].keyRange.upperBound..<members[0].value.range.lowerBound)
                if !between.contains("\n") { separator = between }
            case .array(let elements):
                firstStart = elements[0].range.lowerBound
                firstEnd = elements[0].range.upperBound
            case .scalar:
                firstStart = node.range.lowerBound
                firstEnd = node.range.upperBound
            }
            keySeparator = separator
            let opening = spans.text(of: (node.range.lowerBound + 1)..<firstStart)
            padding = isMultiline ? "" : opening
            if isMultiline {
                // The members' own indentation (whatever the file uses), else one more level.
                let afterNewline = opening.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                memberIndent = afterNewline.allSatisfy { $0 == " " || $0 == "\t" } && opening.contains("\n") ? afterNewline : lineIndent + indent
                let closing = text.split(separator: "\n", omittingEmptySubsequences: false).last.map(String.init) ?? ""
                closeIndent = String(closing.prefix { $0 == " " || $0 == "\t" })
            } else {
                memberIndent = lineIndent
                closeIndent = ""
            }
            // What follows the first member up to the next one (", " on one line).
            let rest = spans.text(of: firstEnd..<node.range.upperBound)
            if let comma = rest.firstIndex(of: ",") {
                let after = rest[rest.index(after: comma)...].prefix { $0 == " " || $0 == "\t" }
                itemSeparator = "," + after
            } else {
                itemSeparator = ", "
            }
        }

        func wrap(_ parts: [String], open: String, close: String) -> String {
            guard !parts.isEmpty else { return open + close }
            if isMultiline {
                return open + parts.map { "\n" + memberIndent + $0 }.joined(separator: ",") + "\n" + closeIndent + close
            }
            let trailingPadding = String(padding.reversed())
            return open + padding + parts.joined(separator: itemSeparator) + trailingPadding + close
        }
    }
}
