import Foundation

/// Reads and writes the query part of a URL the way callers of webhook services write it.
///
/// Hummingbird decodes query values but not names, and keeps `+` as is; callbacks need both
/// decoded (`sp=%2Ftriggers%2FWebhook%2Frun`) and run outputs need the names as the caller meant them.
/// Every callback goes through here, so it works on the UTF-8 bytes.
enum QueryString {
    /// The items of a raw query (`a=1&b=x%20y`), in order, names and values percent-decoded
    /// and `+` read as a space (the form encoding most HTTP clients use).
    static func items(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        var items: [(name: String, value: String)] = []
        var utf8 = query.utf8[...]
        while !utf8.isEmpty {
            let end = utf8.firstIndex(of: UInt8(ascii: "&")) ?? utf8.endIndex
            let pair = utf8[..<end]
            utf8 = end == utf8.endIndex ? utf8[end...] : utf8[utf8.index(after: end)...]
            guard !pair.isEmpty else { continue }
            if let equals = pair.firstIndex(of: UInt8(ascii: "=")) {
                items.append((decode(pair[..<equals]), decode(pair[pair.index(after: equals)...])))
            } else {
                items.append((decode(pair), ""))
            }
        }
        return items
    }

    /// Writes items back as a query, every reserved character percent-encoded.
    static func string(_ items: [(name: String, value: String)]) -> String {
        items.map { "\(CallbackSigner.encodeQuery($0.name))=\(CallbackSigner.encodeQuery($0.value))" }.joined(separator: "&")
    }

    /// `+` is a space, `%XX` a byte; a malformed escape (`%zz`) is kept as written rather than
    /// refusing the whole request, and bytes that are not UTF-8 are kept as the text was.
    private static func decode(_ text: Substring.UTF8View) -> String {
        guard text.contains(where: { $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "+") }) else { return String(Substring(text)) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.count)
        var index = text.startIndex
        while index < text.endIndex {
            let byte = text[index]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), let high = hex(text, text.index(index, offsetBy: 1, limitedBy: text.endIndex)),
                let low = hex(text, text.index(index, offsetBy: 2, limitedBy: text.endIndex)) {
                bytes.append(high << 4 | low)
                index = text.index(index, offsetBy: 3)
                continue
            } else {
                bytes.append(byte)
            }
            index = text.index(after: index)
        }
        return String(validating: bytes, as: UTF8.self) ?? String(Substring(text))
    }

    private static func hex(_ text: Substring.UTF8View, _ index: Substring.UTF8View.Index?) -> UInt8? {
        guard let index, index < text.endIndex else { return nil }
        switch text[index] {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return text[index] - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return text[index] - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return text[index] - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
