import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The PostgreSQL server the tests use: `$HOOKFLOW_TEST_POSTGRES_URL` (what `.ci/run` exports
/// after starting a throwaway cluster), else a throwaway cluster this test process starts itself
/// from the PostgreSQL binaries installed here (initdb in a temporary folder, a password, loopback
/// only, a free port), stopped by a watchdog when the test process ends.
///
/// No server and none can be started: ``url()`` returns nil and the PostgreSQL cases skip with a
/// loud line — unless `CI` is set, where that is a failure (``unavailableMessage``).
public enum PostgresTestServer {
    public static let environmentVariable = "HOOKFLOW_TEST_POSTGRES_URL"

    /// The server's URL (its `postgres` database), or nil when none can be had.
    public static func url() async -> String? {
        await shared.url()
    }

    /// Why there is no server (nil when there is one).
    public static func unavailableMessage() async -> String? {
        await shared.problem()
    }

    /// Whether a missing server is a failure (CI) rather than a skip.
    public static var required: Bool {
        let value = ProcessInfo.processInfo.environment["CI"] ?? ""
        return !value.isEmpty && value != "0" && value.lowercased() != "false"
    }

    private static let shared = Starter()

    private actor Starter {
        private var started: Result<String, StartFailure>?

        func url() -> String? {
            if started == nil { started = start() }
            if case .success(let url) = started { return url }
            return nil
        }

        func problem() -> String? {
            if started == nil { started = start() }
            if case .failure(let failure) = started { return failure.message }
            return nil
        }

        private func start() -> Result<String, StartFailure> {
            if let url = ProcessInfo.processInfo.environment[PostgresTestServer.environmentVariable], !url.isEmpty { return .success(url) }
            do { return .success(try startCluster()) } catch let failure as StartFailure { return .failure(failure) } catch {
                return .failure(StartFailure(message: "\(error)"))
            }
        }
    }

    struct StartFailure: Error {
        let message: String
    }

    /// initdb + pg_ctl start, as the `postgres` user when this process is root (initdb refuses root).
    static func startCluster() throws -> String {
        guard let bin = binaries() else {
            throw StartFailure(message: "no PostgreSQL server binaries (looked for /usr/lib/postgresql/*/bin/initdb); install Debian's postgresql package or set \(environmentVariable)")
        }
        let root = getuid() == 0
        if root, getpwnam("postgres") == nil { throw StartFailure(message: "running as root and there is no postgres user to run the server as") }
        let folder = "/tmp/hookflow-test-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let password = "hf-\(UUID().uuidString)"
        try Data(password.utf8).write(to: URL(fileURLWithPath: folder + "/pwfile"))
        if root {
            try run("/bin/chown", ["-R", "postgres:postgres", folder])
        }
        let port = try freePort()
        func asServerUser(_ tool: String, _ arguments: [String]) throws {
            if root { try run("/usr/sbin/runuser", ["-u", "postgres", "--", bin + "/" + tool] + arguments) } else { try run(bin + "/" + tool, arguments) }
        }
        try asServerUser("initdb", ["-D", folder + "/data", "-U", "postgres", "--pwfile=" + folder + "/pwfile", "-A", "scram-sha-256", "--no-sync"])
        try asServerUser("pg_ctl", ["-D", folder + "/data", "-l", folder + "/log", "-w", "-t", "60", "-o",
                                    "-h 127.0.0.1 -p \(port) -k \(folder) -c fsync=off -c max_connections=300", "start"])
        // Stops the server (and removes its folder) once this test process is gone.
        let stop = (root ? "/usr/sbin/runuser -u postgres -- " : "") + "\(bin)/pg_ctl -D \(folder)/data -m immediate stop"
        let watchdog = Process()
        watchdog.executableURL = URL(fileURLWithPath: "/bin/sh")
        watchdog.arguments = ["-c", "while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done; \(stop) >/dev/null 2>&1; rm -rf \(folder)"]
        watchdog.standardOutput = FileHandle.nullDevice
        watchdog.standardError = FileHandle.nullDevice
        try watchdog.run()
        return "postgres://postgres:\(password)@127.0.0.1:\(port)/postgres?sslmode=disable"
    }

    static func binaries() -> String? {
        let base = "/usr/lib/postgresql"
        let versions = (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        for version in versions.sorted(by: { (Int($0) ?? 0) > (Int($1) ?? 0) }) {
            let bin = "\(base)/\(version)/bin"
            if FileManager.default.isExecutableFile(atPath: bin + "/initdb") { return bin }
        }
        return nil
    }

    /// Runs `tool` and waits for it with waitpid (Foundation's Process did not notice runuser's
    /// exit here once pg_ctl had started a server); output goes to a file shown on failure.
    static func run(_ tool: String, _ arguments: [String]) throws {
        let log = "/tmp/hookflow-pg-tool-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        defer { unlink(log) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([tool] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, tool, &actions, nil, argv, environ)
        guard spawned == 0 else { throw StartFailure(message: "cannot start \(tool): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exited = (status & 0x7f) == 0
        let code = (status >> 8) & 0xff
        guard exited && code == 0 else {
            let output = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            throw StartFailure(message: "\(tool) \(arguments.joined(separator: " ")) failed (status \(status)): \(output)")
        }
    }

    /// A port nothing listens on now (bound to 0, then closed).
    public static func freePort() throws -> Int {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { throw StartFailure(message: "no socket for a free port") }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.bind(socket, $0, length) == 0 && getsockname(socket, $0, &length) == 0 }
        }
        guard bound else { throw StartFailure(message: "cannot bind a socket to find a free port") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
