import HookflowModel

/// Where every card, connector line, label and add button of the canvas goes, in canvas coordinates.
///
/// The trigger comes first, then the actions in rows: a step's row is one below the lowest step it
/// runs after, so steps that run after the same step sit side by side as parallel branches. Lines
/// go exactly where `runAfter` says (see ``EdgeRouter``): an edge that skips rows passes beside the
/// cards in between, a join is drawn only into a step that runs after several, and an edge that is
/// not "after it succeeded" is coloured and named on the card it enters (`on Failed`). A `runAfter`
/// naming no step (or closing a cycle) is no line at all: the card says so in red.
/// The actions inside a Condition or Scope follow their card, indented, one section per branch.
struct CanvasLayout: Sendable {
    /// A card or an add button, in navigation order (top to bottom, left to right).
    struct Item: Equatable, Sendable {
        var selection: CanvasSelection
        var rect: Rect
        /// For cards: the step; `nil` for add buttons.
        var step: Step?
        /// For cards: validation errors of this step (not of the steps nested in it).
        var problemCount = 0
        /// For cards: validation warnings of this step (not of the steps nested in it).
        var warningCount = 0
        /// What the card's top edge says about how it runs after others.
        var entryLabel: TextSpan?
    }

    /// A clickable `+` on the line under a step: inserts after `predecessor`.
    struct InsertPoint: Equatable, Sendable {
        var x: Int
        var y: Int
        var predecessor: StepAddress
    }

    /// Text drawn between cards: branch labels, the first-time hint.
    struct Mark: Equatable, Sendable {
        var x: Int
        var y: Int
        var text: String
        var role: StyleRole
    }

    /// Where a line leaves a card's bottom edge (`┬`) or enters its top edge (`↓`).
    struct BorderMark: Equatable, Sendable {
        var x: Int
        var y: Int
        var isEntry: Bool
        var role: StyleRole
    }

    static let cardHeight = 4
    static let maximumCardWidth = 72
    static let minimumCardWidth = 18

    private(set) var items: [Item] = []
    private(set) var insertPoints: [InsertPoint] = []
    private(set) var marks: [Mark] = []
    private(set) var lines: [Point: EdgeRouter.Cell] = [:]
    private(set) var borderMarks: [BorderMark] = []
    /// Rows the canvas needs.
    private(set) var height = 0
    /// The line cells and border marks by row, so a frame looks at the rows on screen only.
    private(set) var linesByRow: [[(x: Int, cell: EdgeRouter.Cell)]] = []
    private(set) var borderMarksByRow: [[BorderMark]] = []

    private let definition: WorkflowDefinition
    private let problems: [ValidationProblem]

    /// Something lines can start from: a card (its middle column) or a line passing a row.
    private struct Source {
        var x: Int
        /// The first row below it where a line may start.
        var bottom: Int
        /// The step, when it is one (for insert points and the edges' conditions).
        var step: Step?
        /// Its key in the row's node list.
        var node: String
        /// The row of the card's bottom edge, where a line leaving it starts (`┬`); `nil` for a
        /// passing line or a card with nested branches (its line starts below them).
        var borderY: Int? = nil
    }

