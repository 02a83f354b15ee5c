/// Draws the `runAfter` edges between two rows of cards in the lines between the rows, so that
/// the picture says exactly which step runs after which.
///
/// Edges that form a complete group (every source to every target: one step fanning out to
/// parallel branches, branches joining into one step) share one horizontal bar, which reads as
/// "all of these after all of those" — true for such a group. Any other group gets a bar per
/// source, on lines of their own, so no bar joins steps that do not depend on each other. A
/// vertical line crossing another source's bar is drawn through it (`─│─`), not joined to it (`┼`).
///
/// ```
///  ┬        ┬        ┬   ┬
///  ├──┬──┐  ╰──┬──╯  │   ╰──┬──╮     (fan-out; join; two straight chains; one source, two targets)
///  ↓  ↓  ↓     ↓     ↓      ↓  ↓
/// ```
struct EdgeRouter {
    /// One edge: from a source column (a card's or a pass-through line's) to a target.
    struct Edge: Equatable, Sendable {
        var source: Int
        /// The target's id (see ``Target``).
        var target: Int
        /// `.connector`, or a status role for an edge that is not "after it succeeded".
        var role: StyleRole
    }

    /// Where edges may enter a target: its middle column, or others along its top edge when
    /// several bars end on it (each bar then gets a column of its own, so they never merge).
    struct Target: Equatable, Sendable {
        var center: Int
        var low: Int
        var high: Int
    }

    /// What is drawn in one cell: which of its four sides lines leave from.
    struct Cell: Equatable, Sendable {
        var up = false
        var down = false
        var left = false
        var right = false
        /// A vertical line goes through another source's bar here without joining it.
        var crossing = false
        var role: StyleRole = .connector
    }

    /// A bar and the columns it joins: its sources above, its targets below.
    private struct Lane {
        var sources: [Int]
        var targets: [Int]
        var role: StyleRole
        /// Roles of the single edges at their own ends (a branch of a fan-out), by column.
        var endRoles: [Int: StyleRole]

        var low: Int { (sources + targets).min() ?? 0 }
        var high: Int { (sources + targets).max() ?? 0 }
        var isStraight: Bool { sources.count == 1 && targets.count == 1 && sources[0] == targets[0] }
    }

    /// Routes `edges` in lines starting at `top`: returns how many lines they take (at least one),
    /// the cells to draw, and the columns where edges enter each target (its arrows).
    ///
    /// Bars go on the first line where they fit; when several must share lines, the order that
    /// crosses the fewest lines is taken (every order is tried for up to five bars).
    static func route(_ edges: [Edge], targets: [Int: Target], top: Int) -> (height: Int, cells: [Point: Cell], entries: [Int: [Int]]) {
        let (lanes, entries) = Self.lanes(of: edges, targets: targets)
        let bent = lanes.indices.filter { !lanes[$0].isStraight }
        var best: (height: Int, cells: [Point: Cell], crossings: Int)?
        for order in bent.count <= 5 ? Self.permutations(bent) : [bent] {
            let (lines, height) = Self.place(lanes, order: order)
            let (cells, crossings) = Self.paint(lanes, lines: lines, height: height, top: top)
            if best == nil || crossings < best?.crossings ?? 0 || (crossings == best?.crossings && height < best?.height ?? 0) {
                best = (height, cells, crossings)
            }
            if crossings == 0 { break }
        }
        guard let best else {
            let (cells, _) = Self.paint(lanes, lines: Array(repeating: 0, count: lanes.count), height: 1, top: top)
            return (1, cells, entries)
        }
        return (best.height, best.cells, entries)
    }

    /// Puts the bars on lines in `order`; returns each lane's line and the lines needed.
    private static func place(_ lanes: [Lane], order: [Int]) -> (lines: [Int], height: Int) {
        var lineOf: [Int] = Array(repeating: 0, count: lanes.count)
        var bars: [[ClosedRange<Int>]] = [[]]
        var placed: [Int] = []
        for index in order {
            let lane = lanes[index]
            var line = 0
            while true {
                if line == bars.count { bars.append([]) }
                let span = (lane.low - 1)...(lane.high + 1)
                let free = !bars[line].contains { $0.overlaps(span) }
                if free && !Self.sharesColumn(lane, at: line, with: lanes, lines: lineOf, placed: placed) { break }
                line += 1
                if line > lanes.count + 1 { break }
            }
            if line == bars.count { bars.append([]) }
            bars[line].append(lane.low...lane.high)
            lineOf[index] = line
            placed.append(index)
        }
        return (lineOf, max(1, bars.count(where: { !$0.isEmpty })))
    }

