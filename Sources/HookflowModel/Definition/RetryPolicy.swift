/// A step's `retryPolicy` (SPEC §2): retried on 408, 429, 5xx and connection errors.
public struct RetryPolicy: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case none, fixed, exponential, `default`
        case unknown(String)

        init(_ text: String?) {
            switch text?.lowercased() {
            case "none": self = .none
            case "fixed": self = .fixed
            case "exponential": self = .exponential
            case "default", nil: self = .default
            case let other?: self = .unknown(other)
            }
        }
    }

    public var kind: Kind
    public var count: Int?
    public var interval: String?
    public var minimumInterval: String?
    public var maximumInterval: String?

    public init(kind: Kind, count: Int? = nil, interval: String? = nil, minimumInterval: String? = nil, maximumInterval: String? = nil) {
        self.kind = kind
        self.count = count
        self.interval = interval
        self.minimumInterval = minimumInterval
        self.maximumInterval = maximumInterval
    }

    public init(json: JSONValue) {
        self.kind = Kind(json["type"]?.stringValue)
        self.count = json["count"]?.intValue
        self.interval = json["interval"]?.stringValue
        self.minimumInterval = json["minimumInterval"]?.stringValue
        self.maximumInterval = json["maximumInterval"]?.stringValue
    }

    /// What `default` (and an absent policy) means: exponential, 4 retries, 7 s, bounded 5 s..1 h.
    public static let standard = RetryPolicy(kind: .exponential, count: 4, interval: "PT7S", minimumInterval: "PT5S", maximumInterval: "PT1H")

    /// The policy with `default` resolved and missing values filled from ``standard``.
    public var resolved: RetryPolicy {
        switch kind {
        case .default: return .standard
        case .none, .unknown: return RetryPolicy(kind: .none, count: 0)
        case .fixed, .exponential:
            return RetryPolicy(
                kind: kind, count: count ?? 4, interval: interval ?? "PT7S",
                minimumInterval: minimumInterval ?? "PT5S", maximumInterval: maximumInterval ?? "PT1H")
        }
    }

    /// The limit Logic Apps puts on `count`.
    public static let maximumCount = 90
}
