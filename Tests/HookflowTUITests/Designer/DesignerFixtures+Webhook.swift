import Foundation
import HookflowEngine
import HookflowModel
@testable import HookflowTUI

extension DesignerFixtures {
    /// A webhook trigger and a Compose, as a Stateless Standard workflow (no problems: it saves).
    static let webhookApp = """
        {
          "definition": {
            "triggers": {
              "Webhook": {"type": "HttpWebhook", "inputs": {
                "subscribe": {"method": "POST", "uri": "https://shop.example.com/hooks", "body": {"callbackUrl": "@{listCallbackUrl()}"}},
                "unsubscribe": {"method": "POST", "uri": "https://shop.example.com/hooks/cancel"}}}
            },
            "actions": {
              "Say": {"type": "Compose", "inputs": "@triggerBody()", "runAfter": {}}
            }
          },
          "kind": "Stateless"
        }
        """

    /// The engine's summary of ``webhookApp`` as `orders` at `version`, its trigger subscribed.
    static func webhookSummary(version: Int, state: WorkflowState = .enabled) -> WorkflowSummary {
        WorkflowSummary(name: "orders", state: state, version: version, changedTime: "2026-11-22T10:04:05.000Z",
                        triggers: [.init(name: "Webhook", type: "HttpWebhook", subscription: SubscriptionInfo(status: .subscribed))])
    }

    /// The designer on the engine's `orders` v3 (an app kept only in the engine, as `hookflow design --app` opens it).
    static func webhookDesigner(width: Int = 80, height: Int = 24) throws -> WorkbenchState {
        let document = try WorkflowDocument.read(webhookApp)
        var state = WorkbenchState(designer: DesignerState(
            appName: "orders", document: document, published: webhookSummary(version: 3), publishedDefinition: document.definition,
            engineDescription: engine))
        _ = state.update(.input(.resize(width: width, height: height)))
        return state
    }

    /// Say duplicated (Say_2), then Ctrl-S: the save request.
    static func duplicateSayAndSave(_ state: inout WorkbenchState) throws -> SaveRequest {
        state.press(.down, .character("y"))
        guard case .save(let request)? = state.press(.ctrl("s")).first else { throw Failure("no save: \(String(describing: state.banner))") }
        return request
    }

    struct Failure: Error, CustomStringConvertible {
        let description: String
        init(_ description: String) { self.description = description }
    }
}
