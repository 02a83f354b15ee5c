import Crypto
import Foundation

/// Signed callback URLs of the exact Logic Apps form (SPEC §3):
///
///     {base}/workflows/{workflow}/triggers/{trigger}/run?api-version=2016-10-01&sp=%2Ftriggers%2F{trigger}%2Frun&sv=1.0&sig={sig}
///
/// `sig` is HMAC-SHA256 with the workflow's access key over the path, `sp` and `sv`
/// (joined by newlines), base64url without padding. Verification is constant-time.
public enum CallbackSigner {
    public static let apiVersion = "2016-10-01"
    public static let signatureVersion = "1.0"

    /// What a callback URL grants: a trigger of a workflow, or one action of one run.
    public enum Target: Sendable, Equatable {
        case trigger(workflow: String, trigger: String)
        case action(workflow: String, runID: String, action: String)

        /// The app the URL belongs to.
        public var workflowName: String {
            switch self {
            case .trigger(let workflow, _), .action(let workflow, _, _): workflow
            }
        }

        /// The URL path (names percent-encoded).
        public var path: String {
            switch self {
            case .trigger(let workflow, let trigger):
                "/workflows/\(encode(workflow))/triggers/\(encode(trigger))/run"
            case .action(let workflow, let runID, let action):
                "/workflows/\(encode(workflow))/runs/\(encode(runID))/actions/\(encode(action))/run"
            }
        }

        /// The `sp` permission value (before query encoding).
        public var permission: String {
            switch self {
            case .trigger(_, let trigger): "/triggers/\(trigger)/run"
            case .action(_, let runID, let action): "/runs/\(runID)/actions/\(action)/run"
            }
        }
    }

    /// A new random access key (32 bytes).
    public static func newAccessKey() -> Data {
        Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) })
    }

    /// The full callback URL for a target.
    public static func url(base: String, target: Target, key: Data) -> String {
        let sp = target.permission
        let sig = signature(key: key, target: target, sp: sp, sv: signatureVersion)
        let trimmed = base.hasSuffix("/") ? String(base.dropLast()) : base
        return "\(trimmed)\(target.path)?api-version=\(apiVersion)&sp=\(encodeQuery(sp))&sv=\(signatureVersion)&sig=\(sig)"
    }

    /// Checks a request's query: exactly one `sp`, `sv` and `sig` each (a URL that repeats one is
    /// refused, whichever copy is valid, so nothing downstream can read the other), and `sig` right.
    public static func verify(key: Data, target: Target, query: [(name: String, value: String)]) -> Bool {
        func single(_ name: String) -> String? {
            let values = query.filter { $0.name == name }
            return values.count == 1 ? values[0].value : nil
        }
        guard query.filter({ $0.name == "api-version" }).count <= 1 else { return false }
        return verify(key: key, target: target, sp: single("sp"), sv: single("sv"), sig: single("sig"))
    }

    /// Checks `sig` for a request to `target` carrying `sp` and `sv`; false for anything missing or wrong.
    public static func verify(key: Data, target: Target, sp: String?, sv: String?, sig: String?) -> Bool {
        guard let sp, let sv, let sig, sp == target.permission, sv == signatureVersion else { return false }
        // Compare the canonical text in constant time: only the exact signature string passes.
        let expected = Array(signature(key: key, target: target, sp: sp, sv: sv).utf8)
        let given = Array(sig.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }

    static func signature(key: Data, target: Target, sp: String, sv: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message(target: target, sp: sp, sv: sv).utf8), using: SymmetricKey(data: key))
        return base64URL(Data(mac))
    }

    private static func message(target: Target, sp: String, sv: String) -> String { "\(target.path)\n\(sp)\n\(sv)" }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Percent-encodes a path segment (everything but unreserved characters).
    static func encode(_ segment: String) -> String {
        segment.addingPercentEncoding(withAllowedCharacters: unreserved) ?? segment
    }

    static func encodeQuery(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: unreserved) ?? value
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
}
