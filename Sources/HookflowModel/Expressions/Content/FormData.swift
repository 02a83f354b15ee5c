import Foundation

/// Form and multipart bodies as Logic Apps keeps them, for the form data and multipart functions.
///
/// A request with an `application/x-www-form-urlencoded` body is kept as
/// `{"$content-type": ..., "$content": "<base64>", "$formdata": [{"key": "a", "value": "1"}, ...]}`
/// and a `multipart/form-data` one as
/// `{"$content-type": ..., "$content": "<base64>", "$multipart": [{"headers": {...}, "body": ...}, ...]}`.
/// The engine records bodies that way; when only `$content` is there it is decoded here.
enum FormData {
    /// The form's fields in order, or nil when the body is not form data.
    static func fields(in body: JSONValue) -> [(name: String, value: JSONValue)]? {
        if case .array(let entries)? = body["$formdata"] {
            return entries.compactMap { entry in entry["key"]?.stringValue.map { ($0, entry["value"] ?? .null) } }
        }
        if let parts = parts(in: body) {
            return parts.compactMap { part in
                guard let disposition = header("Content-Disposition", of: part), let name = parameter("name", in: disposition) else { return nil }
                let value = part["body"] ?? .null
                return (name, ContentEnvelope(value).flatMap(\.text).map(JSONValue.string) ?? value)
            }
        }
        if let content = ContentEnvelope(body), content.contentType.lowercased().hasPrefix("application/x-www-form-urlencoded"),
            let text = content.text
        {
            return urlEncodedFields(text)
        }
        return nil
    }

    /// The body's parts in order (`{"headers", "body"}` each), or nil when it is not multipart.
    static func parts(in body: JSONValue) -> [JSONValue]? {
        if case .array(let parts)? = body["$multipart"] { return parts }
        guard let content = ContentEnvelope(body), content.contentType.lowercased().hasPrefix("multipart/"),
            let boundary = parameter("boundary", in: content.contentType)
        else { return nil }
        return mimeParts(content.data, boundary: boundary)
    }

    /// `a=1&b=x+y` as fields, with `+` and %-escapes decoded.
    static func urlEncodedFields(_ text: String) -> [(name: String, value: JSONValue)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decoded(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (decoded(parts[0]), .string(parts.count > 1 ? decoded(parts[1]) : ""))
        }
    }

    private static func header(_ name: String, of part: JSONValue) -> String? {
        guard case .object(let headers)? = part["headers"], let key = headers.key(matchingCaseInsensitive: name) else { return nil }
        return headers[key]?.stringValue
    }

    /// A `name="value"` parameter of a header such as `form-data; name="file"`.
    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";").dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].trimmingCharacters(in: .whitespaces).lowercased() == name else { continue }
            return pair[1].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: ["\""])
        }
        return nil
    }

    /// The parts of a MIME multipart body, each as `{"headers": {...}, "body": <text or content>}`.
    private static func mimeParts(_ data: Data, boundary: String) -> [JSONValue]? {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        let delimiter = "--" + boundary
        var parts: [JSONValue] = []
        for chunk in text.components(separatedBy: delimiter).dropFirst() {
            if chunk.hasPrefix("--") { break }
            // "\r\n" is one Character in Swift, so one is dropped for it.
            let trimmed = chunk.hasPrefix("\r\n") ? String(chunk.dropFirst()) : chunk
            guard let split = trimmed.range(of: "\r\n\r\n") else { continue }
            var headers = JSONObject()
            for line in trimmed[..<split.lowerBound].components(separatedBy: "\r\n") {
                guard let colon = line.firstIndex(of: ":") else { continue }
                headers[String(line[..<colon])] = .string(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
            }
            var body = String(trimmed[split.upperBound...])
            if body.hasSuffix("\r\n") { body.removeLast() }
            parts.append(.object(["headers": .object(headers), "body": .string(body)]))
        }
        return parts
    }
}
