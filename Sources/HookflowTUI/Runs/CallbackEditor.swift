import HookflowModel

/// The box that sends a test callback to a waiting webhook action: a JSON body, checked before it
/// goes, and headers, one `Name: value` a line (`x-hookflow-status: Failed` fails the action).
///
/// ```swift
/// var editor = CallbackEditor(action: "Approve", url: url, rows: 6)
/// editor.send()  // .send(TestCallback(url: url, body: "{}"))
/// ```
struct CallbackEditor: Equatable, Sendable {
    enum Outcome: Equatable, Sendable {
        case stay
        /// POST this (the body parsed as JSON, the headers as `Name: value` lines).
        case send(TestCallback)
    }

    enum Field: Equatable, Sendable {
        case body
        case headers
    }

    var action: String
    var url: String
    var body: TextArea
    var headers: TextArea
    var focus = Field.body
    /// Why nothing was sent (the parser's line and column, a header without `:`), or why the engine refused it.
    var error: String?
    /// The callback is on its way.
    var isSending = false

    init(action: String, url: String, rows: Int) {
        self.action = action
        self.url = url
        self.body = TextArea("{}", visibleRows: rows)
        self.headers = TextArea("", visibleRows: 2)
        // The cursor between the braces, ready to type.
        body.handle(.left)
    }

    /// Checks the body and headers; the callback to send, or why not.
    mutating func send() -> Outcome {
        guard !isSending else { return .stay }
        do {
            _ = try JSONParser.parse(body.text)
        } catch {
            self.error = "Not JSON, nothing sent: \(error)"
            return .stay
        }
        var parsed: [(name: String, value: String)] = []
        for (number, line) in headers.text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            guard let colon = text.firstIndex(of: ":"), colon != text.startIndex else {
                self.error = "Header line \(number + 1) is not Name: value, nothing sent"
                return .stay
            }
            parsed.append((String(text[..<colon]).trimmingCharacters(in: .whitespaces),
                           String(text[text.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        error = nil
        isSending = true
        return .send(TestCallback(url: url, body: body.text, headers: parsed))
    }

    /// A key typed into the focused box (Tab goes to the other box).
    mutating func type(_ key: Key) -> Bool {
        guard !isSending else { return true }
        if key == .tab || key == .backTab {
            focus = focus == .body ? .headers : .body
            return true
        }
        let handled = focus == .body ? body.handle(key) : headers.handle(key)
        if handled { error = nil }
        return handled
    }

    /// The box, centred in `area`.
    func frame(in area: Rect) -> Rect {
        area.centered(width: min(76, area.width - 2), height: min(area.height, body.visibleRows + headers.visibleRows + 6))
    }

    func render(into buffer: inout CellBuffer, area: Rect, glyphs: Glyphs, tick: Int) {
        let rect = frame(in: area)
        guard rect.height >= 8, rect.width >= 12 else { return }
        // Whole rows, so nothing is left cut in half beside the box.
        buffer.fill(Rect(x: area.x, y: rect.y, width: area.width, height: rect.height), role: .normal)
        buffer.drawBox(rect, role: .borderFocused, glyphs: glyphs, title: "Send a test callback", titleRole: .title)
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        buffer.put(TextLayout.truncate("POST a JSON body to \(action)'s callback URL:", to: inner.width, ellipsis: glyphs.ellipsis),
                   at: inner.x, y: inner.y, role: .label)
        let bodyRect = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: body.visibleRows)
        draw(body, in: bodyRect, focused: focus == .body, into: &buffer)
        let headerLabelY = bodyRect.maxY
        buffer.put(TextLayout.truncate("Headers, one Name: value a line (e.g. x-hookflow-status: Failed):", to: inner.width, ellipsis: glyphs.ellipsis),
                   at: inner.x, y: headerLabelY, role: .label)
        let headersRect = Rect(x: inner.x, y: headerLabelY + 1, width: inner.width, height: headers.visibleRows)
        draw(headers, in: headersRect, focused: focus == .headers, into: &buffer)
        if focus == .headers, headers.text.isEmpty {
            buffer.put("none", at: headersRect.x, y: headersRect.y, role: .placeholder)
        }
        let statusY = headersRect.maxY
        if isSending {
            buffer.put("\(Spinner.frame(tick, glyphs)) " + glyphs.adapt("Sending…"), at: inner.x, y: statusY, role: .dim)
        } else if let error {
            buffer.put(TextLayout.truncate("\(glyphs.statusFailed) \(error)", to: inner.width, ellipsis: glyphs.ellipsis), at: inner.x, y: statusY, role: .statusFailed)
        }
        let keys = glyphs.adapt(" Tab body/headers · Ctrl-S send · Esc cancel ")
        buffer.put(keys, at: rect.maxX - 2 - TextLayout.width(keys), y: rect.maxY - 1, role: .dim)
    }

    private func draw(_ area: TextArea, in rect: Rect, focused: Bool, into buffer: inout CellBuffer) {
        let role: StyleRole = focused ? .valueFocused : .value
        buffer.fill(rect, role: role)
        let visible = area.visible(width: rect.width)
        for (row, line) in visible.lines.prefix(rect.height).enumerated() {
            buffer.put(line, at: rect.x, y: rect.y + row, role: role, maxWidth: rect.width)
        }
        if focused, !isSending { buffer.cursor = (rect.x + visible.cursorColumn, rect.y + visible.cursorRow) }
    }
}
