import Foundation
import HookflowModel

/// Running workflows: actions in `runAfter` order, branches in parallel, webhook actions that
/// wait for their callback, durable timers, cancel and resubmit, and recovery after a crash.
///
/// State changes and the work they imply are committed together (an action's result with the
/// unsubscribe it owes, a callback with the run going back to `Running`); only then does the
/// engine act on them. After a crash, runs still `Running` are advanced again, and actions
/// left `Running` without an executor are executed again: an HTTP call cut off by the crash is
/// sent again (at-least-once), and a webhook action subscribes again with the same tracking id
/// and callback URL.
extension Engine {
    // MARK: Advancing a run

    /// Moves a run forward as far as it can go now. Calls for one run never overlap.
    func advance(workflow: String, runID: String) async {
        do {
            try await serial.run("run:\(runID)") { () async throws(EngineError) -> Void in
                try await self.advanceRun(workflow: workflow, runID: runID)
            }
        } catch {
            logger.error("advancing run \(runID) of \(workflow) failed: \(error)")
        }
    }

    /// Advances in the background (after a commit that woke the run).
    func advanceLater(workflow: String, runID: String) {
        // While runs are advanced one at a time after a restart, the others wait (Engine+Recovery).
        guard recoveryGate.admit(workflow: workflow, runID: runID) else { return }
        Task { await self.advance(workflow: workflow, runID: runID) }
    }

    /// One advance: the run's actions are read once, then kept in memory while passes decide
    /// and apply what can happen next (skips, finished containers, Compose evaluated in place);
    /// only actions with an outside effect (HTTP, webhook, Terminate) go to a task of their own.
    /// A pass is linear in the size of the definition (``RunPlan``), and nothing is re-read
    /// unless a compare-and-set lost to another writer.
    private func advanceRun(workflow name: String, runID: String) async throws(EngineError) {
        // Waiting runs are looked at too: a pass that read the actions just before a callback
        // completed one may have parked the run; the callback's own pass must still move it on.
        guard var run = try await storeCall({ try await self.store.run(workflow: name, id: runID) }), run.status == .running || run.status == .waiting else { return }
        let plan = try await plan(of: run)
        let workflow = try await existing(name)
        var state = RunState(records: try await recordsByName(runID))
        // Each pass applies what the scheduler decided; skips and finished containers can unlock more.
        while true {
            let outcome = inFlight.evaluating(runID) { RunScheduler.decide(plan: plan, records: state.records) }
            var progressed = false
            for decision in outcome.decisions {
                switch decision {
                case .skip(let address, let code):
                    let now = Date()
                    let skipped = StoredAction(runID: runID, name: address.name, type: plan.step(named: address.name)?.type ?? "", status: .skipped,
                                               code: code, startTime: now, endTime: now)
                    try await commit([.putAction(skipped)])
                    state.record(skipped)
                    publishAction(run, address.name, .skipped)
                    progressed = true
                case .finishContainer(let address, let status):
                    guard var record = state.records[address.name] else { continue }
                    record.status = status
                    record.endTime = Date()
                    if status == .failed { record.code = "ActionFailed"; record.error = ["code": "ActionFailed", "message": "An action inside failed and nothing handled it."] }
                    if try await transition(record, from: [.running]) {
                        state.record(record)
                        publishAction(run, address.name, status)
                    } else {
                        state = RunState(records: try await recordsByName(runID))
                    }
                    progressed = true
                case .start(let address):
                    guard let step = plan.step(named: address.name) else { continue }
                    if let record = try await begin(step, run: run, workflow: workflow, plan: plan, state: state) { state.record(record) }
                    progressed = true
                }
            }
            if progressed {
                if run.status == .waiting {
                    run.status = .running
                    if try await storeCall({ try await self.store.transitionRun(id: runID, from: [.waiting], mutations: [
                        .setRunStatus(id: runID, status: .running, endTime: nil, error: nil)]) }) {
                        publishRun(run)
                    }
                }
                continue
            }

            // Actions left Running by a crash: execute them again. What memory says is checked
            // against the store first: a task of this process may have finished it meanwhile.
            let leftovers = state.records.values.filter { $0.status == .running && !isExecuting(runID, $0.name) }
                .compactMap { record in plan.step(named: record.name).flatMap { Self.isExecutedInTask($0.kind) ? $0 : nil } }
            if !leftovers.isEmpty {
                let current = try await recordsByName(runID)
                for step in leftovers where current[step.name]?.status == .running && !isExecuting(runID, step.name) {
                    launch(step, run: run, workflow: workflow, plan: plan)
                }
            }
            if let status = outcome.runStatus {
                let failed = outcome.unhandledFailures
                let error: JSONValue? = failed.isEmpty ? nil : [
                    "code": "ActionFailed",
                    "message": .string("An action failed and nothing ran after it on that status: \(failed.joined(separator: ", ")).")]
                run.status = status
                if try await storeCall({ try await self.store.transitionRun(id: runID, from: [.running, .waiting], mutations: [
                    .setRunStatus(id: runID, status: status, endTime: Date(), error: error), .deleteTimers(runID: runID, actionName: nil)]) }) {
                    publishRun(run)
                }
                return
            }
            // Nothing to start: if nothing runs in this process and nothing is delayed, the run only waits.
            let busy = executing.withLock { set in set.contains { $0.hasPrefix(runID + "/") } }
                || state.records.values.contains { $0.status == .running && plan.step(named: $0.name)?.kind == .wait }
            if !busy, run.status == .running, state.records.values.contains(where: { $0.status == .waiting }) {
                run.status = .waiting
                if try await storeCall({ try await self.store.transitionRun(id: runID, from: [.running], mutations: [
                    .setRunStatus(id: runID, status: .waiting, endTime: nil, error: nil)]) }) {
                    publishRun(run)
                }
            }
            return
        }
    }

