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
        guard let sp, let sv, sp == target.permission, sv == signatureVersion else { return false }
        return matches(sig, expected: signature(key: key, target: target, sp: sp, sv: sv))
    }

    /// ``verify(key:target:query:)`` against a signature computed beforehand (a trigger's URL
    /// does not change until its key does, so the intake keeps it).
    static func verify(expected: String, target: Target, query: [(name: String, value: String)]) -> Bool {
        func single(_ name: String) -> String? {
            var found: String?
            for item in query where item.name == name {
                if found != nil { return nil }
                found = item.value
            }
            return found
        }
        guard query.filter({ $0.name == "api-version" }).count <= 1, single("sp") == target.permission, single("sv") == signatureVersion else {
            return false
        }
        return matches(single("sig"), expected: expected)
    }

    /// Compares the canonical text in constant time: only the exact signature string passes.
    private static func matches(_ sig: String?, expected: String) -> Bool {
        guard let sig else { return false }
        let expected = Array(expected.utf8)
        let given = Array(sig.utf8)
        guard expected.count == given.count else { return false }
        var difference: UInt8 = 0
        for (left, right) in zip(expected, given) { difference |= left ^ right }
        return difference == 0
    }

    static func signature(key: Data, target: Target, sp: String, sv: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(message(target: target, sp: sp, sv: sv).utf8), using: SymmetricKey(data: key))
        return base64URL(mac.withUnsafeBytes { Array($0) })
    }

    private static func message(target: Target, sp: String, sv: String) -> String { "\(target.path)\n\(sp)\n\(sv)" }

    /// Base64url without padding, over the bytes (every callback's signature goes through here).
    static func base64URL(_ data: some Sequence<UInt8>) -> String {
        let bytes = Array(data)
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < bytes.count {
            let chunk = UInt32(bytes[index]) << 16 | UInt32(bytes[index + 1]) << 8 | UInt32(bytes[index + 2])
            for shift in [18, 12, 6, 0] { out.append(base64URLAlphabet[Int(chunk >> UInt32(shift) & 63)]) }
            index += 3
        }
        let rest = bytes.count - index
        if rest > 0 {
            let chunk = UInt32(bytes[index]) << 16 | (rest > 1 ? UInt32(bytes[index + 1]) << 8 : 0)
            out.append(base64URLAlphabet[Int(chunk >> 18 & 63)])
            out.append(base64URLAlphabet[Int(chunk >> 12 & 63)])
            if rest > 1 { out.append(base64URLAlphabet[Int(chunk >> 6 & 63)]) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let base64URLAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Percent-encodes a path segment (everything but unreserved characters).
    static func encode(_ segment: String) -> String { percentEncoded(segment) }

    static func encodeQuery(_ value: String) -> String { percentEncoded(value) }

    /// Everything but `A-Z a-z 0-9 - . _ ~` as `%XX` of its UTF-8 bytes.
    private static func percentEncoded(_ text: String) -> String {
        let utf8 = text.utf8
        guard utf8.contains(where: { !isUnreserved($0) }) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count * 3)
        for byte in utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "%"))
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 15)])
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
