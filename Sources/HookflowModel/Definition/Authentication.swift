/// The `authentication` object of an outbound request (SPEC §2).
public enum Authentication: Sendable, Equatable {
    case none
    case basic(username: String?, password: String?)
    case raw(value: String?)
    case clientCertificate(pfx: String?, password: String?)
    case activeDirectoryOAuth(ActiveDirectoryOAuth)
    /// Loads and round-trips; running it fails: there is no Azure here.
    case managedServiceIdentity(identity: String?, audience: String?)
    case unknown(type: String?)

    /// The types the form's selector offers, in its order.
    public static let typeNames = ["None", "Basic", "ClientCertificate", "ActiveDirectoryOAuth", "Raw", "ManagedServiceIdentity"]

    public init(json: JSONValue) {
        let field = { (key: String) in json[key]?.stringValue }
        switch json["type"]?.stringValue?.lowercased() {
        case "none": self = .none
        case "basic": self = .basic(username: field("username"), password: field("password"))
        case "raw": self = .raw(value: field("value"))
        case "clientcertificate": self = .clientCertificate(pfx: field("pfx"), password: field("password"))
        case "activedirectoryoauth":
            self = .activeDirectoryOAuth(ActiveDirectoryOAuth(
                authority: field("authority"), tenant: field("tenant"), audience: field("audience"),
                clientId: field("clientId"), credentialType: field("credentialType"), secret: field("secret"),
                pfx: field("pfx"), password: field("password")))
        case "managedserviceidentity": self = .managedServiceIdentity(identity: field("identity"), audience: field("audience"))
        // `{}`: no authentication (the docs' webhook examples write it so).
        case nil where json.objectValue?.isEmpty == true: self = .none
        default: self = .unknown(type: json["type"]?.stringValue)
        }
    }

    /// The canonical type name, as written by the form.
    public var typeName: String {
        switch self {
        case .none: "None"
        case .basic: "Basic"
        case .raw: "Raw"
        case .clientCertificate: "ClientCertificate"
        case .activeDirectoryOAuth: "ActiveDirectoryOAuth"
        case .managedServiceIdentity: "ManagedServiceIdentity"
        case .unknown(let type): type ?? ""
        }
    }

    /// The fields each type has, with their form labels, whether they are required and secret.
    /// `ActiveDirectoryOAuth` with `credentialType` `Certificate` takes a pfx and password instead of a secret.
    public static func fields(forType type: String, credentialType: String? = nil) -> [AuthenticationField] {
        switch type.lowercased() {
        case "basic":
            [.init(key: "username", label: "Username", required: true), .init(key: "password", label: "Password", required: true, secret: true)]
        case "raw":
            [.init(key: "value", label: "Value", required: true, secret: true)]
        case "clientcertificate":
            [.init(key: "pfx", label: "Pfx", required: true, secret: true), .init(key: "password", label: "Password", secret: true)]
        case "activedirectoryoauth":
            [.init(key: "authority", label: "Authority"), .init(key: "tenant", label: "Tenant", required: true),
             .init(key: "audience", label: "Audience", required: true), .init(key: "clientId", label: "Client ID", required: true),
             .init(key: "credentialType", label: "Credential Type")]
                + (credentialType?.lowercased() == "certificate"
                    ? [.init(key: "pfx", label: "Pfx", required: true, secret: true), .init(key: "password", label: "Password", secret: true)]
                    : [.init(key: "secret", label: "Secret", required: true, secret: true)])
        case "managedserviceidentity":
            [.init(key: "identity", label: "Managed Identity"), .init(key: "audience", label: "Audience")]
        default:
            []
        }
    }

    /// The credential type of an `ActiveDirectoryOAuth` object: `credentialType` as written, else
    /// `Certificate` when it holds a `pfx` and no `secret` (Logic Apps leaves `credentialType`
    /// out of the definitions it writes, per the securing guide).
    public static func credentialType(of object: JSONObject) -> String? {
        if let written = object["credentialType"]?.stringValue { return written }
        return object.contains("pfx") && !object.contains("secret") ? "Certificate" : nil
    }

    /// Keys of an authentication object whose values are secrets, for masking.
    public static let secretKeys: Set<String> = ["password", "secret", "value", "pfx"]
}

/// One field of an authentication type, as the form shows it.
public struct AuthenticationField: Sendable, Equatable {
    public let key: String
    public let label: String
    public let required: Bool
    public let secret: Bool
    public init(key: String, label: String, required: Bool = false, secret: Bool = false) {
        self.key = key
        self.label = label
        self.required = required
        self.secret = secret
    }
}

/// OAuth client-credentials settings (`ActiveDirectoryOAuth`).
public struct ActiveDirectoryOAuth: Sendable, Equatable {
    public var authority: String?
    public var tenant: String?
    public var audience: String?
    public var clientId: String?
    public var credentialType: String?
    public var secret: String?
    public var pfx: String?
    public var password: String?

    /// Logic Apps' default authority when none is given.
    public static let defaultAuthority = "https://login.microsoftonline.com/"
}