    init(definition: WorkflowDefinition, width: Int, problems: [ValidationProblem]) {
        self.definition = definition
        self.problems = problems
        let canvasWidth = max(width, Self.minimumCardWidth + 2)
        let triggers = definition.triggers
        var parents: [Source]
        var y: Int
        if triggers.isEmpty {
            // An app starts with its trigger: actions come after one is chosen.
            let rect = Self.centered(width: min(30, canvasWidth - 4), in: 0, canvasWidth, y: 1, height: 3)
            items.append(Item(selection: .add(.triggers), rect: rect))
            height = rect.maxY + 1
            if definition.actions.isEmpty {
                // A first-time user sees what a trigger is for.
                let lines = ["Every app starts with a trigger: Enter lists them.",
                             "HTTP Webhook subscribes to a service and starts a run for each callback."]
                for (row, line) in lines.enumerated() {
                    let text = TextLayout.truncate(line, to: canvasWidth - 2, ellipsis: "...")
                    marks.append(Mark(x: max(0, (canvasWidth - TextLayout.width(text)) / 2), y: rect.maxY + 1 + row, text: text, role: .dim))
                }
                height = rect.maxY + 1 + lines.count
                indexRows()
                return
            }
            parents = [Source(x: rect.midX, bottom: rect.maxY, step: nil, node: "trigger", borderY: rect.maxY - 1)]
            y = rect.maxY
        } else {
            let rects = Self.row([Int](repeating: 0, count: triggers.count), x: 0, width: canvasWidth, y: 1)
            parents = []
            for (trigger, rect) in zip(triggers, rects) {
                addCard(trigger, rect, entryLabel: nil)
                parents.append(Source(x: rect.midX, bottom: rect.maxY, step: trigger, node: "trigger:\(trigger.name)", borderY: rect.maxY - 1))
            }
            y = 1 + Self.cardHeight
        }
        y = layoutContainer(.actions, x: 0, width: canvasWidth, top: y, parents: parents, addButton: true)
        height = y + 1
        indexRows()
    }

    /// Sorts the lines and marks into rows (once per layout, not per frame).
    private mutating func indexRows() {
        let rows = max(height, (lines.keys.map(\.y).max() ?? 0) + 1, (borderMarks.map(\.y).max() ?? 0) + 1)
        linesByRow = Array(repeating: [], count: rows)
        for (point, cell) in lines where point.y >= 0 { linesByRow[point.y].append((point.x, cell)) }
        borderMarksByRow = Array(repeating: [], count: rows)
        for mark in borderMarks where mark.y >= 0 { borderMarksByRow[mark.y].append(mark) }
    }

    // MARK: Building

    /// One node of a row: a step's card, or a line passing the row on its way to a step further down.
    private enum Node {
        case step(Step)
        /// The edge `from` → `to` passing this row.
        case pass(from: String, to: String, role: StyleRole)

        var key: String {
            switch self {
            case .step(let step): step.name
            case .pass(let from, let to, _): "\(from)>\(to)"
            }
        }
    }

