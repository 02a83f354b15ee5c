/// A question in a small box — delete a step? quit with unsaved changes? cancel this run? — with
/// a letter per answer. The answer that does nothing is highlighted first, so Enter alone never destroys.
///
/// ```swift
/// let prompt = ScreenPrompt.yesNo(title: "Cancel run", message: "Cancel run 01J…?", confirm: "Cancel run",
///                                 answer: .controlRun(.cancel(app: "orders", id: "01J…")))
/// prompt.answer(for: .character("y"))  // .controlRun(…)
/// ```
struct ScreenPrompt: Equatable, Sendable {
    struct Choice: Equatable, Sendable {
        var key: Character
        var label: String
        var answer: DialogAnswer
    }

    var title: String
    var message: String
    var choices: [Choice]
    /// The highlighted choice (Enter takes it).
    var highlighted: Int
    /// What Esc answers: leaving things as they are.
    var escape: DialogAnswer

    init(title: String, message: String, choices: [Choice], highlighted: Int = 0, escape: DialogAnswer = .cancel) {
        self.title = title
        self.message = message
        self.choices = choices
        self.highlighted = min(max(0, highlighted), max(0, choices.count - 1))
        self.escape = escape
    }

    /// `y` does it, `n` keeps things as they are (highlighted).
    static func yesNo(title: String, message: String, confirm: String, answer: DialogAnswer, keep: String = "Keep") -> ScreenPrompt {
        ScreenPrompt(title: title, message: message, choices: [
            Choice(key: "y", label: confirm, answer: answer),
            Choice(key: "n", label: keep, answer: .cancel),
        ], highlighted: 1)
    }

    /// The answer a letter picks (either case).
    func answer(for letter: Character) -> DialogAnswer? {
        choices.first { $0.key == Character(letter.lowercased()) }?.answer
    }

    mutating func move(by step: Int) {
        guard !choices.isEmpty else { return }
        highlighted = (highlighted + step + choices.count) % choices.count
    }

    var highlightedAnswer: DialogAnswer { choices.indices.contains(highlighted) ? choices[highlighted].answer : .cancel }

    /// What a click answers: on a button, that button.
    func click(x: Int, y: Int, area: Rect) -> DialogAnswer? {
        let frames = buttonFrames(box(in: area).box)
        return frames.firstIndex { $0.contains(x: x, y: y) }.map { choices[$0].answer }
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
        for (index, frame) in buttonFrames(rect).enumerated() {
            let focused = index == highlighted
            let x = frame.x + buffer.put(" \(choices[index].key)", at: frame.x, y: frame.y, role: focused ? .buttonFocused : .key)
            buffer.put(" \(choices[index].label) ", at: x, y: frame.y, role: focused ? .buttonFocused : .button)
        }
    }

    private func box(in area: Rect) -> (box: Rect, message: [String]) {
        // 64 columns, or as many as the buttons need on their row.
        let buttons = choices.reduce(0) { $0 + TextLayout.width(" \($1.key) \($1.label) ") + 2 } + 2
        let width = min(max(64, buttons), area.width - 4)
        let message = TextLayout.wrap(message, width: max(1, width - 4))
        let height = min(area.height, message.count + 5)
        return (area.centered(width: width, height: height), message)
    }

    private func buttonFrames(_ box: Rect) -> [Rect] {
        var x = box.x + 2
        return choices.map { choice in
            let width = TextLayout.width(" \(choice.key) \(choice.label) ")
            defer { x += width + 2 }
            return Rect(x: x, y: box.maxY - 2, width: width, height: 1)
        }
    }
}
