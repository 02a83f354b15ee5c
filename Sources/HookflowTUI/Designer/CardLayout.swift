import HookflowModel

/// Where every card, connector and add button of the canvas goes, in canvas coordinates.
///
/// The trigger comes first, then the actions in rows: an action's row is one below the lowest row
/// it runs after, so actions that run after the same step sit side by side as parallel branches.
/// The actions inside a Condition or Scope follow their card, indented, one section per branch.
struct CardLayout: Sendable {
    /// A card or an add button, in navigation order (top to bottom, left to right).
    struct Item: Equatable, Sendable {
        var selection: CanvasSelection
        var rect: Rect
        /// For cards: the step; `nil` for add buttons.
        var step: Step?
        /// For cards: validation problems of this step (not of the steps nested in it).
        var problemCount = 0
    }

    /// A clickable `+` between two cards: inserts after `predecessor`.
    struct InsertPoint: Equatable, Sendable {
        var x: Int
        var y: Int
        var predecessor: StepAddress
    }

    /// Text drawn between cards: connectors, branch labels.
    struct Mark: Equatable, Sendable {
        var x: Int
        var y: Int
        var text: String
        var role: StyleRole
    }

    /// One line of the connector glyphs, by meaning (so the view can draw Unicode or ASCII).
    enum Glyph: Equatable, Sendable {
        case vertical, horizontal, split, join, cross, arrow, cornerDownLeft, cornerDownRight, cornerUpLeft, cornerUpRight
    }

    struct GlyphMark: Equatable, Sendable {
        var x: Int
        var y: Int
        var glyph: Glyph
    }

    static let cardHeight = 4
    static let maximumCardWidth = 72
    static let minimumCardWidth = 18

    private(set) var items: [Item] = []
    private(set) var insertPoints: [InsertPoint] = []
    private(set) var marks: [Mark] = []
    private(set) var glyphs: [GlyphMark] = []
    /// Rows the canvas needs.
    private(set) var height = 0

    var cards: [Item] { items }

    private let definition: WorkflowDefinition
    private let problems: [ValidationProblem]

