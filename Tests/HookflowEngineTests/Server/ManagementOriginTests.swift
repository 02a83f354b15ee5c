import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// A web page must not drive the loopback management API (SPEC §3, issue 10): not by DNS
/// rebinding (its own name in `Host`), not with a cross-site form or fetch (`Origin`, a
/// `text/plain` body), not through a proxy or the public URL without the token.
struct ManagementOriginTests {
    /// An app whose webhook unsubscribe carries a Basic password.
    private func publishWithPassword(_ harness: ServerHarness) async throws {
        var definition = harness.definition()
        definition["triggers"]?["Webhook"]?["inputs"]?["unsubscribe"]?["authentication"] = [
            "type": "Basic", "username": "shop", "password": "PLANTED-password-7f3a",
        ]
        _ = try await harness.engine.save(name: "orders", definition: definition, state: nil)
    }

    private func port(_ harness: ServerHarness) -> Int { RawConnection.port(of: harness.url) }

    @Test func aForeignHostIsRefusedAndOurOwnNamesAreNot() async throws {
        try await ServerHarness.with { harness in
            try await publishWithPassword(harness)
            let port = port(harness)

            // DNS rebinding: the page's own name, pointed at 127.0.0.1.
            for host in ["evil.example:\(port)", "evil.example", "127.0.0.1.evil.example:\(port)", "localhost.evil.example"] {
                let answer = try await harness.management(.GET, "/management/workflows/orders", headers: [("Host", host)])
                #expect(answer.status == 403, "\(host)")
                #expect(answer.errorCode == "ForeignHost", "\(host)")
                #expect(!answer.body.contains("PLANTED"), "\(host)")
            }
            let listing = try await harness.management(.GET, "/management/workflows", headers: [("Host", "evil.example")])
            #expect(listing.status == 403)

            for host in ["127.0.0.1:\(port)", "localhost:\(port)", "LOCALHOST", "127.0.0.1", "[::1]:\(port)", "127.1.2.3:\(port)"] {
                let answer = try await harness.management(.GET, "/management/workflows/orders", headers: [("Host", host)])
                #expect(answer.status == 200, "\(host)")
            }
        }
    }

    @Test func aForeignOriginIsRefusedEvenWithOurHost() async throws {
        try await ServerHarness.with { harness in
            try await publishWithPassword(harness)
            for origin in ["https://evil.example", "null", "http://127.0.0.1.evil.example", "file://"] {
                let answer = try await harness.management(.GET, "/management/workflows/orders", headers: [("Origin", origin)])
                #expect(answer.status == 403, "\(origin)")
                #expect(answer.errorCode == "ForeignOrigin", "\(origin)")
            }
            let crossSite = try await harness.management(.GET, "/management/workflows", headers: [("Sec-Fetch-Site", "cross-site")])
            #expect(crossSite.status == 403)
            // A page served by the engine's own origin would be allowed (there is none, but the rule is the origin).
            let own = try await harness.management(.GET, "/management/workflows", headers: [("Origin", harness.url)])
            #expect(own.status == 200)
        }
    }

    @Test func aCrossSiteFormCannotChangeAnything() async throws {
        try await ServerHarness.with { harness in
            try await publishWithPassword(harness)
            // What a form or a no-preflight fetch can send: text/plain, a form encoding, or nothing.
            for contentType in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"] {
                let disable = try await harness.management(.POST, "/management/workflows/orders/disable", body: "x=1", contentType: contentType)
                #expect(disable.status == 415, "\(contentType)")
                #expect(disable.errorCode == "UnsupportedMediaType")
                let put = try await harness.management(.PUT, "/management/workflows/orders", body: #"{"definition": {"triggers": {}, "actions": {}}}"#,
                                                       contentType: contentType)
                #expect(put.status == 415, "\(contentType)")
            }
            let bare = try await harness.management(.POST, "/management/workflows/orders/disable", contentType: nil)
            #expect(bare.status == 415)
            #expect(try await harness.management(.DELETE, "/management/workflows/orders", contentType: nil).status == 415)
            #expect(try await harness.engine.workflowDetail(named: "orders").summary.state == .enabled)
            #expect(try await harness.engine.workflowDetail(named: "orders").summary.version == 1)

            // The API's own clients say JSON.
            #expect(try await harness.management(.POST, "/management/workflows/orders/disable").status == 200)
            #expect(try await HTTPEngineClient(baseURL: harness.url).setState(.enabled, ofWorkflow: "orders").state == .enabled)
        }
    }

    @Test func throughAProxyOrThePublicURLTheTokenIsNeeded() async throws {
        let tokenFolder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-token-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tokenFolder) }
        let token = try EngineServer.managementToken(in: tokenFolder)
        try await ServerHarness.with(token: token, configure: { $0.publicURL = "https://hooks.example.com" }) { harness in
            try await publishWithPassword(harness)
            for header in [("X-Forwarded-For", "203.0.113.9"), ("Forwarded", "for=203.0.113.9"), ("X-Real-IP", "203.0.113.9"),
                           ("Host", "hooks.example.com")] {
                let answer = try await harness.management(.GET, "/management/workflows/orders", headers: [header])
                #expect(answer.status == 401, "\(header)")
                #expect(!answer.body.contains("PLANTED"))
                let withToken = try await harness.management(.GET, "/management/workflows/orders", headers: [header, ("Authorization", "Bearer \(token)")])
                #expect(withToken.status == 200, "\(header)")
            }
            // Straight from this machine, by its own name: no token.
            #expect(try await harness.management(.GET, "/management/workflows/orders").status == 200)
        }
    }

    @Test func theHealthCheckSaysNothingToStrangers() async throws {
        try await ServerHarness.with { harness in
            let own = try await harness.management(.GET, "/management/health")
            #expect(own.json?["baseUrl"]?.stringValue == harness.url)
            for header in [("Host", "evil.example"), ("X-Forwarded-For", "203.0.113.9")] {
                let answer = try await harness.management(.GET, "/management/health", headers: [header])
                #expect(answer.status == 200, "\(header)")
                #expect(answer.json == ["status": "ok"], "\(header)")
            }
        }
    }
}
