/// The `?` help: every screen's keys, drawn from the same key maps that dispatch them, opened at
/// the section of the screen it came from. It uses the whole width and wraps long lines, so no
/// line is ever cut.
struct HelpScreen: Screen {
    let opening: HelpSection
    var pager = TextPager()
    /// The lines for the current width, and where each section starts.
    private var lines: [[TextSpan]] = []
    private var sectionStarts: [HelpSection: Int] = [:]
    private var area = Rect(width: 80, height: 21)

    init(opening: HelpSection) {
        self.opening = opening
    }

    var keyHelp: KeyHelp { PagerKeys.keyMap.help }
    var isOverlay: Bool { true }

    func hints(_ context: WorkbenchContext) -> [KeyHint] {
        PagerKeys.keyMap.hints { _ in true } + [KeyHint(key: "PgDn", action: "page")]
    }

    mutating func layout(area: Rect, _ context: WorkbenchContext) {
        self.area = area
        let laidOut = Self.lines(width: TextPager.textWidth(in: area), glyphs: .unicode)
        lines = laidOut.lines
        sectionStarts = laidOut.starts
        let height = TextPager.textHeight(in: area)
        pager.scroll = max(0, min(pager.scroll, lines.count - height))
    }

    mutating func appear(_ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        // Open on the keys of the screen below.
        let height = TextPager.textHeight(in: area)
        pager.scroll = max(0, min(sectionStarts[opening] ?? 0, lines.count - height))
        return []
    }

    mutating func handle(_ key: Key, _ context: inout WorkbenchContext) -> [WorkbenchEffect]? {
        if key == .character("?") || key == .function(1) {
            context.close()
            return []
        }
        guard let action = PagerKeys.keyMap.action(for: key) else { return nil }
        if let move = PagerKeys.move(for: action, key: key) {
            pager.move(move, lineCount: lines.count, height: TextPager.textHeight(in: area))
        } else {
            context.close()
        }
        return []
    }

    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        pager.wheel(button, lineCount: lines.count, height: TextPager.textHeight(in: area))
        return []
    }

    func render(into buffer: inout CellBuffer, area: Rect, context: WorkbenchContext, glyphs: Glyphs) {
        let shown = glyphs.isASCII ? Self.lines(width: TextPager.textWidth(in: area), glyphs: glyphs).lines : lines
        pager.render(shown, title: "Keys", into: &buffer, area: area, glyphs: glyphs)
    }

    /// Every section, its title then one entry per key: the keys in a column, what they do beside
    /// them, wrapped within `width` (an entry whose keys do not fit the column starts below them).
    static func lines(width: Int, glyphs: Glyphs) -> (lines: [[TextSpan]], starts: [HelpSection: Int]) {
        let sections = HelpSections.all.map { section in
            KeyHelp(section: section.section, lines: section.lines.map { line in
                var line = line
                line.label = glyphs.adapt(line.label)
                line.help = glyphs.adapt(line.help)
                return line
            })
        }
        let longest = sections.flatMap(\.lines).map { TextLayout.width($0.label) }.max() ?? 0
        let keyColumn = min(longest, 22, max(8, width / 3))
        let textWidth = max(1, width - 2 - keyColumn - 2)
        var lines: [[TextSpan]] = []
        var starts: [HelpSection: Int] = [:]
        for section in sections {
            if !lines.isEmpty { lines.append([]) }
            starts[section.section] = lines.count
            lines.append([TextSpan(glyphs.adapt(section.section.rawValue), .title)])
            for line in section.lines {
                let help = TextLayout.wrap(line.help, width: textWidth)
                let indent = String(repeating: " ", count: 2 + keyColumn + 2)
                if TextLayout.width(line.label) > keyColumn {
                    for piece in TextLayout.wrap(line.label, width: max(1, width - 2)) { lines.append([TextSpan("  " + piece, .key)]) }
                    for piece in help { lines.append([TextSpan(indent + piece, .help)]) }
                    continue
                }
                for (index, piece) in help.enumerated() {
                    if index == 0 {
                        lines.append([
                            TextSpan("  " + TextLayout.pad(line.label, to: keyColumn) + "  ", .key),
                            TextSpan(piece, .help),
                        ])
                    } else {
                        lines.append([TextSpan(indent + piece, .help)])
                    }
                }
            }
        }
        return (lines, starts)
    }
}
