/// Runs operations on the same key one after another (saves, toggles and subscribe retries of
/// one app never interleave), while different keys proceed in parallel.
actor KeyedSerialExecutor {
    private var tails: [String: Task<Void, Never>] = [:]

    func run<T: Sendable>(_ key: String, _ operation: @escaping @Sendable () async throws(EngineError) -> T) async throws(EngineError) -> T {
        let previous = tails[key]
        let task = Task { () -> Result<T, EngineError> in
            await previous?.value
            do throws(EngineError) { return .success(try await operation()) } catch { return .failure(error) }
        }
        let tail = Task { _ = await task.value }
        tails[key] = tail
        let result = await task.value
        if tails[key] == tail { tails[key] = nil }
        return try result.get()
    }
}
