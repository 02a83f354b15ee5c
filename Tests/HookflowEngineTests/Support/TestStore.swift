import Foundation
import HookflowTestSupport
import Testing
@testable import HookflowEngine

/// The stores the contract suite runs against: one test body, each kind (as GRDB's tests run one
/// body against several database kinds).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Whether claimed work is leased in the database (several nodes share it) rather than in the
    /// engine's memory (one process owns the SQLite file).
    var leasesInTheDatabase: Bool { self == .postgres }
}

/// Where one test's store lives: a temporary folder, and for PostgreSQL a database of its own
/// (tests run in parallel without seeing each other's rows).
struct TestStorePlace: Sendable {
    let kind: StoreKind
    let folder: URL
    let database: PostgresLocation?

    /// A new place; for PostgreSQL a new database on the test server. With no server to be had,
    /// the case is cancelled with a loud line — or fails when `CI` is set.
    static func make(_ kind: StoreKind) async throws -> TestStorePlace {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-store-\(UUID().uuidString)")
        guard kind == .postgres else { return TestStorePlace(kind: kind, folder: folder, database: nil) }
        let server = try await postgresServer()
        let name = "hf_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(20))"
        try await PostgresStore.createDatabase(name, on: server)
        return TestStorePlace(kind: kind, folder: folder, database: server.with(database: name))
    }

    /// The test server's location, or the case skipped/failed as described in ``make(_:)``.
    static func postgresServer() async throws -> PostgresLocation {
        guard let url = await PostgresTestServer.url() else {
            let why = await PostgresTestServer.unavailableMessage() ?? "no server"
            if PostgresTestServer.required {
                Issue.record("CI is set but no PostgreSQL server could be started: \(why)")
                throw PostgresUnavailable(message: why)
            }
            print("⚠️⚠️⚠️ SKIPPED (PostgreSQL): \(why). Install Debian's postgresql package or set \(PostgresTestServer.environmentVariable).")
            try Test.cancel("no PostgreSQL server: \(why)")
        }
        return try PostgresLocation(url, source: "$\(PostgresTestServer.environmentVariable)")
    }

    struct PostgresUnavailable: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }

    /// Opens the store (again: the same folder, the same database).
    func open(readers: Int = 4) async throws -> any EngineStore {
        switch kind {
        case .sqlite:
            return try SQLiteStore(folder: folder, readers: readers)
        case .postgres:
            _ = try DataFolder.secure(folder)
            guard let database else { throw PostgresUnavailable(message: "no database") }
            return try await PostgresStore.open(database, sealer: try SecretSealer.forFolder(folder), connections: readers)
        }
    }

    /// Removes the folder and the database.
    func remove() async {
        try? FileManager.default.removeItem(at: folder)
        if let database, let server = try? await Self.postgresServer() {
            try? await PostgresStore.dropDatabase(database.database, on: server)
        }
    }
}

/// Runs `body` with a new store of `kind`, then closes it and removes its place.
func withTestStore<T>(_ kind: StoreKind, _ body: (any EngineStore, TestStorePlace) async throws -> T) async throws -> T {
    let place = try await TestStorePlace.make(kind)
    let store = try await place.open()
    do {
        let value = try await body(store, place)
        await store.close()
        await place.remove()
        return value
    } catch {
        await store.close()
        await place.remove()
        throw error
    }
}