    /// The cells of the lanes on their lines, and how many times a line crosses another's bar.
    private static func paint(_ lanes: [Lane], lines lineOf: [Int], height: Int, top: Int) -> (cells: [Point: Cell], crossings: Int) {
        var cells: [Point: Cell] = [:]
        func mark(_ x: Int, _ y: Int, _ change: (inout Cell) -> Void) {
            var cell = cells[Point(x: x, y: y)] ?? Cell()
            change(&cell)
            cells[Point(x: x, y: y)] = cell
        }
        var verticalOwner: [Point: Int] = [:]
        var horizontalOwner: [Point: Int] = [:]
        for (index, lane) in lanes.enumerated() {
            let line = top + lineOf[index]
            if lane.isStraight {
                let x = lane.sources[0]
                for y in top..<(top + height) {
                    mark(x, y) { $0.up = true; $0.down = true; $0.role = lane.endRoles[x] ?? lane.role }
                    verticalOwner[Point(x: x, y: y)] = index
                }
                continue
            }
            let ends = Array(Set(lane.sources + lane.targets)).sorted()
            for x in lane.low...lane.high {
                mark(x, line) { cell in
                    if x > lane.low { cell.left = true }
                    if x < lane.high { cell.right = true }
                    cell.role = Self.barRole(at: x, ends: ends, lane: lane)
                }
                horizontalOwner[Point(x: x, y: line)] = index
            }
            for x in lane.sources {
                for y in top..<line {
                    mark(x, y) { $0.up = true; $0.down = true; $0.role = lane.endRoles[x] ?? lane.role }
                    verticalOwner[Point(x: x, y: y)] = index
                }
                mark(x, line) { $0.up = true }
                verticalOwner[Point(x: x, y: line)] = index
            }
            for x in lane.targets {
                mark(x, line) { $0.down = true }
                verticalOwner[Point(x: x, y: line)] = index
                for y in (line + 1)..<(top + height) {
                    mark(x, y) { $0.up = true; $0.down = true; $0.role = lane.endRoles[x] ?? lane.role }
                    verticalOwner[Point(x: x, y: y)] = index
                }
            }
        }
        // A vertical line of one lane over another lane's bar: a crossing, not a junction.
        var crossings = 0
        for (point, owner) in horizontalOwner {
            guard let vertical = verticalOwner[point], vertical != owner, var cell = cells[point] else { continue }
            let ownJunction = lanes[owner].sources.contains(point.x) || lanes[owner].targets.contains(point.x)
            guard !ownJunction else { continue }
            cell.crossing = true
            cell.role = lanes[vertical].endRoles[point.x] ?? lanes[vertical].role
            cells[point] = cell
            crossings += 1
        }
        return (cells, crossings)
    }

    private static func permutations(_ items: [Int]) -> [[Int]] {
        guard items.count > 1 else { return [items] }
        return items.indices.flatMap { index in
            var rest = items
            let first = rest.remove(at: index)
            return permutations(rest).map { [first] + $0 }
        }
    }

    /// The colour of a bar's cell: an outermost end's own edge colours the bar up to the next end
    /// inward (that stretch is its alone); the rest is the lane's.
    private static func barRole(at x: Int, ends: [Int], lane: Lane) -> StyleRole {
        guard ends.count > 1, let first = ends.first, let last = ends.last else { return lane.role }
        if x >= ends[ends.count - 2], x <= last, x > ends[ends.count - 2] || x == last, let role = lane.endRoles[last] { return role }
        if x <= ends[1], x >= first, x < ends[1] || x == first, let role = lane.endRoles[first] { return role }
        return lane.role
    }

    /// Whether `lane` on `line` would run a vertical line along one of a lane placed before it in
    /// the same column (a source's line down to its bar, a target's line from its bar down).
    private static func sharesColumn(_ lane: Lane, at line: Int, with lanes: [Lane], lines: [Int], placed: [Int]) -> Bool {
        for other in placed where !lanes[other].isStraight {
            let placed = lanes[other]
            let otherLine = lines[other]
            for x in lane.sources where placed.targets.contains(x) {
                // Our line runs from the top down to `line`; theirs from `otherLine` to the bottom.
                if otherLine <= line { return true }
            }
            for x in lane.targets where placed.sources.contains(x) {
                if otherLine >= line { return true }
            }
        }
        return false
    }

