import AsyncHTTPClient
import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// The management API is open on loopback and needs the bearer token anywhere else; callbacks
/// never need it (SPEC §3 "Callback URLs and security").
struct ManagementAuthTests {
    private static func temporaryFolder() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-token-\(UUID().uuidString)")
    }

    @Test func beyondLoopbackTheManagementAPINeedsTheToken() async throws {
        let tokenFolder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: tokenFolder) }
        let token = try EngineServer.managementToken(in: tokenFolder)

        try await ServerHarness.with(host: "0.0.0.0", token: token) { harness in
            // A wildcard bind is reached through loopback; the token is still required.
            #expect(harness.url.hasPrefix("http://127.0.0.1:"))

            let without = try await harness.management(.GET, "/management/workflows")
            #expect(without.status == 401)
            #expect(without.errorCode == "Unauthorized")
            #expect(without.header("WWW-Authenticate") == "Bearer")
            #expect(without.json?["error"]?["message"]?.stringValue?.contains("management-token") == true)
            #expect(try await harness.management(.GET, "/management/workflows", headers: [("Authorization", "Bearer wrong")]).status == 401)
            #expect(try await harness.management(.GET, "/management/workflows", headers: [("Authorization", token)]).status == 401, "the Bearer scheme is required")
            #expect(try await harness.management(.GET, "/management/no-such-route").status == 401, "unknown routes reveal nothing either")
            #expect(try await harness.management(.PUT, "/management/workflows/orders", body: "{}").status == 401)
            #expect(try await harness.storedWorkflowNames().isEmpty)

            let with = try await harness.management(.GET, "/management/workflows", headers: [("Authorization", "Bearer \(token)")])
            #expect(with.status == 200)
            #expect(with.json == ["value": []])

            // The same through the HTTP client.
            let anonymous = await #expect(throws: EngineError.self) { try await HTTPEngineClient(baseURL: harness.url).listWorkflows() }
            guard case .unauthorized? = anonymous else {
                Issue.record("expected unauthorized, got \(String(describing: anonymous))")
                return
            }
            let client = HTTPEngineClient(baseURL: harness.url, token: token)
            let saved = try await client.saveWorkflow(name: "orders", definition: harness.definition(), state: nil)
            #expect(saved.results.map(\.outcome) == [.subscribed])

            // Callbacks are signed: they need no token.
            let callbackURL = try await client.callbackURL(workflow: "orders", trigger: "Webhook")
            #expect(try await harness.send(.POST, callbackURL, body: "{}").status == 202)
            // The health check answers everyone, but says where the engine is only to the token's bearer.
            let health = try await harness.management(.GET, "/management/health")
            #expect(health.status == 200)
            #expect(health.json == ["status": "ok"])
            let healthWithToken = try await harness.management(.GET, "/management/health", headers: [("Authorization", "Bearer \(token)")])
            #expect(healthWithToken.json?["baseUrl"]?.stringValue == harness.url)
        }
    }

    @Test func onLoopbackNoTokenIsNeeded() async throws {
        try await ServerHarness.with(host: "127.0.0.1") { harness in
            let answer = try await harness.management(.GET, "/management/workflows")
            #expect(answer.status == 200)
            #expect(answer.json == ["value": []])
            let client = HTTPEngineClient(baseURL: harness.url)
            #expect(try await client.listWorkflows().isEmpty)
        }
    }

    @Test func loopbackAddressesAreRecognised() {
        for host in ["127.0.0.1", "127.0.1.1", "::1", "[::1]", "localhost", "LOCALHOST"] {
            #expect(!ManagementAccess(host: host, token: nil).requiresToken, "\(host)")
        }
        for host in ["0.0.0.0", "::", "192.168.1.10", "example.com", "10.0.0.1"] {
            #expect(ManagementAccess(host: host, token: nil).requiresToken, "\(host)")
        }
    }

    @Test func theTokenFileIsPrivateAndStable() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let token = try EngineServer.managementToken(in: folder)
        let file = folder.appendingPathComponent("management-token")

        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(token.count >= 43, "256 random bits")
        #expect(token.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }, "fits a header as is")
        #expect(try String(contentsOf: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines) == token)
        #expect(try EngineServer.managementToken(in: folder) == token, "read back, not replaced")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["management-token"], "no temporary file left behind")
    }

    @Test func enginesStartingTogetherAgreeOnOneToken() async throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tokens = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<8 { group.addTask { try EngineServer.managementToken(in: folder) } }
            return try await group.reduce(into: Set<String>()) { $0.insert($1) }
        }
        #expect(tokens.count == 1)
        #expect(tokens.first == (try EngineServer.managementToken(in: folder)))
    }

    @Test func aLooseTokenFileIsTightenedAndAnEmptyOneRefused() throws {
        let folder = Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let file = folder.appendingPathComponent("management-token")
        try "handmade-token\n".write(to: file, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)

        #expect(try EngineServer.managementToken(in: folder) == "handmade-token")
        let attributes = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

        try "  \n".write(to: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: EngineServerError.self) { try EngineServer.managementToken(in: folder) }
        #expect(error?.description.contains(file.path) == true)
    }
}
