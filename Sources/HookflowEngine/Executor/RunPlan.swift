import HookflowModel
import Synchronization

/// A definition indexed once for running it: its steps by name and by container, each with its
/// `runAfter` parsed. Built once per saved version (versions never change) and shared by every
/// run of it, so a pass over a run costs lookups, not walks of the definition's JSON.
final class RunPlan: Sendable {
    /// One step with what the scheduler asks of it on every pass.
    struct PlannedStep: Sendable {
        let step: Step
        /// `runAfter` entries, the statuses lowercased.
        let dependencies: [(predecessor: String, allowed: Set<String>)]
        /// The statuses other steps of its container wait for after it (lowercased), for
        /// telling whether one of its failures is handled.
        let handledStatuses: Set<String>
    }

    let definition: WorkflowDefinition
    /// Hides this definition's secrets from what runs of it record.
    let masker: SecretMasker
    /// The parsed templates of this version's expressions, kept across its runs.
    let templates = TemplateCache()
    /// Whether a Request trigger's caller waits for this definition's Response action (one that
    /// is not `Asynchronous`): if not, it hears `202` once the run is committed.
    let answersWithResponse: Bool
    /// Whether an expression of this definition may call `result()`: only then do steps get
    /// the scopes' results (``ScopeResults``).
    let readsScopeResults: Bool
    /// The Scope, If, Switch, Foreach and Until steps, whose results `result()` gives.
    let containerSteps: [Step]
    /// What expressions see outside any run (parameters, `workflow()`), by base URL.
    private let contexts = Mutex<[String: EvaluationContext]>([:])
    private let byName: [String: Step]
    private let triggers: [String: Step]
    private let byContainer: [JSONPointer: [PlannedStep]]
    /// The step each action container belongs to (If, Switch, Scope, Foreach, Until).
    private let owners: [JSONPointer: Step]

    init(definition: WorkflowDefinition) {
        self.definition = definition
        masker = SecretMasker(definition: definition)
        var byName: [String: Step] = [:]
        var byContainer: [JSONPointer: [PlannedStep]] = [:]
        var owners: [JSONPointer: Step] = [:]
        // An explicit work list: containers nest as deep as the definition's JSON does.
        var pending: [JSONPointer] = [.actions]
        while let container = pending.popLast() {
            let steps = definition.steps(in: container)
            var handled: [String: Set<String>] = [:]
            for step in steps {
                for dependency in step.runAfter {
                    handled[dependency.predecessor, default: []].formUnion(dependency.statuses.map { $0.lowercased() })
                }
            }
            byContainer[container] = Self.predecessorsFirst(steps).map { step in
                PlannedStep(step: step, dependencies: step.runAfter.map { ($0.predecessor, Set($0.statuses.map { $0.lowercased() })) },
                            handledStatuses: handled[step.name] ?? [])
            }
            for step in steps {
                if byName[step.name] == nil { byName[step.name] = step }
                for child in step.childContainers { owners[child] = step }
                pending.append(contentsOf: step.childContainers)
            }
        }
        var triggers: [String: Step] = [:]
        for trigger in definition.triggers {
            if triggers[trigger.name] == nil { triggers[trigger.name] = trigger }
            if byName[trigger.name] == nil { byName[trigger.name] = trigger }
        }
        self.byName = byName
        self.triggers = triggers
        answersWithResponse = byName.values.contains { $0.kind == .response && !ResponseStep.isAsynchronous($0) }
        readsScopeResults = JSONWriter.compact.string(from: .object(definition.json)).lowercased().contains("result(")
        containerSteps = byName.values.filter { !$0.isTrigger && RunScheduler.isContainer($0.kind) }.sorted { $0.name < $1.name }
        self.byContainer = byContainer
        self.owners = owners
    }

    /// The Foreach and Until steps around `step`, outermost first: one repetition level each.
    func loops(around step: Step) -> [Step] {
        var loops: [Step] = []
        var container = step.address.container
        while let owner = owners[container] {
            if owner.kind == .foreach || owner.kind == .until { loops.append(owner) }
            container = owner.address.container
        }
        return loops.reversed()
    }

    /// The steps of one action container, each after the steps of the container it runs after
    /// (written order where that allows): what lets one scheduler pass carry a chain through.
    func steps(in container: JSONPointer) -> [PlannedStep] { byContainer[container] ?? [] }

    /// `steps` ordered so that each comes after its predecessors in the same container, ties in
    /// written order (Kahn's algorithm, linear). Steps on a cycle, which validation refuses, keep
    /// their written order at the end.
    static func predecessorsFirst(_ steps: [Step]) -> [Step] {
        let index = Dictionary(steps.enumerated().map { ($1.name, $0) }, uniquingKeysWith: { first, _ in first })
        var waitingOn = [Int](repeating: 0, count: steps.count)
        var followers = [[Int]](repeating: [], count: steps.count)
        for (position, step) in steps.enumerated() {
            for predecessor in Set(step.runAfter.map(\.predecessor)) {
                guard let before = index[predecessor], before != position else { continue }
                waitingOn[position] += 1
                followers[before].append(position)
            }
        }
        var ready = steps.indices.filter { waitingOn[$0] == 0 }
        var ordered: [Int] = []
        ordered.reserveCapacity(steps.count)
        var next = 0
        while next < ready.count {
            let position = ready[next]
            next += 1
            ordered.append(position)
            for follower in followers[position] {
                waitingOn[follower] -= 1
                if waitingOn[follower] == 0 { ready.append(follower) }
            }
        }
        if ordered.count < steps.count {
            let placed = Set(ordered)
            ordered += steps.indices.filter { !placed.contains($0) }
        }
        return ordered.map { steps[$0] }
    }

    func step(named name: String) -> Step? { byName[name] }

    func trigger(named name: String) -> Step? { triggers[name] }

    /// What the expressions of an app on this version see before a run adds to it (parameters,
    /// `workflow()`, the secure parameters, the template cache), made once per base URL.
    func baseContext(workflow name: String, baseURL: String) -> EvaluationContext {
        if let cached = contexts.withLock({ $0[baseURL] }) { return cached }
        var context = EvaluationContext.forWorkflow(name, definition: definition, baseURL: baseURL)
        context.templates = templates
        contexts.withLock { $0[baseURL] = context }
        return context
    }
}
