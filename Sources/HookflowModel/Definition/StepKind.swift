/// The step types Hookflow understands; anything else is kept and shown as unsupported.
public enum StepKind: Sendable, Hashable {
    case httpWebhook, request, recurrence, http, compose, wait, terminate, ifCondition, scope, response
    /// A type Hookflow does not run (ApiConnection, Foreach, ...): it loads and round-trips.
    case unsupported(String)
    /// The step has no `type`.
    case missing

    /// Reads the WDL `type` (case-insensitive, as Logic Apps does).
    public init(type: String?) {
        guard let type else { self = .missing; return }
        switch type.lowercased() {
        case "httpwebhook": self = .httpWebhook
        case "request": self = .request
        case "recurrence": self = .recurrence
        case "http": self = .http
        case "compose": self = .compose
        case "wait": self = .wait
        case "terminate": self = .terminate
        case "if": self = .ifCondition
        case "scope": self = .scope
        case "response": self = .response
        default: self = .unsupported(type)
        }
    }

    /// The WDL `type` string Hookflow writes for new steps.
    public var typeName: String {
        switch self {
        case .httpWebhook: "HttpWebhook"
        case .request: "Request"
        case .recurrence: "Recurrence"
        case .http: "Http"
        case .compose: "Compose"
        case .wait: "Wait"
        case .terminate: "Terminate"
        case .ifCondition: "If"
        case .scope: "Scope"
        case .response: "Response"
        case .unsupported(let type): type
        case .missing: ""
        }
    }

    /// The name the designer shows (as in the Logic Apps designer).
    public var displayName: String {
        switch self {
        case .httpWebhook: "HTTP Webhook"
        case .request: "When a HTTP request is received"
        case .recurrence: "Recurrence"
        case .http: "HTTP"
        case .compose: "Compose"
        case .wait: "Delay"
        case .terminate: "Terminate"
        case .ifCondition: "Condition"
        case .scope: "Scope"
        case .response: "Response"
        case .unsupported(let type): "Unsupported step (\(type))"
        case .missing: "Step without a type"
        }
    }

    public var isSupported: Bool {
        switch self {
        case .unsupported, .missing: false
        default: true
        }
    }

    /// Whether this type may be a trigger, an action, or both (HTTP: the polling trigger, with a `recurrence`).
    public var canBeTrigger: Bool { [.httpWebhook, .request, .recurrence, .http].contains(self) }
    public var canBeAction: Bool { ![.request, .recurrence, .missing].contains(self) }

    /// Webhook types: the only ones where `listCallbackUrl()` means something.
    public var isWebhook: Bool {
        switch self {
        case .httpWebhook: true
        case .unsupported(let type): type.lowercased() == "apiconnectionwebhook"
        default: false
        }
    }
}
