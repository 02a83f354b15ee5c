import HookflowModel

/// `s` in a version conflict's question: the engine's newer version of the app against the
/// designer's definition, as pretty JSON line by line. `-` lines only the engine's version has
/// (an overwrite drops them), `+` lines only the designer's has (a reload drops them), three
/// unchanged lines around each change; long lines wrap. Esc goes back to the question.
///
/// ```
/// ┌ orders: - v5 in the engine, + yours ───────────────────────┐
/// │ - v5 in the engine (saved 2026-11-22 10:04:05)              │
/// │ + yours, edited from v3                                     │
/// │ 1 line added, 1 removed                                     │
/// │                                                             │
/// │ @@ -8,7 +8,7 @@                                             │
/// │           "subscribe": {                                    │
/// │ -           "uri": "https://shop.example.com/hooks",        │
/// │ +           "uri": "https://shop.example.com/hooks/v2",     │
/// ```
struct DifferenceScreen: Screen {
    static let keyMap = KeyMap<PagerKeys.Action>(.difference, PagerKeys.keyMap.bindings.filter { binding in
        if case .close = binding.action { return false }
        return true
    } + [
        KeyBinding([.escape], "back", help: "back to the question: reload the engine's version, overwrite it, or cancel", action: .close),
    ])

    var pager = TextPager()
    /// Computed once, when the screen first lays out: neither side changes while it is open.
    private var diff: LineDiff?
    private var heading: [[TextSpan]] = []
    /// The lines for the current width.
    private var lines: [[TextSpan]] = []
    private var area = Rect(width: 80, height: 21)
    private var app = ""
    private var current = 0

    var keyHelp: KeyHelp { Self.keyMap.help }
    var title: String? { "Difference · \(app)" }

    func hints(_ context: WorkbenchContext) -> [KeyHint] { Self.keyMap.hints { _ in true } }

    mutating func layout(area: Rect, _ context: WorkbenchContext) {
        self.area = area
        if diff == nil, let conflict = context.designer.conflict, let engine = conflict.engineDefinition {
            app = context.designer.appName
            current = conflict.current
            diff = LineDiff(old: CodeView.text(of: engine), new: CodeView.text(of: context.designer.definition))
            heading = Self.heading(conflict)
        }
        lines = Self.lines(heading: heading, diff: diff, width: TextPager.textWidth(in: area))
        pager.scroll = max(0, min(pager.scroll, lines.count - TextPager.textHeight(in: area)))
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        guard let action = Self.keyMap.action(for: key) else { return nil }
        if let move = PagerKeys.move(for: action, key: key) {
            pager.move(move, lineCount: lines.count, height: TextPager.textHeight(in: area))
            return []
        }
        context.close()
        // Back to the question while it is still open; it went if a save answered it meanwhile.
        if let conflict = context.designer.conflict { context.ask(conflict.prompt(app: context.designer.appName)) }
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        pager.wheel(button, lineCount: lines.count, height: TextPager.textHeight(in: area))
        return []
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        pager.render(lines, title: "\(app): - v\(current) in the engine, + yours", into: &buffer, area: area, glyphs: glyphs)
    }

    /// Which side is which, and how much differs.
    private static func heading(_ conflict: VersionConflict) -> [[TextSpan]] {
        let saved = conflict.engine.map { " (saved \(RunTimes.display($0.summary.changedTime)))" } ?? ""
        return [
            [TextSpan("- v\(conflict.current) in the engine" + saved, .statusFailed, own: true)],
            [TextSpan("+ yours" + (conflict.base > 0 ? ", edited from v\(conflict.base)" : ", a new app here"), .statusSucceeded, own: true)],
        ]
    }

    /// The heading, the counts, then every hunk, each line cut into pieces of `width` columns
    /// (a piece keeps its line's mark and colour).
    static func lines(heading: [[TextSpan]], diff: LineDiff?, width: Int) -> [[TextSpan]] {
        guard let diff else { return [[TextSpan("The engine's version is not at hand to compare.", .dim, own: true)]] }
        var lines = heading
        if diff.isEmpty {
            lines.append([TextSpan("No difference: the engine's version is exactly yours.", .dim, own: true)])
            return lines
        }
        func count(_ number: Int, _ what: String) -> String { "\(number) line\(number == 1 ? "" : "s") \(what)" }
        lines.append([TextSpan(count(diff.added, "added") + ", \(diff.removed) removed", .dim, own: true)])
        for line in diff.lines {
            let (mark, text, role): (String, String, StyleRole)
            switch line {
            case .hunk(let old, let oldCount, let new, let newCount):
                lines.append([])
                lines.append([TextSpan("@@ -\(old),\(oldCount) +\(new),\(newCount) @@", .dim, own: true)])
                continue
            case .same(let same): (mark, text, role) = (" ", same, .normal)
            case .removed(let removed): (mark, text, role) = ("-", removed, .statusFailed)
            case .added(let added): (mark, text, role) = ("+", added, .statusSucceeded)
            }
            for piece in pieces(text, width: max(1, width - 2)) {
                lines.append([TextSpan(mark + " ", role), TextSpan(piece, role)])
            }
        }
        return lines
    }

    /// `text` cut every `width` columns, its spaces kept (indentation is what JSON reads by).
    private static func pieces(_ text: String, width: Int) -> [String] {
        var rest = Substring(text)
        var pieces: [String] = []
        repeat {
            var piece = TextLayout.prefix(String(rest), width: width)
            // A wide character in a one-column piece: take it anyway rather than loop forever.
            if piece.isEmpty, let first = rest.first { piece = String(first) }
            pieces.append(piece)
            rest = rest.dropFirst(piece.count)
        } while !rest.isEmpty
        return pieces
    }
}
