import Foundation
import HookflowModel

/// A Workflow action calling another app of this engine (``WorkflowStep``): the called app's
/// Request trigger starts a run, as a caller over HTTP would, without the signature (the
/// engine is calling itself).
extension Engine {
    /// Starts a run of `app` through `trigger` (or its only Request trigger) and waits for its
    /// answer as a Request trigger's caller does. Throws `WorkflowNotFound`, `TriggerNotFound`,
    /// `WorkflowDisabled` (the action fails with that code).
    func callWorkflow(_ app: String, trigger: String?, headers: [(name: String, value: String)], body: JSONValue?,
                      caller: StoredAction) async throws(EngineError) -> SynchronousResponses.Answer {
        guard let view = await apps.app(named: app) else {
            throw .notFound(code: "WorkflowNotFound", message: "there is no app named \"\(app)\" in this engine to call")
        }
        let requests = view.plan.definition.triggers.filter { $0.kind == .request }
        let chosen: Step
        if let trigger {
            guard let named = view.plan.trigger(named: trigger), named.kind == .request else {
                throw .notFound(code: "TriggerNotFound", message: "app \"\(app)\" has no Request trigger \"\(trigger)\" to call")
            }
            chosen = named
        } else {
            guard let only = requests.first, requests.count == 1 else {
                throw .notFound(code: "TriggerNotFound", message: requests.isEmpty
                    ? "app \"\(app)\" has no Request trigger (\"When a HTTP request is received\"), which a Workflow action calls"
                    : "app \"\(app)\" has several Request triggers; name one with host.triggerName")
            }
            chosen = only
        }
        guard view.workflow.state == .enabled else {
            throw .conflict(code: "WorkflowDisabled", message: "app \"\(app)\" is disabled; enable it to call it")
        }
        var sent = headers
        if !sent.contains(where: { $0.name.lowercased() == "content-type" }), let body, body.stringValue == nil {
            sent.append(("Content-Type", "application/json"))
        }
        // Logic Apps tells the nested run who called it.
        sent.append(("x-ms-workflow-caller-run-id", caller.runID))
        let data: Data = switch body {
        case nil, .null?: Data()
        case .string(let text)?: Data(text.utf8)
        case let value?: Data(JSONWriter.compact.string(from: value).utf8)
        }
        let grant = CallbackGrant(workflow: view.workflow, target: .trigger(workflow: app, trigger: chosen.name), plan: view.plan)
        let run = try await startRun(grant, request: InboundCallback(query: [], headers: sent, body: data))
        guard let outcome = await synchronousAnswer(for: run, plan: view.plan) else {
            return SynchronousResponses.Answer(statusCode: 202, headers: ["x-ms-workflow-run-id": run.id], body: nil)
        }
        switch outcome {
        case .answered(let answer):
            return answer
        case .endedWithoutResponse(let status):
            return SynchronousResponses.Answer(statusCode: 502, headers: ["x-ms-workflow-run-id": run.id], body: ["error": [
                "code": "NoResponse", "message": .string("run \(run.id) of app \"\(app)\" ended \(status.rawValue) without running its Response action")]])
        case .timedOut:
            return SynchronousResponses.Answer(statusCode: 504, headers: ["x-ms-workflow-run-id": run.id], body: ["error": [
                "code": "GatewayTimeout", "message": .string("run \(run.id) of app \"\(app)\" did not reach its Response action in time; it goes on")]])
        }
    }
}
