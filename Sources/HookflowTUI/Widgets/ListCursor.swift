/// The selected row of a list and the first row on screen, kept so the selection stays visible.
///
/// ```swift
/// var cursor = ListCursor()
/// cursor.select(30, count: 100, visible: 10)  // selected 30, top 21
/// cursor.move(by: -25, count: 100, visible: 10)  // selected 5, top 5
/// ```
struct ListCursor: Equatable, Sendable {
    /// The selected row (0 in an empty list).
    private(set) var selected = 0
    /// The first row on screen.
    private(set) var top = 0

    /// Selects `index`, clamped to the list, and scrolls just enough to show it.
    mutating func select(_ index: Int, count: Int, visible: Int) {
        guard count > 0 else {
            selected = 0
            top = 0
            return
        }
        selected = min(max(0, index), count - 1)
        reveal(count: count, visible: visible)
    }

    mutating func move(by rows: Int, count: Int, visible: Int) {
        select(selected + rows, count: count, visible: visible)
    }

    /// Scrolls the view by `rows` without leaving the list; the selection follows when it would go off screen.
    mutating func scroll(by rows: Int, count: Int, visible: Int) {
        let visible = max(1, visible)
        top = max(0, min(top + rows, count - visible))
        if selected < top { selected = top }
        if selected >= top + visible { selected = min(count - 1, top + visible - 1) }
    }

    /// Follows the selected row to its new `index` after rows were added or removed above it;
    /// `keepingView` moves the view by as much, so what is on screen does not jump.
    mutating func shift(to index: Int, keepingView: Bool, count: Int, visible: Int) {
        if keepingView { top += index - selected }
        select(index, count: count, visible: visible)
    }

    /// Clamps the selection and the view after the list changed size.
    mutating func reveal(count: Int, visible: Int) {
        let visible = max(1, visible)
        if selected >= count { selected = max(0, count - 1) }
        if selected < top { top = selected }
        if selected >= top + visible { top = selected - visible + 1 }
        top = max(0, min(top, count - visible))
    }

    /// Moves for the list keys every list shares: ↑ ↓ / k j, PgUp PgDn, g G / Home End.
    /// Returns whether `key` was one of them.
    mutating func handle(_ key: Key, count: Int, visible: Int) -> Bool {
        let page = max(1, visible)
        switch key {
        case .down, .character("j"): move(by: 1, count: count, visible: visible)
        case .up, .character("k"): move(by: -1, count: count, visible: visible)
        case .pageDown: move(by: page, count: count, visible: visible)
        case .pageUp: move(by: -page, count: count, visible: visible)
        case .home, .character("g"): select(0, count: count, visible: visible)
        case .end, .character("G"): select(count - 1, count: count, visible: visible)
        default: return false
        }
        return true
    }

    /// The row at a line of the view, if there is one.
    func row(atLine line: Int, count: Int, visible: Int) -> Int? {
        guard line >= 0, line < visible, top + line < count else { return nil }
        return top + line
    }
}
