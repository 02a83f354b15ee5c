import Foundation
import GRDB
import HookflowEngine
import HookflowModel
import Testing

/// The real binary on a data folder whose file a newer Hookflow migrated, or whose rows are
/// damaged (SPEC §7): a message on stderr and exit status 1, or an API error while `serve` stays
/// up; never a crash (an exit by signal, as GRDB's `row["col"]` trap was).
@Suite(.serialized)
struct DamagedDataFolderTests {
    /// A data folder holding app "orders", then changed by `sql` behind the store's back.
    static func dataFolder(in parent: TemporaryFolder, planting sql: String) async throws -> URL {
        let folder = parent.url.appendingPathComponent("data")
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let store = try SQLiteStore(folder: folder)
            try await store.commit([.putWorkflow(StoredWorkflow(name: "orders", state: .enabled, version: 1, definitionText: #"{"triggers":{},"actions":{}}"#,
                                                                kind: nil, accessKey: Data([1]), accessKeyVersion: 1, createdAt: now, changedAt: now),
                                                 addVersion: true)])
            await store.close()
        }
        let queue = try DatabaseQueue(path: folder.appendingPathComponent("hookflow.sqlite").path)
        try await queue.write { db in try db.execute(sql: sql) }
        try await queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try queue.close()
        return folder
    }

    @Test func listAndServeRefuseAFolderFromANewerHookflowAndLeaveItAsItWas() async throws {
        let parent = try TemporaryFolder()
        let folder = try await Self.dataFolder(in: parent, planting: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
        let file = folder.appendingPathComponent("hookflow.sqlite")
        let before = try Data(contentsOf: file)
        let message = """
            hookflow: the data file \(file.path) was written by a newer version of Hookflow (its schema has changes this version does not know: \
            "v99: from the future"); use that newer version with this data folder. Nothing in the file was changed.
            """

        let list = try await HookflowBinary.launch(["list", "--data", folder.path])
        #expect(list.reason == .exit, "exited by signal \(list.status): \(list.stderr)")
        #expect(list.status == 1)
        #expect(list.stderr == message + "\n")
        #expect(list.stdout.isEmpty)

        let serve = try ServeProcess(["--port", "0", "--data", folder.path, "--log-level", "warning"])
        guard let ended = try await serve.waitForExit() else {
            await serve.stop()
            Issue.record("serve kept running on a newer data file; stdout: \(serve.stdout)")
            return
        }
        #expect(ended.reason == .exit, "exited by signal \(ended.status): \(serve.stderr)")
        #expect(ended.status == 1)
        #expect(serve.stderr.contains(message), "\(serve.stderr)")
        #expect(ServeProcess.listeningURL(in: serve.stdout) == nil)

        #expect(try Data(contentsOf: file) == before, "nothing was written to the file")
    }

    @Test func aDamagedRowIsAMessageFromListAndAnAPIErrorFromAServeThatStaysUp() async throws {
        let parent = try TemporaryFolder()
        let folder = try await Self.dataFolder(in: parent, planting: "UPDATE workflow SET state = 'Paused'")
        let place = #"table workflow, column state, row name "orders" holds "Paused", which is not one of Enabled, Disabled"#

        let list = try await HookflowBinary.launch(["list", "--data", folder.path])
        #expect(list.reason == .exit, "exited by signal \(list.status): \(list.stderr)")
        #expect(list.status == 1)
        #expect(list.stderr.hasPrefix("hookflow: "), "\(list.stderr)")
        #expect(list.stderr.contains(place), "\(list.stderr)")
        #expect(list.stderr.contains("if a newer Hookflow wrote it, use that version"), "\(list.stderr)")

        try await ServeProcess.with(["--port", "0", "--data", folder.path, "--log-level", "warning"]) { serve in
            let client = HTTPEngineClient(baseURL: try await serve.waitForListening())
            let error = await #expect(throws: EngineError.self) { try await client.listWorkflows() }
            #expect(error?.message.contains(place) == true, "\(error?.message ?? "")")
            #expect(serve.isRunning, "serve is still up after the damaged read")
            #expect(try await client.subscriptions(status: nil).isEmpty, "and it answers what is not damaged")
        }
    }
}
