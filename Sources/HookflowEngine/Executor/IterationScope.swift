import HookflowModel

/// Where a step runs: outside loops, or in one iteration of each Foreach and Until around it.
/// Its repetition names the step's record (``ActionKey``); its loops are what `item()`,
/// `items()` and `iterationIndexes()` read.
struct IterationScope: Sendable, Equatable {
    /// `""` outside loops, else one 6-digit index per loop, outermost first.
    var repetition: String = ""
    /// The loops around the step, outermost first.
    var loops: [LoopIteration] = []

    static let top = IterationScope()

    /// The scope of iteration `index` of the loop `name` run in this scope (`item`: a Foreach's element; nil for an Until).
    func entering(loop name: String, item: JSONValue?, index: Int) -> IterationScope {
        IterationScope(repetition: ActionKey.repetition(index, inside: repetition), loops: loops + [LoopIteration(name: name, item: item, index: index)])
    }

    /// The key of step `name`'s record in this scope.
    func key(_ name: String) -> String { ActionKey.make(name: name, repetition: repetition) }

    /// This repetition and the ones around it, outermost first (`000001`, `000001-000002`).
    var enclosingRepetitions: [String] {
        guard !repetition.isEmpty else { return [] }
        var result: [String] = []
        var current = ""
        for part in repetition.split(separator: "-") {
            current = current.isEmpty ? String(part) : current + "-" + part
            result.append(current)
        }
        return result
    }
}
