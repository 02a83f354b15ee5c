import Foundation

/// Polls a condition until it holds or the deadline passes: tests wait on conditions, never on bare sleeps.
public func eventually(timeout: TimeInterval = 30, _ what: String, _ condition: () async throws -> Bool) async throws {
    let deadline = Date().addingTimeInterval(timeout)
    while Date() < deadline {
        if try await condition() { return }
        try await Task.sleep(nanoseconds: 20_000_000)
    }
    throw ConditionTimeout(what: what)
}

/// A condition that did not hold before its deadline.
public struct ConditionTimeout: Error, CustomStringConvertible {
    public let what: String
    public init(what: String) { self.what = what }
    public var description: String { "timed out waiting for: \(what)" }
}
