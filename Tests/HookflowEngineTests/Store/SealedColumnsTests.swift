import Foundation
import GRDB
import Testing
@testable import HookflowEngine
import HookflowModel

/// What the store keeps sealed (SecretSealer): definitions, stored requests, and the real value
/// of outputs whose history column holds them masked. Read back whole; in the file, never in clear.
struct SealedColumnsTests {
    func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-sealed-\(UUID().uuidString)")
    }

    @Test func sealedValuesReadBackAndTheFileHoldsNoneInClear() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let secret = "PLANTED-\(UUID().uuidString)"
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let store = try SQLiteStore(folder: folder)
        let definition = #"{"parameters":{"key":{"type":"securestring","defaultValue":"\#(secret)"}},"triggers":{},"actions":{}}"#
        try await store.commit([.putWorkflow(StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: definition, kind: nil,
                                                            accessKey: Data([1]), accessKeyVersion: 1, createdAt: now, changedAt: now), addVersion: true)])
        let run = StoredRun(id: "run-1", workflowName: "app", workflowVersion: 1, triggerName: "manual", status: .running, startTime: now,
                            triggerOutputs: ["body": .string(secret)], maskedTriggerOutputs: "********")
        let request = OutboundRequest(method: "POST", uri: "https://example.com/off", authentication: ["type": "Basic", "username": "u", "password": .string(secret)])
        try await store.commit([
            .insertRun(run),
            .putAction(StoredAction(runID: "run-1", name: "Token", type: "Http", status: .succeeded, startTime: now,
                                    outputs: ["body": ["token": .string(secret)]], maskedOutputs: "********", unsubscribeRequest: request)),
            .putAction(StoredAction(runID: "run-1", name: "Plain", type: "Compose", status: .succeeded, startTime: now, outputs: "visible")),
        ])

        #expect(try await store.workflow(named: "app")?.definitionText == definition)
        #expect(try await store.definitionText(workflow: "app", version: 1) == definition)
        let storedRun = try #require(try await store.run(workflow: "app", id: "run-1"))
        #expect(storedRun.triggerOutputs == ["body": .string(secret)])
        #expect(storedRun.maskedTriggerOutputs == "********")
        let actions = Dictionary(uniqueKeysWithValues: try await store.actions(runID: "run-1").map { ($0.name, $0) })
        #expect(actions["Token"]?.outputs == ["body": ["token": .string(secret)]], "the run still has the real value")
        #expect(actions["Token"]?.historyOutputs == "********")
        #expect(actions["Token"]?.unsubscribeRequest == request)
        #expect(actions["Plain"]?.maskedOutputs == nil, "nothing masked, nothing sealed")
        #expect(actions["Plain"]?.historyOutputs == "visible")

        try await store.pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("hookflow.sqlite") {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(name))
            #expect(bytes.range(of: Data(secret.utf8)) == nil, "\(name) holds the secret in clear")
        }
        let raw = try await store.pool.read { db in try String.fetchOne(db, sql: "SELECT definition FROM workflow") }
        #expect(raw?.hasPrefix("sealed:v1:") == true)
        let mode = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(SecretSealer.keyFileName).path)[.posixPermissions]
        #expect((mode as? NSNumber)?.intValue == 0o600)
    }

    @Test func aReplacedSealingKeyIsAClearErrorNotACrash() async throws {
        let folder = temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        do {
            let store = try SQLiteStore(folder: folder)
            try await store.commit([.putWorkflow(StoredWorkflow(name: "app", state: .enabled, version: 1, definitionText: "{}", kind: nil,
                                                                accessKey: Data([1]), accessKeyVersion: 1, createdAt: now, changedAt: now), addVersion: true)])
        }
        let keyFile = folder.appendingPathComponent(SecretSealer.keyFileName)
        try Data((Data(repeating: 7, count: 32).base64EncodedString() + "\n").utf8).write(to: keyFile)
        let reopened = try SQLiteStore(folder: folder)
        let error = await #expect(throws: StoreError.self) { try await reopened.workflow(named: "app") }
        #expect(error?.description.contains("sealing key") == true)
        #expect(error?.description.contains("backup") == true)

        try Data("not a key".utf8).write(to: keyFile)
        let unreadable = #expect(throws: StoreError.self) { try SQLiteStore(folder: folder) }
        #expect(unreadable?.description.contains(keyFile.path) == true)
    }
}
