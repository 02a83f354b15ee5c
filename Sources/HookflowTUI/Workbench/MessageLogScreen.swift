/// `m`: every message shown so far, newest first and whole (the message line cuts long ones).
struct MessageLogScreen: Screen {
    var pager = TextPager()
    private var area = Rect(width: 80, height: 21)

    var keyHelp: KeyHelp { PagerKeys.keyMap.help }
    var isOverlay: Bool { true }

    func hints(_ context: WorkbenchContext) -> [KeyHint] { PagerKeys.keyMap.hints { _ in true } }

    mutating func layout(area: Rect, _ context: WorkbenchContext) { self.area = area }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        if key == .character("m") {
            context.close()
            return []
        }
        guard let action = PagerKeys.keyMap.action(for: key) else { return nil }
        if let move = PagerKeys.move(for: action, key: key) {
            let lines = Self.lines(context.messages.log, width: TextPager.textWidth(in: area), glyphs: .unicode)
            pager.move(move, lineCount: lines.count, height: TextPager.textHeight(in: area))
        } else {
            context.close()
        }
        return []
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        let lines = Self.lines(context.messages.log, width: TextPager.textWidth(in: area), glyphs: glyphs)
        pager.render(lines, title: "Messages, newest first", into: &buffer, area: area, glyphs: glyphs)
    }

    static func lines(_ log: [Banner], width: Int, glyphs: Glyphs) -> [[TextSpan]] {
        guard !log.isEmpty else { return [[TextSpan("No messages yet.", .dim, own: true)]] }
        var lines: [[TextSpan]] = []
        for message in log.reversed() {
            let mark = message.isError ? glyphs.statusFailed : glyphs.statusSucceeded
            let role: StyleRole = message.isError ? .statusFailed : .normal
            for (index, piece) in TextLayout.wrap(glyphs.adapt(message.text), width: max(1, width - 2)).enumerated() {
                lines.append([TextSpan(index == 0 ? mark + " " : "  ", role), TextSpan(piece, role)])
            }
        }
        return lines
    }
}
