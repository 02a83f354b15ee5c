import Foundation
import HookflowEngine
import Synchronization

/// The engine the workbench talks to now, and whether (and where) to look for it again.
///
/// Everything in the host that calls the engine (``WorkbenchEffectRunner``, ``EngineEventFeed``)
/// asks it for ``client`` at each call, so once the engine moved every later call goes to the
/// new address.
///
/// ```swift
/// let connection = EngineConnection.following(dataFolder: folder, client: client)
/// // the serve restarted elsewhere:
/// if let description = await connection.rediscover() { … }   // "http://127.0.0.1:40213 (hookflow serve, pid 4321)"
/// ```
///
/// Only an engine found through the data folder's `engine.json` may move: `--engine URL` names
/// one address, and the designer's in-process engine lives as long as the designer.
public final class EngineConnection: Sendable {
    /// Where to look for the engine again, and with which token.
    private struct DataFolderEngine: Sendable {
        let folder: URL
        let environment: [String: String]
    }

    private let current: Mutex<any EngineClient>
    private let rediscovery: DataFolderEngine?

    private init(client: any EngineClient, rediscovery: DataFolderEngine?) {
        self.current = Mutex(client)
        self.rediscovery = rediscovery
    }

    /// An engine that stays where it is (`--engine URL`, the in-process engine, a test's client).
    public static func fixed(_ client: any EngineClient) -> EngineConnection {
        EngineConnection(client: client, rediscovery: nil)
    }

    /// The `hookflow serve` recorded in `dataFolder`, reached through `client`: when it stops, the
    /// data folder says where it runs again.
    public static func following(
        dataFolder: URL, client: any EngineClient, environment: [String: String] = ProcessInfo.processInfo.environment
    ) -> EngineConnection {
        EngineConnection(client: client, rediscovery: DataFolderEngine(folder: dataFolder, environment: environment))
    }

    /// The client to use for the next call.
    public var client: any EngineClient { current.withLock { $0 } }

    /// Whether the engine may move (it was found through the data folder).
    public var mayMove: Bool { rediscovery != nil }

    /// How the header names a `hookflow serve` found on the data folder.
    public static func describe(serve record: EngineLocator.Record, client: HTTPEngineClient) -> String {
        "\(client.baseURL) (hookflow serve, pid \(record.pid))"
    }

    /// Reads the data folder again: when a live engine now answers at another address, switches
    /// ``client`` to it and returns its description for the header; else `nil` (nothing to follow,
    /// no engine recorded, the same address, or one that does not answer).
    public func rediscover() async -> String? {
        guard let rediscovery else { return nil }
        guard case .running(let record) = await EngineLocator.runningEngine(in: rediscovery.folder) else { return nil }
        let moved = HTTPEngineClient(
            baseURL: record.url, token: EngineLocator.token(dataFolder: rediscovery.folder, environment: rediscovery.environment))
        let switched = current.withLock { current in
            guard current.endpointDescription != moved.endpointDescription else { return false }
            current = moved
            return true
        }
        return switched ? Self.describe(serve: record, client: moved) : nil
    }
}
