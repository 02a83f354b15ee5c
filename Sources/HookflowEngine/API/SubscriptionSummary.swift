import HookflowModel

/// One subscription as `GET /management/subscriptions` lists it: live ones, and those whose
/// unsubscribe is still owed (including those of removed triggers and deleted apps).
public struct SubscriptionSummary: Sendable, Equatable {
    public var id: String
    public var workflowName: String
    public var triggerName: String
    public var status: SubscriptionStatus
    public var error: SubscriptionError?
    public var attempts: Int
    public var updatedTime: String

    public init(id: String, workflowName: String, triggerName: String, status: SubscriptionStatus, error: SubscriptionError?, attempts: Int, updatedTime: String) {
        self.id = id
        self.workflowName = workflowName
        self.triggerName = triggerName
        self.status = status
        self.error = error
        self.attempts = attempts
        self.updatedTime = updatedTime
    }

    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "workflowName": .string(workflowName), "trigger": .string(triggerName), "status": .string(status.rawValue),
            "attempts": .int(attempts), "updatedTime": .string(updatedTime),
        ]
        if let error { object["error"] = error.json }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let status = json["status"]?.stringValue.flatMap(SubscriptionStatus.init(rawValue:)) else { return nil }
        self.init(id: id, workflowName: json["workflowName"]?.stringValue ?? "", triggerName: json["trigger"]?.stringValue ?? "", status: status,
                  error: json["error"].flatMap(SubscriptionError.init(json:)), attempts: json["attempts"]?.intValue ?? 0,
                  updatedTime: json["updatedTime"]?.stringValue ?? "")
    }
}