    /// Starts one action and returns what it committed: containers, delays and Compose are
    /// settled here (Compose is pure: evaluated and recorded in one write); HTTP, webhook and
    /// Terminate run in their own task.
    private func begin(_ step: Step, run: StoredRun, workflow: StoredWorkflow, plan: RunPlan, state: RunState) async throws(EngineError) -> StoredAction? {
        // The evaluation is what a run's input can crash: it is noted in the in-flight file (Engine+Recovery).
        let (record, mutations) = inFlight.evaluating(run.id) { prepare(step, run: run, plan: plan, state: state) }
        try await commit(mutations)
        switch step.kind {
        case .wait: worker.wake()
        case .http, .terminate, .httpWebhook: launch(step, run: run, workflow: workflow, plan: plan)
        default: break
        }
        publishAction(run, step.name, record.status)
        return record
    }

    /// What starting an action records, computed without I/O: its record and anything owed with it.
    private func prepare(_ step: Step, run: StoredRun, plan: RunPlan, state: RunState) -> (StoredAction, [StoreMutation]) {
        faults.crashIfPlanted(beforeAction: step.name)
        let now = Date()
        var record = StoredAction(runID: run.id, name: step.name, type: step.type ?? "", status: .running, startTime: now)
        let context = evaluationContext(run: run, definition: plan.definition, actions: state.expressionValues, secretActions: state.secretActions)
        let masker = plan.masker
        switch step.kind {
        case .ifCondition:
            do {
                let result = try ConditionEvaluator(evaluator: ExpressionEvaluator(context: context)).evaluate(step.json["expression"] ?? .null, at: step.pointer / "expression")
                record.outputs = ["expression": .bool(result)]
            } catch {
                fail(&record, code: "InvalidTemplate", message: error.description, masker: masker)
            }
        case .scope, .http, .terminate, .httpWebhook:
            break
        case .compose:
            compose(step, into: &record, evaluator: ExpressionEvaluator(context: context), masker: masker)
        case .wait:
            do {
                let due = try Self.waitUntil(step, context: context, now: now)
                record.inputs = masker.inputs(step.inputs, of: step)
                return (record, [.putAction(record), .putTimer(StoredTimer(kind: .wait, workflowName: run.workflowName, runID: run.id,
                                                                           actionName: step.name, dueAt: due))])
            } catch {
                fail(&record, code: "InvalidTemplate", message: "\(error)", masker: masker)
            }
        case .unsupported(let type):
            fail(&record, code: "ActionTypeNotSupported", message: "Hookflow cannot run steps of type \"\(type)\"; this step loads and round-trips but does not run",
                 masker: masker)
        case .missing, .request, .recurrence:
            fail(&record, code: "ActionTypeNotSupported", message: "\"\(step.name)\" cannot run as an action (type \"\(step.type ?? "none")\")", masker: masker)
        }
        return (record, [.putAction(record)])
    }

