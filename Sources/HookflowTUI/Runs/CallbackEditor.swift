import HookflowModel

/// The box that sends a test callback to a waiting webhook action: a JSON body, checked before it goes.
///
/// ```swift
/// var editor = CallbackEditor(action: "Approve", url: url, rows: 6)
/// editor.handle(.ctrl("s"))  // .send("{}")
/// ```
struct CallbackEditor: Equatable, Sendable {
    enum Outcome: Equatable, Sendable {
        case stay
        case cancel
        /// POST this body (it parsed as JSON).
        case send(String)
    }

    var action: String
    var url: String
    var body: TextArea
    /// Why the body was not sent (the parser's line and column), or why the engine refused it.
    var error: String?
    /// The body is on its way.
    var isSending = false

    init(action: String, url: String, rows: Int) {
        self.action = action
        self.url = url
        self.body = TextArea("{}", visibleRows: rows)
        // The cursor between the braces, ready to type.
        body.handle(.left)
    }

    mutating func handle(_ key: Key) -> Outcome {
        switch key {
        case .escape:
            return .cancel
        case .ctrl("s"):
            guard !isSending else { return .stay }
            do {
                _ = try JSONParser.parse(body.text)
            } catch {
                self.error = "Not JSON, nothing sent: \(error)"
                return .stay
            }
            error = nil
            isSending = true
            return .send(body.text)
        default:
            guard !isSending else { return .stay }
            if key == .tab {
                body.insert(" ")
                body.insert(" ")
            } else {
                body.handle(key)
            }
            error = nil
            return .stay
        }
    }

    /// The box, centred in `area`.
    func frame(in area: Rect) -> Rect {
        area.centered(width: min(76, area.width - 2), height: min(area.height, body.visibleRows + 4))
    }

    func render(into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs, tick: Int) {
        let rect = frame(in: area)
        guard rect.height >= 5, rect.width >= 12 else { return }
        // Whole rows, so nothing is left cut in half beside the box.
        buffer.fill(Rect(x: area.x, y: rect.y, width: area.width, height: rect.height), role: .normal)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: "Send a test callback", titleRole: .title)
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        buffer.put(TextLayout.truncate("POST a JSON body to \(action)'s callback URL:", to: inner.width, ellipsis: glyphs.ellipsis),
                   at: inner.x, y: inner.y, role: .label)
        let textRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: min(body.visibleRows, inner.height - 2))
        buffer.fill(textRect, role: .valueFocused)
        let visible = body.visible(width: textRect.width)
        for (row, line) in visible.lines.prefix(textRect.height).enumerated() {
            buffer.put(line, at: textRect.x, y: textRect.y + row, role: .valueFocused, maxWidth: textRect.width)
        }
        if !isSending { buffer.cursor = (textRect.x + visible.cursorColumn, textRect.y + visible.cursorRow) }
        let statusY = textRect.maxY
        if isSending {
            buffer.put("\(DesignerView.spinner(tick, glyphs)) " + glyphs.adapt("Sending…"), at: inner.x, y: statusY, role: .dim)
        } else if let error {
            buffer.put(TextLayout.truncate("\(glyphs.statusFailed) \(error)", to: inner.width, ellipsis: glyphs.ellipsis), at: inner.x, y: statusY, role: .statusFailed)
        }
        let keys = glyphs.adapt(" Ctrl-S send · Esc cancel ")
        buffer.put(keys, at: rect.maxX - 2 - TextLayout.width(keys), y: rect.maxY - 1, role: .dim)
    }
}
