import HookflowModel

/// What `result('Scope')` gives: the records of the first-level actions of a Scope, If, Switch,
/// Foreach or Until, each as `actions()` shows it — for a loop, every iteration's in order.
/// Built only for definitions that call `result()` (``RunPlan/readsScopeResults``).
enum ScopeResults {
    static func visible(in scope: IterationScope, plan: RunPlan, state: RunState) -> [String: [JSONValue]] {
        var results: [String: [JSONValue]] = [:]
        // The scopes a step sees: those outside loops and those of its own iterations, innermost last.
        let repetitions = [""] + scope.enclosingRepetitions
        for container in plan.containerSteps {
            for repetition in repetitions.reversed() {
                guard let record = state.records[ActionKey.make(name: container.name, repetition: repetition)] else { continue }
                let names = container.childContainers.flatMap { plan.steps(in: $0).map(\.step.name) }
                var found: [JSONValue] = []
                let iterations: [String] = switch container.kind {
                case .foreach: RunScheduler.items(of: record).indices.map { ActionKey.repetition($0, inside: repetition) }
                case .until: (0...RunScheduler.currentIteration(of: record)).map { ActionKey.repetition($0, inside: repetition) }
                default: [repetition]
                }
                for iteration in iterations {
                    for name in names {
                        if let inner = state.records[ActionKey.make(name: name, repetition: iteration)] { found.append(inner.expressionValue) }
                    }
                }
                results[container.name] = found
                break
            }
        }
        return results
    }
}
