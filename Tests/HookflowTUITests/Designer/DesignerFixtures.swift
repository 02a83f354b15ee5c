import Foundation
import HookflowEngine
import HookflowModel
@testable import HookflowTUI

/// Designers on known workflows, for screen and behaviour tests.
enum DesignerFixtures {
    static let engine = "in-process http://127.0.0.1:7071"

    static func designer(_ text: String? = nil, name: String = "orders", width: Int = 80, height: Int = 24, published: WorkflowSummary? = nil) throws -> DesignerState {
        let document = try text.map { try WorkflowDocument.read($0) } ?? WorkflowDocument(definition: .empty())
        var state = DesignerState(appName: name, document: document, published: published, engineDescription: engine)
        _ = state.update(.input(.resize(width: width, height: height)))
        return state
    }

    /// A webhook trigger and three actions, one of them left unfinished (two problems).
    static let webhookWithThreeActions = """
        {
          "definition": {
            "$schema": "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#",
            "contentVersion": "1.0.0.0",
            "triggers": {
              "Order_events": {
                "type": "HttpWebhook",
                "inputs": {
                  "subscribe": {"method": "POST", "uri": "https://shop.example.com/hooks", "body": {"callbackUrl": "@{listCallbackUrl()}"}},
                  "unsubscribe": {"method": "DELETE", "uri": "https://shop.example.com/hooks"}
                }
              }
            },
            "actions": {
              "Parse_order": {"type": "Compose", "inputs": "@triggerBody()", "runAfter": {}},
              "Notify_warehouse": {"type": "Http", "inputs": {"method": "POST", "uri": "https://warehouse.example.com/orders", "body": "@outputs('Parse_order')"}, "runAfter": {"Parse_order": ["Succeeded"]}},
              "Wait_for_approval": {"type": "HttpWebhook", "inputs": {"subscribe": {"method": "POST", "uri": ""}, "unsubscribe": {"method": "", "uri": "https://approvals.example.com/cancel"}}, "runAfter": {"Notify_warehouse": ["Succeeded"]}}
            },
            "outputs": {}
          },
          "kind": "Stateful"
        }
        """

    static let parallelBranches = """
        {
          "triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"method": "POST"}}},
          "actions": {
            "Start": {"type": "Compose", "inputs": 1, "runAfter": {}},
            "Left": {"type": "Compose", "inputs": 2, "runAfter": {"Start": ["Succeeded"]}},
            "Right": {"type": "Compose", "inputs": 3, "runAfter": {"Start": ["Succeeded"]}},
            "Join": {"type": "Compose", "inputs": 4, "runAfter": {"Left": ["Succeeded"], "Right": ["Succeeded"]}},
            "Check": {"type": "If", "expression": {"equals": [1, 1]}, "actions": {"Yes": {"type": "Compose", "inputs": "y", "runAfter": {}}}, "else": {"actions": {}}, "runAfter": {"Join": ["Succeeded"]}}
          }
        }
        """
}
