import Foundation
import HTTPTypes
import Hummingbird

/// Who may use the management API (SPEC §3), decided per request before anything else runs.
///
/// - A server bound to loopback admits requests without a token, but only when they name the
///   engine by one of its own names (`Host`): a web page that reaches `127.0.0.1` through DNS
///   rebinding names its own domain and gets `403`.
/// - A server bound beyond loopback, a request addressed to the `--public-url` host, and a
///   request that came through a proxy (`Forwarded`, `X-Forwarded-*`) all need the bearer token:
///   they may come from anywhere.
/// - A request a browser sent from a foreign page (`Origin` not ours, `Sec-Fetch-Site: cross-site`)
///   is refused whatever it carries, and state-changing calls need a JSON content type, which a
///   cross-site form or a `text/plain` fetch cannot send without a CORS preflight we never grant.
/// - The health check answers everyone, but only `{"status": "ok"}` to a caller not admitted.
struct ManagementAccess: Sendable {
    /// Whether the server listens beyond loopback (so every management request needs the token).
    let requiresToken: Bool
    private let token: [UInt8]?
    /// The names a token-less request may address the engine by: loopback names, the bound host.
    private let ownNames: Set<String>
    /// The `--public-url` host: ours too, but reached from anywhere, so it needs the token.
    private let publicHost: String?

    init(host: String, token: String?, publicURL: String? = nil) {
        requiresToken = !Self.isLoopback(host)
        self.token = token.map { Array($0.utf8) }
        let bound = Self.bareHost(host)
        var names: Set<String> = ["localhost", "::1", "0:0:0:0:0:0:0:1"]
        if !bound.isEmpty, !Self.isWildcard(bound) { names.insert(bound) }
        ownNames = names
        publicHost = publicURL.flatMap { URL(string: $0)?.host }.map { Self.bareHost($0) }
    }

    var hasToken: Bool { token != nil }

    /// What a request may see: everything, or (the health check only) the bare status.
    enum Admission: Equatable {
        case full
        case healthOnly
    }

    /// Admits a management request, or throws the answer that refuses it.
    func admit(_ request: Request, isHealth: Bool) throws(APIError) -> Admission {
        let headers = request.headers
        // A browser tells where the page that sent the request came from: never from us.
        if let origin = headers[.origin], !isOwnOrigin(origin) {
            throw APIError(status: .forbidden, code: "ForeignOrigin", message:
                "the management API refuses requests sent by a web page from another site (Origin: \(origin.prefix(100)))")
        }
        if headers[.secFetchSite]?.lowercased() == "cross-site" {
            throw APIError(status: .forbidden, code: "ForeignOrigin", message: "the management API refuses requests sent by a web page from another site")
        }
        let name = request.head.authority.map(Self.hostName(ofAuthority:))
        let viaProxy = Self.forwardingHeaders.contains { headers[$0] != nil } || (publicHost != nil && name == publicHost)
        let needsToken = requiresToken || viaProxy
        let tokenPresented = presentsToken(headers[.authorization])

        if needsToken, !tokenPresented {
            if isHealth { return .healthOnly }
            throw APIError(.unauthorized(message:
                "the management API of an engine reached beyond loopback (another address, its --public-url or a proxy) needs `Authorization: Bearer <token>`; the token is in the data folder's management-token file"))
        }
        if !tokenPresented, !isOwnName(name) {
            if isHealth { return .healthOnly }
            throw APIError(status: .forbidden, code: "ForeignHost", message:
                "the management API answers only requests addressed to this engine (127.0.0.1, localhost or its own address), not to \"\((name ?? "no Host header").prefix(100))\"")
        }
        if [.post, .put, .delete, .patch].contains(request.method), !Self.isJSON(headers[.contentType]) {
            throw APIError(status: .unsupportedMediaType, code: "UnsupportedMediaType", message:
                "\(request.method) \(request.uri.path) needs `Content-Type: application/json` (state-changing management calls accept JSON only, so a web form cannot make them)")
        }
        return .full
    }

    // MARK: Rules

    /// Headers a proxy adds: the request did not come straight from this machine.
    static let forwardingHeaders: [HTTPField.Name] = [
        HTTPField.Name("Forwarded"), HTTPField.Name("X-Forwarded-For"), HTTPField.Name("X-Forwarded-Host"),
        HTTPField.Name("X-Forwarded-Proto"), HTTPField.Name("X-Real-IP"),
    ].compactMap { $0 }

    private func isOwnName(_ name: String?) -> Bool {
        guard let name, !name.isEmpty else { return false }
        return ownNames.contains(name) || name.hasPrefix("127.") && Self.isIPv4(name)
    }

    private func isOwnOrigin(_ origin: String) -> Bool {
        guard let url = URL(string: origin), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), let host = url.host else { return false }
        let name = Self.bareHost(host)
        return isOwnName(name) || name == publicHost
    }

    private func presentsToken(_ authorization: String?) -> Bool {
        guard let token, let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return Self.constantTimeEqual(Array(parts[1].utf8), token)
    }

    /// `application/json`, `application/problem+json`, with or without parameters.
    static func isJSON(_ contentType: String?) -> Bool {
        guard let type = contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces).lowercased() else { return false }
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    /// `127.0.0.0/8`, `::1` and `localhost` cannot be reached from another machine.
    static func isLoopback(_ host: String) -> Bool {
        let lowered = bareHost(host)
        return lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" || lowered.hasPrefix("127.")
    }

    private static func isWildcard(_ host: String) -> Bool { ["0.0.0.0", "::", "0:0:0:0:0:0:0:0"].contains(host) }

    private static func isIPv4(_ text: String) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4 && parts.allSatisfy { part in UInt8(part) != nil }
    }

    /// Lowercased, without brackets and without a trailing dot (`LOCALHOST.` is `localhost`).
    static func bareHost(_ host: String) -> String {
        var bare = host.lowercased()
        if bare.hasPrefix("["), bare.hasSuffix("]") { bare = String(bare.dropFirst().dropLast()) }
        if bare.hasSuffix(".") { bare.removeLast() }
        return bare
    }

    /// The host of a `Host` value: `example.com:7071` → `example.com`, `[::1]:7071` → `::1`.
    static func hostName(ofAuthority authority: String) -> String {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            return bareHost(String(authority[...close]))
        }
        let host = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? authority
        return bareHost(host)
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}

extension HTTPField.Name {
    // Literal, valid token names: the unwrap cannot fail.
    static let origin = HTTPField.Name("Origin")!
    static let secFetchSite = HTTPField.Name("Sec-Fetch-Site")!
}