    /// Lays out the actions of `container` below `top`, their lines coming from `parents` (the
    /// trigger; none inside a Condition or Scope); returns the next free row.
    private mutating func layoutContainer(
        _ container: JSONPointer, x: Int, width: Int, top: Int, parents: [Source], addButton: Bool
    ) -> Int {
        let steps = definition.steps(in: container)
        let graph = StepGraph(steps)
        let rowOf = graph.row
        let rowCount = (rowOf.values.max() ?? -1) + 1
        let definitionIndex = Dictionary(uniqueKeysWithValues: steps.enumerated().map { ($1.name, $0) })
        var rows: [[Node]] = Array(repeating: [], count: rowCount)
        for step in steps { rows[rowOf[step.name] ?? 0].append(.step(step)) }
        // Edges that skip rows pass the rows in between as lines.
        for step in steps {
            for edge in graph.incoming[step.name] ?? [] {
                let from = rowOf[edge.from] ?? 0, to = rowOf[edge.to] ?? 0
                guard to - from > 1 else { continue }
                for row in (from + 1)..<to { rows[row].append(.pass(from: edge.from, to: edge.to, role: Self.role(edge))) }
            }
        }
        // Each row's nodes in the order of what they come from (fewer crossings), else definition order.
        var previousOrder: [String: Int] = [:]
        for index in rows.indices {
            func position(_ node: Node) -> (Double, Int, Int) {
                let from: [String]
                switch node {
                case .step(let step): from = (graph.incoming[step.name] ?? []).map { edge in
                    rowOf[edge.from] == index - 1 ? edge.from : "\(edge.from)>\(edge.to)"
                }
                case .pass(let source, let target, _): from = [rowOf[source] == index - 1 ? source : "\(source)>\(target)"]
                }
                let places = from.compactMap { previousOrder[$0] }
                let center = places.isEmpty ? -1 : Double(places.reduce(0, +)) / Double(places.count)
                switch node {
                case .step(let step): return (center, 0, definitionIndex[step.name] ?? 0)
                case .pass(let source, let target, _): return (center, 1, (definitionIndex[source] ?? 0) * 1000 + (definitionIndex[target] ?? 0))
                }
            }
            if index > 0 { rows[index] = rows[index].sorted { position($0) < position($1) } }
            previousOrder = Dictionary(uniqueKeysWithValues: rows[index].enumerated().map { ($1.key, $0) })
        }

        var y = top
        var sources = parents
        var roots: [String: Bool] = [:]
        for step in steps { roots[step.name] = graph.isRoot(step) }
        for (rowIndex, row) in rows.enumerated() {
            let rects = Self.row(row.map { if case .pass = $0 { 1 } else { 0 } }, x: x, width: width, y: 0)
            // The edges into this row, from the sources above (the parents for the first row).
            var edges: [EdgeRouter.Edge] = []
            var targets: [Int: EdgeRouter.Target] = [:]
            var edgeSteps: [(source: Source, target: Int)] = []
            for (index, node) in row.enumerated() {
                let rect = rects[index]
                switch node {
                case .pass:
                    targets[index] = EdgeRouter.Target(center: rect.x, low: rect.x, high: rect.x)
                case .step(let step):
                    // A card whose top edge carries a label takes its lines right of it, so the label fits whole.
                    let label = Self.entryLabel(step, graph: graph, rowOf: rowOf).map { TextLayout.width($0.text) + 4 } ?? 0
                    let low = min(rect.maxX - 3, rect.x + 2 + label)
                    targets[index] = EdgeRouter.Target(center: max(rect.midX, low), low: low, high: rect.maxX - 3)
                }
                switch node {
                case .step(let step):
                    if rowIndex == 0 {
                        guard roots[step.name] == true else { continue }
                        for parent in sources {
                            edges.append(EdgeRouter.Edge(source: parent.x, target: index, role: .connector))
                            edgeSteps.append((parent, index))
                        }
                    } else {
                        for edge in graph.incoming[step.name] ?? [] {
                            let key = rowOf[edge.from] == rowIndex - 1 ? edge.from : "\(edge.from)>\(edge.to)"
                            guard let source = sources.first(where: { $0.node == key }) else { continue }
                            edges.append(EdgeRouter.Edge(source: source.x, target: index, role: Self.role(edge)))
                            edgeSteps.append((source, index))
                        }
                    }
                case .pass(let from, let to, let role):
                    let key = rowOf[from] == rowIndex - 1 ? from : "\(from)>\(to)"
                    if let source = sources.first(where: { $0.node == key }) {
                        edges.append(EdgeRouter.Edge(source: source.x, target: index, role: role))
                        edgeSteps.append((source, index))
                    }
                }
            }
            let rowTop = connect(edges, targets: targets, from: sources, top: y, rowNodes: row, rects: rects, spacing: rowIndex > 0 || !parents.isEmpty)
            // Cards, their nested branches, and the lines passing the row.
            var rowBottom = rowTop + Self.cardHeight
            var placed: [Rect] = []
            for (index, node) in row.enumerated() {
                let rect = Rect(x: rects[index].x, y: rowTop, width: rects[index].width, height: Self.cardHeight)
                placed.append(rect)
                if case .step(let step) = node {
                    addCard(step, rect, entryLabel: Self.entryLabel(step, graph: graph, rowOf: rowOf))
                    rowBottom = max(rowBottom, layoutChildren(of: step, x: rect.x, width: rect.width, y: rect.maxY))
                }
            }
            var next: [Source] = []
            for (index, node) in row.enumerated() {
                let rect = placed[index]
                switch node {
                case .step(let step):
                    // A line leaves a card only for the steps that run after it (or for `+ New step` under the last one).
                    let feedsButton = addButton && step.name == steps.last?.name && rowIndex == rows.count - 1
                    guard !(graph.outgoing[step.name] ?? []).isEmpty || feedsButton else { continue }
                    let nested = !step.childContainers.isEmpty
                    next.append(Source(x: rect.midX, bottom: rect.maxY, step: step, node: step.name, borderY: nested ? nil : rect.maxY - 1))
                    if nested { next[next.count - 1].bottom = max(rect.maxY, childrenBottom[step.name] ?? rect.maxY) }
                case .pass(let from, let to, let role):
                    for lineY in rowTop..<(rowTop + Self.cardHeight) { drawVertical(x: rect.x, y: lineY, role: role) }
                    next.append(Source(x: rect.x, bottom: rowTop + Self.cardHeight, step: nil, node: "\(from)>\(to)"))
                }
            }
            // A tall row (a Condition's branches beside a card) leaves the other lines running down to its bottom.
            if rowIndex < rows.count - 1 || addButton {
                for source in next where source.bottom < rowBottom {
                    let role = source.step == nil ? (row.first { $0.key == source.node }.map(Self.passRole) ?? .connector) : .connector
                    for lineY in source.bottom..<rowBottom { drawVertical(x: source.x, y: lineY, role: role) }
                }
            }
            sources = next.map { var source = $0; source.bottom = rowBottom; return source }
            y = rowBottom
        }
        if addButton {
            // `+ New step` runs after the last action written (or the trigger): its line comes from there only.
            let rect = Self.centered(width: min(16, width), in: x, width, y: 0, height: 1)
            var edges: [EdgeRouter.Edge] = []
            if let last = steps.last {
                if let source = sources.first(where: { $0.node == last.name }) { edges.append(EdgeRouter.Edge(source: source.x, target: 0, role: .connector)) }
            } else {
                edges = parents.map { EdgeRouter.Edge(source: $0.x, target: 0, role: .connector) }
            }
            let targets = [0: EdgeRouter.Target(center: rect.midX, low: rect.midX, high: rect.midX)]
            let (height, cells, _) = edges.isEmpty ? (1, [:], [:]) : EdgeRouter.route(edges, targets: targets, top: y)
            for (point, cell) in cells { lines[point] = cell }
            markExits(of: sources.filter { source in edges.contains { $0.source == source.x } })
            let button = Rect(x: rect.x, y: y + height, width: rect.width, height: 1)
            items.append(Item(selection: .add(container), rect: button))
            y = button.maxY
        }
        return y
    }

