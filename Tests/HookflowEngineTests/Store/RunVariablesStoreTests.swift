import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// A run's variables in each store (``StoreKind``): written by `setRunVariables` in the commit of
/// the action that changed them, sealed (a value may be a secret), read back with the run.
struct RunVariablesStoreTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// The run's variables column as stored: a sealed blob, or NULL.
    func column(_ store: any EngineStore) async throws -> DatabaseValue? {
        if let store = store as? SQLiteStore {
            return try await store.pool.read { db in try DatabaseValue.fetchOne(db, sql: "SELECT variables FROM run") }
        }
        let store = try #require(store as? PostgresStore)
        return try await store.rows("SELECT variables FROM run").first.map { try store.stored($0, "run", key: []).value("variables", as: DatabaseValue.self) }
    }

    @Test(arguments: StoreKind.allCases)
    func variablesAreStoredSealedAndReadBackWithTheRun(kind: StoreKind) async throws {
        let place = try await TestStorePlace.make(kind)
        let store = try await place.open()
        var variables = RunVariables()
        variables.put(RunVariables.Variable(name: "Count", type: .integer, value: 3))
        variables.put(RunVariables.Variable(name: "token", type: .string, value: "tok-secret-1", secret: true))
        variables.put(RunVariables.Variable(name: "seen", type: .array, value: ["a", ["b": nil]]))
        let run = StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .running, startTime: Self.now,
                            triggerOutputs: ["body": [:]])
        try await store.commit([.insertRun(run), .setRunVariables(id: "run-1", variables: variables)])

        let read = try #require(try await store.run(workflow: "app", id: "run-1"))
        #expect(read.variables == variables)
        #expect(read.variables.variable(named: "COUNT")?.value == 3, "names match in any case")
        #expect(read.variables.secretNames == ["token"])
        let stored = try await column(store)
        guard case .blob(let data)? = stored?.storage else {
            Issue.record("the variables are a sealed blob, not \(String(describing: stored))")
            await store.close()
            await place.remove()
            return
        }
        #expect(data.range(of: Data("tok-secret-1".utf8)) == nil)

        // Emptied again: the column goes back to NULL, the run reads with no variables.
        try await store.commit([.setRunVariables(id: "run-1", variables: RunVariables())])
        #expect(try await store.run(workflow: "app", id: "run-1")?.variables.isEmpty == true)
        #expect(try await column(store)?.isNull == true)
        await store.close()
        await place.remove()
    }
}
