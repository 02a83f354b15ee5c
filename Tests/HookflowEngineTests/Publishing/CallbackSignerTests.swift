import Foundation
import Testing
@testable import HookflowEngine

/// Signed callback URLs: their exact form and what their signature binds.
struct CallbackSignerTests {
    let key = Data((0..<32).map { UInt8($0) })

    @Test func triggerURLHasTheLogicAppsForm() throws {
        let url = CallbackSigner.url(base: "http://127.0.0.1:7071/", target: .trigger(workflow: "orders", trigger: "When_an_order_arrives"), key: key)
        let prefix = "http://127.0.0.1:7071/workflows/orders/triggers/When_an_order_arrives/run?api-version=2016-10-01&sp=%2Ftriggers%2FWhen_an_order_arrives%2Frun&sv=1.0&sig="
        #expect(url.hasPrefix(prefix))
        let sig = String(url.dropFirst(prefix.count))
        #expect(sig.count == 43, "32 bytes in base64url without padding")
        #expect(!sig.contains("=") && !sig.contains("+") && !sig.contains("/"))
    }

    @Test func actionURLHasTheLogicAppsForm() {
        let url = CallbackSigner.url(base: "https://hooks.example", target: .action(workflow: "orders", runID: "R1", action: "Approve"), key: key)
        #expect(url.hasPrefix("https://hooks.example/workflows/orders/runs/R1/actions/Approve/run?api-version=2016-10-01&sp=%2Fruns%2FR1%2Factions%2FApprove%2Frun&sv=1.0&sig="))
    }

    @Test func signatureBindsKeyPathAndPermission() throws {
        let target = CallbackSigner.Target.trigger(workflow: "orders", trigger: "Hook")
        let url = CallbackSigner.url(base: "http://h", target: target, key: key)
        let sig = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "sig" }?.value)
        let sp = target.permission
        #expect(CallbackSigner.verify(key: key, target: target, sp: sp, sv: "1.0", sig: sig))
        #expect(!CallbackSigner.verify(key: Data(repeating: 9, count: 32), target: target, sp: sp, sv: "1.0", sig: sig), "another key")
        #expect(!CallbackSigner.verify(key: key, target: .trigger(workflow: "orders", trigger: "Other"), sp: sp, sv: "1.0", sig: sig), "another trigger")
        #expect(!CallbackSigner.verify(key: key, target: .trigger(workflow: "invoices", trigger: "Hook"), sp: sp, sv: "1.0", sig: sig), "another app")
        #expect(!CallbackSigner.verify(key: key, target: target, sp: "/triggers/Other/run", sv: "1.0", sig: sig), "another permission")
        #expect(!CallbackSigner.verify(key: key, target: target, sp: sp, sv: "2.0", sig: sig), "another version")
        #expect(!CallbackSigner.verify(key: key, target: target, sp: sp, sv: "1.0", sig: String(sig.dropLast()) + (sig.last == "A" ? "B" : "A")))
        #expect(!CallbackSigner.verify(key: key, target: target, sp: sp, sv: "1.0", sig: nil))
        #expect(!CallbackSigner.verify(key: key, target: target, sp: sp, sv: "1.0", sig: "!!!"))
    }

    /// 32 bytes take 43 base64url characters; the last one carries 2 unused bits. A string that
    /// differs only there decodes to the same bytes, but only the canonical text is accepted.
    @Test func onlyTheCanonicalSignatureTextPasses() throws {
        let target = CallbackSigner.Target.trigger(workflow: "orders", trigger: "Hook")
        let url = CallbackSigner.url(base: "http://h", target: target, key: key)
        let sig = try #require(URLComponents(string: url)?.queryItems?.first { $0.name == "sig" }?.value)
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        let last = try #require(sig.last.flatMap { alphabet.firstIndex(of: $0) })
        let sibling = alphabet[last ^ 1]
        let variant = String(sig.dropLast()) + String(sibling)
        #expect(Data(base64Encoded: variant.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")
            == Data(base64Encoded: sig.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "="),
            "the variant decodes to the same bytes")
        #expect(!CallbackSigner.verify(key: key, target: target, sp: target.permission, sv: "1.0", sig: variant))
    }

    @Test func namesArePercentEncodedInThePath() {
        let target = CallbackSigner.Target.trigger(workflow: "orders", trigger: "Grüße (new)")
        #expect(target.path == "/workflows/orders/triggers/Gr%C3%BC%C3%9Fe%20%28new%29/run")
    }

    @Test func accessKeysAreRandom() {
        #expect(CallbackSigner.newAccessKey().count == 32)
        #expect(CallbackSigner.newAccessKey() != CallbackSigner.newAccessKey())
    }
}
