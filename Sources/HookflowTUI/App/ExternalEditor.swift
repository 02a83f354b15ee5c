import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the user's editor (`$VISUAL`, else `$EDITOR`, else `vi`) on a file and waits for it to close.
///
/// The editor gets the terminal: call it between ``Terminal/suspend()`` and ``Terminal/resume()``.
/// A value with spaces or shell quoting (`EDITOR="code -w"`) runs through `/bin/sh` the way git
/// runs it (`sh -c '$EDITOR "$@"' $EDITOR FILE`); a plain name is looked up in `PATH`.
///
/// ```swift
/// try await ExternalEditor(environment: ProcessInfo.processInfo.environment).edit(file)
/// ```
public struct ExternalEditor: Sendable {
    /// The editor command as the user wrote it.
    public let command: String
    private let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let chosen = ["VISUAL", "EDITOR"].lazy.compactMap { environment[$0]?.trimmingCharacters(in: .whitespaces) }.first { !$0.isEmpty }
        self.command = chosen ?? "vi"
        self.environment = environment
    }

    /// The program and arguments that open `path`.
    public func arguments(for path: String) -> [String] {
        let shellCharacters = Set(" \t\"'\\$`|&;<>()*?[]#~=%")
        if command.contains(where: { shellCharacters.contains($0) }) {
            return ["/bin/sh", "-c", command + " \"$@\"", command, path]
        }
        return [command, path]
    }

    /// Opens `file` and waits until the editor exits (on a thread of its own, never on the
    /// concurrency pool). Throws a ``DesignerFailure`` when it cannot start or exits non-zero.
    public func edit(_ file: URL) async throws(DesignerFailure) {
        let arguments = arguments(for: file.path)
        let environment = environment
        let command = command
        let result: Result<Void, DesignerFailure> = await withCheckedContinuation { continuation in
            let thread = Thread {
                continuation.resume(returning: Self.spawnAndWait(arguments, environment: environment, command: command))
            }
            thread.start()
        }
        try result.get()
    }

    private static func spawnAndWait(_ arguments: [String], environment: [String: String], command: String) -> Result<Void, DesignerFailure> {
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The editor gets default signal handling and an empty mask, whatever this thread has.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for signal in [SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGWINCH, SIGTSTP] { sigaddset(&defaults, signal) }
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }

        // Ctrl-C and Ctrl-\ in an editor that leaves them as signals must reach the editor, not end the designer.
        var ignore = sigaction()
        sigemptyset(&ignore.sa_mask)
        #if canImport(Glibc)
        ignore.__sigaction_handler.sa_handler = SIG_IGN
        #else
        ignore.__sigaction_u.__sa_handler = SIG_IGN
        #endif
        var previousInterrupt = sigaction(), previousQuit = sigaction()
        sigaction(SIGINT, &ignore, &previousInterrupt)
        sigaction(SIGQUIT, &ignore, &previousQuit)
        defer {
            sigaction(SIGINT, &previousInterrupt, nil)
            sigaction(SIGQUIT, &previousQuit, nil)
        }

        // The editor gets the terminal (0, 1, 2) and nothing else: not the engine's sockets or database.
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        #if os(Linux)
        // glibc skips a close of a descriptor that was closed meanwhile (Darwin would fail the spawn).
        let names = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
        #else
        let names: [String] = []
        #endif
        for descriptor in names.compactMap({ Int32($0) }) where descriptor > 2 {
            posix_spawn_file_actions_addclose(&actions, descriptor)
        }

        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard spawned == 0 else {
            return .failure(DesignerFailure(
                "cannot start the editor \"\(command)\": \(String(cString: strerror(spawned))); set $VISUAL or $EDITOR to an editor on your PATH"))
        }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else {
                return .failure(DesignerFailure("lost track of the editor \"\(command)\": \(String(cString: strerror(errno)))"))
            }
        }
        let exitCode = (status >> 8) & 0xFF, signal = status & 0x7F
        if signal != 0 {
            return .failure(DesignerFailure("the editor \"\(command)\" was stopped by signal \(signal); the definition is unchanged"))
        }
        if exitCode == 127, arguments[0] == "/bin/sh" {
            return .failure(DesignerFailure("cannot start the editor \"\(command)\" (command not found); set $VISUAL or $EDITOR to an editor on your PATH"))
        }
        guard exitCode == 0 else {
            return .failure(DesignerFailure("the editor \"\(command)\" exited with status \(exitCode); the definition is unchanged"))
        }
        return .success(())
    }
}
