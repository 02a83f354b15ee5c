import HookflowModel

/// The `runAfter` edges of one container's actions, as the canvas draws them: each step's row
/// (one below the lowest step it runs after), the edges that hold, and the entries that cannot be
/// drawn as edges (a step that does not exist, a cycle) — those are shown on the card instead.
struct StepGraph: Sendable {
    struct Edge: Equatable, Sendable {
        var from: String
        var to: String
        /// As written (`["Succeeded"]`, `["Failed", "TimedOut"]`).
        var statuses: [String]

        /// Whether the edge is the plain "after it succeeded".
        var isDefault: Bool { statuses.count == 1 && statuses[0].lowercased() == "succeeded" }
    }

    /// A `runAfter` entry that is no edge.
    struct Issue: Equatable, Sendable {
        enum Kind: Equatable, Sendable {
            case missing
            case cycle
        }

        var predecessor: String
        var kind: Kind
    }

    let steps: [Step]
    private(set) var level: [String: Int] = [:]
    /// Edges into each step, in `runAfter` order.
    private(set) var incoming: [String: [Edge]] = [:]
    private(set) var outgoing: [String: [Edge]] = [:]
    private(set) var issues: [String: [Issue]] = [:]

    init(_ steps: [Step]) {
        self.steps = steps
        let names = Set(steps.map(\.name))
        // Longest-path levels; a cycle (the validator reports it) stops after `steps.count` passes.
        for _ in 0...steps.count {
            var changed = false
            for step in steps {
                let parents = step.runAfter.map(\.predecessor).filter { names.contains($0) && $0 != step.name }
                let newLevel = min(parents.map { (level[$0] ?? 0) + 1 }.max() ?? 0, steps.count)
                if level[step.name] != newLevel {
                    level[step.name] = newLevel
                    changed = true
                }
            }
            if !changed { break }
        }
        for step in steps {
            for dependency in step.runAfter {
                let predecessor = dependency.predecessor
                guard names.contains(predecessor) else {
                    issues[step.name, default: []].append(Issue(predecessor: predecessor, kind: .missing))
                    continue
                }
                // An edge that would go up or sideways is part of a cycle: it cannot be drawn down.
                guard predecessor != step.name, (level[predecessor] ?? 0) < (level[step.name] ?? 0) else {
                    issues[step.name, default: []].append(Issue(predecessor: predecessor, kind: .cycle))
                    continue
                }
                let edge = Edge(from: predecessor, to: step.name, statuses: dependency.statuses)
                incoming[step.name, default: []].append(edge)
                outgoing[predecessor, default: []].append(edge)
            }
        }
    }

    /// Each step's row: its level, with the levels no step has left out.
    var row: [String: Int] {
        let used = Array(Set(level.values)).sorted()
        let index = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0) })
        return level.mapValues { index[$0] ?? 0 }
    }

    /// Steps that run right after the container starts (the trigger, or the scope): `runAfter` is empty.
    func isRoot(_ step: Step) -> Bool { step.runAfter.isEmpty }
}
