import Foundation
import Logging
import PostgresNIO

extension PostgresStore {
    /// Creates the database `name` on the server of `server` (connected through its database):
    /// what the tests do for each test, and what an operator may do once with `createdb`.
    public static func createDatabase(_ name: String, on server: PostgresLocation) async throws {
        try await administer(server) { client in
            // An identifier cannot be a bind parameter; the name is checked to be a plain one.
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }), name.first?.isLetter == true else {
                throw PostgresLocation.LocationError(message: "\"\(name)\" is not a plain database name (letters, digits, _)")
            }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
    }

    /// Drops the database `name` (tests clean up after themselves).
    public static func dropDatabase(_ name: String, on server: PostgresLocation) async throws {
        try await administer(server) { client in
            guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return }
            try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"))
        }
    }

    /// The first column of the first row of `sql` as stored (for tests and diagnostics: which
    /// form a packed column has); nil when there is no row or the value is NULL.
    func rawBytes(_ sql: String) async throws -> Data? {
        guard let row = try await rows(PostgresQuery(unsafeSQL: sql)).first, let cell = row.first(where: { _ in true }),
            let buffer = cell.bytes else { return nil }
        return Data(buffer.readableBytesView)
    }

    private static func administer(_ server: PostgresLocation, _ body: (PostgresClient) async throws -> Void) async throws {
        let client = PostgresClient(configuration: server.clientConfiguration(connections: 1))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            try await body(client)
        }
    }
}
