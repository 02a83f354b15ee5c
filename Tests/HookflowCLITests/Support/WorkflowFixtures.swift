import Foundation
import HookflowModel
import HookflowTestSupport

/// Workflow files the CLI tests publish, pointing at a fake webhook service.
enum WorkflowFixtures {
    /// A Standard workflow.json: an HttpWebhook trigger subscribing at `fake` and one Compose action.
    /// `retries: false` makes a failed subscribe fail at once instead of after the standard policy's retries.
    /// `topic` changes the subscribe body (another version whose subscription differs).
    static func webhook(_ fake: FakeWebhookService, trigger: String = "Webhook", secretHeader: String = "s3cret", retries: Bool = true,
                        topic: String? = nil) -> String {
        """
        {
          "definition": {
            "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
            "contentVersion": "1.0.0.0",
            "triggers": {
              "\(trigger)": {
                "type": "HttpWebhook",
                "inputs": {
                  "subscribe": {
                    "method": "POST",
                    "uri": "\(fake.url("/subscribe"))",
                    "headers": {"x-api-key": "\(secretHeader)"},\(retries ? "" : #" "retryPolicy": {"type": "none"},"#)
                    "body": {"callbackUrl": "@{listCallbackUrl()}"\(topic.map { #", "topic": "\#($0)""# } ?? "")}
                  },
                  "unsubscribe": {
                    "method": "POST",
                    "uri": "\(fake.url("/unsubscribe"))",
                    "body": {"callbackUrl": "@{listCallbackUrl()}"}
                  }
                }
              }
            },
            "actions": {
              "Say": {"type": "Compose", "inputs": "@triggerBody()", "runAfter": {}}
            },
            "outputs": {}
          },
          "kind": "Stateful"
        }
        """
    }

    /// A webhook trigger with no subscribe URI: one problem at /triggers/Webhook/inputs/subscribe/uri.
    static let broken = """
        {"definition": {"triggers": {"Webhook": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "POST"}, "unsubscribe": {"method": "POST", "uri": "https://svc.example/u"}}}}, "actions": {}}, "kind": "Stateful"}
        """

    /// A bare definition with two triggers that have callback URLs.
    static let twoRequestTriggers = """
        {"triggers": {"manual": {"type": "Request", "kind": "Http"}, "other": {"type": "Request", "kind": "Http"}}, "actions": {}}
        """

    /// An ARM template whose workflow resource is named `name` and has `state`.
    static func armTemplate(_ fake: FakeWebhookService, name: String, state: String) -> String {
        """
        {
          "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
          "contentVersion": "1.0.0.0",
          "resources": [
            {
              "type": "Microsoft.Logic/workflows",
              "apiVersion": "2019-05-01",
              "name": "\(name)",
              "location": "westeurope",
              "properties": {
                "state": "\(state)",
                "definition": \(definitionText(fake))
              }
            }
          ]
        }
        """
    }

    /// The definition of ``webhook(_:trigger:secretHeader:)`` alone.
    static func definitionText(_ fake: FakeWebhookService) -> String {
        let root = (try? JSONParser.parse(webhook(fake))) ?? .null
        return JSONWriter.compact.string(from: root["definition"] ?? .null)
    }
}
