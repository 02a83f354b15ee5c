import HookflowModel

/// The JSON forms of the management API (SPEC §3): the server writes them, the HTTP client
/// reads them, and the CLI's `--json` prints them, so the three always agree.
extension SubscriptionError {
    public var json: JSONValue {
        var object: JSONObject = ["message": .string(message)]
        if let statusCode { object["statusCode"] = .int(statusCode) }
        if let excerpt { object["excerpt"] = .string(excerpt) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let message = json["message"]?.stringValue else { return nil }
        self.init(statusCode: json["statusCode"]?.intValue, message: message, excerpt: json["excerpt"]?.stringValue)
    }
}

extension SubscriptionInfo {
    public var json: JSONValue {
        var object: JSONObject = ["status": .string(status.rawValue)]
        if let id { object["id"] = .string(id) }
        if let error { object["error"] = error.json }
        if let callbackURL { object["callbackUrl"] = .string(callbackURL) }
        if let updatedTime { object["updatedTime"] = .string(updatedTime) }
        if let nextAttemptTime { object["nextAttemptTime"] = .string(nextAttemptTime) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let status = json["status"]?.stringValue.flatMap(SubscriptionStatus.init(rawValue:)) else { return nil }
        self.init(id: json["id"]?.stringValue, status: status, error: json["error"].flatMap(SubscriptionError.init(json:)),
                  callbackURL: json["callbackUrl"]?.stringValue, updatedTime: json["updatedTime"]?.stringValue,
                  nextAttemptTime: json["nextAttemptTime"]?.stringValue)
    }
}

extension SubscriptionResult {
    public var json: JSONValue {
        var object: JSONObject = ["trigger": .string(trigger), "status": .string(outcome.rawValue)]
        if let error { object["error"] = error.json }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let trigger = json["trigger"]?.stringValue, let outcome = json["status"]?.stringValue.flatMap(Outcome.init(rawValue:)) else { return nil }
        self.init(trigger: trigger, outcome: outcome, error: json["error"].flatMap(SubscriptionError.init(json:)))
    }
}

extension WorkflowSummary {
    public var json: JSONValue {
        var object: JSONObject = [
            "name": .string(name), "state": .string(state.rawValue), "version": .int(version), "changedTime": .string(changedTime),
            "triggers": .array(triggers.map { trigger in
                var entry: JSONObject = ["name": .string(trigger.name), "type": .string(trigger.type)]
                if let subscription = trigger.subscription { entry["subscription"] = subscription.json }
                return .object(entry)
            }),
        ]
        object["results"] = .array(results.map(\.json))
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let state = json["state"]?.stringValue.flatMap(WorkflowState.init(rawValue:)),
            let version = json["version"]?.intValue, let changedTime = json["changedTime"]?.stringValue
        else { return nil }
        let triggers = (json["triggers"]?.arrayValue ?? []).compactMap { value -> Trigger? in
            guard let name = value["name"]?.stringValue else { return nil }
            return Trigger(name: name, type: value["type"]?.stringValue ?? "", subscription: value["subscription"].flatMap(SubscriptionInfo.init(json:)))
        }
        self.init(name: name, state: state, version: version, changedTime: changedTime, triggers: triggers,
                  results: (json["results"]?.arrayValue ?? []).compactMap(SubscriptionResult.init(json:)))
    }
}

extension WorkflowDetail {
    /// `GET /management/workflows/{name}`: the summary plus the definition as written and its kind.
    public var json: JSONValue {
        guard case .object(var object) = summary.json else { return summary.json }
        object["definition"] = definition
        if let kind { object["kind"] = .string(kind) }
        if let properties, !properties.isEmpty { object["properties"] = .object(properties) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let summary = WorkflowSummary(json: json), let definition = json["definition"] else { return nil }
        self.init(summary: summary, definition: definition, kind: json["kind"]?.stringValue, properties: json["properties"]?.objectValue)
    }
}

extension RunSummary {
    public var json: JSONValue {
        var object: JSONObject = [
            "id": .string(id), "workflowName": .string(workflowName), "trigger": .string(triggerName), "status": .string(status.rawValue),
            "startTime": .string(startTime),
        ]
        if let endTime { object["endTime"] = .string(endTime) }
        object["waitingActions"] = .array(waitingActions.map(JSONValue.string))
        if let error { object["error"] = error }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let id = json["id"]?.stringValue, let status = json["status"]?.stringValue.flatMap(RunStatus.init(rawValue:)),
            let startTime = json["startTime"]?.stringValue
        else { return nil }
        self.init(id: id, workflowName: json["workflowName"]?.stringValue ?? "", triggerName: json["trigger"]?.stringValue ?? "", status: status,
                  startTime: startTime, endTime: json["endTime"]?.stringValue,
                  waitingActions: (json["waitingActions"]?.arrayValue ?? []).compactMap(\.stringValue), error: json["error"])
    }
}

extension RunPage {
    /// `{"value": [...], "nextLink"?}`; `nextLink` is filled in by the server, which knows its own address.
    public var json: JSONValue {
        var object: JSONObject = ["value": .array(runs.map(\.json))]
        if let nextLink { object["nextLink"] = .string(nextLink) }
        if let skipToken { object["skipToken"] = .string(skipToken) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let values = json["value"]?.arrayValue else { return nil }
        self.init(runs: values.compactMap(RunSummary.init(json:)), skipToken: json["skipToken"]?.stringValue, nextLink: json["nextLink"]?.stringValue)
    }
}

extension ActionRun {
    public var json: JSONValue {
        var object: JSONObject = ["name": .string(name), "type": .string(type), "status": .string(status)]
        if let repetition { object["repetition"] = .string(repetition) }
        if let code { object["code"] = .string(code) }
        if let startTime { object["startTime"] = .string(startTime) }
        if let endTime { object["endTime"] = .string(endTime) }
        if let inputs { object["inputs"] = inputs }
        if let outputs { object["outputs"] = outputs }
        if let error { object["error"] = error }
        if let callbackURL { object["callbackUrl"] = .string(callbackURL) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue, let status = json["status"]?.stringValue else { return nil }
        self.init(name: name, type: json["type"]?.stringValue ?? "", status: status, code: json["code"]?.stringValue,
                  startTime: json["startTime"]?.stringValue, endTime: json["endTime"]?.stringValue, inputs: json["inputs"],
                  outputs: json["outputs"], error: json["error"], callbackURL: json["callbackUrl"]?.stringValue, repetition: json["repetition"]?.stringValue)
    }
}

extension RunDetail {
    public var json: JSONValue {
        guard case .object(var object) = summary.json else { return summary.json }
        object["triggerOutputs"] = triggerOutputs
        if let triggerType { object["triggerType"] = .string(triggerType) }
        object["actions"] = .array(actions.map(\.json))
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let summary = RunSummary(json: json) else { return nil }
        self.init(summary: summary, triggerOutputs: json["triggerOutputs"] ?? .null,
                  actions: (json["actions"]?.arrayValue ?? []).compactMap(ActionRun.init(json:)),
                  triggerType: json["triggerType"]?.stringValue)
    }
}

extension EngineError {
    /// `{"error": {"code", "message", "details"?: [{"path", "message", "severity"}]}}`
    public var json: JSONValue {
        var error: JSONObject = ["code": .string(code), "message": .string(message)]
        if case .invalidDefinition(let problems) = self {
            error["details"] = .array(problems.map {
                .object(["path": .string($0.pointer.description), "message": .string($0.message), "severity": .string($0.severity.rawValue)])
            })
        }
        if case .versionConflict(let app, let base, let current) = self {
            error["app"] = .string(app)
            error["baseVersion"] = .int(base)
            error["currentVersion"] = .int(current)
        }
        return .object(["error": .object(error)])
    }

