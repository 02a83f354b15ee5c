import AsyncHTTPClient
import Foundation
import HookflowModel
import Logging
import NIOCore

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds the engine a command should talk to: `--engine URL`, else the `hookflow serve` that
/// owns the data folder, else an engine opened in this process.
///
/// `hookflow serve` records where it listens in the data folder's `engine.json`
/// (`{"url", "pid", "startedAt"}`) and removes it on a clean exit; a record whose process is gone
/// is stale and removed by the next command that finds it.
///
/// ```swift
/// let (client, cleanup) = try await EngineLocator.connect(dataFolder: folder.url, engineURL: nil)
/// defer { Task { await cleanup() } }   // or await cleanup() when done
/// let apps = try await client.listWorkflows()
/// ```
public enum EngineLocator {
    /// The running engine's record inside the data folder.
    public static let recordFileName = "engine.json"
    /// The environment variable holding the management token of a remote engine.
    public static let tokenEnvironmentVariable = "HOOKFLOW_TOKEN"
    /// How long a recorded engine has to answer its health check before it counts as not answering.
    public static let healthTimeout: TimeInterval = 2

    /// Releases what ``connect(dataFolder:engineURL:environment:logger:)`` opened (the in-process
    /// engine's background work and connections); nothing for a remote engine.
    public typealias Cleanup = @Sendable () async -> Void

    /// Where a running `hookflow serve` can be reached: the content of `engine.json`.
    public struct Record: Sendable, Equatable {
        /// The address clients on this machine use (`http://127.0.0.1:7071`).
        public var url: String
        public var pid: Int32
        /// ISO 8601, UTC.
        public var startedAt: String

        public init(url: String, pid: Int32, startedAt: String) {
            self.url = url
            self.pid = pid
            self.startedAt = startedAt
        }

        /// A record for this process, started now.
        public static func current(url: String) -> Record {
            Record(url: url, pid: getpid(), startedAt: Date().formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC") ?? .gmt)))
        }

        public var json: JSONValue { ["url": .string(url), "pid": .int(Int(pid)), "startedAt": .string(startedAt)] }

        public init?(json: JSONValue) {
            guard let url = json["url"]?.stringValue, let pid = json["pid"]?.intValue, let small = Int32(exactly: pid), small > 0 else { return nil }
            self.init(url: url, pid: small, startedAt: json["startedAt"]?.stringValue ?? "")
        }
    }

    /// What the data folder says about a running engine.
    public enum Discovery: Sendable, Equatable {
        /// No record, or a stale one (now removed).
        case none
        /// A live engine answered its health check.
        case running(Record)
        /// The recorded process is alive and something listens at its address, but it did not
        /// answer the health check in time (busy, or stopped with SIGSTOP).
        case notAnswering(Record)
    }

    // MARK: Connecting

    /// The client a command should use, and what to call when it is done.
    ///
    /// - `engineURL` given: an ``HTTPEngineClient`` for it (token from `$HOOKFLOW_TOKEN`, else the
    ///   data folder's `management-token` file when there is one). Not contacted here: a wrong
    ///   address fails on the first call with "cannot reach the engine at …".
    /// - Else a live `hookflow serve` recorded in the data folder: an ``HTTPEngineClient`` for it.
    /// - Else an ``Engine`` opened on the data folder in this process (its background work is not
    ///   started: one-shot commands only need what a call does), behind ``InProcessEngineClient``;
    ///   the cleanup shuts it down.
    ///
    /// Throws ``EngineError/unavailable(message:)`` when the recorded engine does not answer or
    /// the data folder cannot be opened.
    public static func connect(
        dataFolder: URL, engineURL: String? = nil, database: PostgresLocation? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger = Logger(label: "hookflow.engine")
    ) async throws(EngineError) -> (client: any EngineClient, cleanup: Cleanup) {
        if let engineURL, !engineURL.isEmpty {
            return (HTTPEngineClient(baseURL: engineURL, token: token(dataFolder: dataFolder, environment: environment)), {})
        }
        switch await runningEngine(in: dataFolder) {
        case .running(let record):
            return (HTTPEngineClient(baseURL: record.url, token: token(dataFolder: dataFolder, environment: environment)), {})
        case .notAnswering(let record):
            throw .unavailable(message: """
                the engine running on \(dataFolder.path) (pid \(record.pid), \(record.url)) did not answer within \(Int(healthTimeout)) s; \
                try again, or stop it (kill \(record.pid)) to work on the data folder directly
                """)
        case .none:
            break
        }
        var configuration = EngineConfiguration(dataFolder: dataFolder)
        configuration.database = database
        let engine = try await open(configuration, logger: logger)
        return (InProcessEngineClient(engine: engine), { await engine.shutdown() })
    }

    /// Opens an engine on the configured data folder (creating it), with an error that says
    /// which folder and why when that fails. `hookflow serve` opens its engine here too.
    /// (``open(_:logger:)`` opens the PostgreSQL store as well: the one commands use.)
    public static func openEngine(_ configuration: EngineConfiguration, logger: Logger) throws(EngineError) -> Engine {
        try openSQLiteEngine(configuration, logger: logger)
    }

