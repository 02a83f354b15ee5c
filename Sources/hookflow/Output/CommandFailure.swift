import ArgumentParser
import HookflowEngine

/// A failure the user reads on stderr, then a non-zero exit: never a stack trace, always what
/// went wrong, where, and what to do.
struct CommandFailure: Error {
    /// Written to stderr as they are (each already says where: `hookflow:`, `FILE:`, ...).
    var lines: [String]
    var exitCode: Int32 = 1

    init(lines: [String], exitCode: Int32 = 1) {
        self.lines = lines
        self.exitCode = exitCode
    }

    /// `hookflow: message`.
    init(_ message: String) { self.init(lines: ["hookflow: \(message)"]) }

    /// An engine's refusal; an invalid definition lists every problem, relative to `file` when
    /// the definition came from one (`FILE:/json/pointer: message`, as `validate` prints them).
    init(_ error: EngineError, file: String? = nil) {
        switch error {
        case .invalidDefinition(let problems):
            let source = file ?? "definition"
            var lines = problems.map { "\(source):\($0.description)" }
            lines.append("hookflow: \(error.message)")
            self.init(lines: lines)
        default:
            self.init(error.message)
        }
    }

    func write() {
        for line in lines { StandardError.write(line) }
    }

    /// Runs a command's body: a ``CommandFailure`` or ``EngineError`` is written to stderr and
    /// becomes the exit code; anything else (ArgumentParser's own errors, `ExitCode`) passes through.
    static func reporting(_ body: () async throws -> Void) async throws {
        do {
            try await body()
        } catch let failure as CommandFailure {
            failure.write()
            throw ExitCode(failure.exitCode)
        } catch let error as EngineError {
            CommandFailure(error).write()
            throw ExitCode(1)
        }
    }
}
