import Foundation
import HookflowEngine
import HookflowModel
@testable import HookflowTUI

/// Designers on known workflows, for screen and behaviour tests.
enum DesignerFixtures {
    static let engine = "in-process http://127.0.0.1:7071"

    /// The app being designed: `text` read as a file (a new app when nil); published as it is when `published` is given.
    static func app(_ text: String? = nil, name: String = "orders", published: WorkflowSummary? = nil, inProcess: Bool = false) throws -> DesignerState {
        let document = try text.map { try WorkflowDocument.read($0) } ?? WorkflowDocument(definition: .empty())
        return DesignerState(appName: name, document: document, published: published, publishedDefinition: published.map { _ in document.definition },
                             engineDescription: engine, engineIsInProcess: inProcess)
    }

    /// The workbench on that app, at a screen size.
    static func designer(_ text: String? = nil, name: String = "orders", width: Int = 80, height: Int = 24, published: WorkflowSummary? = nil,
                         inProcess: Bool = false) throws -> WorkbenchState {
        var state = WorkbenchState(designer: try app(text, name: name, published: published, inProcess: inProcess))
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

extension DesignerFixtures {
    /// Two parallel branches, each followed by a step of its own: nothing joins them.
    static let twoChains = """
        {
          "triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"method": "POST"}}},
          "actions": {
            "Start": {"type": "Compose", "inputs": 1, "runAfter": {}},
            "Left": {"type": "Compose", "inputs": 2, "runAfter": {"Start": ["Succeeded"]}},
            "Right": {"type": "Compose", "inputs": 3, "runAfter": {"Start": ["Succeeded"]}},
            "Left_next": {"type": "Compose", "inputs": 4, "runAfter": {"Left": ["Succeeded"]}},
            "Right_next": {"type": "Compose", "inputs": 5, "runAfter": {"Right": ["Succeeded"]}}
          }
        }
        """

    /// A call with a failure path (run after it Failed or TimedOut), a step that waits for both
    /// paths' ends (one of them two rows up), and a step whose runAfter names no step.
    static let failurePath = """
        {
          "triggers": {"manual": {"type": "Request", "kind": "Http", "inputs": {"method": "POST"}}},
          "actions": {
            "Call_service": {"type": "Http", "inputs": {"method": "POST", "uri": "https://svc.example.com/orders"}, "runAfter": {}},
            "Record": {"type": "Compose", "inputs": "@body('Call_service')", "runAfter": {"Call_service": ["Succeeded"]}},
            "Notify": {"type": "Compose", "inputs": "ok", "runAfter": {"Record": ["Succeeded"]}},
            "Alert": {"type": "Compose", "inputs": "failed", "runAfter": {"Call_service": ["Failed", "TimedOut"]}},
            "Finish": {"type": "Compose", "inputs": "done", "runAfter": {"Notify": ["Succeeded"], "Alert": ["Succeeded", "Skipped"]}},
            "Orphan": {"type": "Compose", "inputs": 0, "runAfter": {"Nowhere": ["Succeeded"]}}
          }
        }
        """
}
