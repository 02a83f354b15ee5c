import Foundation
import HookflowModel

/// A callback request as the server received it.
public struct InboundCallback: Sendable {
    public var query: [(name: String, value: String)]
    public var headers: [(name: String, value: String)]
    public var body: Data

    public init(query: [(name: String, value: String)], headers: [(name: String, value: String)], body: Data) {
        self.query = query
        self.headers = headers
        self.body = body
    }

    public func queryValue(_ name: String) -> String? { query.first { $0.name == name }?.value }
    public func header(_ name: String) -> String? { headers.first { $0.name.lowercased() == name.lowercased() }?.value }

    /// The query parameters that sign the URL; they are not part of the run's outputs.
    static let signingParameters: Set<String> = ["api-version", "sp", "sv", "sig"]

    /// The trigger or action outputs: `headers`, `body` (JSON when it is JSON, else text, else
    /// base64 content) and `queries` (without the signing parameters).
    var outputs: JSONValue {
        var headerObject = JSONObject()
        for header in headers {
            if case .string(let existing)? = headerObject[header.name] {
                headerObject[header.name] = .string(existing + ", " + header.value)
            } else {
                headerObject[header.name] = .string(header.value)
            }
        }
        var queries = JSONObject()
        for item in query where !Self.signingParameters.contains(item.name) { queries[item.name] = .string(item.value) }
        var outputs: JSONObject = ["headers": .object(headerObject)]
        if !body.isEmpty { outputs["body"] = Self.decodeBody(body, contentType: header("Content-Type")) }
        outputs["queries"] = .object(queries)
        return .object(outputs)
    }

    /// JSON content types are parsed (malformed JSON is kept as text, not refused); other text
    /// stays text; anything else becomes `{"$content-type", "$content"}` with base64, as Logic Apps does.
    static func decodeBody(_ body: Data, contentType: String?) -> JSONValue {
        let type = contentType?.lowercased() ?? ""
        let text = String(data: body, encoding: .utf8)
        let looksJSON = type.contains("json") || (type.isEmpty && (text?.first.map { "{[".contains($0) } ?? false))
        if looksJSON, let value = try? JSONParser.parse(body) { return value }
        if let text, type.isEmpty || type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.contains("x-www-form-urlencoded") {
            return .string(text)
        }
        return .object(["$content-type": .string(contentType ?? "application/octet-stream"), "$content": .string(body.base64EncodedString())])
    }
}
