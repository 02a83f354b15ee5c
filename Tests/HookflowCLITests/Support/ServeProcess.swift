import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// `hookflow serve` running as a child process, its output collected as it comes.
///
/// Use ``with(_:environment:_:)``, which always stops it: SIGTERM, then a wait with a deadline,
/// then SIGKILL. Shared between tasks (a crash test kills it from one and reads it from another):
/// `Process` guards its own state and the output is behind a mutex.
final class ServeProcess: @unchecked Sendable {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let process: Process
    private let output = Output()
    /// Kept so their readability handlers can be cancelled before the descriptors close:
    /// libdispatch on Linux crashes (`_dispatch_event_loop_drain`) when a descriptor it watches
    /// is closed and its number reused by another thread.
    private let pipes: [Pipe]

    /// Written by the pipes' handlers (on their own threads), read by the test.
    private final class Output: Sendable {
        let text = Mutex((stdout: "", stderr: ""))
        /// How many of the two pipes reached end of file.
        let ended = Mutex(0)
    }

    var pid: Int32 { process.processIdentifier }
    var stdout: String { output.text.withLock { $0.stdout } }
    var stderr: String { output.text.withLock { $0.stderr } }
    var isRunning: Bool { process.isRunning }

    /// Starts `hookflow serve ARGUMENTS` (nothing is awaited; see ``waitForListening(timeout:)``),
    /// under `umask` when one is given (through `sh`, which then becomes the binary).
    init(_ arguments: [String], environment: [String: String] = [:], umask: String? = nil) throws {
        process = Process()
        if let umask {
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", HookflowBinary.url.path, "serve"] + arguments
        } else {
            process.executableURL = HookflowBinary.url
            process.arguments = ["serve"] + arguments
        }
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        pipes = [out, err]
        out.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            // End of file: stop watching the descriptor now, while it is still open.
            guard !data.isEmpty else { handle.readabilityHandler = nil; output.ended.withLock { $0 += 1 }; return }
            output.text.withLock { $0.stdout += String(decoding: data, as: UTF8.self) }
        }
        err.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            guard !data.isEmpty else { handle.readabilityHandler = nil; output.ended.withLock { $0 += 1 }; return }
            output.text.withLock { $0.stderr += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    deinit { stopWatching() }

    /// Cancels the pipes' readability handlers (idempotent).
    private func stopWatching() {
        for pipe in pipes { pipe.fileHandleForReading.readabilityHandler = nil }
    }

    /// Starts serve, runs `body`, and stops serve whatever `body` did.
    static func with<T>(_ arguments: [String], environment: [String: String] = [:], umask: String? = nil,
                        _ body: (ServeProcess) async throws -> T) async throws -> T {
        let serve = try ServeProcess(arguments, environment: environment, umask: umask)
        do {
            let value = try await body(serve)
            await serve.stop()
            return value
        } catch {
            await serve.stop()
            throw error
        }
    }

    /// Waits for the `hookflow engine listening on URL (data: …)` line and returns the URL.
    func waitForListening(timeout: TimeInterval = 60) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let url = Self.listeningURL(in: stdout) { return url }
            if !process.isRunning {
                try await Task.sleep(nanoseconds: 50_000_000)  // let the last output arrive
                throw Failure(description: "serve exited with \(process.terminationStatus) before listening; stdout: \(stdout) stderr: \(stderr)")
            }
            try await Task.sleep(nanoseconds: 20_000_000)
        }
        throw Failure(description: "serve did not print its listening line within \(Int(timeout)) s; stdout: \(stdout) stderr: \(stderr)")
    }

    static func listeningURL(in text: String) -> String? {
        let prefix = "hookflow engine listening on "
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else { return nil }
        return line.dropFirst(prefix.count).split(separator: " ").first.map(String.init)
    }

    /// Waits (with a deadline) for serve to exit by itself, as it does when it cannot start;
    /// returns how it ended (nil: still running at the deadline).
    func waitForExit(timeout: TimeInterval = 60) async throws -> (reason: Process.TerminationReason, status: Int32)? {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try await Task.sleep(nanoseconds: 20_000_000) }
        if process.isRunning { return nil }
        process.waitUntilExit()
        try await Task.sleep(nanoseconds: 50_000_000)  // let the last output arrive
        return (process.terminationReason, process.terminationStatus)
    }

    /// Sends `signal` (SIGTERM by default) and waits for the exit; returns the exit status.
    @discardableResult
    func stop(signal: Int32 = SIGTERM, timeout: TimeInterval = 20) async -> Int32 {
        if process.isRunning { kill(process.processIdentifier, signal) }
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { try? await Task.sleep(nanoseconds: 20_000_000) }
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            await collectTheRest()
            return -1
        }
        process.waitUntilExit()
        await collectTheRest()
        return process.terminationStatus
    }

    /// After the exit: waits (2 s at most) for both pipes' last output and end of file, then
    /// stops watching them.
    private func collectTheRest() async {
        let deadline = Date().addingTimeInterval(2)
        while output.ended.withLock({ $0 }) < 2, Date() < deadline { try? await Task.sleep(nanoseconds: 10_000_000) }
        stopWatching()
    }
}
