/// `Wait` inputs: either `interval {count, unit}` or `until {timestamp}`.
public struct WaitInputs: Sendable, Equatable {
    public let json: JSONObject
    public init(json: JSONObject) { self.json = json }

    public var intervalCount: JSONValue? { json["interval"]?["count"] }
    public var intervalUnit: String? { json["interval"]?["unit"]?.stringValue }
    public var untilTimestamp: String? { json["until"]?["timestamp"]?.stringValue }

    public static let units = ["Second", "Minute", "Hour", "Day", "Week", "Month"]
}

/// `Terminate` inputs.
public struct TerminateInputs: Sendable, Equatable {
    public let json: JSONObject
    public init(json: JSONObject) { self.json = json }

    public var runStatus: String? { json["runStatus"]?.stringValue }
    public var errorCode: String? { json["runError"]?["code"]?.stringValue }
    public var errorMessage: String? { json["runError"]?["message"]?.stringValue }

    public static let statuses = ["Succeeded", "Failed", "Cancelled"]
}

/// A `Recurrence` trigger's schedule.
public struct Recurrence: Sendable, Equatable {
    public let json: JSONObject
    public init(json: JSONObject) { self.json = json }

    public var frequency: String? { json["frequency"]?.stringValue }
    public var interval: JSONValue? { json["interval"] }
    public var startTime: String? { json["startTime"]?.stringValue }
    public var timeZone: String? { json["timeZone"]?.stringValue }

    public static let frequencies = ["Second", "Minute", "Hour", "Day", "Week", "Month"]
}

/// A `Request` (manual) trigger.
public struct RequestTrigger: Sendable, Equatable {
    public let json: JSONObject
    public let kind: String?
    public init(json: JSONObject, kind: String?) {
        self.json = json
        self.kind = kind
    }

    public var method: String? { json["method"]?.stringValue }
    public var relativePath: String? { json["relativePath"]?.stringValue }
    public var schema: JSONValue? { json["schema"] }
}
