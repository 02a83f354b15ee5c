import Foundation
import HookflowEngine

#if canImport(Glibc)
import Glibc
#endif

/// A throwaway PostgreSQL cluster for the nodes section, started as a user would start one from
/// Debian's binaries (`/usr/lib/postgresql/*/bin`): `initdb` in a temporary folder with a random
/// password, `pg_ctl start` on 127.0.0.1 and a free port, as the `postgres` user when the benchmark
/// runs as root (initdb refuses root). Stopped by ``stop()``, and by a watchdog shell that waits
/// for the benchmark's process to end, so a crash or Ctrl-C leaves no server behind.
///
/// Durability as shipped: `fsync=on`, `synchronous_commit=on` (durable is the point). The only
/// settings changed are the ones ``settings`` lists, sized as a user would size them for a write load.
final class PostgresCluster: Sendable {
    /// What the cluster runs with beyond initdb's defaults, as `-c name=value` (BENCHMARKS.md names them).
    static let settings = [
        // Room for the run table and its indexes (the default is 128MB).
        "shared_buffers=512MB",
        // Fewer checkpoints in a 10 s window of thousands of inserts a second (the default is 1GB).
        "max_wal_size=4GB",
        // Said out loud, though they are the defaults: every commit waits for its WAL flush.
        "fsync=on",
        "synchronous_commit=on",
    ]

    /// The server's `postgres` database, with the password: `postgres://postgres:…@127.0.0.1:PORT/postgres?sslmode=disable`.
    let url: String
    let folder: String
    let version: String
    private let bin: String
    private let asRoot: Bool

    private init(url: String, folder: String, version: String, bin: String, asRoot: Bool) {
        self.url = url
        self.folder = folder
        self.version = version
        self.bin = bin
        self.asRoot = asRoot
    }

    static func start() throws -> PostgresCluster {
        guard let bin = binaries() else {
            throw BenchmarkError("no PostgreSQL server binaries (looked for /usr/lib/postgresql/*/bin/initdb): `apt-get install -y postgresql`, or give --database URL")
        }
        let root = getuid() == 0
        if root, getpwnam("postgres") == nil { throw BenchmarkError("running as root and there is no postgres user to run the server as") }
        let folder = "/tmp/hookflow-bench-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let password = "hf-\(UUID().uuidString)"
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: folder)
        try Data(password.utf8).write(to: URL(fileURLWithPath: folder + "/pwfile"))
        if root { try Spawn.run("/bin/chown", ["-R", "postgres:postgres", folder]) }
        let port = try freePort()
        let cluster = PostgresCluster(url: "postgres://postgres:\(password)@127.0.0.1:\(port)/postgres?sslmode=disable", folder: folder,
                                      version: URL(fileURLWithPath: bin).deletingLastPathComponent().lastPathComponent, bin: bin, asRoot: root)
        try cluster.asServerUser("initdb", ["-D", folder + "/data", "-U", "postgres", "--pwfile=" + folder + "/pwfile", "-A", "scram-sha-256"])
        let options = (["-h 127.0.0.1", "-p \(port)", "-k \(folder)"] + settings.map { "-c \($0)" }).joined(separator: " ")
        try cluster.asServerUser("pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "60", "-o", options, "start"])
        // However the benchmark ends, the server stops (and its folder goes) once the benchmark's process is gone.
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(cluster.stopCommand) >/dev/null 2>&1; rm -rf \(folder)"]
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
        return cluster
    }

    /// The postmaster's process id (the first line of `postmaster.pid`).
    var postmaster: Int32? {
        let text = (try? String(contentsOfFile: folder + "/data/postmaster.pid", encoding: .utf8)) ?? ""
        return text.split(separator: "\n").first.flatMap { Int32($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// CPU seconds of the whole server so far: the postmaster, every backend and helper alive now,
    /// and those that have ended (the postmaster's waited-for children's time). The difference of
    /// two readings is the server's CPU in between, even when a backend ends in between.
    var cpuSeconds: Double {
        guard let postmaster else { return .nan }
        guard let own = ProcessStats.cpuSecondsWithEndedChildren(postmaster) else { return .nan }
        return own + ProcessStats.children(postmaster).reduce(0) { $0 + (ProcessStats.cpuSeconds($1) ?? 0) }
    }

    /// The server's log (errors and warnings from the nodes' sessions end up here).
    var logFile: String { folder + "/log" }

    func stop() {
        _ = try? asServerUser("pg_ctl", ["-D", folder + "/data", "-m", "fast", "-w", "-t", "60", "stop"])
    }

    /// Lines of the server's log that are not routine (`LOG:` lines about checkpoints and start/stop are).
    func problems() -> [String] {
        let text = (try? String(contentsOfFile: logFile, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { $0.contains("ERROR:") || $0.contains("WARNING:") || $0.contains("FATAL:") || $0.contains("PANIC:") }
    }

    private var stopCommand: String { (asRoot ? "/usr/sbin/runuser -u postgres -- " : "") + "\(bin)/pg_ctl -D \(folder)/data -m immediate stop" }

    private func asServerUser(_ tool: String, _ arguments: [String]) throws {
        if asRoot { try Spawn.run("/usr/sbin/runuser", ["-u", "postgres", "--", bin + "/" + tool] + arguments) } else { try Spawn.run(bin + "/" + tool, arguments) }
    }

    /// The newest installed server's `bin` folder.
    private static func binaries() -> String? {
        let base = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let bin = "\(base)/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb") { return bin }
        }
        return nil
    }

    /// A port nothing listens on now (bound to 0, then closed).
    private static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw BenchmarkError("no socket to find a free port with") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw BenchmarkError("cannot bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
