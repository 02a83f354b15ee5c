import Foundation
import HookflowModel

/// What runs need of the engine: the plan of a run's version, what its expressions see, its
/// records, and the live events. Runs themselves are advanced by the ``RunExecutor``.
extension Engine {
    /// What the steps of `run` see while they start (``StepEnvironment``).
    func stepEnvironment(run: StoredRun, plan: RunPlan, state: RunState, scope: IterationScope = .top, accessKey key: Data, now: Date) -> StepEnvironment {
        let base = baseURL
        var context = evaluationContext(run: run, plan: plan, actions: state.expressionValues(visibleIn: scope), secretActions: state.secretActions,
                                        variables: state.variables)
        if !scope.loops.isEmpty {
            context.loops = scope.loops
            // A Foreach over a secret: what reads its items is secret too.
            for loop in scope.loops where state.secretActions.contains(loop.name) { context.secrets.loops.insert(loop.name.lowercased()) }
        }
        if plan.readsScopeResults { context.scopeResults = ScopeResults.visible(in: scope, plan: plan, state: state) }
        var environment = StepEnvironment(
            run: run, plan: plan, scope: scope,
            context: context,
            variables: state.variables,
            now: now,
            callbackBase: base,
            callbackURL: { actionKey in
                CallbackSigner.url(base: base, target: .action(workflow: run.workflowName, runID: run.id, action: actionKey), key: key)
            },
            faults: faults)
        // One answer per caller: a Response recorded already in this run (not yet committed) took it.
        environment.callerAwaitsResponse = plan.answersWithResponse && responses.awaitsAnswer(run.id)
            && !state.records.values.contains { $0.status == .succeeded && plan.step(named: $0.name)?.kind == .response }
        return environment
    }

    func commit(_ mutations: [StoreMutation]) async throws(EngineError) {
        try await storeCall { try await self.store.commit(mutations) }
    }

    /// A run's action records by key (``ActionKey``: the name, with the repetition inside loops).
    func recordsByName(_ runID: String) async throws(EngineError) -> [String: StoredAction] {
        let actions = try await storeCall { try await self.store.actions(runID: runID) }
        return Dictionary(actions.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
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

    /// What expressions see during a run: the trigger's outputs, its actions so far (`actions('Name')`
    /// for each), parameters, `workflow().run`. Secure parameters, the actions in `secretActions`
    /// and secure trigger outputs are what the evaluation treats as secret (``SecretSources``).
    func evaluationContext(run: StoredRun, plan: RunPlan, actions: [String: JSONValue], secretActions: Set<String>,
                           variables: RunVariables = RunVariables()) -> EvaluationContext {
        var context = plan.baseContext(workflow: run.workflowName, baseURL: baseURL)
        if case .object(var workflow) = context.workflow {
            workflow["run"] = ["name": .string(run.id), "id": .string("/workflows/\(run.workflowName)/runs/\(run.id)"), "type": "Microsoft.Logic/workflows/runs"]
            context.workflow = .object(workflow)
        }
        if !secretActions.isEmpty { context.secrets.actions = Set(secretActions.map { $0.lowercased() }) }
        context.secrets.trigger = run.maskedTriggerOutputs != nil
        context.trigger = [
            "name": .string(run.triggerName), "outputs": run.triggerOutputs, "status": "Succeeded",
            "startTime": .string(Timestamps.format(run.startTime)),
        ]
        context.actions = actions
        context.appSettings = configuration.appSettings
        if !variables.isEmpty {
            context.variables = variables.values
            context.secrets.variables = Set(variables.secretNames.map { $0.lowercased() })
        }
        return context
    }

    func publishRun(_ run: StoredRun) {
        eventHub.publish(EngineEvent(kind: .runChanged, workflow: run.workflowName, runID: run.id, status: run.status.rawValue))
    }

    func publishAction(_ run: StoredRun, _ action: String, _ status: ActionStatus) {
        eventHub.publish(EngineEvent(kind: .actionChanged, workflow: run.workflowName, runID: run.id, action: action, status: status.rawValue))
    }
}
