import Foundation

/// Binary or XML content as Logic Apps carries it in JSON: `{"$content-type": "...", "$content": "<base64>"}`.
///
/// `base64ToBinary()`, `binary()`, `dataUriToBinary()`, `xml()` and `xpath()` produce it, so it
/// can sit in any step's inputs or outputs; functions that want text read its bytes as UTF-8.
struct ContentEnvelope: Equatable {
    static let octetStream = "application/octet-stream"
    static let xmlType = "application/xml;charset=utf-8"

    var contentType: String
    var data: Data

    init(contentType: String, data: Data) {
        self.contentType = contentType
        self.data = data
    }

    /// Reads an envelope: an object with a base64 `$content` (and, usually, a `$content-type`).
    init?(_ value: JSONValue) {
        guard case .object(let object) = value, case .string(let content)? = object["$content"],
            let data = Base64Text.decode(content)
        else { return nil }
        self.data = data
        self.contentType = object["$content-type"]?.stringValue ?? Self.octetStream
    }

    var json: JSONValue {
        .object(["$content-type": .string(contentType), "$content": .string(data.base64EncodedString())])
    }

    /// The bytes as UTF-8 text, or nil when they are not UTF-8.
    var text: String? { String(data: data, encoding: .utf8) }

    var isXML: Bool { contentType.lowercased().contains("xml") }
}

/// Base64 as senders write it: padding is often dropped and carries no information.
enum Base64Text {
    static func decode(_ text: String) -> Data? {
        let count = text.utf8.count
        let padded = count % 4 == 0 ? text : text + String(repeating: "=", count: 4 - count % 4)
        return Data(base64Encoded: padded)
    }
}
