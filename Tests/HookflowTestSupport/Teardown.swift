/// Runs `body` with `value`, then awaits `teardown(value)`, also when the body throws: what a
/// test started is stopped inside the test's scope, never left to a `defer { Task { … } }`
/// that outlives it.
///
/// ```swift
/// static func with(_ body: (FakeWebhookService) async throws -> Void) async throws {
///     try await withTeardown(try await start(), body) { await $0.stop() }
/// }
/// ```
public func withTeardown<Value, Result>(_ value: Value, _ body: (Value) async throws -> Result,
                                        teardown: (Value) async -> Void) async throws -> Result {
    let result: Result
    do { result = try await body(value) } catch {
        await teardown(value)
        throw error
    }
    await teardown(value)
    return result
}
