import Foundation
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The engine's HTTP server: trigger callbacks and the management API on one Hummingbird server.
///
/// ```swift
/// let server = EngineServer(engine: engine, port: 0)
/// let url = try await server.start()   // "http://127.0.0.1:53012"
/// await engine.start()                 // after start: subscriptions use the listen URL
/// ...
/// await server.stop()
/// ```
public final class EngineServer: Sendable {
    private enum State: Sendable {
        case idle
        case running(group: ServiceGroup, task: Task<Void, any Error>)
        case stopped
    }

    let engine: Engine
    let host: String
    let port: Int
    private let access: ManagementAccess
    private let streams = EventStreamRegistry()
    private let logger: Logger
    private let state = Mutex(State.idle)

    public init(engine: Engine, host: String = "127.0.0.1", port: Int = 7071, managementToken: String? = nil,
                logger: Logger = Logger(label: "hookflow.server")) {
        self.engine = engine
        self.host = host
        self.port = port
        self.access = ManagementAccess(host: host, token: managementToken, publicURL: engine.configuration.publicURL)
        self.logger = logger
    }

    /// Binds (port 0 = any free port), calls engine.setListenURL("http://HOST:PORT"), and returns that URL once connections are accepted.
    /// Throws a clear error when the port is taken ("127.0.0.1:7071 is already in use; pass --port").
    public func start() async throws -> String {
        if access.requiresToken {
            if access.hasToken {
                logger.info("listening beyond loopback on \(host): the management API requires the bearer token")
            } else {
                logger.warning("listening beyond loopback on \(host) without a management token: the management API refuses every call")
            }
        }
        let (events, continuation) = AsyncStream<Result<Int, any Error>>.makeStream()
        let configuration = engine.configuration
        let connections = ConnectionGuard(
            configuration: .init(maximumConnections: Self.connectionCap(configuration.maximumConnections),
                                 readTimeout: .milliseconds(Int64(configuration.readTimeout * 1000))),
            logger: logger)
        let http1 = HTTP1Channel.Configuration(
            additionalChannelHandlers: [connections.makeHandler()],
            idleTimeout: .milliseconds(Int64(configuration.idleTimeout * 1000)))
        let app = Application(
            responder: EngineResponder(engine: engine, access: access, streams: streams, logger: logger),
            server: .http1(configuration: http1),
            configuration: .init(address: .hostname(host, port: port), serverName: "hookflow"),
            onServerRunning: { channel in continuation.yield(.success(channel.localAddress?.port ?? 0)) },
            logger: logger)
        let group = ServiceGroup(configuration: .init(services: [app], logger: logger))
        let started = state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .running(group: group, task: Task {
                defer { continuation.finish() }
                do { try await group.run() } catch {
                    continuation.yield(.failure(error))
                    throw error
                }
            })
            return true
        }
        guard started else { throw EngineServerError.alreadyStarted }

        var iterator = events.makeAsyncIterator()
        switch await iterator.next() {
        case .success(let boundPort)?:
            guard boundPort > 0 else {
                await stop()
                throw EngineServerError.cannotListen(address: Self.address(host, port), reason: "the system did not report the bound port")
            }
            let url = "http://\(Self.address(Self.reachableHost(host), boundPort))"
            engine.setListenURL(url)
            return url
        case .failure(let error)?:
            state.withLock { $0 = .stopped }
            throw Self.startFailure(error, address: Self.address(host, port))
        case nil:
            throw EngineServerError.stoppedBeforeStart
        }
    }

    /// Stops accepting and finishes in-flight requests.
    public func stop() async {
        let running = state.withLock { state -> (ServiceGroup, Task<Void, any Error>)? in
            defer { state = .stopped }
            if case .running(let group, let task) = state { return (group, task) }
            return nil
        }
        guard let (group, task) = running else { return }
        streams.closeAll()
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    // MARK: Limits

    /// The connection cap the process can honour: the open-file limit is raised to its hard
    /// maximum, and the cap stays 64 below it (the store, the log and outbound calls need files too).
    static func connectionCap(_ configured: Int) -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return configured }
        if limit.rlim_cur < limit.rlim_max {
            var raised = limit
            raised.rlim_cur = limit.rlim_max
            if setrlimit(Int32(RLIMIT_NOFILE.rawValue), &raised) == 0 { limit = raised }
        }
        return max(1, min(configured, Int(clamping: UInt64(limit.rlim_cur)) - 64))
    }

    // MARK: Addresses

    /// `127.0.0.0/8`, `::1` and `localhost` cannot be reached from another machine.
    public static func isLoopback(_ host: String) -> Bool { ManagementAccess.isLoopback(host) }

    /// Whether the management API needs its bearer token for some callers: when the server
    /// listens beyond loopback, or has a public URL (requests through it come from anywhere).
    public static func managementNeedsToken(host: String, publicURL: String?) -> Bool { !isLoopback(host) || publicURL != nil }

    /// Where a client on this machine reaches a server bound to `host`: a wildcard bind is
    /// reached through loopback (`--public-url` is for anything beyond this machine).
    static func reachableHost(_ host: String) -> String {
        ["0.0.0.0", "::", "[::]", ""].contains(host) ? "127.0.0.1" : host
    }

    /// `host:port`, with IPv6 literals in brackets.
    static func address(_ host: String, _ port: Int) -> String {
        host.contains(":") && !host.hasPrefix("[") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func startFailure(_ error: any Error, address: String) -> EngineServerError {
        if let io = error as? IOError, io.errnoCode == EADDRINUSE { return .addressInUse(address: address) }
        let text = String(describing: error)
        if text.localizedCaseInsensitiveContains("address already in use") { return .addressInUse(address: address) }
        return .cannotListen(address: address, reason: text)
    }
}