    /// Groups edges into lanes: a complete group shares one bar; any other group gets one per
    /// source, and a target reached by several of those bars an entry column for each.
    private static func lanes(of edges: [Edge], targets: [Int: Target]) -> (lanes: [Lane], entries: [Int: [Int]]) {
        var unique: [Edge] = []
        for edge in edges where !unique.contains(where: { $0.source == edge.source && $0.target == edge.target }) { unique.append(edge) }
        // Connected groups of sources and targets (union-find over source columns and target ids).
        var parent: [String: String] = [:]
        func find(_ key: String) -> String {
            var key = key
            while let next = parent[key], next != key { key = next }
            return key
        }
        for edge in unique {
            let a = find("s\(edge.source)"), b = find("t\(edge.target)")
            parent[a] = parent[a] ?? a
            parent[b] = parent[b] ?? b
            if a != b { parent[a] = b }
        }
        var groups: [String: [Edge]] = [:]
        var order: [String] = []
        for edge in unique {
            let root = find("s\(edge.source)")
            if groups[root] == nil { order.append(root) }
            groups[root, default: []].append(edge)
        }
        func center(_ id: Int) -> Int { targets[id]?.center ?? id }
        var lanes: [Lane] = []
        var entries: [Int: [Int]] = [:]
        for root in order {
            let group = groups[root] ?? []
            let sources = Self.ordered(group.map(\.source))
            let targetIDs = Array(Set(group.map(\.target))).sorted { center($0) < center($1) }
            let roles = Set(group.map(\.role))
            let complete = group.count == sources.count * targetIDs.count
            if complete && (sources.count == 1 || targetIDs.count == 1 || roles.count == 1) {
                // A target under its only source takes the line straight down; a join keeps its
                // entry centred unless a source is nearly there already (no little step in the bar).
                func entry(_ id: Int) -> Int {
                    guard let target = targets[id] else { return center(id) }
                    let under = sources.filter { (target.low...target.high).contains($0) }
                    guard let nearest = under.min(by: { abs($0 - target.center) < abs($1 - target.center) }) else { return target.center }
                    return sources.count == 1 || abs(nearest - target.center) <= 4 ? nearest : target.center
                }
                var endRoles: [Int: StyleRole] = [:]
                if sources.count == 1 { for edge in group { endRoles[entry(edge.target)] = edge.role } }
                if targetIDs.count == 1 { for edge in group { endRoles[edge.source] = edge.role } }
                for id in targetIDs { entries[id, default: []].append(entry(id)) }
                lanes.append(Lane(sources: sources, targets: targetIDs.map(entry), role: roles.count == 1 ? group[0].role : .connector,
                                  endRoles: endRoles))
                continue
            }
            // One bar per source; a target with several bars ending on it spreads their columns.
            var lanesOfTarget: [Int: [Int]] = [:]
            for source in sources {
                for edge in group where edge.source == source { lanesOfTarget[edge.target, default: []].append(source) }
            }
            var column: [String: Int] = [:]
            for (id, into) in lanesOfTarget {
                let target = targets[id] ?? Target(center: id, low: id, high: id)
                for (index, source) in into.enumerated() {
                    let x = target.center - (into.count - 1) + 2 * index
                    column["\(source)>\(id)"] = min(max(x, target.low), target.high)
                }
                entries[id, default: []] += into.indices.map { column["\(into[$0])>\(id)"] ?? target.center }
            }
            for source in sources {
                let own = group.filter { $0.source == source }
                var endRoles: [Int: StyleRole] = [:]
                var ends: [Int] = []
                for edge in own {
                    let x = column["\(source)>\(edge.target)"] ?? center(edge.target)
                    endRoles[x] = edge.role
                    ends.append(x)
                }
                let ownRoles = Set(own.map(\.role))
                lanes.append(Lane(sources: [source], targets: Self.ordered(ends), role: ownRoles.count == 1 ? own[0].role : .connector,
                                  endRoles: endRoles))
            }
        }
        return (lanes, entries)
    }

    private static func ordered(_ columns: [Int]) -> [Int] { Array(Set(columns)).sorted() }
}

/// A cell position in canvas coordinates.
struct Point: Hashable, Sendable {
    var x: Int
    var y: Int
}
