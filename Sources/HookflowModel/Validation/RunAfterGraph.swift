/// The `runAfter` graph of one container: step `i` runs after each step in `predecessors[i]`
/// (indices in written order).
struct RunAfterGraph {
    let predecessors: [[Int]]

    /// One cycle for each group of steps that wait on each other (a strongly connected
    /// component of more than one step): the shortest one through the group's first step in
    /// written order, listed in run order (each step runs after the one before it).
    ///
    /// A group is reported once however many cycles it holds, so the problem list stays linear
    /// in the size of the definition; fixing one cycle shows the next.
    func cycles() -> [[Int]] {
        let components = stronglyConnectedComponents()
        var component: [Int] = Array(repeating: -1, count: predecessors.count)
        for (number, members) in components.enumerated() {
            for member in members { component[member] = number }
        }
        var successors: [[Int]] = Array(repeating: [], count: predecessors.count)
        for (step, list) in predecessors.enumerated() {
            for predecessor in list { successors[predecessor].append(step) }
        }
        var found: [(first: Int, cycle: [Int])] = []
        for (number, members) in components.enumerated() where members.count > 1 {
            guard let first = members.min() else { continue }
            found.append((first, shortestCycle(through: first, within: number, component: component, successors: successors)))
        }
        return found.sorted { $0.first < $1.first }.map(\.cycle)
    }

    /// Breadth-first from `start` along "runs before" edges, staying in its component, until the
    /// walk comes back to `start`.
    private func shortestCycle(through start: Int, within number: Int, component: [Int], successors: [[Int]]) -> [Int] {
        var cameFrom: [Int: Int] = [:]
        var queue = [start]
        var head = 0
        while head < queue.count {
            let step = queue[head]
            head += 1
            for next in successors[step] where component[next] == number {
                if next == start {
                    var cycle = [step]
                    var current = step
                    while current != start, let previous = cameFrom[current] {
                        cycle.append(previous)
                        current = previous
                    }
                    return cycle.reversed()
                }
                if cameFrom[next] == nil {
                    cameFrom[next] = step
                    queue.append(next)
                }
            }
        }
        return [start] // Not reached: every step of a component lies on a cycle through the others.
    }

    /// Tarjan's algorithm with an explicit stack instead of recursion, so a chain of any length
    /// cannot overflow the call stack.
    func stronglyConnectedComponents() -> [[Int]] {
        let count = predecessors.count
        var index = Array(repeating: -1, count: count)
        var lowLink = Array(repeating: 0, count: count)
        var onStack = Array(repeating: false, count: count)
        var stack: [Int] = []
        var components: [[Int]] = []
        var nextIndex = 0
        // Each frame is a step being visited and how many of its edges were followed so far.
        var frames: [(step: Int, edge: Int)] = []
        for root in 0..<count where index[root] < 0 {
            frames.append((root, 0))
            index[root] = nextIndex
            lowLink[root] = nextIndex
            nextIndex += 1
            stack.append(root)
            onStack[root] = true
            while let (step, edge) = frames.last {
                let edges = predecessors[step]
                if edge < edges.count {
                    frames[frames.count - 1].edge += 1
                    let next = edges[edge]
                    if index[next] < 0 {
                        index[next] = nextIndex
                        lowLink[next] = nextIndex
                        nextIndex += 1
                        stack.append(next)
                        onStack[next] = true
                        frames.append((next, 0))
                    } else if onStack[next] {
                        lowLink[step] = min(lowLink[step], index[next])
                    }
                    continue
                }
                frames.removeLast()
                if let parent = frames.last?.step { lowLink[parent] = min(lowLink[parent], lowLink[step]) }
                guard lowLink[step] == index[step] else { continue }
                var members: [Int] = []
                while let member = stack.popLast() {
                    onStack[member] = false
                    members.append(member)
                    if member == step { break }
                }
                components.append(members)
            }
        }
        return components
    }
}
