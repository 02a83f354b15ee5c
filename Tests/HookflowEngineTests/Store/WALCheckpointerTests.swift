import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// The write-ahead log is copied back by the checkpoint thread, never inside a commit.
struct WALCheckpointerTests {
    @Test func commitsLeaveTheCheckpointToItsOwnThread() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-wal-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try SQLiteStore(folder: folder)
        let automatic = try await store.pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: "PRAGMA wal_autocheckpoint") }
        #expect(automatic == 0, "the writer's connection does not checkpoint inside its commits")
        let file = folder.appendingPathComponent("hookflow.sqlite").path
        let sizeBefore = try Self.size(of: file)

        // Well past SQLite's 1,000-page automatic threshold: ~4,000 runs with 2 KB of outputs each
        // (random letters: the store deflates long values, and these stay over 1.6 KB).
        let letters = (0..<2_000).map { _ in Character(Unicode.Scalar(UInt8.random(in: 33...126))) }
        let outputs: JSONValue = ["body": .string(String(letters))]
        for batch in 0..<40 {
            try await store.commit((0..<100).map { index in
                .insertRun(StoredRun(id: "run-\(batch)-\(index)", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .succeeded,
                                     startTime: Date(), triggerOutputs: outputs))
            })
        }
        // The thread copies the log into the database file within a few of its rounds.
        let deadline = Date().addingTimeInterval(30)
        while try Self.size(of: file) <= sizeBefore + 4_000_000, Date() < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(try Self.size(of: file) > sizeBefore + 4_000_000, "the database file holds the runs the log held")
        await store.close()
    }

    static func size(of path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.size] as? NSNumber)?.intValue ?? 0
    }
}
