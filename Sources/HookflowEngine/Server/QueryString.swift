import Foundation

/// Reads and writes the query part of a URL the way callers of webhook services write it.
///
/// Hummingbird decodes query values but not names, and keeps `+` as is; callbacks need both
/// decoded (`sp=%2Ftriggers%2FWebhook%2Frun`) and run outputs need the names as the caller meant them.
enum QueryString {
    /// The items of a raw query (`a=1&b=x%20y`), in order, names and values percent-decoded
    /// and `+` read as a space (the form encoding most HTTP clients use).
    static func items(_ query: String?) -> [(name: String, value: String)] {
        guard let query, !query.isEmpty else { return [] }
        return query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            return (name, value)
        }
    }

    /// Writes items back as a query, every reserved character percent-encoded.
    static func string(_ items: [(name: String, value: String)]) -> String {
        items.map { "\(CallbackSigner.encodeQuery($0.name))=\(CallbackSigner.encodeQuery($0.value))" }.joined(separator: "&")
    }

    /// A malformed escape (`%zz`) is kept as written rather than refusing the whole request.
    private static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