    /// Routes the edges into a row starting at `top`; draws their lines and arrows, and the `+`
    /// insert points; returns the row where the row's cards start.
    private mutating func connect(
        _ edges: [EdgeRouter.Edge], targets: [Int: EdgeRouter.Target], from sources: [Source], top: Int, rowNodes: [Node], rects: [Rect],
        spacing: Bool
    ) -> Int {
        guard !edges.isEmpty else { return top + (spacing ? 1 : 0) }
        let (height, cells, entries) = EdgeRouter.route(edges, targets: targets, top: top)
        for (point, cell) in cells { lines[point] = cell }
        markExits(of: sources.filter { source in edges.contains { $0.source == source.x } })
        let rowTop = top + height
        for (index, node) in rowNodes.enumerated() {
            guard case .step = node else { continue }
            for x in entries[index] ?? [] {
                borderMarks.append(BorderMark(x: x, y: rowTop, isEntry: true, role: cells[Point(x: x, y: rowTop - 1)]?.role ?? .connector))
            }
        }
        // `+` under a step that only one step runs after, on its straight line: inserting there puts a step between them.
        for source in sources {
            guard let step = source.step else { continue }
            let out = edges.filter { $0.source == source.x }
            guard out.count == 1, let target = targets[out[0].target], target.center == source.x,
                  case .step(let next)? = rowNodes.indices.contains(out[0].target) ? rowNodes[out[0].target] : nil,
                  successorCount(of: step) == 1, next.name != step.name,
                  let cell = cells[Point(x: source.x, y: top)], cell.up, cell.down, !cell.left, !cell.right, !cell.crossing
            else { continue }
            insertPoints.append(InsertPoint(x: source.x, y: top, predecessor: step.address))
        }
        return rowTop
    }

