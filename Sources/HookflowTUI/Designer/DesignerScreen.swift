import HookflowModel

/// The designer's canvas: the trigger card, the actions below it joined by their `runAfter`
/// lines, the add buttons; the selection, the scroll and a search's matches. Forms, the palette,
/// the code view and questions open as screens over it; what they edit is the app in
/// ``WorkbenchContext/designer``.
struct DesignerScreen: Screen {
    var selection: CanvasSelection = .add(.triggers)
    /// The first canvas row on screen.
    var canvasScroll = 0
    /// Where the cards go, kept until the definition, the width or the problems change.
    private(set) var layout = CanvasLayout(definition: .empty(), width: 80, problems: [])
    private var layoutKey: LayoutKey?
    var area = Rect(x: 0, y: 1, width: 80, height: 21)
    /// The last search and where its matches are.
    var search: StepSearch?

    /// What a layout depends on.
    private struct LayoutKey: Equatable {
        var revision: Int
        var appName: String
        var width: Int
        var problems: [ValidationProblem]
    }

    var keyHelp: KeyHelp { Self.keyMap.help }

    /// Rows of the canvas on screen.
    var pageHeight: Int { max(1, area.height) }

    mutating func layout(area: Rect, _ context: WorkbenchContext) {
        self.area = area
        relayout(context)
        revealSelection()
    }

    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        sync(&context)
        return []
    }

    mutating func sync(_ context: inout WorkbenchContext) {
        let first = layoutKey == nil
        relayout(context)
        if let hint = context.designer.selectionHint {
            context.designer.selectionHint = nil
            if layout.item(for: hint) != nil { select(hint) }
        }
        if first || layout.item(for: selection) == nil {
            select(layout.items.first?.selection ?? .add(.triggers))
        }
        if let query = search?.query { search = StepSearch(query: query, layout: layout) }
    }

    /// Lays the cards out again when what they depend on changed since the last time.
    private mutating func relayout(_ context: WorkbenchContext) {
        let problems = context.designer.allProblems
        let key = LayoutKey(revision: context.designer.revision, appName: context.designer.appName, width: area.width, problems: problems)
        guard key != layoutKey else { return }
        layout = CanvasLayout(definition: context.designer.definition, width: area.width, problems: problems)
        layoutKey = key
    }

    mutating func select(_ newSelection: CanvasSelection) {
        selection = newSelection
        revealSelection()
    }

    /// Scrolls so the selected card (and the line under it) is on screen.
    mutating func revealSelection() {
        guard let item = layout.item(for: selection) else { return }
        let page = pageHeight
        if item.rect.y - 1 < canvasScroll { canvasScroll = max(0, item.rect.y - 1) }
        if item.rect.maxY + 1 > canvasScroll + page { canvasScroll = max(0, item.rect.maxY + 1 - page) }
    }

    /// The selected step, when a card is selected.
    var selectedStep: StepAddress? {
        if case .step(let address) = selection { return address }
        return nil
    }
}

/// A search of the canvas: the steps whose name contains the text (any case; `_` and spaces alike).
struct StepSearch: Equatable, Sendable {
    var query: String
    /// The matching cards, in the canvas's order.
    var matches: [CanvasSelection]

    init(query: String, layout: CanvasLayout) {
        self.query = query
        let wanted = Self.normalized(query)
        matches = wanted.isEmpty ? [] : layout.items.compactMap { item in
            guard let step = item.step, Self.normalized(step.name).contains(wanted) else { return nil }
            return item.selection
        }
    }

    static func normalized(_ text: String) -> String {
        text.lowercased().replacingOccurrences(of: "_", with: " ")
    }

    /// The match after (or before) `selection`, going round.
    func next(after selection: CanvasSelection, in layout: CanvasLayout, forward: Bool) -> CanvasSelection? {
        guard !matches.isEmpty else { return nil }
        let order = layout.items.map(\.selection)
        let here = order.firstIndex(of: selection) ?? -1
        let positions = matches.compactMap { order.firstIndex(of: $0) }
        if forward {
            return (positions.first { $0 > here } ?? positions.first).map { order[$0] }
        }
        return (positions.last { $0 < here } ?? positions.last).map { order[$0] }
    }
}
