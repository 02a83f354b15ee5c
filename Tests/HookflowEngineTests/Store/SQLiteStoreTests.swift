import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// The SQLite store: durability settings and migrations. What every store must do is in StoreContractTests.
struct SQLiteStoreTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-store-\(UUID().uuidString)")
    }

    @Test func usesWALAndSynchronousFull() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        #expect(try store.synchronousSetting() == 2, "2 is FULL; GRDB's pool default would be 1 (NORMAL)")
        #expect(try store.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("hookflow.sqlite").path))
    }

    @Test func migrationsAreRecorded() throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let applied = try store.pool.read { db in try SQLiteSchema.migrator.appliedIdentifiers(db) }
        #expect(applied.contains("v1: workflows, versions, subscriptions, outbox, runs"))
        #expect(try store.pool.read { db in try SQLiteSchema.migrator.hasCompletedMigrations(db) })
    }
}
