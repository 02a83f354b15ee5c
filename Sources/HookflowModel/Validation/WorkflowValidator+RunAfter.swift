/// `runAfter` references (same scope only, never itself) and cycles.
extension ValidationPass {
    mutating func checkRunAfter(in container: JSONPointer) {
        let siblings = definition.steps(in: container)
        let names = Set(siblings.map(\.name))
        var edges: [String: [String]] = [:]
        for step in siblings {
            guard step.json["runAfter"]?.objectValue != nil else { continue }
            for dependency in step.runAfter {
                let pointer = step.pointer.appending(["runAfter", dependency.predecessor])
                if dependency.predecessor == step.name {
                    add(pointer, "Run after: a step cannot run after itself")
                } else if names.contains(dependency.predecessor) {
                    edges[step.name, default: []].append(dependency.predecessor)
                } else if let elsewhere = steps.first(where: { $0.name == dependency.predecessor }) {
                    add(pointer, "Run after refers to \"\(dependency.predecessor)\", which is in another scope (\(elsewhere.address.container)); a step can only run after steps in its own scope")
                } else {
                    add(pointer, "Run after refers to \"\(dependency.predecessor)\", which is not a step in this scope")
                }
            }
        }
        for cycle in Self.cycles(in: edges, order: siblings.map(\.name)) {
            guard let first = cycle.first else { continue }
            let path = (cycle + [first]).joined(separator: " → ")
            add(container.appending([first, "runAfter"]), "Run after forms a cycle: \(path)")
        }
    }

    /// Each elementary cycle once, starting from its earliest step in written order.
    static func cycles(in edges: [String: [String]], order: [String]) -> [[String]] {
        var state: [String: Int] = [:] // 1 visiting, 2 done
        var stack: [String] = []
        var found: [[String]] = []
        var reported: Set<Set<String>> = []
        func visit(_ node: String) {
            state[node] = 1
            stack.append(node)
            for next in edges[node] ?? [] {
                if state[next] == 1, let start = stack.firstIndex(of: next) {
                    // Walk the cycle in run order (predecessor first).
                    let members = Array(stack[start...].reversed())
                    if reported.insert(Set(members)).inserted {
                        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
                        let pivot = members.indices.min { (rank[members[$0]] ?? 0) < (rank[members[$1]] ?? 0) } ?? 0
                        found.append(Array(members[pivot...] + members[..<pivot]))
                    }
                } else if state[next] == nil {
                    visit(next)
                }
            }
            stack.removeLast()
            state[node] = 2
        }
        for node in order where state[node] == nil { visit(node) }
        return found
    }
}