    /// A Compose's outputs are its inputs, evaluated; what read a secret is recorded masked.
    private func compose(_ step: Step, into record: inout StoredAction, evaluator: ExpressionEvaluator, masker: SecretMasker) {
        do {
            let hidden = try evaluator.evaluateHidingSecrets(step.inputs ?? .null)
            record.inputs = masker.inputs(hidden.forHistory, of: step)
            record.outputs = hidden.value
            record.maskedOutputs = masker.maskedOutputs(hidden.value, hidden: hidden.recordable, of: step)
            record.status = .succeeded
        } catch {
            fail(&record, code: "InvalidTemplate", message: "\(step.pointer.appending("inputs").appending(error.pointer.tokens)): \(error.error.description)",
                 masker: masker)
        }
        record.endTime = Date()
    }

    static func isExecutedInTask(_ kind: StepKind) -> Bool { [.http, .terminate, .httpWebhook].contains(kind) }

    /// Fails the action with an error that names no secret of the definition.
    private func fail(_ record: inout StoredAction, code: String, message: String, masker: SecretMasker) {
        record.status = .failed
        record.code = code
        record.endTime = Date()
        record.error = ["code": .string(code), "message": .string(masker.maskText(message))]
    }

    // MARK: Executing actions

    private func launch(_ step: Step, run: StoredRun, workflow: StoredWorkflow, plan: RunPlan) {
        let key = "\(run.id)/\(step.name)"
        let claimed = executing.withLock { $0.insert(key).inserted }
        guard claimed else { return }
        Task {
            do {
                try await self.execute(step, run: run, workflow: workflow, definition: plan.definition)
            } catch {
                self.logger.error("action \(step.name) of run \(run.id) failed to record: \(error)")
            }
            _ = self.executing.withLock { $0.remove(key) }
            await self.advance(workflow: run.workflowName, runID: run.id)
        }
    }

    private func execute(_ step: Step, run: StoredRun, workflow: StoredWorkflow, definition: WorkflowDefinition) async throws(EngineError) {
        let records = try await recordsByName(run.id)
        guard let record = records[step.name], record.status == .running else { return }
        let context = evaluationContext(run: run, definition: definition, records: records)
        let evaluator = ExpressionEvaluator(context: context)
        let masker = try await plan(of: run).masker

        switch step.kind {
        case .http:
            try await executeHTTP(step, record: record, evaluator: evaluator, masker: masker)
        case .terminate:
            try await executeTerminate(step, record: record, run: run, evaluator: evaluator, masker: masker)
        case .httpWebhook:
            try await executeWebhook(step, record: record, run: run, workflow: workflow, definition: definition, context: context, masker: masker)
        default:
            return
        }
        publishAction(run, step.name, (try? await recordsByName(run.id))?[step.name]?.status ?? record.status)
    }

    private func executeHTTP(_ step: Step, record: StoredAction, evaluator: ExpressionEvaluator, masker: SecretMasker) async throws(EngineError) {
        var record = record
        let hidden: ExpressionEvaluator.HiddenSecrets
        do {
            hidden = try inFlight.evaluating(record.runID) { () throws(EvaluationFailure) in try evaluator.evaluateHidingSecrets(step.inputs ?? .null) }
        } catch {
            fail(&record, code: "InvalidTemplate", message: "\(step.pointer.appending("inputs").appending(error.pointer.tokens)): \(error.error.description)",
                 masker: masker)
            _ = try await transition(record, from: [.running])
            return
        }
        let inputs = hidden.value
        record.inputs = masker.inputs(hidden.forHistory, of: step)
        let definition = HttpRequestDefinition(json: inputs.objectValue ?? JSONObject())
        var uri = definition.uri ?? ""
        if let queries = definition.queries?.objectValue, !queries.isEmpty {
            let items = queries.entries.map { "\(CallbackSigner.encodeQuery($0.key))=\(CallbackSigner.encodeQuery($0.value.stringValue ?? JSONWriter.compact.string(from: $0.value)))" }
            uri += (uri.contains("?") ? "&" : "?") + items.joined(separator: "&")
        }
        let request = OutboundRequest(method: (definition.method ?? "GET").uppercased(), uri: uri, headers: definition.headerPairs, body: definition.body,
                                      authentication: inputs["authentication"], retryPolicy: definition.retryPolicy ?? .standard)
        do {
            let response = try await http.send(request)
            record.outputs = Self.outputs(of: response)
            record.status = .succeeded
        } catch {
            if let response = error.response { record.outputs = Self.outputs(of: response) }
            fail(&record, code: error.response.map { Self.statusCode($0.statusCode) } ?? "RequestFailed", message: error.error.description, masker: masker)
        }
        record.maskedOutputs = masker.maskedOutputs(record.outputs, of: step)
        record.endTime = Date()
        _ = try await transition(record, from: [.running])
    }

