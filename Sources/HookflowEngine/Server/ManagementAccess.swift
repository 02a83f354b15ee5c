/// Who may use the management API: anyone on loopback, the bearer of the token elsewhere (SPEC §3).
struct ManagementAccess: Sendable {
    /// Whether requests must carry `Authorization: Bearer <token>`.
    let requiresToken: Bool
    private let token: [UInt8]?

    init(host: String, token: String?) {
        requiresToken = !Self.isLoopback(host)
        self.token = token.map { Array($0.utf8) }
    }

    var hasToken: Bool { token != nil }

    /// `127.0.0.0/8`, `::1` and `localhost` cannot be reached from another machine.
    static func isLoopback(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let lowered = bare.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered == "0:0:0:0:0:0:0:1" || lowered.hasPrefix("127.")
    }

    /// Whether an `Authorization` header value grants access. Without a configured token,
    /// nothing does: a non-loopback server fails closed.
    func permits(authorization: String?) -> Bool {
        guard requiresToken else { return true }
        guard let token, let authorization else { return false }
        let parts = authorization.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return false }
        return Self.constantTimeEqual(Array(parts[1].utf8), token)
    }

    /// Compares without stopping at the first difference, so timing does not reveal the token.
    private static func constantTimeEqual(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in lhs.indices { difference |= lhs[index] ^ rhs[index] }
        return difference == 0
    }
}
