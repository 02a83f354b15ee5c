/// A trigger or action: its name, where it lives, and its JSON body.
///
/// The JSON is the truth; every typed property here is a view computed from it, so
/// keys Hookflow does not know are never lost.
public struct Step: Sendable, Equatable {
    public let address: StepAddress
    public let json: JSONObject

    public init(address: StepAddress, json: JSONObject) {
        self.address = address
        self.json = json
    }

    public var name: String { address.name }
    public var pointer: JSONPointer { address.pointer }
    public var isTrigger: Bool { address.isTrigger }
    public var type: String? { json["type"]?.stringValue }
    /// Computed from `type` at each call (cheap; a stored copy made every Step copy dearer).
    public var kind: StepKind { StepKind(type: type) }
    public var inputs: JSONValue? { json["inputs"] }
    public var stepDescription: String? { json["description"]?.stringValue }
    public var operationOptions: String? { json["operationOptions"]?.stringValue }

    /// `runAfter` in written order; `{}` or absent means "after the trigger".
    public var runAfter: [RunAfterDependency] {
        guard let object = json["runAfter"]?.objectValue else { return [] }
        return object.entries.map { entry in
            RunAfterDependency(predecessor: entry.key, statuses: entry.value.arrayValue?.compactMap(\.stringValue) ?? [])
        }
    }

    /// `limit.timeout` (ISO 8601 duration) as written.
    public var timeout: String? { json["limit"]?["timeout"]?.stringValue }

    /// `runtimeConfiguration.secureData.properties`: which of inputs/outputs are hidden from run history.
    public var secureData: SecureData {
        // Logic Apps writes "runtimeConfiguration"; the docs' trigger sample says "runTimeConfiguration".
        let configuration = json["runtimeConfiguration"] ?? json["runTimeConfiguration"]
        let properties = configuration?["secureData"]?["properties"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let lowered = Set(properties.map { $0.lowercased() })
        return SecureData(inputs: lowered.contains("inputs"), outputs: lowered.contains("outputs"))
    }

    /// The retry policy of the step's outbound request, or the default policy when absent.
    public var retryPolicy: RetryPolicy? {
        inputs?["retryPolicy"].map(RetryPolicy.init(json:))
    }

    /// Nested action containers (`actions`, `else.actions`, Switch `cases.*.actions`, `default.actions`).
    public var childContainers: [JSONPointer] {
        var containers: [JSONPointer] = []
        if json["actions"]?.objectValue != nil { containers.append(pointer / "actions") }
        if json["else"]?["actions"]?.objectValue != nil { containers.append(pointer.appending(["else", "actions"])) }
        if let cases = json["cases"]?.objectValue {
            for entry in cases.entries where entry.value["actions"]?.objectValue != nil {
                containers.append(pointer.appending(["cases", entry.key, "actions"]))
            }
        }
        if json["default"]?["actions"]?.objectValue != nil { containers.append(pointer.appending(["default", "actions"])) }
        return containers
    }

    /// ``childContainers`` relative to the step: `["actions"]`, `["else", "actions"]`, ...
    var childContainerPaths: Set<[String]> {
        Set(childContainers.map { Array($0.tokens.dropFirst(pointer.tokens.count)) })
    }

    // MARK: Typed views

    /// Subscribe/unsubscribe requests of an HTTP Webhook trigger or action.
    public var httpWebhook: HttpWebhookInputs? {
        guard kind == .httpWebhook else { return nil }
        return HttpWebhookInputs(json: inputs?.objectValue ?? JSONObject())
    }

    /// The request of an HTTP action.
    public var http: HttpRequestDefinition? {
        guard kind == .http else { return nil }
        return HttpRequestDefinition(json: inputs?.objectValue ?? JSONObject())
    }

    /// What a Compose action outputs (any JSON).
    public var composeInputs: JSONValue? { kind == .compose ? inputs : nil }

    public var wait: WaitInputs? { kind == .wait ? WaitInputs(json: inputs?.objectValue ?? JSONObject()) : nil }
    public var terminate: TerminateInputs? { kind == .terminate ? TerminateInputs(json: inputs?.objectValue ?? JSONObject()) : nil }
    public var recurrence: Recurrence? {
        guard kind == .recurrence else { return nil }
        return Recurrence(json: json["recurrence"]?.objectValue ?? JSONObject())
    }
    public var request: RequestTrigger? { kind == .request ? RequestTrigger(json: inputs?.objectValue ?? JSONObject(), kind: json["kind"]?.stringValue) : nil }

    /// The condition of an If action (`expression`, an object like `{"and": [...]}` or an expression string).
    public var condition: JSONValue? { kind == .ifCondition ? json["expression"] : nil }
}

/// Which parts of a step are secret in run history.
public struct SecureData: Sendable, Equatable {
    public var inputs: Bool
    public var outputs: Bool
    public init(inputs: Bool, outputs: Bool) {
        self.inputs = inputs
        self.outputs = outputs
    }
}