    /// Rebuilds the error from an API answer (the HTTP client's side).
    public init(status: Int, json: JSONValue?) {
        let code = json?["error"]?["code"]?.stringValue ?? "HTTP\(status)"
        let message = json?["error"]?["message"]?.stringValue ?? "the engine answered HTTP \(status)"
        switch status {
        case 400 where code == "InvalidDefinition" && json?["error"]?["details"]?.arrayValue != nil:
            let problems = (json?["error"]?["details"]?.arrayValue ?? []).map { detail in
                ValidationProblem(pointer: JSONPointer(parsing: detail["path"]?.stringValue ?? "") ?? .root, message: detail["message"]?.stringValue ?? "",
                                  severity: detail["severity"]?.stringValue.flatMap(ValidationProblem.Severity.init(rawValue:)) ?? .error)
            }
            self = .invalidDefinition(problems)
        case 400, 405, 413: self = .badRequest(code: code, message: message)
        case 401: self = .unauthorized(message: message)
        case 404: self = .notFound(code: code, message: message)
        case 409 where code == "VersionConflict":
            self = .versionConflict(app: json?["error"]?["app"]?.stringValue ?? "", base: json?["error"]?["baseVersion"]?.intValue ?? 0,
                                    current: json?["error"]?["currentVersion"]?.intValue ?? 0)
        case 409: self = .conflict(code: code, message: message)
        case 503: self = .unavailable(message: message)
        default: self = .internalError(message: message)
        }
    }
}

extension EngineEvent {
    /// One `data:` line of `GET /management/events`.
    public var json: JSONValue {
        var object: JSONObject = ["kind": .string(kind.rawValue), "workflow": .string(workflow)]
        if let runID { object["runId"] = .string(runID) }
        if let action { object["action"] = .string(action) }
        if let trigger { object["trigger"] = .string(trigger) }
        if let status { object["status"] = .string(status) }
        if let error { object["error"] = error.json }
        if let nextAttemptTime { object["nextAttemptTime"] = .string(nextAttemptTime) }
        return .object(object)
    }

    public init?(json: JSONValue) {
        guard let kind = json["kind"]?.stringValue.flatMap(Kind.init(rawValue:)), let workflow = json["workflow"]?.stringValue else { return nil }
        self.init(kind: kind, workflow: workflow, runID: json["runId"]?.stringValue, action: json["action"]?.stringValue,
                  trigger: json["trigger"]?.stringValue, status: json["status"]?.stringValue, error: json["error"].flatMap(SubscriptionError.init(json:)),
                  nextAttemptTime: json["nextAttemptTime"]?.stringValue)
    }
}
