import Foundation
import HookflowModel

/// An outbound HTTP call with every expression already evaluated: what a subscribe,
/// unsubscribe or HTTP action sends. It is stored as JSON in the outbox and on subscriptions.
public struct OutboundRequest: Sendable, Equatable {
    public var method: String
    public var uri: String
    /// In written order; names as written.
    public var headers: [(name: String, value: String)]
    /// Any JSON: a string is sent as text, anything else as JSON.
    public var body: JSONValue?
    /// The resolved `authentication` object (secrets included; never logged).
    public var authentication: JSONValue?
    public var retryPolicy: RetryPolicy

    public init(method: String, uri: String, headers: [(name: String, value: String)] = [], body: JSONValue? = nil,
                authentication: JSONValue? = nil, retryPolicy: RetryPolicy = .standard) {
        self.method = method
        self.uri = uri
        self.headers = headers
        self.body = body
        self.authentication = authentication
        self.retryPolicy = retryPolicy
    }

    /// What the request carries that is a credential: the secret fields of its authentication
    /// (and a Basic pair as sent), and any `Authorization` header value.
    var credentials: [String] {
        var values: [String] = headers.filter { $0.name.lowercased() == "authorization" }.map(\.value)
        if let object = authentication?.objectValue {
            for key in object.keys where Authentication.secretKeys.contains(key) {
                if let text = object[key]?.stringValue { values.append(text) }
            }
            if case .basic(let username, let password) = Authentication(json: .object(object)) {
                values.append(Data("\(username ?? ""):\(password ?? "")".utf8).base64EncodedString())
            }
        }
        return values.sorted { $0.count > $1.count }
    }

    public static func == (lhs: OutboundRequest, rhs: OutboundRequest) -> Bool {
        lhs.method == rhs.method && lhs.uri == rhs.uri && lhs.headers.map { "\($0.name):\($0.value)" } == rhs.headers.map { "\($0.name):\($0.value)" }
            && lhs.body == rhs.body && lhs.authentication == rhs.authentication && lhs.retryPolicy == rhs.retryPolicy
    }

    /// The header value for a name, ignoring case.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.lowercased() == name.lowercased() }?.value
    }

    /// Sets a header, replacing any with the same name (ignoring case).
    public mutating func setHeader(_ name: String, _ value: String) {
        headers.removeAll { $0.name.lowercased() == name.lowercased() }
        headers.append((name, value))
    }

    // MARK: Storage form

    public var json: JSONValue {
        var object: JSONObject = [
            "method": .string(method), "uri": .string(uri),
            "headers": .object(JSONObject(headers.map { ($0.name, JSONValue.string($0.value)) })),
        ]
        if let body { object["body"] = body }
        if let authentication { object["authentication"] = authentication }
        var retry: JSONObject = ["type": .string(retryPolicy.kindName)]
        if let count = retryPolicy.count { retry["count"] = .int(count) }
        if let interval = retryPolicy.interval { retry["interval"] = .string(interval) }
        if let minimum = retryPolicy.minimumInterval { retry["minimumInterval"] = .string(minimum) }
        if let maximum = retryPolicy.maximumInterval { retry["maximumInterval"] = .string(maximum) }
        object["retryPolicy"] = .object(retry)
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let method = json["method"]?.stringValue, let uri = json["uri"]?.stringValue else { return nil }
        self.method = method
        self.uri = uri
        self.headers = json["headers"]?.objectValue?.entries.compactMap { entry in entry.value.stringValue.map { (entry.key, $0) } } ?? []
        self.body = json["body"]
        self.authentication = json["authentication"]
        self.retryPolicy = json["retryPolicy"].map(RetryPolicy.init(json:)) ?? .standard
    }
}

extension RetryPolicy {
    /// The `type` string of the policy.
    var kindName: String {
        switch kind {
        case .none: "none"
        case .fixed: "fixed"
        case .exponential: "exponential"
        case .default: "default"
        case .unknown(let text): text
        }
    }
}
