import Foundation

/// An RFC 2397 `data:` URI: `data:[<media type>][;base64],<data>`.
struct DataURI {
    /// The media type with its parameters (`text/plain;charset=utf-8`); RFC 2397's default when absent.
    var mediaType: String
    var data: Data

    /// Why a text is not a data URI, for the error message.
    struct Problem: Error {
        let message: String
    }

    static func parse(_ text: String) throws(Problem) -> DataURI {
        guard text.lowercased().hasPrefix("data:") else { throw Problem(message: "it does not start with 'data:'") }
        let rest = text.dropFirst(5)
        guard let comma = rest.firstIndex(of: ",") else { throw Problem(message: "it has no ',' before its data") }
        var parameters = rest[..<comma].split(separator: ";", omittingEmptySubsequences: false).map(String.init)
        let isBase64 = parameters.last?.lowercased() == "base64"
        if isBase64 { parameters.removeLast() }
        var mediaType = parameters.joined(separator: ";")
        if mediaType.isEmpty || mediaType.hasPrefix(";") { mediaType = "text/plain;charset=US-ASCII" + mediaType }
        let payload = String(rest[rest.index(after: comma)...])
        if isBase64 {
            guard let data = Base64Text.decode(payload) else { throw Problem(message: "its data is not valid base64") }
            return DataURI(mediaType: mediaType, data: data)
        }
        guard let decoded = payload.removingPercentEncoding else {
            throw Problem(message: "its data has a malformed %-escape")
        }
        return DataURI(mediaType: mediaType, data: Data(decoded.utf8))
    }

    /// `data:<media type>;base64,<data>`, as `dataUri()` writes it.
    var text: String { "data:\(mediaType);base64,\(data.base64EncodedString())" }
}