    private static func openSQLiteEngine(_ configuration: EngineConfiguration, logger: Logger) throws(EngineError) -> Engine {
        let folder = configuration.dataFolder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .unavailable(message: "the data folder \(folder.path) is a file, not a folder; pass --data with a folder (or set $HOOKFLOW_HOME)")
        }
        do {
            return try Engine(configuration: configuration, logger: logger)
        } catch StoreError.newerVersion(let file, let unknown) {
            // The folder is the right one: its file says what to do instead.
            throw .unavailable(message: StoreError.newerVersion(file: file, unknownMigrations: unknown).description)
        } catch {
            throw .unavailable(message: "cannot open the data folder \(folder.path): \(describe(error)); check --data or $HOOKFLOW_HOME")
        }
    }

    /// Opens an engine on the configured store: the PostgreSQL database when the configuration
    /// names one (the data folder still holds this node's sealing key, token and records), else
    /// the data folder's SQLite file. `hookflow serve` and the designer open their engine here.
    public static func open(_ configuration: EngineConfiguration, logger: Logger) async throws(EngineError) -> Engine {
        guard let database = configuration.database else { return try openSQLiteEngine(configuration, logger: logger) }
        let folder = configuration.dataFolder
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw .unavailable(message: "the data folder \(folder.path) is a file, not a folder; pass --data with a folder (or set $HOOKFLOW_HOME)")
        }
        let sealer: SecretSealer
        do {
            for warning in try DataFolder.secure(folder) { logger.warning("\(warning)") }
            sealer = try SecretSealer.forFolder(folder)
        } catch {
            throw .unavailable(message: "cannot open the data folder \(folder.path): \(describe(error)); check --data or $HOOKFLOW_HOME")
        }
        do {
            // Few connections: several nodes share the server's connection limit (100 by default).
            // HOOKFLOW_RUN_LEASE (seconds): shorter leases for the multi-node tests; 30 s otherwise.
            let lease = ProcessInfo.processInfo.environment["HOOKFLOW_RUN_LEASE"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 30
            let store = try await PostgresStore.open(database, sealer: sealer, connections: min(configuration.readerConnections, 8), runLease: lease,
                                                     logger: logger)
            return Engine(store: store, configuration: configuration, logger: logger)
        } catch {
            throw .unavailable(message: describe(error))
        }
    }

