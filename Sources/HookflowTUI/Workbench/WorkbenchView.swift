import HookflowEngine

/// Draws the workbench: the header, the screens on show (the top one, and those a dialog floats
/// over), the message line and the key hints.
///
/// ```
/// row 0        header: app (unsaved mark, Enabled/Disabled) or the screen's title; the engine
/// rows 1…h-3   the screens
/// row h-2      message: save progress, results, errors (cut ones end with "m more"), problem count
/// row h-1      the top screen's keys, then always Ctrl-S save  ? help  q quit
/// ```
public enum WorkbenchView {
    public static func render(_ state: WorkbenchState, glyphs: Glyphs) -> CellBuffer {
        let context = state.context
        var buffer = CellBuffer(width: context.viewport.width, height: context.viewport.height)
        guard buffer.width > 0, buffer.height > 0 else { return buffer }
        // The screens on show: the top one, and under dialogs down to a whole screen.
        var first = state.stack.count - 1
        while first > 0, state.stack[first].isOverlay { first -= 1 }
        let base = state.stack[first]
        drawHeader(title: base.title, context: context, glyphs: glyphs, into: &buffer)
        let area = context.screenArea
        for screen in state.stack[first...] {
            buffer.cursor = nil
            screen.render(into: &buffer, area: area, context: context, glyphs: glyphs)
        }
        guard buffer.height > 2 else { return buffer }
        drawMessage(context, showsDesigner: base.title == nil, glyphs: glyphs, into: &buffer)
        drawHints(state.top.hints(context), typing: state.top.isTyping, glyphs: glyphs, into: &buffer)
        return buffer
    }

    // MARK: Header

    private static func drawHeader(title: String?, context: WorkbenchContext, glyphs: Glyphs, into buffer: inout CellBuffer) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), role: .header)
        var x = buffer.put(" Hookflow ", at: 0, y: 0, role: .header)
        x += buffer.put(glyphs.vertical + " ", at: x, y: 0, role: .header)
        let designer = context.designer
        if let title {
            x += buffer.put(glyphs.adapt(title), at: x, y: 0, role: .header)
        } else {
            x += buffer.put(designer.appName, at: x, y: 0, role: .header)
            if let file = designer.file { x += buffer.put(" (\(file.lastPathComponent))", at: x, y: 0, role: .header) }
            if designer.isDirty { x += buffer.put(" \(glyphs.isASCII ? "*" : "●") unsaved", at: x, y: 0, role: .headerAccent) }
            x += buffer.put(" " + glyphs.vertical + " ", at: x, y: 0, role: .header)
            let stateText: String
            switch designer.activity {
            case .changingState(let target, _):
                stateText = "\(Spinner.frame(context.tick, glyphs)) \(target == .enabled ? "Enabling" : "Disabling")" + glyphs.ellipsis
            default:
                stateText = designer.appState.rawValue + (designer.published == nil ? " (not published)" : "")
            }
            x += buffer.put(stateText, at: x, y: 0, role: designer.appState == .enabled ? .header : .headerAccent)
        }
        let room = buffer.width - x - 2
        guard room > 10 else { return }
        if context.engine.lost != nil {
            // The engine named is not there: say so where its name is.
            let lost = "engine lost \(glyphs.separator) reconnecting \(Spinner.frame(context.tick, glyphs)) "
            let shown = TextLayout.truncate(lost, to: room, ellipsis: glyphs.ellipsis)
            buffer.put(shown, at: buffer.width - TextLayout.width(shown), y: 0, role: .bannerError)
        } else {
            let shown = TextLayout.truncate("engine: " + context.engine.description + " ", to: room, ellipsis: glyphs.ellipsis)
            buffer.put(shown, at: buffer.width - TextLayout.width(shown), y: 0, role: .header)
        }
    }

    // MARK: Message line

    private static func drawMessage(_ context: WorkbenchContext, showsDesigner: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let y = buffer.height - 2
        if case .saving = context.designer.activity {
            let text = " \(Spinner.frame(context.tick, glyphs)) Saving \(context.designer.appName): validating, publishing, subscribing" + glyphs.ellipsis
            buffer.put(text, at: 0, y: y, role: .banner)
            return
        }
        if let message = context.messages.current {
            let role: StyleRole = message.isError ? .bannerError : .banner
            buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), role: role)
            let mark = message.isError ? glyphs.statusFailed : glyphs.statusSucceeded
            let text = " \(mark) \(glyphs.adapt(message.text))"
            if TextLayout.width(text) <= buffer.width {
                buffer.put(text, at: 0, y: y, role: role)
            } else {
                // Cut: the whole message is one key away.
                let more = " m more "
                let used = buffer.put(TextLayout.truncate(text, to: buffer.width - TextLayout.width(more), ellipsis: glyphs.ellipsis), at: 0, y: y, role: role)
                buffer.put(more, at: max(used, buffer.width - TextLayout.width(more)), y: y, role: .key)
            }
            return
        }
        let problems = context.designer.allProblems
        if showsDesigner, !problems.isEmpty {
            // Errors first (they block a save); warnings in their own colour when there are only those.
            let errors = problems.errors, warnings = problems.warnings
            let first = errors.first ?? warnings[0]
            var counts: [String] = []
            if !errors.isEmpty { counts.append(errors.count == 1 ? "1 problem" : "\(errors.count) problems") }
            if !warnings.isEmpty { counts.append(warnings.count == 1 ? "1 warning" : "\(warnings.count) warnings") }
            let mark = errors.isEmpty ? glyphs.warning : glyphs.statusFailed
            let shown = "\(first.location): \(first.message)"
            buffer.put(TextLayout.truncate(" \(mark) \(counts.joined(separator: ", ")) \(glyphs.separator) \(shown)", to: buffer.width, ellipsis: glyphs.ellipsis),
                       at: 0, y: y, role: errors.isEmpty ? .warningMark : .errorMark)
        }
    }

    // MARK: Key hints

    /// The screen's hints from the left while they fit, and at the right end, always, the keys
    /// for save, help and quit that work right now.
    private static func drawHints(_ hints: [KeyHint], typing: Bool, glyphs: Glyphs, into buffer: inout CellBuffer) {
        let y = buffer.height - 1
        let fixed = WorkbenchKeys.fixedHints(typing: typing)
        func width(_ hint: KeyHint) -> Int { TextLayout.width(glyphs.adapt(hint.key)) + 1 + TextLayout.width(glyphs.adapt(hint.action)) }
        let fixedWidth = fixed.reduce(0) { $0 + width($1) + 2 } - 2
        let fixedX = max(1, buffer.width - 1 - fixedWidth)
        var x = 1
        for hint in hints where !fixed.contains(hint) {
            guard x + width(hint) <= fixedX - 2 else { break }
            x += buffer.put(glyphs.adapt(hint.key), at: x, y: y, role: .key)
            x += buffer.put(" " + glyphs.adapt(hint.action) + "  ", at: x, y: y, role: .help)
        }
        x = fixedX
        for hint in fixed {
            x += buffer.put(glyphs.adapt(hint.key), at: x, y: y, role: .key)
            x += buffer.put(" " + glyphs.adapt(hint.action) + "  ", at: x, y: y, role: .help)
        }
    }
}
