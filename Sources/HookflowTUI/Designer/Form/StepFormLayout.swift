import HookflowModel

/// The form laid out in a rectangle: the tab bar, problems without a field, the scrolling body of
/// fields and the key hint. Rendering draws it and a mouse click hit-tests the same layout.
struct StepFormLayout {
    let form: StepForm
    let glyphs: Glyphs
    let fields: [FormField]
    let focused: Int
    let problemMap: FormProblemMap
    /// Inside the border, one column of padding on each side.
    let content: Rect
    /// The column where values start, from the content's left edge.
    let labelWidth: Int
    /// The rows of the scrolling body.
    let body: Rect
    /// The top problems as drawn, one line each, with their colour.
    let topLines: [TextSpan]
    let lines: [FormLine]
    /// The first body line shown.
    let scroll: Int

    /// Most top-of-form problems listed before "N more".
    static let topLimit = 2

    init(form: StepForm, step: Step, definition: WorkflowDefinition, problems: [ValidationProblem], area: Rect, glyphs: Glyphs) {
        self.form = form
        self.glyphs = glyphs
        let fields = form.fields(for: form.tab, in: definition)
        self.fields = fields
        self.focused = form.focusedIndex(in: fields)
        // The designer may already have added the form's own problems to the validator's.
        var seen = Set<ValidationProblem>()
        let own = (FormProblemMap.problems(of: step, in: problems) + form.problems).filter { seen.insert($0).inserted }
        self.problemMap = FormProblemMap(
            problems: own, current: fields, other: form.fields(for: form.tab.other, in: definition), otherTab: form.tab.other)
        let content = area.inset(by: 1).inset(left: 1, right: 1)
        self.content = content
        self.labelWidth = Self.labelWidth(of: fields, contentWidth: content.width)

        var top = problemMap.top.prefix(Self.topLimit).map { problem in
            problem.isWarning ? TextSpan("\(glyphs.warning) \(problem.text)", .warningMark) : TextSpan("\(glyphs.statusFailed) \(problem.text)", .errorMark)
        }
        if problemMap.top.count > Self.topLimit {
            top.append(TextSpan("\(glyphs.statusFailed) \(problemMap.top.count - Self.topLimit) more problems", .errorMark))
        }
        self.topLines = top
        // Tab bar and a blank line; the problems and a blank line; a blank (or notice) line and the hint.
        let headerRows = 2 + (top.isEmpty ? 0 : top.count + 1)
        self.body = content.inset(top: headerRows, bottom: 2)

        var builder = FormLineBuilder(form: form, fields: fields, focused: focused, problems: problemMap.byField,
                                      width: content.width, labelWidth: labelWidth, glyphs: glyphs)
        builder.build()
        self.lines = builder.lines
        self.scroll = Self.scrollOffset(showing: builder.focusRange, total: builder.lines.count, height: body.height)
    }

    /// Where values start: after the longest label and two spaces, at most two fifths of the width
    /// (less when run-after checkboxes need the room).
    static func labelWidth(of fields: [FormField], contentWidth: Int) -> Int {
        var longest = 0
        var hasRunAfter = false
        for field in fields {
            switch field.kind {
            case .tabs, .addParameter: continue
            case .runAfter: hasRunAfter = true
            default: break
            }
            longest = max(longest, field.indent + TextLayout.width(field.label) + (field.isRequired ? 2 : 0))
        }
        var cap = max(8, contentWidth * 2 / 5)
        if hasRunAfter { cap = min(cap, max(12, contentWidth - FormLineBuilder.runAfterWidth)) }
        return min(longest + 2, cap)
    }

    /// The first line to show so the focused lines are visible. The body scrolls by half pages,
    /// which keeps the view still while the focus moves inside it (no state needed: the same
    /// focus always gives the same view).
    static func scrollOffset(showing focus: Range<Int>, total: Int, height: Int) -> Int {
        guard height > 0, total > height else { return 0 }
        let step = max(1, height / 2)
        var offset = 0
        while focus.upperBound > offset + height, offset + step <= focus.lowerBound { offset += step }
        if focus.upperBound > offset + height { offset = focus.lowerBound }
        return min(offset, total - height)
    }

    // MARK: Hit testing

    enum Hit: Equatable {
        case tab(FormTab)
        /// A field: which line of it, which of its controls, and the column from where values start.
        case field(index: Int, line: Int, part: Int, column: Int)
        case option(Int)
    }

    /// The columns of each tab's name in the tab bar, from the content's left edge.
    static func tabRanges() -> [(tab: FormTab, columns: Range<Int>)] {
        var x = 0
        return FormTab.allCases.map { tab in
            let width = tab.rawValue.count + 2
            defer { x += width + 1 }
            return (tab, x..<(x + width))
        }
    }

    func hit(x: Int, y: Int) -> Hit? {
        let column = x - content.x
        if y == content.y {
            return Self.tabRanges().first { $0.columns.contains(column) }.map { .tab($0.tab) }
        }
        guard body.contains(x: x, y: y) else { return nil }
        let index = scroll + (y - body.y)
        guard lines.indices.contains(index), let target = lines[index].target else { return nil }
        switch target {
        case .option(let option): return .option(option)
        case .field(let field, let line, let parts):
            let part = parts.firstIndex { $0.contains(column) } ?? 0
            return .field(index: field, line: line, part: part, column: column - labelWidth)
        }
    }
}
