import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel

/// Masking text compares Character by Character: a secret holding a NUL is found where it is and
/// nowhere else (Foundation's search on Linux read past the text's end for such needles).
struct SecretMaskerTests {
    @Test func aSecretHoldingANULIsMaskedExactly() {
        #expect(SecretMasker.hiding(["k3y\u{0}val"], in: "token=k3y\u{0}val; again k3y\u{0}val") == "token=********; again ********")
        #expect(SecretMasker.hiding(["aa\u{0}"], in: "aaaa") == "aaaa", "no false match past the end")
        #expect(SecretMasker.hiding(["", "abcd"], in: "xabcdx") == "x********x")
    }

    @Test func definitionSecretsAreHiddenInFreeText() {
        let masker = SecretMasker(definition: WorkflowDefinition(json: [
            "parameters": ["key": ["type": "securestring", "defaultValue": "p4ss-w0rd"]],
            "triggers": [:],
            "actions": ["Call": ["type": "Http", "inputs": ["method": "GET", "uri": "https://x", "authentication": ["type": "Raw", "value": "raw-value-1"]]]],
        ]))
        #expect(masker.maskText("GET https://x?key=p4ss-w0rd failed (raw-value-1)") == "GET https://x?key=******** failed (********)")
    }
}