    /// `┬` on the bottom edge of the cards lines leave from.
    private mutating func markExits(of sources: [Source]) {
        for source in sources {
            guard let y = source.borderY, !borderMarks.contains(where: { $0.x == source.x && $0.y == y }) else { continue }
            borderMarks.append(BorderMark(x: source.x, y: y, isEntry: false, role: .connector))
        }
    }

    /// How many steps run right after `step` (a trigger: the actions that start the app).
    private func successorCount(of step: Step) -> Int {
        if step.isTrigger { return definition.actions.filter(\.runAfter.isEmpty).count }
        return definition.steps(in: step.address.container).filter { $0.runAfter.contains { $0.predecessor == step.name } }.count
    }

    private var childrenBottom: [String: Int] = [:]

    /// The branches of a Condition or Scope under its card, indented; returns the next free row.
    private mutating func layoutChildren(of step: Step, x: Int, width: Int, y startY: Int) -> Int {
        let containers = step.childContainers
        guard !containers.isEmpty else { return startY }
        var y = startY
        let indent = 3
        for container in containers {
            marks.append(Mark(x: x + 1, y: y, text: Self.label(of: container, in: step), role: .dim))
            y += 1
            let innerX = x + indent
            let innerWidth = max(Self.minimumCardWidth, width - indent)
            let start = y
            if definition.steps(in: container).isEmpty {
                items.append(Item(selection: .add(container), rect: Rect(x: innerX, y: y, width: min(18, innerWidth), height: 1)))
                y += 1
            } else {
                y = layoutContainer(container, x: innerX, width: innerWidth, top: y, parents: [], addButton: false)
            }
            for lineY in start..<y { drawVertical(x: x + 1, y: lineY, role: .connector) }
        }
        childrenBottom[step.name] = y
        return y
    }

    private mutating func drawVertical(x: Int, y: Int, role: StyleRole) {
        var cell = lines[Point(x: x, y: y)] ?? EdgeRouter.Cell()
        cell.up = true
        cell.down = true
        cell.role = role
        lines[Point(x: x, y: y)] = cell
    }

    private mutating func addCard(_ step: Step, _ rect: Rect, entryLabel: TextSpan?) {
        let nested = step.childContainers
        let own = problems.filter { problem in
            problem.belongs(to: step) && !nested.contains { problem.pointer.hasPrefix($0) }
        }
        let errors = own.errors.count
        items.append(Item(selection: .step(step.address), rect: rect, step: step, problemCount: errors, warningCount: own.count - errors,
                          entryLabel: entryLabel))
    }

    // MARK: Edge conditions

    /// The colour of an edge: plain for "after it succeeded", the status's colour otherwise.
    static func role(_ edge: StepGraph.Edge) -> StyleRole {
        guard !edge.isDefault else { return .connector }
        let statuses = edge.statuses.map { $0.lowercased() }
        if statuses.contains("succeeded") { return .statusWaiting }
        if statuses.contains("failed") { return .statusFailed }
        if statuses.contains("timedout") { return .statusTimedOut }
        return .statusSkipped
    }

    private static func passRole(_ node: Node) -> StyleRole {
        if case .pass(_, _, let role) = node { return role }
        return .connector
    }

