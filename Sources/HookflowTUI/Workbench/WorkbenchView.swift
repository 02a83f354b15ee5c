/// Draws the workbench: the designer, or the screen on top with the header, message and key-hint lines around it.
public enum WorkbenchView {
    public static func render(_ state: WorkbenchState, glyphs: Glyphs) -> CellBuffer {
        guard let screen = state.current else {
            var buffer = DesignerView.render(state.designer, glyphs: glyphs)
            drawBanner(state, glyphs: glyphs, into: &buffer)
            return buffer
        }
        let viewport = state.viewport
        var buffer = CellBuffer(width: viewport.width, height: viewport.height)
        guard buffer.width > 0, buffer.height > 2 else { return buffer }
        drawHeader(title: screen.title, state: state, glyphs: glyphs, into: &buffer)
        screen.render(into: &buffer, area: screenArea(viewport), glyphs: glyphs, tick: state.tickCount)
        if let scroll = state.help {
            DesignerView.drawHelp(scroll: scroll, glyphs: glyphs, area: screenArea(viewport), into: &buffer)
        }
        let y = buffer.height - 2
        if let banner = screen.banner {
            drawMessage(banner, y: y, glyphs: glyphs, into: &buffer)
        }
        drawBanner(state, glyphs: glyphs, into: &buffer)
        var x = 1
        for hint in screen.hints + [(key: "?", action: "help")] {
            let width = TextLayout.width(hint.key) + 1 + TextLayout.width(hint.action)
            guard x + width <= buffer.width else { break }
            x += buffer.put(glyphs.adapt(hint.key), at: x, y: buffer.height - 1, role: .key)
            x += buffer.put(" " + glyphs.adapt(hint.action) + "  ", at: x, y: buffer.height - 1, role: .help)
        }
        return buffer
    }

    /// Where a screen draws: between the header and the two bottom lines (the designer's canvas area).
    static func screenArea(_ viewport: DesignerState.Size) -> Rect {
        DesignerView.canvasArea(viewport)
    }

    private static func drawHeader(title: String, state: WorkbenchState, glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), role: .header)
        var x = buffer.put(" Hookflow ", at: 0, y: 0, role: .header)
        x += buffer.put(glyphs.vertical + " ", at: x, y: 0, role: .header)
        x += buffer.put(glyphs.adapt(title), at: x, y: 0, role: .header)
        let engine = "engine: " + state.designer.engineDescription + " "
        let room = buffer.width - x - 2
        if room > 10 {
            let shown = TextLayout.truncate(engine, to: room, ellipsis: glyphs.ellipsis)
            buffer.put(shown, at: buffer.width - TextLayout.width(shown), y: 0, role: .header)
        }
    }

    /// The workbench's own message (a lost engine wins over everything; then navigation messages).
    private static func drawBanner(_ state: WorkbenchState, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let y = buffer.height - 2
        guard y > 0 else { return }
        if let problem = state.connectionProblem {
            // The header names the engine; the line keeps its room for what went wrong.
            let text = "Lost the engine: \(problem) \(glyphs.separator) reconnecting \(DesignerView.spinner(state.tickCount, glyphs))"
            drawMessage(Banner(text: text, isError: true), y: y, glyphs: glyphs, into: &buffer)
        } else if let banner = state.banner {
            drawMessage(banner, y: y, glyphs: glyphs, into: &buffer)
        }
    }

    static func drawMessage(_ banner: Banner, y: Int, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let role: StyleRole = banner.isError ? .bannerError : .banner
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), role: role)
        let mark = banner.isError ? glyphs.statusFailed : glyphs.statusSucceeded
        buffer.put(TextLayout.truncate(" \(mark) \(glyphs.adapt(banner.text))", to: buffer.width, ellipsis: glyphs.ellipsis), at: 0, y: y, role: role)
    }
}
