import Foundation
import Synchronization

/// A program the benchmark starts in its own process: the engine, the hello-world server, wrk,
/// the open-loop sender, strace. Its standard output is collected line by line (a dedicated
/// thread reads the pipe, so no Swift concurrency thread ever blocks on it); its standard error
/// goes to a file, kept for when something looks wrong.
final class ChildProcess: Sendable {
    let name: String
    let pid: Int32
    let errorLog: URL
    private let process: Mutex<Process>
    private let output = LineBuffer()

    init(_ executable: URL, _ arguments: [String], name: String, errorLog: URL) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: errorLog)
        try process.run()
        self.name = name
        self.pid = process.processIdentifier
        self.errorLog = errorLog
        self.process = Mutex(process)
        let output = self.output
        let reading = pipe.fileHandleForReading
        let reader = Thread {
            var pending = Data()
            while true {
                let chunk = reading.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = String(decoding: pending[pending.startIndex..<newline], as: UTF8.self)
                    pending.removeSubrange(pending.startIndex...newline)
                    output.lines.withLock { $0.append(line) }
                }
            }
            if !pending.isEmpty { output.lines.withLock { $0.append(String(decoding: pending, as: UTF8.self)) } }
        }
        reader.start()
    }

    /// Every line printed so far.
    var lines: [String] { output.lines.withLock { $0 } }

    var isRunning: Bool { process.withLock { $0.isRunning } }

    /// The first line printed that starts with `prefix`, waiting for it up to `timeout`.
    func line(startingWith prefix: String, timeout: Duration) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let line = lines.first(where: { $0.hasPrefix(prefix) }) { return line }
            guard isRunning else { throw BenchmarkError("\(name) exited (status \(exitStatus)) before printing \"\(prefix)\"; see \(errorLog.path)") }
            guard ContinuousClock.now < deadline else { throw BenchmarkError("\(name) printed no \"\(prefix)\" line within \(timeout); see \(errorLog.path)") }
            try await Task.sleep(for: .milliseconds(5))
        }
    }

    /// Waits for the process to end and returns its exit status.
    @discardableResult
    func waitForExit(timeout: Duration = .seconds(3600)) async throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while isRunning {
            guard ContinuousClock.now < deadline else { throw BenchmarkError("\(name) still runs after \(timeout)") }
            try await Task.sleep(for: .milliseconds(5))
        }
        // The reader thread may still be taking the last lines out of the pipe.
        try await Task.sleep(for: .milliseconds(20))
        return exitStatus
    }

    var exitStatus: Int32 { process.withLock { $0.isRunning ? -1 : $0.terminationStatus } }

    func signal(_ number: Int32) { if isRunning { kill(pid, number) } }

    /// SIGTERM (a clean stop: the engine closes its store), then SIGKILL if it has not ended within `grace`.
    func stop(grace: Duration = .seconds(30)) async {
        signal(SIGTERM)
        if (try? await waitForExit(timeout: grace)) == nil {
            signal(SIGKILL)
            _ = try? await waitForExit(timeout: .seconds(10))
        }
    }
}

/// Lines a child printed, shared with the thread that reads them.
private final class LineBuffer: Sendable {
    let lines = Mutex<[String]>([])
}
