/// `runAfter` references (same scope only, never itself) and cycles.
///
/// Linear in the number of steps and references: names are looked up in dictionaries built
/// once, and cycles are found by an iterative strongly-connected-components pass, so neither a
/// chain of thousands of steps nor thousands of cycles costs more than a walk.
extension ValidationPass {
    mutating func checkRunAfter(in container: JSONPointer) {
        let siblings = definition.steps(in: container)
        var indexByName: [String: Int] = [:]
        for (index, step) in siblings.enumerated() { indexByName[step.name] = index }
        var predecessors: [[Int]] = Array(repeating: [], count: siblings.count)
        for (index, step) in siblings.enumerated() {
            guard step.json["runAfter"]?.objectValue != nil else { continue }
            for dependency in step.runAfter {
                let pointer = step.pointer.appending(["runAfter", dependency.predecessor])
                if dependency.predecessor == step.name {
                    add(pointer, "Run after: a step cannot run after itself")
                } else if let predecessor = indexByName[dependency.predecessor] {
                    predecessors[index].append(predecessor)
                } else if let elsewhere = firstStep(named: dependency.predecessor) {
                    add(pointer, "Run after refers to \"\(dependency.predecessor)\", which is in another scope (\(elsewhere.address.container)); a step can only run after steps in its own scope")
                } else {
                    add(pointer, "Run after refers to \"\(dependency.predecessor)\", which is not a step in this scope")
                }
            }
        }
        for cycle in RunAfterGraph(predecessors: predecessors).cycles() {
            let names = cycle.map { siblings[$0].name }
            guard let first = names.first else { continue }
            let path = (names + [first]).joined(separator: " → ")
            add(container.appending([first, "runAfter"]), "Run after forms a cycle: \(path)")
        }
    }
}
