import Foundation
import HookflowEngine
import HookflowTestSupport
import Testing

/// A PostgreSQL database of its own for a test of the real binary (several nodes, the designer
/// on a database): on the test server (``PostgresTestServer``), skipped with a loud line when
/// none can be started — or failed when `CI` is set.
enum TestDatabase {
    /// A database of its own on the test server, dropped afterwards whatever the body did.
    static func with<T>(_ body: (PostgresLocation) async throws -> T) async throws -> T {
        let server = try await server()
        let name = "hf_cli_\(UInt32.random(in: 0...UInt32.max))"
        try await PostgresStore.createDatabase(name, on: server)
        return try await withTeardown(server.with(database: name), body) { _ in try? await PostgresStore.dropDatabase(name, on: server) }
    }

    static func server() async throws -> PostgresLocation {
        guard let url = await PostgresTestServer.url() else {
            let why = await PostgresTestServer.unavailableMessage() ?? "no server"
            if PostgresTestServer.required {
                Issue.record("CI is set but no PostgreSQL server could be started: \(why)")
                throw ServeProcess.Failure(description: why)
            }
            print("⚠️⚠️⚠️ SKIPPED (PostgreSQL): \(why). Install Debian's postgresql package or set \(PostgresTestServer.environmentVariable).")
            try Test.cancel("no PostgreSQL server: \(why)")
        }
        return try PostgresLocation(url, source: "$\(PostgresTestServer.environmentVariable)")
    }
}
