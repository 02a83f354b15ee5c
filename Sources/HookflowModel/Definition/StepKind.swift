/// The step types Hookflow understands; anything else is kept and shown as unsupported.
public enum StepKind: Sendable, Hashable {
    case httpWebhook, request, recurrence, http, compose, wait, terminate, ifCondition, scope, response
    /// `Switch`: runs the actions of the case whose value matches its expression, else its default.
    case switchCase
    /// `Foreach`: runs its actions once per element of an array, 20 at once unless `Sequential`.
    case foreach
    /// `Until`: runs its actions again until its expression is true or a limit is reached.
    case until
    /// `Workflow`: runs another app of the same engine through its Request trigger.
    case workflow
    /// The data operations (Parse JSON, Select, Filter array, Join, Create table).
    case dataOperation(DataOperation)
    /// The variable actions (Initialize, Set, Increment, Decrement, Append to array/string).
    case variable(VariableOperation)
    /// A type Hookflow does not run (ApiConnection, ServiceProvider, ...): it loads and round-trips.
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
        case "switch": self = .switchCase
        case "foreach": self = .foreach
        case "until": self = .until
        case "workflow": self = .workflow
        case let lowered:
            if let operation = DataOperation(lowercasedType: lowered) {
                self = .dataOperation(operation)
            } else if let operation = VariableOperation(lowercasedType: lowered) {
                self = .variable(operation)
            } else {
                self = .unsupported(type)
            }
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
        case .switchCase: "Switch"
        case .foreach: "Foreach"
        case .until: "Until"
        case .workflow: "Workflow"
        case .dataOperation(let operation): operation.rawValue
        case .variable(let operation): operation.rawValue
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
        case .switchCase: "Switch"
        case .foreach: "For each"
        case .until: "Until"
        case .workflow: "Workflow"
        case .dataOperation(let operation): operation.displayName
        case .variable(let operation): operation.displayName
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

/// The data operations of Logic Apps' built-in "Data Operations" connector (Compose aside).
public enum DataOperation: String, Sendable, Hashable, CaseIterable, StepTypeFamily {
    case parseJson = "ParseJson"
    case select = "Select"
    /// "Filter array".
    case query = "Query"
    case join = "Join"
    /// "Create CSV table" / "Create HTML table".
    case table = "Table"

    public var displayName: String {
        switch self {
        case .parseJson: "Parse JSON"
        case .select: "Select"
        case .query: "Filter array"
        case .join: "Join"
        case .table: "Create table"
        }
    }
}

/// The variable actions. Variables are declared by InitializeVariable at the top level and live
/// for the whole run.
public enum VariableOperation: String, Sendable, Hashable, CaseIterable, StepTypeFamily {
    case initialize = "InitializeVariable"
    case set = "SetVariable"
    case increment = "IncrementVariable"
    case decrement = "DecrementVariable"
    case appendToArray = "AppendToArrayVariable"
    case appendToString = "AppendToStringVariable"

    public var displayName: String {
        switch self {
        case .initialize: "Initialize variable"
        case .set: "Set variable"
        case .increment: "Increment variable"
        case .decrement: "Decrement variable"
        case .appendToArray: "Append to array variable"
        case .appendToString: "Append to string variable"
        }
    }
}

/// A family of step types named by their WDL `type` (the raw value).
protocol StepTypeFamily: RawRepresentable, CaseIterable where RawValue == String {}

extension StepTypeFamily {
    /// The member whose type is `lowercasedType` once lowercased.
    init?(lowercasedType: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue.lowercased() == lowercasedType }) else { return nil }
        self = found
    }
}
