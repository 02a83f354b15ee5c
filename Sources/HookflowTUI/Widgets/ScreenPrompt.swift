/// A yes/no question a workbench screen asks before something that cannot be undone
/// (delete an app, cancel or resubmit a run), drawn in a small box over the screen.
///
/// `Action` is what the screen does on yes. No is highlighted first, so Enter alone never destroys.
///
/// ```swift
/// var prompt = ScreenPrompt(title: "Cancel run", message: "Cancel run 01J…?", confirmLabel: "Cancel run", action: RunControl.cancel(app: "orders", id: "01J…"))
/// prompt.handle(.character("y"))  // .confirm
/// ```
struct ScreenPrompt<Action: Equatable & Sendable>: Equatable, Sendable {
    enum Answer: Equatable, Sendable {
        case confirm
        case cancel
    }

    var title: String
    var message: String
    /// The yes button's label (`Delete`); no is always `Keep`.
    var confirmLabel: String
    var keepLabel = "Keep"
    var action: Action
    /// 0: yes, 1: no.
    var highlighted = 1

    /// What a key answers, if anything: y/n, Enter on the highlighted button, Esc.
    mutating func handle(_ key: Key) -> Answer? {
        switch key {
        case .character("y"), .character("Y"): return .confirm
        case .character("n"), .character("N"), .escape: return .cancel
        case .enter: return highlighted == 0 ? .confirm : .cancel
        case .left, .right, .tab, .backTab, .character("h"), .character("l"):
            highlighted = 1 - highlighted
            return nil
        default: return nil
        }
    }

    /// What a click answers: on a button, that button.
    func click(x: Int, y: Int, area: Rect) -> Answer? {
        let frames = buttonFrames(box(in: area).box)
        if frames[0].contains(x: x, y: y) { return .confirm }
        if frames[1].contains(x: x, y: y) { return .cancel }
        return nil
    }

    func render(into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs) {
        let (rect, lines) = box(in: area)
        guard rect.height >= 5, rect.width >= 10 else { return }
        // Whole rows, so nothing is left cut in half beside the box.
        buffer.fill(Rect(x: area.x, y: rect.y, width: area.width, height: rect.height), role: .normal)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: title, titleRole: .title)
        for (row, line) in lines.enumerated() where rect.y + 2 + row < rect.maxY - 2 {
            buffer.put(line, at: rect.x + 2, y: rect.y + 2 + row, role: .normal, maxWidth: rect.width - 4)
        }
        let labels = [("y", confirmLabel), ("n", keepLabel)]
        for (index, frame) in buttonFrames(rect).enumerated() {
            let focused = index == highlighted
            let x = frame.x + buffer.put(" \(labels[index].0)", at: frame.x, y: frame.y, role: focused ? .buttonFocused : .key)
            buffer.put(" \(labels[index].1) ", at: x, y: frame.y, role: focused ? .buttonFocused : .button)
        }
    }

    /// The hints while the prompt is open.
    var hints: [(key: String, action: String)] {
        [(key: "y", action: confirmLabel.lowercased()), (key: "n", action: keepLabel.lowercased()), (key: "Esc", action: "cancel")]
    }

    private func box(in area: Rect) -> (box: Rect, message: [String]) {
        let width = min(64, area.width - 4)
        let message = TextLayout.wrap(message, width: max(1, width - 4))
        let height = min(area.height, message.count + 5)
        return (area.centered(width: width, height: height), message)
    }

    private func buttonFrames(_ box: Rect) -> [Rect] {
        var x = box.x + 2
        return [("y", confirmLabel), ("n", keepLabel)].map { key, label in
            let width = TextLayout.width(" \(key) \(label) ")
            defer { x += width + 2 }
            return Rect(x: x, y: box.maxY - 2, width: width, height: 1)
        }
    }
}
