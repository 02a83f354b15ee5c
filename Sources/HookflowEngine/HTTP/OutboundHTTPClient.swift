import AsyncHTTPClient
import Foundation
import HookflowModel
import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Sends subscribe, unsubscribe and HTTP-action requests: retry policy, authentication
/// (`Basic`, `Raw`, `ClientCertificate`, `ActiveDirectoryOAuth`), timeouts. Secrets are never logged.
public final class OutboundHTTPClient: Sendable {
    private let client: HTTPClient
    private let requestTimeout: TimeAmount
    private let tokens = TokenCache()
    private let logger: Logger

    public init(requestTimeout: TimeInterval = 120, logger: Logger = Logger(label: "hookflow.outbound")) {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .follow(max: 5, allowCycles: false)
        configuration.timeout = .init(connect: .seconds(10))
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.requestTimeout = .milliseconds(Int64(requestTimeout * 1000))
        self.logger = logger
    }

    public func shutdown() async {
        try? await client.shutdown()
    }

    /// Sends the request, retrying as its policy says; returns the 2xx answer or throws why not.
    /// The reason never quotes the request's credentials (a service may echo them back).
    public func send(_ request: OutboundRequest) async throws(OutboundFailure) -> OutboundResponse {
        do { return try await sendWithRetries(request) } catch {
            throw error.hiding(request.credentials)
        }
    }

    /// One attempt, no retry, waiting at most `timeout` for the answer: what the subscription
    /// and outbox parts make each time a call is due (SPEC §3: no request path runs a retry
    /// policy inline; the next attempt is scheduled, durably, instead).
    public func attempt(_ request: OutboundRequest, timeout: TimeInterval) async throws(OutboundFailure) -> OutboundResponse {
        do throws(OutboundFailure) {
            let response = try await sendOnce(request, timeout: .milliseconds(Int64(max(0.001, timeout) * 1000)))
            guard response.isSuccess else { throw Self.refused(request, response) }
            return response
        } catch {
            throw error.hiding(request.credentials)
        }
    }

    /// A non-2xx answer as a failure, retriable or not by its status.
    static func refused(_ request: OutboundRequest, _ response: OutboundResponse) -> OutboundFailure {
        OutboundFailure(
            error: SubscriptionError(statusCode: response.statusCode, message: "\(request.method) \(redacted(request.uri)) answered \(response.statusCode)",
                                     excerpt: response.excerpt()),
            response: response, mayHaveBeenDelivered: true, isRetriable: RetrySchedule.isRetriable(status: response.statusCode))
    }

    /// What HTTP actions use (their retry policy belongs to the run, not to a caller waiting).
    /// A cancelled task (the engine stopping) stops retrying at once with the last failure.
    private func sendWithRetries(_ request: OutboundRequest) async throws(OutboundFailure) -> OutboundResponse {
        let schedule = RetrySchedule(policy: request.retryPolicy)
        var attempt = 0
        while true {
            let failure: OutboundFailure
            do throws(OutboundFailure) {
                let response = try await sendOnce(request)
                if response.isSuccess { return response }
                failure = Self.refused(request, response)
            } catch {
                failure = error
            }
            guard failure.isRetriable, attempt < schedule.delays.count, !Task.isCancelled else { throw failure }
            let delay = schedule.delays[attempt]
            attempt += 1
            logger.debug("retrying \(request.method) \(Self.redacted(request.uri)) in \(delay)s (retry \(attempt) of \(schedule.delays.count))")
            do { try await Task.sleep(nanoseconds: UInt64(delay * 1_000_000_000)) } catch { throw failure }
        }
    }

    /// One attempt, no retries.
    func sendOnce(_ request: OutboundRequest, timeout: TimeAmount? = nil) async throws(OutboundFailure) -> OutboundResponse {
        guard let url = URL(string: request.uri), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw Self.unsendable("the URI \"\(Self.redacted(request.uri))\" is not an absolute http or https URL")
        }
        var outgoing = HTTPClientRequest(url: request.uri)
        outgoing.method = HTTPMethod(rawValue: request.method.uppercased())
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body {
            let (bytes, contentType) = Self.encode(body)
            if request.header("Content-Type") == nil { outgoing.headers.add(name: "Content-Type", value: contentType) }
            outgoing.body = .bytes(ByteBuffer(bytes: bytes))
        }
        try await authenticate(&outgoing, with: request.authentication)

