import Foundation
import HookflowModel

/// Run history as the management API shows it: pages of runs, a run's detail, secrets masked.
extension Engine {
    /// A page of runs, newest first. `skipToken` continues where the previous page ended.
    public func runs(workflow name: String, status: RunStatus?, top: Int?, skipToken: String?) async throws(EngineError) -> RunPage {
        _ = try await existing(name)
        let limit = min(max(top ?? 50, 1), 1000)
        var before: Int64?
        if let skipToken {
            guard let sequence = Int64(skipToken), sequence > 0 else {
                throw .badRequest(code: "InvalidSkipToken", message: "skipToken \"\(skipToken)\" is not one this engine gave out; start from the first page")
            }
            before = sequence
        }
        // One more than asked tells whether there is a next page.
        let rows = try await storeCall { try await self.store.runs(workflow: name, status: status, limit: limit + 1, before: before) }
        let page = Array(rows.prefix(limit))
        let next = rows.count > limit ? page.last?.sequence.map(String.init) : nil
        let waiting = try await storeCall { try await self.store.waitingActions(runIDs: page.filter { $0.status == .waiting || $0.status == .running }.map(\.id)) }
        return RunPage(runs: page.map { Self.summary($0, waiting: waiting[$0.id] ?? []) }, skipToken: next)
    }

    /// A run with every action recorded so far, secrets masked, and the callback URL of each
    /// webhook action still waiting.
    public func run(workflow name: String, id: String) async throws(EngineError) -> RunDetail {
        let workflow = try await existing(name)
        guard let run = try await storeCall({ try await self.store.run(workflow: name, id: id) }) else {
            throw .notFound(code: "RunNotFound", message: "app \"\(name)\" has no run \"\(id)\"")
        }
        let plan = try await plan(of: run)
        let definition = plan.definition
        let masker = plan.masker
        let records = try await storeCall { try await self.store.actions(runID: id) }
        // Inside loops an action has one record per iteration, in iteration order.
        let byName = Dictionary(grouping: records, by: \.name).mapValues { $0.sorted { $0.repetition < $1.repetition } }
        // In definition order, so the detail reads like the designer.
        let order = definition.allSteps.filter { !$0.isTrigger }
        let actions = order.flatMap { step -> [ActionRun] in
            (byName[step.name] ?? []).map { record in
                var callbackURL: String?
                if step.kind == .httpWebhook, record.status == .waiting || record.status == .running {
                    callbackURL = CallbackSigner.url(base: baseURL, target: .action(workflow: name, runID: id, action: record.key), key: workflow.accessKey)
                }
                return ActionRun(
                    name: record.name, type: record.type, status: record.status.rawValue, code: record.code, startTime: Timestamps.format(record.startTime),
                    endTime: record.endTime.map(Timestamps.format), inputs: record.inputs, outputs: masker.outputs(record.historyOutputs, of: step),
                    error: record.error, callbackURL: callbackURL, repetition: record.repetition.isEmpty ? nil : record.repetition)
            }
        }
        let trigger = definition.triggers.first { $0.name == run.triggerName }
        var waiting: [String] = []
        for action in actions where action.status == ActionStatus.waiting.rawValue && !waiting.contains(action.name) { waiting.append(action.name) }
        var summary = Self.summary(run, waiting: waiting)
        summary.error = run.error
        return RunDetail(summary: summary, triggerOutputs: masker.outputs(run.maskedTriggerOutputs ?? run.triggerOutputs, of: trigger) ?? .null, actions: actions, triggerType: trigger?.type)
    }

    static func summary(_ run: StoredRun, waiting: [String] = []) -> RunSummary {
        RunSummary(id: run.id, workflowName: run.workflowName, triggerName: run.triggerName, status: run.status,
                   startTime: Timestamps.format(run.startTime), endTime: run.endTime.map(Timestamps.format), waitingActions: waiting)
    }
}

/// How secrets look wherever they are hidden.
public enum SecretMasking {
    public static let placeholder = "********"
}
