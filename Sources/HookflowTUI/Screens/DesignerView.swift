import HookflowEngine

/// Draws a ``DesignerState``: the header, the canvas of cards, an overlay, the message line and the key hints.
///
/// ```
/// row 0        header: app, unsaved mark, Enabled/Disabled, engine
/// rows 1…h-3   canvas (or the form, the code view; dialogs float over it)
/// row h-2      message: save progress, results, errors, problem count
/// row h-1      key hints for what has the focus
/// ```
public enum DesignerView {
    public static func render(_ state: DesignerState, glyphs: Glyphs) -> CellBuffer {
        var buffer = CellBuffer(width: state.viewport.width, height: state.viewport.height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        drawHeader(state, glyphs: glyphs, into: &buffer)
        let canvas = canvasArea(state.viewport)
        switch state.overlay {
        case .form(let form)?:
            form.render(into: &buffer, area: canvas, definition: state.definition, problems: state.allProblems, glyphs: glyphs)
        case .code(let code)?:
            drawCode(code, state: state, glyphs: glyphs, area: canvas, into: &buffer)
        default:
            drawCanvas(state, glyphs: glyphs, area: canvas, into: &buffer)
        }
        switch state.overlay {
        case .palette(let palette)?: drawPalette(palette, glyphs: glyphs, viewport: state.viewport, into: &buffer)
        case .help(let scroll)?: drawHelp(scroll: scroll, glyphs: glyphs, area: canvas, into: &buffer)
        case .confirm(let confirmation)?: drawConfirmation(confirmation, glyphs: glyphs, viewport: state.viewport, into: &buffer)
        case .rename(let box)?: drawRename(box, glyphs: glyphs, viewport: state.viewport, into: &buffer)
        default: break
        }
        drawMessage(state, glyphs: glyphs, into: &buffer)
        drawHints(state, glyphs: glyphs, into: &buffer)
        return buffer
    }

    /// Where the canvas (and the form and code view) go: everything between the header and the two bottom lines.
    static func canvasArea(_ viewport: DesignerState.Size) -> Rect {
        Rect(x: 0, y: 1, width: viewport.width, height: max(0, viewport.height - 3))
    }

    // MARK: Header

    private static func drawHeader(_ state: DesignerState, glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), role: .header)
        var x = buffer.put(" Hookflow ", at: 0, y: 0, role: .header)
        x += buffer.put(glyphs.vertical + " ", at: x, y: 0, role: .header)
        x += buffer.put(state.appName, at: x, y: 0, role: .header)
        if let file = state.file {
            x += buffer.put(" (\(file.lastPathComponent))", at: x, y: 0, role: .header)
        }
        if state.isDirty {
            x += buffer.put(" \(glyphs.isASCII ? "*" : "●") unsaved", at: x, y: 0, role: .headerAccent)
        }
        x += buffer.put(" " + glyphs.vertical + " ", at: x, y: 0, role: .header)
        let stateText: String
        switch state.activity {
        case .changingState(let target, _): stateText = "\(spinner(state.tickCount, glyphs)) \(target == .enabled ? "Enabling" : "Disabling")" + glyphs.ellipsis
        default: stateText = state.appState.rawValue + (state.published == nil ? " (not published)" : "")
        }
        x += buffer.put(stateText, at: x, y: 0, role: state.appState == .enabled ? .header : .headerAccent)
        let engine = "engine: " + state.engineDescription + " "
        let room = buffer.width - x - 2
        if room > 10 {
            let shown = TextLayout.truncate(engine, to: room, ellipsis: glyphs.ellipsis)
            buffer.put(shown, at: buffer.width - TextLayout.width(shown), y: 0, role: .header)
        }
    }

    // MARK: Message and hints

    private static func drawMessage(_ state: DesignerState, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let y = buffer.height - 2
        guard y > 0 else { return }
        if case .saving = state.activity {
            buffer.put(" \(spinner(state.tickCount, glyphs)) Saving \(state.appName): validating, publishing, subscribing" + glyphs.ellipsis, at: 0, y: y, role: .banner)
            return
        }
        if let banner = state.banner {
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), role: banner.isError ? .bannerError : .banner)
            let mark = banner.isError ? glyphs.statusFailed : glyphs.statusSucceeded
            buffer.put(TextLayout.truncate(" \(mark) \(glyphs.adapt(banner.text))", to: buffer.width, ellipsis: glyphs.ellipsis), at: 0, y: y, role: banner.isError ? .bannerError : .banner)
            return
        }
        let problems = state.allProblems
        if !problems.isEmpty {
            let count = problems.count == 1 ? "1 problem" : "\(problems.count) problems"
            buffer.put(TextLayout.truncate(" \(glyphs.statusFailed) \(count) \(glyphs.separator) \(problems[0])", to: buffer.width, ellipsis: glyphs.ellipsis), at: 0, y: y, role: .errorMark)
        }
    }

    private static func drawHints(_ state: DesignerState, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let y = buffer.height - 1
        let hints: [(String, String)]
        switch state.overlay {
        case .form?: hints = [("Tab", "next"), ("S-Tab", "previous"), ("Ctrl-T", "settings"), ("Ctrl-S", "save"), ("Esc", "close"), ("?", "help")]
        case .palette?: hints = [("type", "search"), ("↑↓", "choose"), ("Enter", "add"), ("Esc", "cancel")]
        case .help?: hints = [("↑↓", "scroll"), ("Esc", "close")]
        case .code?: hints = [("↑↓ PgUp PgDn", "scroll"), ("e", "edit in $EDITOR"), ("Ctrl-S", "save"), ("Esc", "back")]
        case .confirm(let confirmation)?: hints = confirmation.choices.map { (String($0.key), $0.label) } + [("Esc", "cancel")]
        case .rename?: hints = [("Enter", "rename"), ("Esc", "cancel")]
        case nil:
            let toggle = state.appState == .enabled ? "disable" : "enable"
            let enter = if case .add = state.selection { "add" } else { "open" }
            hints = [("Enter", enter), ("a", "add"), ("r", "rename"), ("d", "delete"), ("J/K", "move"), ("y", "duplicate"),
                     ("c", "code"), ("t", toggle), ("Ctrl-S", "save"), ("?", "help"), ("q", "quit")]
        }
        var x = 1
        for (key, action) in hints {
            let width = TextLayout.width(key) + 1 + TextLayout.width(action)
            guard x + width <= buffer.width else { break }
            x += buffer.put(glyphs.adapt(key), at: x, y: y, role: .key)
            x += buffer.put(" " + glyphs.adapt(action) + "  ", at: x, y: y, role: .help)
        }
    }

    static func spinner(_ tick: Int, _ glyphs: Glyphs) -> String {
        let frames = glyphs.isASCII ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        return frames[tick % frames.count]
    }
}