    /// The management token for a remote engine: `$HOOKFLOW_TOKEN`, else the data folder's
    /// `management-token` file when it exists and is readable.
    public static func token(dataFolder: URL, environment: [String: String] = ProcessInfo.processInfo.environment) -> String? {
        if let token = environment[tokenEnvironmentVariable]?.trimmingCharacters(in: .whitespacesAndNewlines), !token.isEmpty { return token }
        let file = dataFolder.appendingPathComponent(EngineServer.managementTokenFileName)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return nil }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        return token.isEmpty ? nil : token
    }

    // MARK: The record

    /// Looks for a running engine in the data folder; a stale record (its process is gone, or
    /// nothing listens at its address) is removed.
    public static func runningEngine(in folder: URL) async -> Discovery {
        guard let found = readRecord(in: folder) else { return .none }
        guard let record = found else {
            // Unreadable (cut short by a crash, edited by hand): nothing can be reached through it.
            removeRecord(in: folder, ifItIs: nil)
            return .none
        }
        guard isAlive(pid: record.pid) else {
            removeRecord(in: folder, ifItIs: record)
            return .none
        }
        switch await health(of: record.url) {
        case .healthy:
            return .running(record)
        case .noAnswer:
            return .notAnswering(record)
        case .unreachable:
            // The process id was reused by something else, or the engine is shutting down.
            removeRecord(in: folder, ifItIs: record)
            return .none
        }
    }

    /// The engine recorded in the folder, whether or not it still runs (nil: none, or unreadable).
    public static func record(in folder: URL) -> Record? {
        readRecord(in: folder) ?? nil
    }

    /// The record in the folder: nil when there is no file, `.some(nil)` when it is unreadable.
    static func readRecord(in folder: URL) -> Record?? {
        let file = recordFile(in: folder)
        guard let data = try? Data(contentsOf: file) else { return nil }
        return .some((try? JSONParser.parse(data)).flatMap(Record.init(json:)))
    }

    /// Records `record` as the data folder's engine, atomically and only when no live engine
    /// owns the folder: a concurrent `serve` either finds this record or fails to write its own.
    ///
    /// Throws ``EngineError/conflict(code:message:)`` (`EngineAlreadyRunning`) naming the other
    /// engine, or ``EngineError/unavailable(message:)`` when the file cannot be written.
    public static func claim(_ record: Record, in folder: URL) async throws(EngineError) {
        let file = recordFile(in: folder)
        do {
            _ = try DataFolder.secure(folder)
        } catch {
            throw .unavailable(message: "cannot create the data folder \(folder.path): \(describe(error)); check --data")
        }
        let temporary = folder.appendingPathComponent(".\(recordFileName)-\(UUID().uuidString)")
        do {
            // Created 0600 before anything is written: the folder's files are its owner's only.
            try DataFolder.createPrivateFile(temporary)
            try Data((JSONWriter(style: .pretty(indent: "  ")).string(from: record.json) + "\n").utf8).write(to: temporary)
        } catch {
            throw .unavailable(message: "cannot write \(file.path): \(describe(error)); check the data folder's permissions")
        }
        defer { unlink(temporary.path) }
        // link() fails when the file exists: of two engines starting together only one wins.
        for _ in 0..<3 {
            if link(temporary.path, file.path) == 0 { return }
            let code = errno
            guard code == EEXIST else {
                throw .unavailable(message: "cannot write \(file.path): \(String(cString: strerror(code))); check the data folder's permissions")
            }
            switch await runningEngine(in: folder) {
            case .running(let other), .notAnswering(let other):
                throw alreadyRunning(other, folder: folder)
            case .none:
                continue  // the stale record was removed: try again
            }
        }
        throw .unavailable(message: "cannot write \(file.path): another process keeps replacing it; is another `hookflow serve` starting?")
    }

    /// Refuses when a live engine already owns the folder (and removes a stale record).
    public static func ensureNoRunningEngine(in folder: URL) async throws(EngineError) {
        switch await runningEngine(in: folder) {
        case .running(let other), .notAnswering(let other): throw alreadyRunning(other, folder: folder)
        case .none: break
        }
    }

    /// Removes the record when it is this process's (a clean exit).
    public static func release(in folder: URL, pid: Int32 = getpid()) {
        guard case .some(.some(let record)) = readRecord(in: folder), record.pid == pid else { return }
        removeRecord(in: folder, ifItIs: record)
    }

    static func alreadyRunning(_ record: Record, folder: URL) -> EngineError {
        .conflict(code: "EngineAlreadyRunning", message: """
            an engine is already running on this data folder at \(record.url) (pid \(record.pid)); \
            commands use it on their own, or stop it first (kill \(record.pid)), or pass another --data
            """)
    }

    static func recordFile(in folder: URL) -> URL { folder.appendingPathComponent(recordFileName) }

    /// Removes the file if it still holds `expected` (nil: if it is still unreadable), so a
    /// record written meanwhile by a new engine survives.
    private static func removeRecord(in folder: URL, ifItIs expected: Record?) {
        guard case .some(let current) = readRecord(in: folder), current == expected else { return }
        unlink(recordFile(in: folder).path)
    }

    /// Whether a process with this id exists (EPERM: it exists but belongs to someone else).
    static func isAlive(pid: Int32) -> Bool {
        kill(pid, 0) == 0 || errno == EPERM
    }

    // MARK: Health

    enum Health: Sendable, Equatable {
        case healthy
        /// Connected, but no answer (or no engine's answer) in time.
        case noAnswer
        /// Nothing listens there, or it is not a Hookflow engine.
        case unreachable
    }

    /// `GET {url}/management/health` (no token needed) within ``healthTimeout``.
    static func health(of url: String) async -> Health {
        let base = url.hasSuffix("/") ? String(url.dropLast()) : url
        var request = HTTPClientRequest(url: base + "/management/health")
        request.headers.add(name: "Accept", value: "application/json")
        do {
            let response = try await healthClient.execute(request, timeout: .milliseconds(Int64(healthTimeout * 1000)))
            let body = try await response.body.collect(upTo: 64 * 1024)
            guard response.status.code == 200, let json = try? JSONParser.parse(body.readableBytesView),
                json["status"]?.stringValue == "ok"
            else { return .unreachable }
            return .healthy
        } catch let error as HTTPClientError where error == .deadlineExceeded || error == .readTimeout {
            return .noAnswer
        } catch {
            return .unreachable
        }
    }

    /// Foundation's file errors read best localized; the store's errors describe themselves.
    static func describe(_ error: any Error) -> String {
        guard let error = error as? CocoaError else { return String(describing: error) }
        // "The operation could not be completed…" says less than the system's reason.
        if let underlying = error.underlying as? POSIXError { return String(cString: strerror(underlying.code.rawValue)) }
        if let path = error.filePath, error.code == .fileWriteNoPermission || error.code == .fileReadNoPermission {
            return "permission denied for \(path)"
        }
        return error.localizedDescription.hasSuffix(".") ? String(error.localizedDescription.dropLast()) : error.localizedDescription
    }
}

/// The health check's client: a refused connection fails at once instead of being retried until
/// the deadline, so a stale record is told apart from a busy engine.
private let healthClient: HTTPClient = {
    var configuration = HTTPClient.Configuration(redirectConfiguration: .disallow, timeout: .init(connect: .seconds(2)))
    configuration.connectionPool.retryConnectionEstablishment = false
    return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
}()
