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
    /// base64 content) and `queries` (without the signing parameters). A JSON body nested deeper
    /// than ``JSONValue/maximumDepth`` is refused with `400` `RequestBodyTooDeep`: kept, it would
    /// be a value no later step could be given.
    func checkedOutputs() throws(EngineError) -> JSONValue {
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
        if !body.isEmpty {
            do { outputs["body"] = try Self.decodeBodyRefusingTooDeep(body, contentType: header("Content-Type")) } catch {
                throw .badRequest(code: "RequestBodyTooDeep", message:
                    "the request body nests deeper than \(JSONValue.maximumDepth) levels, the limit for JSON in Hookflow (\(error.description)); nothing was recorded")
            }
        }
        outputs["queries"] = .object(queries)
        return .object(outputs)
    }

    /// JSON content types are parsed (malformed JSON is kept as text, not refused); other text
    /// stays text; anything else becomes `{"$content-type", "$content"}` with base64, as Logic Apps does.
    /// A service's answer nested too deep is kept as text too.
    static func decodeBody(_ body: Data, contentType: String?) -> JSONValue {
        do { return try decodeBodyRefusingTooDeep(body, contentType: contentType) } catch {
            return .string(String(decoding: body, as: UTF8.self))
        }
    }

    /// ``decodeBody(_:contentType:)``, but JSON nested beyond the limit is an error, not text.
    static func decodeBodyRefusingTooDeep(_ body: Data, contentType: String?) throws(JSONParseError) -> JSONValue {
        if looksJSON(body, contentType: contentType) {
            // Parsed from the bytes in place (Data's own iterator goes byte by byte through a slow path).
            let parsed = body.withUnsafeBytes { bytes in Result { () throws(JSONParseError) in try JSONParser.parse(bytes) } }
            switch parsed {
            case .success(let value): return value
            case .failure(let error): if error.isTooDeep { throw error }
            }
        }
        let type = contentType?.lowercased() ?? ""
        if let text = String(data: body, encoding: .utf8), type.isEmpty || type.hasPrefix("text/") || type.contains("json") || type.contains("xml") || type.contains("x-www-form-urlencoded") {
            return .string(text)
        }
        return .object(["$content-type": .string(contentType ?? "application/octet-stream"), "$content": .string(body.base64EncodedString())])
    }

    /// A JSON content type, or none and a body that starts like an object or array.
    static func looksJSON(_ body: Data, contentType: String?) -> Bool {
        let type = contentType?.lowercased() ?? ""
        if type.contains("json") { return true }
        guard type.isEmpty, let first = body.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) else { return false }
        return first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
    }
}
