import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Authentication on subscribe calls, as the service receives it.
@Suite(.serialized)
struct OutboundAuthenticationTests {
    func save(_ harness: EngineHarness, authentication: JSONValue) async throws -> WorkflowSummary {
        var definition = harness.definition()
        definition.set(authentication, at: JSONPointer(["triggers", "Webhook", "inputs", "subscribe", "authentication"]))
        return try await harness.engine.save(name: "secured", definition: definition, state: nil)
    }

    @Test func basicSendsCredentials() async throws {
        try await EngineHarness.with { harness in
            _ = try await save(harness, authentication: ["type": "Basic", "username": "svc", "password": "s3cret"])
            let call = try #require(harness.fake.requests(to: "/subscribe").first)
            #expect(call.header("Authorization") == "Basic " + Data("svc:s3cret".utf8).base64EncodedString())
        }
    }

    @Test func rawSendsTheValueAsIs() async throws {
        try await EngineHarness.with { harness in
            _ = try await save(harness, authentication: ["type": "Raw", "value": "SharedKey abc123"])
            #expect(harness.fake.requests(to: "/subscribe").first?.header("Authorization") == "SharedKey abc123")
        }
    }

    @Test func activeDirectoryOAuthFetchesATokenAndSendsItAsBearer() async throws {
        try await EngineHarness.with { harness in
            _ = try await save(harness, authentication: [
                "type": "ActiveDirectoryOAuth", "authority": .string(harness.fake.baseURL), "tenant": "contoso",
                "audience": "https://svc.example/", "clientId": "app-1", "credentialType": "Secret", "secret": "pa ss&word",
            ])
            let token = try #require(harness.fake.requests(to: "/contoso/oauth2/token").first)
            #expect(token.method == "POST")
            #expect(token.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(token.text == "grant_type=client_credentials&client_id=app-1&client_secret=pa%20ss%26word&resource=https%3A%2F%2Fsvc.example%2F")
            #expect(harness.fake.requests(to: "/subscribe").first?.header("Authorization") == "Bearer token-1")
            // The token is reused for the unsubscribe call.
            _ = try await harness.engine.setState(.disabled, ofWorkflow: "secured")
            #expect(harness.fake.requests(to: "/contoso/oauth2/token").count == 1)
        }
    }

    @Test func managedServiceIdentityFailsClearlyWithoutCallingAnything() async throws {
        try await EngineHarness.with { harness in
            let summary = try await save(harness, authentication: ["type": "ManagedServiceIdentity", "audience": "https://management.azure.com/"])
            #expect(summary.results.first?.outcome == .failed)
            #expect(summary.results.first?.error?.message.contains("ManagedServiceIdentity authentication needs Azure") == true)
            #expect(harness.fake.requests.isEmpty)
            #expect(try await harness.engine.store.subscriptions(workflow: "secured").first?.nextAttemptAt == nil, "retrying cannot help")
        }
    }

    @Test func clientCertificateWithABadPfxFailsClearly() async throws {
        try await EngineHarness.with { harness in
            let summary = try await save(harness, authentication: ["type": "ClientCertificate", "pfx": "bm90IGEgcGZ4", "password": "x"])
            #expect(summary.results.first?.error?.message.hasPrefix("the ClientCertificate pfx could not be opened") == true)
            #expect(harness.fake.requests.isEmpty)
        }
    }

    /// A real PKCS#12 file (made with openssl) becomes the TLS client identity of the request.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func clientCertificateLoadsAPkcs12Bundle() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pfx-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        func openssl(_ arguments: [String]) throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = folder
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
        try openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=hookflow-test"])
        try openssl(["pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "client.pfx", "-passout", "pass:pfx-pass"])
        let pfx = try Data(contentsOf: folder.appendingPathComponent("client.pfx")).base64EncodedString()
        let configuration = try OutboundHTTPClient.clientCertificateTLS(pfx: pfx, password: "pfx-pass")
        #expect(configuration.certificateChain.count == 1)
        #expect(configuration.privateKey != nil)
        #expect(throws: OutboundFailure.self) { try OutboundHTTPClient.clientCertificateTLS(pfx: pfx, password: "wrong") }
    }
}