    private func executeTerminate(_ step: Step, record: StoredAction, run: StoredRun, evaluator: ExpressionEvaluator, masker: SecretMasker) async throws(EngineError) {
        var record = record
        let hidden = inFlight.evaluating(record.runID) { try? evaluator.evaluateHidingSecrets(step.inputs ?? .null) }
        // The run's error is run history too: it comes from what may be recorded.
        let inputs = (hidden?.forHistory).map(masker.maskValues) ?? step.inputs ?? .null
        record.inputs = masker.inputs(inputs, of: step)
        let requested = inputs["runStatus"]?.stringValue.flatMap(RunStatus.init(caseInsensitive:)) ?? .failed
        let status: RunStatus = [.succeeded, .failed, .cancelled].contains(requested) ? requested : .failed
        record.status = .succeeded
        record.endTime = Date()
        let error: JSONValue? = status == .succeeded ? nil : [
            "code": .string(inputs["runError"]?["code"]?.stringValue ?? "Terminated"),
            "message": .string(inputs["runError"]?["message"]?.stringValue ?? "The run was terminated by \(step.name)."),
        ]
        let now = Date()
        // One transaction: this action succeeds, the run ends, whatever still runs or waits is cancelled.
        let ended = try await storeCall {
            try await self.store.transitionRun(id: run.id, from: [.running, .waiting], mutations: [
                .putAction(record),
                .closeOpenActions(runID: run.id, workflowName: run.workflowName, status: .cancelled, code: "TerminatedByAction", at: now),
                .setRunStatus(id: run.id, status: status, endTime: now, error: error),
                .deleteTimers(runID: run.id, actionName: nil),
            ])
        }
        if ended {
            var finished = run
            finished.status = status
            publishRun(finished)
            worker.wake()
        }
    }

    private func executeWebhook(_ step: Step, record: StoredAction, run: StoredRun, workflow: StoredWorkflow, definition: WorkflowDefinition,
                                context: EvaluationContext, masker: SecretMasker) async throws(EngineError) {
        var record = record
        // A re-execution after a crash keeps the subscription id and so the same callback URL.
        let trackingID = record.subscriptionID ?? UUID().uuidString.lowercased()
        let callbackURL = CallbackSigner.url(base: baseURL, target: .action(workflow: workflow.name, runID: run.id, action: step.name), key: workflow.accessKey)
        let resolver = WebhookRequestResolver(workflowName: workflow.name, operationName: step.name, trackingID: trackingID, callbackURL: callbackURL,
                                              baseContext: context)
        let subscribe: WebhookRequestResolver.Resolved
        let unsubscribe: WebhookRequestResolver.Resolved
        do {
            (subscribe, unsubscribe) = try inFlight.evaluating(run.id) { () throws(WebhookRequestResolver.ResolutionError) in
                (try resolver.resolveHidingSecrets("subscribe", of: step), try resolver.resolveHidingSecrets("unsubscribe", of: step))
            }
        } catch {
            fail(&record, code: "InvalidTemplate", message: error.message, masker: masker)
            _ = try await transition(record, from: [.running])
            return
        }
        record.unsubscribeRequest = unsubscribe.request
        record.subscriptionID = trackingID
        record.inputs = masker.inputs(["subscribe": subscribe.recordable, "unsubscribe": unsubscribe.recordable], of: step)
        var mutations: [StoreMutation] = [.putAction(record), .deleteTimers(runID: run.id, actionName: step.name)]
        if let timeout = step.timeout.flatMap(ISO8601Duration.init) {
            mutations.append(.putTimer(StoredTimer(kind: .actionTimeout, workflowName: run.workflowName, runID: run.id, actionName: step.name,
                                                   dueAt: record.startTime.addingTimeInterval(timeout.totalSeconds))))
        }
        // The unsubscribe request and the timeout are durable before the service hears of us.
        guard try await storeCall({ try await self.store.transitionAction(runID: run.id, name: step.name, from: [.running], mutations: mutations) }) else { return }
        worker.wake()
        let sent: Result<OutboundResponse, OutboundFailure>
        do { sent = .success(try await http.send(subscribe.request)) } catch { sent = .failure(error) }
        switch sent {
        case .success:
            var waiting = record
            waiting.status = .waiting
            // The callback may already have come (and won): then this changes nothing.
            _ = try await transition(waiting, from: [.running])
        case .failure(let error):
            var failed = record
            fail(&failed, code: error.response.map { Self.statusCode($0.statusCode) } ?? "SubscribeFailed", message: "subscribe failed: \(error.error.description)",
                 masker: masker)
            var extra: [StoreMutation] = [.deleteTimers(runID: run.id, actionName: step.name)]
            if error.mayHaveBeenDelivered, let unsubscribe = failed.unsubscribeRequest {
                extra.append(.enqueue(OutboxEntry(kind: .unsubscribe, subscriptionID: trackingID, workflowName: run.workflowName, operationName: step.name,
                                                  request: unsubscribe, nextAttemptAt: Date(), createdAt: Date())))
            }
            _ = try await transition(failed, from: [.running], extra: extra)
        }
    }

