import Crypto
import Foundation
import HookflowModel

/// What a trigger's subscription depends on, hashed: its definition, the workflow's parameters,
/// the access key generation and the callback base URL. A save that changes any of them means
/// "unsubscribe the old subscription, subscribe again"; one that changes none calls nothing.
enum SubscriptionFingerprint {
    static func of(trigger: Step, definition: WorkflowDefinition, accessKeyVersion: Int, baseURL: String) -> String {
        let parameters = definition.json["parameters"] ?? .object(JSONObject())
        let material = [
            JSONWriter.compact.string(from: .object(trigger.json)), JSONWriter.compact.string(from: parameters),
            String(accessKeyVersion), baseURL,
        ].joined(separator: "\n")
        return SHA256.hash(data: Data(material.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
