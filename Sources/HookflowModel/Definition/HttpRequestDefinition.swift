/// An outbound HTTP request as WDL writes it: the subscribe/unsubscribe halves of a webhook
/// and the inputs of an HTTP action share this shape.
public struct HttpRequestDefinition: Sendable, Equatable {
    public let json: JSONObject

    public init(json: JSONObject) { self.json = json }

    /// The methods the forms offer and validation accepts.
    public static let methods = ["GET", "POST", "PUT", "PATCH", "DELETE"]

    public var method: String? { json["method"]?.stringValue }

    /// `uri`, or `url` as the Logic Apps docs write it in `unsubscribe`.
    public var uri: String? { (json["uri"] ?? json["url"])?.stringValue }

    /// The key the URI was read from (`uri` or `url`); edits write `uri`.
    public var uriKey: String? { json.contains("uri") ? "uri" : json.contains("url") ? "url" : nil }

    public var headers: JSONValue? { json["headers"] }
    public var queries: JSONValue? { json["queries"] }
    public var body: JSONValue? { json["body"] }
    public var authentication: Authentication? { json["authentication"].map(Authentication.init(json:)) }
    public var retryPolicy: RetryPolicy? { json["retryPolicy"].map(RetryPolicy.init(json:)) }

    /// Headers as name/value pairs in written order (non-string values are skipped).
    public var headerPairs: [(name: String, value: String)] {
        headers?.objectValue?.entries.compactMap { entry in entry.value.stringValue.map { (entry.key, $0) } } ?? []
    }
}

/// The two requests of an HTTP Webhook trigger or action.
public struct HttpWebhookInputs: Sendable, Equatable {
    public let json: JSONObject

    public init(json: JSONObject) { self.json = json }

    public var subscribe: HttpRequestDefinition? { json["subscribe"]?.objectValue.map(HttpRequestDefinition.init(json:)) }
    public var unsubscribe: HttpRequestDefinition? { json["unsubscribe"]?.objectValue.map(HttpRequestDefinition.init(json:)) }
}