    init(definition: WorkflowDefinition, width: Int, problems: [ValidationProblem]) {
        self.definition = definition
        self.problems = problems
        let canvasWidth = max(width, Self.minimumCardWidth + 2)
        var y = 1
        let triggers = definition.triggers
        var previous: [Rect] = []
        var previousSteps: [Step] = []
        if triggers.isEmpty {
            // An app starts with its trigger: actions come after one is chosen.
            let rect = Self.centered(width: min(30, canvasWidth - 4), in: 0, canvasWidth, y: y, height: 3)
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
                return
            }
            y = rect.maxY
            previous = [rect]
        } else {
            let rects = Self.row(count: triggers.count, x: 0, width: canvasWidth, y: y)
            for (trigger, rect) in zip(triggers, rects) { addCard(trigger, rect) }
            previous = rects
            previousSteps = triggers
            y += Self.cardHeight
        }
        y = layoutContainer(.actions, x: 0, width: canvasWidth, y: y, above: previous, aboveSteps: previousSteps, addButton: true)
        height = y + 1
    }

    // MARK: Building

    /// Lays out the actions of `container` below the cards `above`; returns the next free row.
    private mutating func layoutContainer(
        _ container: JSONPointer, x: Int, width: Int, y startY: Int, above: [Rect], aboveSteps: [Step], addButton: Bool
    ) -> Int {
        let rows = Self.rows(of: definition.steps(in: container))
        var y = startY
        var above = above
        var aboveSteps = aboveSteps
        for (rowIndex, row) in rows.enumerated() {
            let rects = Self.row(count: row.count, x: x, width: width, y: y + 1)
            connect(above, to: rects, y: y, predecessor: aboveSteps.count == 1 && row.count == 1 ? aboveSteps[0] : nil)
            var rowBottom = y + 1 + Self.cardHeight
            for (step, rect) in zip(row, rects) {
                addCard(step, rect)
                let bottom = layoutChildren(of: step, x: rect.x, width: rect.width, y: rect.maxY)
                rowBottom = max(rowBottom, bottom)
            }
            // A tall nested column leaves the other columns' connectors running down to the row's bottom.
            for rect in rects where rowBottom > rect.maxY && rowIndex < rows.count - 1 {
                for lineY in rect.maxY..<rowBottom where !isNested(x: rect.midX, y: lineY) {
                    glyphs.append(GlyphMark(x: rect.midX, y: lineY, glyph: .vertical))
                }
            }
            // Below a card with nested branches the line starts under the branches, not at the card's border.
            above = rects.map { $0.maxY == rowBottom ? $0 : Rect(x: $0.x, y: rowBottom, width: $0.width, height: 0) }
            aboveSteps = row
            y = rowBottom
        }
        if addButton {
            let rect = Self.centered(width: min(16, width), in: x, width, y: y + 1, height: 1)
            connect(above, to: [rect], y: y, predecessor: nil, arrowOnTarget: false)
            items.append(Item(selection: .add(container), rect: rect))
            y = rect.maxY
        }
        return y
    }

    /// The branches of a Condition or Scope under its card, indented; returns the next free row.
    private mutating func layoutChildren(of step: Step, x: Int, width: Int, y startY: Int) -> Int {
        let containers = step.childContainers
        guard !containers.isEmpty else { return startY }
        var y = startY
        let indent = 3
        for container in containers {
            let label = Self.label(of: container, in: step)
            marks.append(Mark(x: x + 1, y: y, text: label, role: .dim))
            nestedRegions.append(Rect(x: x, y: y, width: width, height: 1))
            y += 1
            let innerX = x + indent
            let innerWidth = max(Self.minimumCardWidth, width - indent)
            let steps = definition.steps(in: container)
            let start = y
            if steps.isEmpty {
                let rect = Rect(x: innerX, y: y, width: min(18, innerWidth), height: 1)
                items.append(Item(selection: .add(container), rect: rect))
                y += 1
            } else {
                y = layoutContainer(container, x: innerX, width: innerWidth, y: y - 1, above: [], aboveSteps: [], addButton: false)
            }
            for lineY in start..<y { glyphs.append(GlyphMark(x: x + 1, y: lineY, glyph: .vertical)) }
            nestedRegions.append(Rect(x: x, y: start, width: width, height: y - start))
        }
        return y
    }

    private var nestedRegions: [Rect] = []

    private func isNested(x: Int, y: Int) -> Bool {
        nestedRegions.contains { $0.contains(x: x, y: y) }
    }

    private mutating func addCard(_ step: Step, _ rect: Rect) {
        let nested = step.childContainers
        let count = problems.filter { problem in
            problem.belongs(to: step) && !nested.contains { problem.pointer.hasPrefix($0) }
        }.count
        items.append(Item(selection: .step(step.address), rect: rect, step: step, problemCount: count))
    }

    /// The connector row at `y` from the cards `above` to the cards (or button) `below`.
    private mutating func connect(_ above: [Rect], to below: [Rect], y: Int, predecessor: Step?, arrowOnTarget: Bool = true) {
        guard !above.isEmpty else { return }
        for rect in above where rect.height > 0 { glyphs.append(GlyphMark(x: rect.midX, y: rect.maxY - 1, glyph: .split)) }
        if arrowOnTarget {
            for rect in below { glyphs.append(GlyphMark(x: rect.midX, y: rect.y, glyph: .arrow)) }
        }
        let from = Set(above.map(\.midX))
        let to = Set(below.map(\.midX))
        if from.count == 1, to == from {
            if let predecessor {
                insertPoints.append(InsertPoint(x: above[0].midX, y: y, predecessor: predecessor.address))
            } else {
                glyphs.append(GlyphMark(x: above[0].midX, y: y, glyph: .vertical))
            }
            return
        }
        let all = from.union(to)
        let low = all.min()!, high = all.max()!
        for column in low...high {
            let up = from.contains(column), down = to.contains(column)
            let glyph: Glyph
            switch (up, down) {
            case (true, true): glyph = .cross
            case (true, false): glyph = column == low ? .cornerUpLeft : column == high ? .cornerUpRight : .join
            case (false, true): glyph = column == low ? .cornerDownLeft : column == high ? .cornerDownRight : .split
            case (false, false): glyph = .horizontal
            }
            glyphs.append(GlyphMark(x: column, y: y, glyph: glyph))
        }
    }

    // MARK: Geometry

    /// `count` cards side by side across `width`, the way parallel branches sit.
    static func row(count: Int, x: Int, width: Int, y: Int) -> [Rect] {
        guard count > 1 else {
            return [centered(width: min(maximumCardWidth, max(minimumCardWidth, width - 4)), in: x, width, y: y, height: cardHeight)]
        }
        let gap = 2
        // Two columns at the left stay free for the selection pointer.
        let usable = width - 4
        let cardWidth = max(minimumCardWidth, min(maximumCardWidth, (usable - gap * (count - 1)) / count))
        let total = cardWidth * count + gap * (count - 1)
        let start = x + 2 + max(0, (usable - total) / 2)
        return (0..<count).map { Rect(x: start + $0 * (cardWidth + gap), y: y, width: cardWidth, height: cardHeight) }
    }

    static func centered(width: Int, in x: Int, _ available: Int, y: Int, height: Int) -> Rect {
        Rect(x: x + max(0, (available - width) / 2), y: y, width: width, height: height)
    }

    /// Groups a container's actions into rows by `runAfter` (definition order within a row).
    static func rows(of steps: [Step]) -> [[Step]] {
        let names = Set(steps.map(\.name))
        var level: [String: Int] = [:]
        // Longest-path levels; a cycle (the validator reports it) stops after `steps.count` passes.
        for _ in 0...steps.count {
            var changed = false
            for step in steps {
                let parents = step.runAfter.map(\.predecessor).filter { names.contains($0) && $0 != step.name }
                let newLevel = parents.map { (level[$0] ?? 0) + 1 }.max() ?? 0
                if level[step.name] != newLevel {
                    level[step.name] = min(newLevel, steps.count)
                    changed = true
                }
            }
            if !changed { break }
        }
        var rows: [[Step]] = []
        for step in steps {
            let index = level[step.name] ?? 0
            while rows.count <= index { rows.append([]) }
            rows[index].append(step)
        }
        return rows.filter { !$0.isEmpty }
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