    // MARK: Helpers

    /// Writes an action's new state if it is still in one of `expected` (compare-and-set).
    @discardableResult
    func transition(_ record: StoredAction, from expected: Set<ActionStatus>, extra: [StoreMutation] = []) async throws(EngineError) -> Bool {
        try await storeCall {
            try await self.store.transitionAction(runID: record.runID, name: record.name, from: expected, mutations: [.putAction(record)] + extra)
        }
    }

    func commit(_ mutations: [StoreMutation]) async throws(EngineError) {
        try await storeCall { try await self.store.commit(mutations) }
    }

    func recordsByName(_ runID: String) async throws(EngineError) -> [String: StoredAction] {
        let actions = try await storeCall { try await self.store.actions(runID: runID) }
        return Dictionary(actions.map { ($0.name, $0) }, uniquingKeysWith: { _, last in last })
    }

    func isExecuting(_ runID: String, _ action: String) -> Bool { executing.withLock { $0.contains("\(runID)/\(action)") } }

    /// The definition a run was started with (versions never change, so they are cached).
    func definition(of run: StoredRun) async throws(EngineError) -> WorkflowDefinition {
        try await plan(of: run).definition
    }

    /// The run plan of the version a run was started with, built once per version.
    func plan(of run: StoredRun) async throws(EngineError) -> RunPlan {
        try await plan(workflow: run.workflowName, version: run.workflowVersion)
    }

    func plan(workflow name: String, version: Int) async throws(EngineError) -> RunPlan {
        if let cached = plans.withLock({ $0["\(name)@\(version)"] }) { return cached }
        if let app = await apps.app(named: name), app.version == version { return cachedPlan(workflow: name, version: version) { app.plan } }
        guard let text = try await storeCall({ try await self.store.definitionText(workflow: name, version: version) }),
            let object = (try? JSONParser.parse(text))?.objectValue
        else { throw .internalError(message: "version \(version) of \(name) is missing from the store") }
        return cachedPlan(workflow: name, version: version) { RunPlan(definition: WorkflowDefinition(json: object)) }
    }

    /// The cached plan of a version, made with `make` the first time.
    func cachedPlan(workflow name: String, version: Int, _ make: () -> RunPlan) -> RunPlan {
        let key = "\(name)@\(version)"
        return plans.withLock { cache in
            if let cached = cache[key] { return cached }
            if cache.count > 256 { cache.removeAll() }
            let plan = make()
            cache[key] = plan
            return plan
        }
    }

    /// What expressions see during a run: the trigger's outputs, finished actions, parameters, `workflow().run`.
    func evaluationContext(run: StoredRun, definition: WorkflowDefinition, records: [String: StoredAction]) -> EvaluationContext {
        evaluationContext(run: run, definition: definition, actions: records.mapValues(\.expressionValue),
                          secretActions: Set(records.values.filter(\.hasSecretOutputs).map(\.name)))
    }

