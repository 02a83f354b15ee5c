import Foundation

extension HookflowBinary {
    /// Runs the binary on a thread of its own, so a test awaiting it never blocks the
    /// concurrency pool that the in-test fake services answer on.
    static func launch(_ arguments: [String], environment: [String: String] = [:], in folder: URL? = nil) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread {
                continuation.resume(with: Swift.Result { try HookflowBinary.run(arguments, environment: environment, in: folder) })
            }.start()
        }
    }
}