        let response: HTTPClientResponse
        do {
            response = try await client.execute(outgoing, timeout: timeout ?? requestTimeout)
        } catch {
            throw OutboundFailure(
                error: SubscriptionError(statusCode: nil, message: "\(request.method) \(Self.redacted(request.uri)) failed: \(Self.describe(error))"),
                response: nil, mayHaveBeenDelivered: Self.mayHaveBeenDelivered(error), isRetriable: true, timedOut: Self.isTimeout(error))
        }
        var body = Data()
        do {
            for try await chunk in response.body {
                if body.count < 1_048_576 { body.append(contentsOf: chunk.readableBytesView) }
            }
        } catch {
            throw OutboundFailure(
                error: SubscriptionError(statusCode: Int(response.status.code), message: "reading the answer of \(Self.redacted(request.uri)) failed: \(Self.describe(error))"),
                response: nil, mayHaveBeenDelivered: true, isRetriable: true)
        }
        return OutboundResponse(statusCode: Int(response.status.code), headers: response.headers.map { ($0.name, $0.value) }, body: body)
    }

    // MARK: Authentication

    private func authenticate(_ request: inout HTTPClientRequest, with authentication: JSONValue?) async throws(OutboundFailure) {
        guard let authentication, authentication.objectValue != nil else { return }
        switch Authentication(json: authentication) {
        case .none:
            return
        case .basic(let username, let password):
            let credentials = Data("\(username ?? ""):\(password ?? "")".utf8).base64EncodedString()
            request.headers.replaceOrAdd(name: "Authorization", value: "Basic \(credentials)")
        case .raw(let value):
            request.headers.replaceOrAdd(name: "Authorization", value: value ?? "")
        case .clientCertificate(let pfx, let password):
            request.tlsConfiguration = try Self.clientCertificateTLS(pfx: pfx, password: password)
        case .activeDirectoryOAuth(let settings):
            let token = try await tokens.token(for: settings, using: self)
            request.headers.replaceOrAdd(name: "Authorization", value: "Bearer \(token)")
        case .managedServiceIdentity:
            throw Self.unsendable(
                "ManagedServiceIdentity authentication needs Azure's identity service, which does not exist outside Azure; use Basic, Raw, ClientCertificate or ActiveDirectoryOAuth")
        case .unknown(let type):
            throw Self.unsendable("authentication type \"\(type ?? "")\" is not supported; use None, Basic, Raw, ClientCertificate or ActiveDirectoryOAuth")
        }
    }

    static func clientCertificateTLS(pfx: String?, password: String?) throws(OutboundFailure) -> TLSConfiguration {
        guard let pfx, let der = Data(base64Encoded: pfx, options: .ignoreUnknownCharacters) else {
            throw unsendable("the ClientCertificate pfx is not base64 (it must be the PKCS#12 file encoded as base64)")
        }
        let bundle: NIOSSLPKCS12Bundle
        do {
            bundle = try NIOSSLPKCS12Bundle(buffer: Array(der), passphrase: password.map { Array($0.utf8) })
        } catch {
            throw unsendable("the ClientCertificate pfx could not be opened (wrong password or not a PKCS#12 file): \(error)")
        }
        var configuration = TLSConfiguration.makeClientConfiguration()
        configuration.certificateChain = bundle.certificateChain.map { .certificate($0) }
        configuration.privateKey = .privateKey(bundle.privateKey)
        return configuration
    }

    /// Client-credentials token request (`ActiveDirectoryOAuth`, secret credential).
    func requestToken(_ settings: ActiveDirectoryOAuth) async throws(OutboundFailure) -> (token: String, expiresIn: TimeInterval) {
        guard let tenant = settings.tenant, let clientID = settings.clientId, let audience = settings.audience else {
            throw Self.unsendable("ActiveDirectoryOAuth needs tenant, clientId and audience")
        }
        guard settings.credentialType?.lowercased() != "certificate" else {
            throw Self.unsendable("ActiveDirectoryOAuth with a certificate credential is not supported yet; use credentialType Secret")
        }
        var authority = settings.authority ?? ActiveDirectoryOAuth.defaultAuthority
        if !authority.hasSuffix("/") { authority += "/" }
        let form = [("grant_type", "client_credentials"), ("client_id", clientID), ("client_secret", settings.secret ?? ""), ("resource", audience)]
            .map { "\($0.0)=\(Self.formEncode($0.1))" }.joined(separator: "&")
        let tokenRequest = OutboundRequest(
            method: "POST", uri: "\(authority)\(tenant)/oauth2/token", headers: [("Content-Type", "application/x-www-form-urlencoded")],
            body: .string(form), retryPolicy: RetryPolicy(kind: .none))
        let response: OutboundResponse
        do {
            response = try await sendOnce(tokenRequest)
        } catch {
            throw OutboundFailure(error: SubscriptionError(statusCode: nil, message: "getting an ActiveDirectoryOAuth token failed: \(error.error.message)"),
                                  response: nil, mayHaveBeenDelivered: false, isRetriable: true)
        }
        guard response.isSuccess, let json = try? JSONParser.parse(response.body), let token = json["access_token"]?.stringValue else {
            throw OutboundFailure(
                error: SubscriptionError(statusCode: response.statusCode, message: "the token endpoint \(tokenRequest.uri) did not return an access_token",
                                         excerpt: response.excerpt()),
                response: response, mayHaveBeenDelivered: false, isRetriable: RetrySchedule.isRetriable(status: response.statusCode))
        }
        let expiresIn = json["expires_in"].flatMap { $0.intValue ?? $0.stringValue.flatMap(Int.init) } ?? 3600
        return (token, TimeInterval(expiresIn))
    }

    // MARK: Helpers

    static func encode(_ body: JSONValue) -> ([UInt8], String) {
        if case .string(let text) = body { return (Array(text.utf8), "text/plain; charset=utf-8") }
        return (Array(JSONWriter.compact.string(from: body).utf8), "application/json")
    }

    static func unsendable(_ message: String) -> OutboundFailure {
        OutboundFailure(error: SubscriptionError(statusCode: nil, message: message), response: nil, mayHaveBeenDelivered: false, isRetriable: false)
    }

    /// The URI without its query string (which may hold keys or signatures) for messages and logs.
    static func redacted(_ uri: String) -> String {
        guard let index = uri.firstIndex(of: "?") else { return uri }
        return String(uri[..<index]) + "?…"
    }

    static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .connectTimeout: return "connection timed out"
            case .deadlineExceeded, .readTimeout: return "no answer before the request timeout"
            case .remoteConnectionClosed: return "the service closed the connection"
            default: return "\(error)"
            }
        }
        if let error = error as? NIOConnectionError {
            if error.dnsAError != nil || error.dnsAAAAError != nil, error.connectionErrors.isEmpty { return "\(error.host) does not resolve" }
            if error.connectionErrors.contains(where: { ($0.error as? IOError)?.errnoCode == ECONNREFUSED }) { return "connection refused" }
            return "cannot connect to \(error.host):\(error.port)"
        }
        return "\(error)"
    }

    /// A timeout or a cut connection may come after the service acted on the request; a
    /// connection that was never made (refused, unreachable, a name that does not resolve, a
    /// connect timeout) cannot have. Decided by the error's type, not its text.
    static func mayHaveBeenDelivered(_ error: any Error) -> Bool {
        switch error {
        case is NIOConnectionError:
            return false
        case let error as HTTPClientError where error == .connectTimeout:
            return false
        case let error as ChannelError:
            if case .connectTimeout = error { return false }
            return true
        case let error as IOError:
            return ![ECONNREFUSED, EHOSTUNREACH, ENETUNREACH, EADDRNOTAVAIL].contains(error.errnoCode)
        default:
            return true
        }
    }

    /// No answer within the time allowed (the call may still be under way at the service).
    static func isTimeout(_ error: any Error) -> Bool {
        guard let error = error as? HTTPClientError else { return false }
        return error == .deadlineExceeded || error == .readTimeout
    }

    static func formEncode(_ value: String) -> String {
        value.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")) ?? value
    }
}

/// ActiveDirectoryOAuth tokens, reused until shortly before they expire.
actor TokenCache {
    private var tokens: [String: (token: String, expires: Date)] = [:]

    func token(for settings: ActiveDirectoryOAuth, using client: OutboundHTTPClient) async throws(OutboundFailure) -> String {
        let key = [settings.authority, settings.tenant, settings.clientId, settings.audience, settings.secret].map { $0 ?? "" }.joined(separator: "\u{1F}")
        if let cached = tokens[key], cached.expires > Date().addingTimeInterval(60) { return cached.token }
        let fresh = try await client.requestToken(settings)
        tokens[key] = (fresh.token, Date().addingTimeInterval(fresh.expiresIn))
        return fresh.token
    }
}
