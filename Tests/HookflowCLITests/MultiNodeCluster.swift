import Foundation
import HookflowTestSupport
@testable import HookflowEngine
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Several `hookflow serve` nodes on one PostgreSQL database, as README's "Running several
/// nodes" sets them up: one data folder each, all holding the first node's sealing key, the same
/// `--public-url` on every node (callbacks are signed on it).
///
/// A node can be killed with SIGKILL and started again on its data folder; the processes it had
/// are kept (a lease owner names a process id; the logs of a killed process still count).
/// Use ``with(count:database:folder:environment:_:)``, which stops every node it started.
final class MultiNodeCluster: Sendable {
    static let publicURL = "http://hooks.invalid"

    /// One process of one node.
    struct Process: Sendable {
        let node: Int
        let serve: ServeProcess
        let url: String
    }

    let folders: [URL]
    let environment: [String: String]
    /// Every process started, oldest first; a node's current one is its last.
    private let processes = Mutex<[Process]>([])

    private init(folders: [URL], environment: [String: String]) {
        self.folders = folders
        self.environment = environment
    }

    /// Starts `count` nodes one after the other (the first creates the sealing key and migrates the
    /// database), runs `body`, and stops every process whatever `body` did.
    static func with<T>(count: Int, database: PostgresLocation, folder: URL, environment: [String: String] = [:],
                        _ body: (MultiNodeCluster) async throws -> T) async throws -> T {
        var env = environment
        env["HOOKFLOW_DATABASE_URL"] = database.url
        let cluster = MultiNodeCluster(folders: (1...count).map { folder.appendingPathComponent("node\($0)") }, environment: env)
        return try await withTeardown(cluster, { cluster in
            for node in 0..<count {
                if node > 0 {
                    let key = cluster.folders[node].appendingPathComponent(SecretSealer.keyFileName)
                    if !FileManager.default.fileExists(atPath: key.path) {
                        try FileManager.default.createDirectory(at: cluster.folders[node], withIntermediateDirectories: true)
                        try FileManager.default.copyItem(at: cluster.folders[0].appendingPathComponent(SecretSealer.keyFileName), to: key)
                    }
                }
                try await cluster.start(node)
            }
            return try await body(cluster)
        }, teardown: { await $0.stopAll() })
    }

    private func start(_ node: Int) async throws {
        let serve = try ServeProcess(["--port", "0", "--data", folders[node].path, "--public-url", Self.publicURL], environment: environment)
        // Kept before it listens: a node that does not start is stopped with the others.
        processes.withLock { $0.append(Process(node: node, serve: serve, url: "")) }
        let url = try await serve.waitForListening()
        processes.withLock { list in
            if let index = list.lastIndex(where: { $0.serve === serve }) { list[index] = Process(node: node, serve: serve, url: url) }
        }
    }

    var count: Int { folders.count }

    /// The node's current process.
    func current(_ node: Int) -> Process? { processes.withLock { list in list.last { $0.node == node } } }

    /// Where to reach the node now ("" while it starts).
    func url(_ node: Int) -> String { current(node)?.url ?? "" }

    /// The node a process id belongs to, and whether that process is the node's current one.
    func node(ofPID pid: Int32) -> (node: Int, current: Bool)? {
        processes.withLock { list in
            guard let process = list.first(where: { $0.serve.pid == pid }) else { return nil }
            return (process.node, list.last { $0.node == process.node }?.serve === process.serve)
        }
    }

    /// The node a `lease_owner` names (`host:pid:random`, see ``PostgresStore/nodeID``).
    func node(ofLeaseOwner owner: String) -> (node: Int, current: Bool)? {
        let parts = owner.split(separator: ":")
        guard parts.count >= 3, let pid = Int32(parts[parts.count - 2]) else { return nil }
        return node(ofPID: pid)
    }

    /// SIGKILL to the node's current process; returns once it is gone.
    func kill(_ node: Int) async {
        await current(node)?.serve.stop(signal: SIGKILL)
    }

    /// Starts the node again on its data folder.
    func restart(_ node: Int) async throws {
        try await start(node)
    }

    /// What each process of the node wrote to stderr (its log), oldest process first.
    func logs(_ node: Int) -> [String] {
        processes.withLock { list in list.filter { $0.node == node }.map(\.serve.stderr) }
    }

    /// The log lines of every process of the node that contain `text`.
    func lines(_ node: Int, containing text: String) -> [String] {
        logs(node).flatMap { $0.split(separator: "\n").map(String.init) }.filter { $0.contains(text) }
    }

    /// Writes each process's log to `folder` (`node2-1.log`: node 2's first process), for a reader
    /// who wants more than the summary (`HOOKFLOW_MULTINODE_LOGS=/some/folder`).
    func saveLogs(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for node in 0..<count {
            for (index, log) in logs(node).enumerated() {
                try log.write(to: folder.appendingPathComponent("node\(node + 1)-\(index + 1).log"), atomically: true, encoding: .utf8)
            }
        }
    }

    /// SIGTERM to every process still running, each awaited.
    func stopAll() async {
        for process in processes.withLock({ $0 }) { await process.serve.stop() }
    }
}
