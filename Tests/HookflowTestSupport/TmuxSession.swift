import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A real terminal for end-to-end tests: a private tmux server (its own socket, no config file)
/// running one shell script in a pane of a fixed size, driven with `send-keys` and read with
/// `capture-pane`, the way fzf and tig test themselves.
///
/// ```swift
/// let session = try TmuxSession(script: "'\(hookflow)' design --data /tmp/x", in: folder)
/// defer { session.close() }
/// try session.sendKeys("Enter")
/// try await session.waitFor("the palette") { $0.contains("HTTP Webhook") }
/// ```
///
/// The script runs under `sh`; what it prints after the program ends stays on screen, because
/// the pane is kept open (`sleep`) until ``close()``.
public final class TmuxSession {
    /// Where tmux is installed, if it is.
    public static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Whether the tests run here: tmux is installed, or CI says they must (and fail without it).
    public static var shouldRun: Bool { tmuxPath != nil || ProcessInfo.processInfo.environment["CI"] == "true" }

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    public let folder: URL
    private let socket: String

    /// Starts a detached session of `width`×`height` cells running `script` with `sh`.
    ///
    /// The pane's environment is this process's without `EDITOR`, `VISUAL`, `NO_COLOR`,
    /// `HOOKFLOW_THEME` and `LC_ALL`, with `TERM=xterm-256color` and `LANG=C.UTF-8`, plus `environment`.
    public init(script: String, width: Int = 120, height: Int = 40, environment: [String: String] = [:], in folder: URL) throws {
        guard Self.tmuxPath != nil else { throw Failure(description: "tmux is not installed (apt-get install tmux); .ci/run installs it") }
        self.folder = folder
        // Short: a socket path has a length limit of about 100 bytes.
        socket = "/tmp/hookflow-tmux-\(UUID().uuidString.prefix(12))"
        let scriptFile = folder.appendingPathComponent("session.sh")
        try (script + "\n").write(to: scriptFile, atomically: true, encoding: .utf8)

        var env = ProcessInfo.processInfo.environment
        for key in ["EDITOR", "VISUAL", "NO_COLOR", "HOOKFLOW_THEME", "LC_ALL", "TMUX", "TMUX_PANE"] { env[key] = nil }
        env["TERM"] = "xterm-256color"
        env["LANG"] = "C.UTF-8"
        for (key, value) in environment { env[key] = value }
        // The server takes its environment from the process that starts it; the pane gets TERM from
        // default-terminal, so TERM is set again in the command.
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "env TERM=xterm-256color sh \(Self.quote(scriptFile.path))"],
                 environment: env)
    }

    /// Stops the tmux server and whatever still runs in it.
    public func close() {
        _ = try? tmux(["kill-server"])
        unlink(socket)
    }

    deinit { close() }

    /// Sends keys in tmux's names (`Enter`, `Escape`, `Tab`, `C-s`, `q`).
    public func sendKeys(_ keys: String...) throws {
        try tmux(["send-keys", "-t", "0"] + keys)
    }

    /// Types `text` as it is (no key names).
    public func type(_ text: String) throws {
        try tmux(["send-keys", "-t", "0", "-l", text])
    }

    /// The pane's text, one line per row (trailing spaces trimmed by tmux).
    public func capture() throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"])
    }

    /// Gives the window a new size (the program gets SIGWINCH).
    public func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", "0", "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds and returns that screen; after `timeout` throws
    /// with what was awaited and the last screen.
    @discardableResult
    public func waitFor(_ what: String, timeout: Duration = .seconds(10), _ condition: (String) -> Bool) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        var screen = ""
        while ContinuousClock.now < deadline {
            screen = try capture()
            if condition(screen) { return screen }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(what); the screen was:\n\(Self.framed(screen))")
    }

    /// Polls until `file` in the session's folder exists with a complete last line, and returns its text.
    public func waitForFile(_ name: String, timeout: Duration = .seconds(10)) async throws -> String {
        let file = folder.appendingPathComponent(name)
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if let text = try? String(contentsOf: file, encoding: .utf8), text.hasSuffix("\n") { return text }
            try await Task.sleep(for: .milliseconds(40))
        }
        throw Failure(description: "timed out after \(timeout) waiting for \(file.path); the screen was:\n\(Self.framed((try? capture()) ?? ""))")
    }

    /// The screen with a ruler, for failure messages.
    public static func framed(_ screen: String) -> String {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
        return "+" + String(repeating: "-", count: 40) + "\n" + lines.map { "|" + $0 }.joined(separator: "\n") + "\n+" + String(repeating: "-", count: 40)
    }

    /// This process's open descriptors above stderr (those without close-on-exec reach a child).
    private static func inheritedDescriptors() -> [Int32] {
        #if os(Linux)
        // glibc skips a close of a descriptor that was closed meanwhile (Darwin would fail the spawn).
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        #else
        let names: [String] = []
        #endif
        return names.compactMap { Int32($0) }.filter { $0 > 2 }
    }

    private func systemClose(_ descriptor: Int32) {
        #if canImport(Glibc)
        _ = Glibc.close(descriptor)
        #else
        _ = Darwin.close(descriptor)
        #endif
    }

    /// Quotes a word for `sh`.
    public static func quote(_ word: String) -> String {
        "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Runs tmux on the private socket and returns what it printed.
    ///
    /// posix_spawn rather than Process: Foundation's Process waits for descriptors the daemonised
    /// tmux server inherits, so `new-session` would not return until the server exits.
    @discardableResult
    private func tmux(_ arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        let path = Self.tmuxPath ?? "/usr/bin/tmux"
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw Failure(description: "cannot create a pipe: \(String(cString: strerror(errno)))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Only capture-pane prints; the server that new-session starts must not hold the pipe open.
        if arguments.first == "capture-pane" {
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, output[1])
        // The server outlives this call: it must not keep other tests' pipes and sockets open.
        for descriptor in Self.inheritedDescriptors() where descriptor != output[0] && descriptor != output[1] {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }
        // Nor this thread's signal mask (Swift's threads block most signals): tmux would miss
        // SIGCHLD and SIGTERM, and the program in the pane would inherit the mask.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t(), defaults = sigset_t()
        sigemptyset(&empty)
        sigemptyset(&defaults)
        for signal in Int32(1)..<32 where signal != SIGKILL && signal != SIGSTOP { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = ([path, "-S", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        systemClose(output[1])
        defer { systemClose(output[0]) }
        guard spawned == 0 else { throw Failure(description: "cannot run \(path): \(String(cString: strerror(spawned)))") }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 8192)
        while true {
            let count = read(output[0], &chunk, chunk.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status != 0 && arguments.first != "kill-server" {
            throw Failure(description: "tmux \(arguments.joined(separator: " ")) failed with status \(status)")
        }
        return String(decoding: data, as: UTF8.self)
    }
}
