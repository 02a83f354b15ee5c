import Foundation
import HookflowTestSupport
import Testing
@testable import HookflowEngine
import HookflowModel

/// What only the PostgreSQL store has: its URL, its migrations, the sealing key every node must
/// share, claims that two stores (two nodes) on one database never both get, and the
/// notifications that tell one node what another committed.
@Suite struct PostgresStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func databaseURLsAreReadOrRefusedClearly() throws {
        let location = try PostgresLocation("postgres://hook%40flow:s%3Acret@db.example:6543/hookflow?sslmode=require")
        #expect(location.user == "hook@flow")
        #expect(location.password == "s:cret")
        #expect(location.port == 6543)
        #expect(location.sslMode == .require)
        #expect(location.description == "postgres://hook@flow@db.example:6543/hookflow", "the password is never shown")
        #expect(try PostgresLocation("postgresql://u@h/d").port == 5432)
        #expect(try PostgresLocation(location.url) == location, "the URL handed to another process reads back the same")

        func message(_ text: String) -> String {
            do { _ = try PostgresLocation(text, source: "--database"); return "accepted" } catch { return "\(error)" }
        }
        #expect(message("mysql://u:p@h/d") == #"--database "mysql://u:***@h/d" is not a PostgreSQL URL (it must start with postgres://); write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE (e.g. postgres://hookflow:secret@127.0.0.1:5432/hookflow)"#)
        #expect(message("postgres://u:secret@h:5432/").contains(#""postgres://u:***@h:5432/" names no database"#))
        #expect(message("postgres://h:5432/d").contains("names no user"))
        #expect(message("postgres://u@h/d?sslmode=maybe") == "--database: sslmode=maybe is not one of disable, prefer, require")
        #expect(message("postgres://u@h/d?pool=3") == "--database: the option pool is not known here; only sslmode and search_path are")
        #expect(try PostgresLocation.chosen(option: nil, environment: [:]) == nil, "nothing named: the SQLite file")
        #expect(try PostgresLocation.chosen(option: nil, environment: ["HOOKFLOW_DATABASE_URL": "postgres://u@h/d"])?.database == "d")
        #expect(try PostgresLocation.chosen(option: "postgres://u@h/e", environment: ["HOOKFLOW_DATABASE_URL": "postgres://u@h/d"])?.database == "e")
    }

    @Test func aServerThatIsNotThereIsAClearError() async throws {
        let port = try PostgresTestServer.freePort()
        let location = try PostgresLocation("postgres://hookflow:pw@127.0.0.1:\(port)/hookflow?sslmode=disable")
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-pg-\(UUID().uuidString)")
        _ = try DataFolder.secure(folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = await #expect(throws: StoreError.self) {
            _ = try await PostgresStore.open(location, sealer: try SecretSealer.forFolder(folder))
        }
        let text = error?.description ?? ""
        #expect(text.hasPrefix("cannot use the database postgres://hookflow@127.0.0.1:\(port)/hookflow: "), "\(text)")
        #expect(text.hasSuffix("check --database (or $HOOKFLOW_DATABASE_URL): its host, port, user, password and database name, and that the server runs"))
        #expect(!text.contains(":pw@"), "the password is not shown")
    }

    @Test func aWrongPasswordOrDatabaseIsAClearError() async throws {
        let server = try await TestStorePlace.postgresServer()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-pg-\(UUID().uuidString)")
        _ = try DataFolder.secure(folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        var wrong = server
        wrong.password = "not-the-password"
        let login = await #expect(throws: StoreError.self) { _ = try await PostgresStore.open(wrong, sealer: try SecretSealer.forFolder(folder)) }
        #expect(login?.description.contains("password authentication failed") == true, "\(login?.description ?? "")")
        let missing = await #expect(throws: StoreError.self) {
            _ = try await PostgresStore.open(server.with(database: "no_such_database"), sealer: try SecretSealer.forFolder(folder))
        }
        #expect(missing?.description.contains(#"database "no_such_database" does not exist"#) == true, "\(missing?.description ?? "")")
    }

    @Test func migrationsAreRecordedAndANewerDatabaseIsRefused() async throws {
        let place = try await TestStorePlace.make(.postgres)
        let store = try #require(try await place.open() as? PostgresStore)
        #expect(try await store.appliedMigrations() == PostgresSchema.migrations.map(\.identifier))
        try await store.exec("INSERT INTO hookflow_migration (identifier, applied_at) VALUES ('v99: from the future', 0)")
        await store.close()
        let error = await #expect(throws: StoreError.self) { _ = try await place.open() }
        #expect(error?.description == "the database \(try #require(place.database).description) was migrated by a newer version of Hookflow (its schema has changes this version does not know: \"v99: from the future\"); run that newer version on every node. Nothing in the database was changed.")
        await place.remove()
    }

    @Test func aNodeWithAnotherSealingKeyIsRefused() async throws {
        let place = try await TestStorePlace.make(.postgres)
        let first = try await place.open()
        await first.close()
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-pg-\(UUID().uuidString)")
        _ = try DataFolder.secure(other)
        defer { try? FileManager.default.removeItem(at: other) }
        let error = await #expect(throws: StoreError.self) {
            _ = try await PostgresStore.open(try #require(place.database), sealer: try SecretSealer.forFolder(other))
        }
        #expect(error?.description.contains("copy the sealing-key file of the first node into this node's data folder") == true, "\(error?.description ?? "")")
        await place.remove()
    }

    /// A value the store cannot use is an error naming the database, table, column and row: never a crash.
    @Test func aDamagedOrNewerValueIsAClearError() async throws {
        let place = try await TestStorePlace.make(.postgres)
        let store = try #require(try await place.open() as? PostgresStore)
        try await store.commit([.insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .running,
                                                     startTime: Self.now, triggerOutputs: [:]))])
        try await store.exec("UPDATE run SET status = 'Paused'")
        let status = await #expect(throws: StoreError.self) { try await store.run(workflow: "app", id: "run-1") }
        #expect(status?.description.contains(#"table run, column status, row id "run-1" holds "Paused", which is not one of"#) == true, "\(status?.description ?? "")")
        // It names the database (its URL without the password), not a data file.
        #expect(status?.description.hasPrefix("the database postgres://") == true, "\(status?.description ?? "")")
        #expect(status?.description.contains("otherwise the database is damaged: stop Hookflow and restore it from a backup") == true)
        #expect(status?.description.contains("data file") == false)
        try await store.exec("UPDATE run SET status = 'Running', trigger_outputs = '\\x07ff'::bytea")
        let packed = await #expect(throws: StoreError.self) { try await store.run(workflow: "app", id: "run-1") }
        #expect(packed?.description.contains("column trigger_outputs") == true, "\(packed?.description ?? "")")
        await store.close()
        await place.remove()
    }

    /// Two nodes claiming the same due outbox entries at once: each entry goes to exactly one.
    @Test func twoNodesNeverClaimTheSameEntry() async throws {
        let place = try await TestStorePlace.make(.postgres)
        let one = try await place.open()
        let two = try await place.open()
        let request = OutboundRequest(method: "POST", uri: "https://svc.example/u")
        try await one.commit((0..<60).map { index in
            .enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: "s\(index)", workflowName: "app", operationName: "T", request: request,
                                 nextAttemptAt: Self.now, createdAt: Self.now))
        })
        async let fromOne = claimAll(one)
        async let fromTwo = claimAll(two)
        let (a, b) = try await (fromOne, fromTwo)
        #expect(Set(a).isDisjoint(with: b), "an entry was claimed by both nodes")
        #expect(a.count + b.count == 60)
        await one.close()
        await two.close()
        await place.remove()
    }

    private func claimAll(_ store: any EngineStore) async throws -> [Int64] {
        var ids: [Int64] = []
        while true {
            let batch = try await store.claimDueOutbox(now: Self.now.addingTimeInterval(1), limit: 7, lease: 300, skipping: [])
            if batch.isEmpty { return ids }
            ids += batch.compactMap(\.id)
        }
    }

    /// A commit on one node reaches the others as a notification: `apps` for an app's change,
    /// `work` for something due any node may take.
    @Test func anotherNodesCommitsAreNotified() async throws {
        let place = try await TestStorePlace.make(.postgres)
        let writer = try await place.open()
        let listener = try #require(try await place.open() as? PostgresStore)
        let changes = listener.changes()
        var iterator = changes.makeAsyncIterator()
        // The first two are the listener's own "look again" once it listens.
        #expect(await iterator.next() == .apps)
        #expect(await iterator.next() == .work)
        try await writer.commit([.putWorkflow(StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil, accessKey: Data([1]),
                                                             accessKeyVersion: 1, createdAt: Self.now, changedAt: Self.now), addVersion: true)])
        #expect(await iterator.next() == .apps)
        // A run started tells nobody (its node holds it); an app saved and a timer written do.
        try await writer.commit([.insertRun(StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .running,
                                                      startTime: Self.now, triggerOutputs: [:]))])
        try await writer.commit([.putWorkflow(StoredWorkflow(name: "other", state: .enabled, version: 1, definitionText: "{}", kind: nil,
                                                             accessKey: Data([1]), accessKeyVersion: 1, createdAt: Self.now, changedAt: Self.now),
                                              addVersion: true)])
        #expect(await iterator.next() == .apps, "no notice for the run")
        try await writer.commit([.putTimer(StoredTimer(kind: .wait, workflowName: "app", runID: "run-1", actionName: "Delay", dueAt: Self.now))])
        #expect(await iterator.next() == .work)
        await writer.close()
        await listener.close()
        await place.remove()
    }
}