    /// What a card's top edge says: the conditions of the edges into it that are not "after it
    /// succeeded" (`on Failed`), and the `runAfter` entries that are no edge, in red.
    static func entryLabel(_ step: Step, graph: StepGraph, rowOf: [String: Int]) -> TextSpan? {
        var parts: [String] = []
        var role: StyleRole = .connector
        for issue in graph.issues[step.name] ?? [] {
            parts.append(issue.kind == .missing ? "after \(issue.predecessor): no such step" : "after \(issue.predecessor): a cycle")
            role = .errorMark
        }
        let special = (graph.incoming[step.name] ?? []).filter { !$0.isDefault }
        let named = (graph.incoming[step.name] ?? []).count > 1
        for edge in special {
            parts.append((named ? "\(edge.from) " : "on ") + edge.statuses.joined(separator: ", "))
            if role != .errorMark { role = Self.role(edge) }
        }
        if parts.isEmpty { return nil }
        if special.count == parts.count, named { parts[0] = "on " + parts[0] }
        return TextSpan(parts.joined(separator: " · "), role)
    }

    // MARK: Geometry

    /// A row of nodes side by side: cards (0) share the width, lines passing the row (1) take a column.
    static func row(_ kinds: [Int], x: Int, width: Int, y: Int) -> [Rect] {
        let cards = kinds.filter { $0 == 0 }.count
        let passes = kinds.count - cards
        guard kinds.count > 1 else {
            let single = min(maximumCardWidth, max(minimumCardWidth, width - 4))
            return [centered(width: kinds.first == 1 ? 1 : single, in: x, width, y: y, height: cardHeight)]
        }
        let gap = 2
        // Two columns at the left stay free for the selection pointer.
        let usable = width - 4
        let cardWidth = cards == 0 ? 0 : max(minimumCardWidth, min(maximumCardWidth, (usable - passes - gap * (kinds.count - 1)) / cards))
        let total = cardWidth * cards + passes + gap * (kinds.count - 1)
        var left = x + 2 + max(0, (usable - total) / 2)
        return kinds.map { kind in
            let size = kind == 0 ? cardWidth : 1
            defer { left += size + gap }
            return Rect(x: left, y: y, width: size, height: cardHeight)
        }
    }

    static func centered(width: Int, in x: Int, _ available: Int, y: Int, height: Int) -> Rect {
        Rect(x: x + max(0, (available - width) / 2), y: y, width: width, height: height)
    }

    static func label(of container: JSONPointer, in step: Step) -> String {
        let tail = Array(container.tokens.suffix(from: step.pointer.tokens.count))
        switch (step.kind, tail.first) {
        case (.ifCondition, "actions"?): return "If true"
        case (.ifCondition, "else"?): return "If false"
        case (_, "cases"?) where tail.count > 1: return "Case \(tail[1])"
        case (_, "default"?): return "Default"
        default: return "Actions"
        }
    }

    // MARK: Queries

    func item(for selection: CanvasSelection) -> Item? {
        items.first { $0.selection == selection }
    }

    /// The item under a canvas point.
    func item(atX x: Int, y: Int) -> Item? {
        items.first { $0.rect.contains(x: x, y: y) }
    }

    func insertPoint(atX x: Int, y: Int) -> InsertPoint? {
        insertPoints.first { abs($0.x - x) <= 1 && $0.y == y }
    }

    /// The nearest item left or right of `selection` on the same rows (parallel branches).
    func neighbour(of selection: CanvasSelection, direction: Int) -> CanvasSelection? {
        guard let current = item(for: selection) else { return nil }
        let sameRow = items.filter { $0.rect.y == current.rect.y && $0.selection != selection }
        let candidates = sameRow.filter { direction < 0 ? $0.rect.x < current.rect.x : $0.rect.x > current.rect.x }
        return candidates.min { abs($0.rect.x - current.rect.x) < abs($1.rect.x - current.rect.x) }?.selection
    }
}

extension Rect {
    var midX: Int { x + width / 2 }
}
