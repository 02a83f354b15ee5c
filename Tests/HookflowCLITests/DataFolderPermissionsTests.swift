import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Testing

/// The data folder holds the signing keys and every secret: 0700, and every file in it 0600,
/// whatever the umask (issue 10, point 7: under umask 022 they were 0755 and 0644).
@Suite(.serialized)
struct DataFolderPermissionsTests {
    static func mode(_ path: String) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func underALooseUmaskTheFolderAndItsFilesArePrivate() async throws {
        let parent = try TemporaryFolder()
        let folder = parent.url.appendingPathComponent("data")
        try await ServeProcess.with(["--port", "0", "--data", folder.path, "--log-level", "warning"], umask: "022") { serve in
            let client = HTTPEngineClient(baseURL: try await serve.waitForListening())
            _ = try await client.saveWorkflow(name: "orders", definition: [
                "triggers": ["manual": ["type": "Request", "kind": "Http"]],
                "actions": ["Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]]],
            ], state: nil)
            #expect(try Self.mode(folder.path) == 0o700)
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            for name in ["hookflow.sqlite", "hookflow.sqlite-wal", "hookflow.sqlite-shm", "engine.json"] {
                #expect(names.contains(name), "\(name) in \(names)")
            }
            for name in names {
                #expect(try Self.mode(folder.appendingPathComponent(name).path) == 0o600, "\(name)")
            }
        }
    }

    @Test func aFolderOthersCanReadIsTightenedWithAWarning() async throws {
        let parent = try TemporaryFolder()
        let folder = parent.url.appendingPathComponent("data")
        let arguments = ["--port", "0", "--data", folder.path, "--log-level", "warning"]
        try await ServeProcess.with(arguments) { serve in _ = try await serve.waitForListening() }
        // As an older Hookflow under umask 022 left it.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: folder.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: folder.appendingPathComponent("hookflow.sqlite").path)

        try await ServeProcess.with(arguments) { serve in
            _ = try await serve.waitForListening()
            #expect(try Self.mode(folder.path) == 0o700)
            #expect(try Self.mode(folder.appendingPathComponent("hookflow.sqlite").path) == 0o600)
            #expect(serve.stderr.contains("was 755; it is now 700"), "\(serve.stderr)")
            #expect(serve.stderr.contains("hookflow.sqlite was 644; it is now 600"), "\(serve.stderr)")
        }
    }
}