    /// The same, from action values already built (`actions('Name')` for each recorded action).
    /// Secure parameters, the actions in `secretActions` and secure trigger outputs are what the
    /// evaluation treats as secret (``SecretSources``).
    func evaluationContext(run: StoredRun, definition: WorkflowDefinition, actions: [String: JSONValue], secretActions: Set<String>) -> EvaluationContext {
        var context = EvaluationContext.forWorkflow(run.workflowName, definition: definition, baseURL: baseURL, runID: run.id)
        context.secrets.actions = Set(secretActions.map { $0.lowercased() })
        context.secrets.trigger = run.maskedTriggerOutputs != nil
        context.trigger = [
            "name": .string(run.triggerName), "outputs": run.triggerOutputs, "status": "Succeeded",
            "startTime": .string(Timestamps.format(run.startTime)),
        ]
        context.actions = actions
        return context
    }

    static func outputs(of response: OutboundResponse) -> JSONValue {
        var headers = JSONObject()
        for header in response.headers { headers[header.name] = .string(header.value) }
        let contentType = response.headers.first { $0.name.lowercased() == "content-type" }?.value
        var outputs: JSONObject = ["statusCode": .int(response.statusCode), "headers": .object(headers)]
        if !response.body.isEmpty { outputs["body"] = InboundCallback.decodeBody(response.body, contentType: contentType) }
        return .object(outputs)
    }

    /// `NotFound`, `InternalServerError`, ... as Logic Apps names failed HTTP actions.
    static func statusCode(_ status: Int) -> String {
        let names: [Int: String] = [
            400: "BadRequest", 401: "Unauthorized", 403: "Forbidden", 404: "NotFound", 405: "MethodNotAllowed", 408: "RequestTimeout",
            409: "Conflict", 410: "Gone", 412: "PreconditionFailed", 413: "RequestEntityTooLarge", 415: "UnsupportedMediaType",
            422: "UnprocessableEntity", 429: "TooManyRequests", 500: "InternalServerError", 501: "NotImplemented", 502: "BadGateway",
            503: "ServiceUnavailable", 504: "GatewayTimeout",
        ]
        return names[status] ?? "HTTP\(status)"
    }

    /// When a Wait (Delay) action ends: `interval {count, unit}` from now, or `until {timestamp}`.
    static func waitUntil(_ step: Step, context: EvaluationContext, now: Date) throws -> Date {
        let inputs = try ExpressionEvaluator(context: context).evaluateHidingSecrets(step.inputs ?? .null).value
        if let interval = inputs["interval"] {
            let count = interval["count"].flatMap { $0.intValue ?? $0.stringValue.flatMap(Int.init) } ?? 0
            let unit = interval["unit"]?.stringValue?.lowercased() ?? "second"
            var components = DateComponents()
            switch unit {
            case "second": components.second = count
            case "minute": components.minute = count
            case "hour": components.hour = count
            case "day": components.day = count
            case "week": components.day = count * 7
            case "month": components.month = count
            default: throw ConditionError(pointer: step.pointer.appending(["inputs", "interval", "unit"]), message: "unknown unit \"\(unit)\"")
            }
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = TimeZone(identifier: "UTC") ?? .gmt
            return calendar.date(byAdding: components, to: now) ?? now
        }
        if let text = inputs["until"]?["timestamp"]?.stringValue {
            guard let date = ISO8601Timestamp.date(from: text) else {
                throw ConditionError(pointer: step.pointer.appending(["inputs", "until", "timestamp"]), message: "\"\(text)\" is not an ISO 8601 timestamp")
            }
            return date
        }
        throw ConditionError(pointer: step.pointer / "inputs", message: "a Delay needs an interval or an until timestamp")
    }

    func publishRun(_ run: StoredRun) {
        eventHub.publish(EngineEvent(kind: .runChanged, workflow: run.workflowName, runID: run.id, status: run.status.rawValue))
    }

    func publishAction(_ run: StoredRun, _ action: String, _ status: ActionStatus) {
        eventHub.publish(EngineEvent(kind: .actionChanged, workflow: run.workflowName, runID: run.id, action: action, status: status.rawValue))
    }
}
