import Foundation
import Logging
import ServiceLifecycle
import Synchronization
import UnixSignals

/// An engine with its HTTP server, as one service of a `ServiceGroup`: the start-up and shutdown
/// order `hookflow serve` and the designer's in-process engine both need, written once.
///
/// Start: the previous process's in-flight notes are read (``Engine/prepare()``), the server
/// binds (the port asked for, or any free one when ``Listen/fallBackToAnyPort`` and it is taken),
/// `engine.json` names this process, then the engine's background work starts — after the bind,
/// so start-up reconciliation subscribes with the address the server listens on.
/// Stop (the group's graceful shutdown): the server stops taking requests and finishes those in
/// flight, then the engine stops its parts (work under way stays owed in the store; the next
/// start takes it up), then `engine.json` is released.
///
/// ```swift
/// let host = EngineHost(engine: engine, listen: .init(host: "127.0.0.1", port: 7071), logger: logger)
/// // hookflow serve: until SIGINT or SIGTERM
/// try await host.runUntilTerminated { url in print("listening on \(url)") }
/// // the designer: in the background until it quits
/// let running = try await host.launch()
/// await running.stop()
/// ```
public final class EngineHost: Service, Sendable {
    /// Where the server listens.
    public struct Listen: Sendable {
        public var host: String
        public var port: Int
        /// Any free port when `port` is taken (the designer), instead of an error (`serve`).
        public var fallBackToAnyPort: Bool
        /// The management API's bearer token, when it needs one.
        public var managementToken: String?

        public init(host: String = "127.0.0.1", port: Int, fallBackToAnyPort: Bool = false, managementToken: String? = nil) {
            self.host = host
            self.port = port
            self.fallBackToAnyPort = fallBackToAnyPort
            self.managementToken = managementToken
        }
    }

    /// A host launched in the background (``launch()``).
    public struct Running: Sendable {
        public let url: String
        let group: ServiceGroup
        let task: Task<Void, any Error>

        /// Triggers the graceful shutdown and returns once the server and the engine are stopped.
        public func stop() async {
            await group.triggerGracefulShutdown()
            _ = try? await task.value
        }
    }

    public let engine: Engine
    private let listen: Listen
    private let logger: Logger
    private let serverLogger: Logger
    private let onListening: Mutex<(@Sendable (String) -> Void)?> = Mutex(nil)
    private let server = Mutex<EngineServer?>(nil)

    public init(engine: Engine, listen: Listen, logger: Logger, serverLogger: Logger? = nil) {
        self.engine = engine
        self.listen = listen
        self.logger = logger
        self.serverLogger = serverLogger ?? logger
    }

    // MARK: Ways to run

    /// Runs until SIGINT or SIGTERM (then stops gracefully, within `shutdownLimit`, after which
    /// what is left is cancelled); `listening` is called with the URL once it listens.
    public func runUntilTerminated(shutdownLimit: Duration = .seconds(30), listening: @escaping @Sendable (String) -> Void) async throws {
        onListening.withLock { $0 = listening }
        var configuration = ServiceGroupConfiguration(
            services: [.init(service: self)], gracefulShutdownSignals: [UnixSignal.sigint, .sigterm], logger: logger)
        configuration.maximumGracefulShutdownDuration = shutdownLimit
        try await ServiceGroup(configuration: configuration).run()
    }

    /// Runs in a group of its own in the background (no signals: the caller decides when to
    /// stop) and returns once it listens, or throws why it could not start.
    public func launch() async throws(EngineError) -> Running {
        let (started, report) = AsyncStream<Result<String, EngineError>>.makeStream()
        onListening.withLock { $0 = { url in report.yield(.success(url)) } }
        let group = ServiceGroup(configuration: .init(services: [.init(service: self)], logger: logger))
        let task = Task {
            defer { report.finish() }
            do { try await group.run() } catch {
                report.yield(.failure(error as? EngineError ?? .unavailable(message: "\(error)")))
                throw error
            }
        }
        for await outcome in started {
            switch outcome {
            case .success(let url): return Running(url: url, group: group, task: task)
            case .failure(let error): throw error
            }
        }
        throw .unavailable(message: "the engine stopped before it listened")
    }

    // MARK: Service

    public func run() async throws {
        let url = try await start()
        onListening.withLock { $0 }?(url)
        // Until the group shuts down (a signal, `Running.stop()`); cancellation ends it too.
        try? await gracefulShutdown()
        logger.info("shutdown asked (SIGINT or SIGTERM to serve, or the designer quitting): stopping")
        await stop()
    }

    /// Prepares, listens, claims the data folder, starts background work; undoes what it did if a step fails.
    private func start() async throws(EngineError) -> String {
        let folder = engine.configuration.dataFolder
        engine.prepare()
        let (server, url): (EngineServer, String)
        do { (server, url) = try await bind(port: listen.port) } catch {
            await engine.shutdown()
            throw error
        }
        self.server.withLock { $0 = server }
        do {
            try await EngineLocator.claim(.current(url: url), in: folder)
        } catch {
            await server.stop()
            await engine.shutdown()
            throw error
        }
        await engine.start()
        return url
    }

    private func bind(port: Int) async throws(EngineError) -> (EngineServer, String) {
        let server = EngineServer(engine: engine, host: listen.host, port: port, managementToken: listen.managementToken, logger: serverLogger)
        do {
            return (server, try await server.start())
        } catch EngineServerError.addressInUse where listen.fallBackToAnyPort && port != 0 {
            return try await bind(port: 0)
        } catch {
            throw .unavailable(message: "\(error)")
        }
    }

    private func stop() async {
        if let server = server.withLock({ $0 }) { await server.stop() }
        await engine.shutdown()
        EngineLocator.release(in: engine.configuration.dataFolder)
    }
}
