import HookflowModel

/// A step's card on the canvas: a box with the step's icon and name (and its problem count in
/// red, its warning count in the warning colour), its type and a one-line summary (method and URI), the pointer when selected, and on its
/// top edge what it runs after when that is not plain "after it succeeded" (`on Failed`, or in red
/// a `runAfter` naming no step).
///
/// ```
///   ╭──────────────────────────────────╮
/// ▸ │ ⇄ Order_events               ✗ 2 │
///   │ HTTP Webhook · POST https://shop… │
///   ╰──────────────────────────────────╯
/// ```
struct StepCard {
    var step: Step
    var problemCount: Int
    /// Warnings (a missing unsubscribe): shown beside the errors, in their own colour.
    var warningCount = 0
    var isSelected: Bool
    /// What the top edge says about how the step runs after others.
    var entryLabel: TextSpan?
    /// Columns of the top edge where lines come in (the label keeps clear of them).
    var entries: [Int] = []
    /// Part of a search's matches (the name is highlighted).
    var isMatch = false
    /// Columns of the bottom edge where lines leave (the static result mark keeps clear of them).
    var exits: [Int] = []

    func render(in rect: Rect, glyphs: Glyphs, on canvas: inout ClippedCanvas) {
        let border: StyleRole = isSelected ? .borderFocused : .cardBorder
        let inner = rect.width - 2
        let horizontal = String(repeating: glyphs.horizontal, count: max(0, inner))
        canvas.put(glyphs.topLeft + horizontal + glyphs.topRight, x: rect.x, y: rect.y, role: border)
        canvas.put(glyphs.bottomLeft + horizontal + glyphs.bottomRight, x: rect.x, y: rect.maxY - 1, role: border)
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            canvas.put(glyphs.vertical, x: rect.x, y: y, role: border)
            canvas.put(String(repeating: " ", count: max(0, inner)), x: rect.x + 1, y: y, role: .normal)
            canvas.put(glyphs.vertical, x: rect.maxX - 1, y: y, role: border)
        }
        if isSelected { canvas.put(glyphs.pointer, x: rect.x - 2, y: rect.y + 1, role: .borderFocused) }
        if let entryLabel { drawEntryLabel(entryLabel, in: rect, glyphs: glyphs, on: &canvas) }
        if !step.isTrigger, step.enabledStaticResultName != nil { drawStaticResultMark(in: rect, glyphs: glyphs, on: &canvas) }

        // Line 1: icon, name, and the problem and warning counts at the right.
        let errorMark = problemCount > 0 ? "\(glyphs.statusFailed) \(problemCount)" : ""
        let warningMark = warningCount > 0 ? "\(glyphs.warning) \(warningCount)" : ""
        let mark = [errorMark, warningMark].filter { !$0.isEmpty }.joined(separator: " ")
        let markWidth = TextLayout.width(mark)
        let icon = Self.icon(step.kind, ascii: glyphs.isASCII)
        let nameRoom = inner - 2 - TextLayout.width(icon) - 1 - (markWidth > 0 ? markWidth + 1 : 0)
        var x = rect.x + 2
        x += canvas.put(icon + " ", x: x, y: rect.y + 1, role: .cardType)
        canvas.put(TextLayout.truncate(step.name, to: max(0, nameRoom), ellipsis: glyphs.ellipsis), x: x, y: rect.y + 1,
                   role: isMatch ? .match : .cardTitle)
        if markWidth > 0 {
            let markX = rect.maxX - 2 - markWidth
            let errorWidth = canvas.put(errorMark, x: markX, y: rect.y + 1, role: .errorMark)
            canvas.put(warningMark, x: markX + errorWidth + (errorMark.isEmpty ? 0 : 1), y: rect.y + 1, role: .warningMark)
        }

        // Line 2: type · summary.
        let type = step.kind.displayName
        let room = inner - 2
        x = rect.x + 2
        let shownType = TextLayout.truncate(type, to: room, ellipsis: glyphs.ellipsis)
        x += canvas.put(shownType, x: x, y: rect.y + 2, role: .cardType)
        let left = room - TextLayout.width(shownType) - 3
        guard left > 3 else { return }
        x += canvas.put(" \(glyphs.separator) ", x: x, y: rect.y + 2, role: .cardType)
        if let summary = Self.summary(of: step) {
            canvas.put(TextLayout.truncate(summary, to: left, ellipsis: glyphs.ellipsis), x: x, y: rect.y + 2, role: .cardSummary)
        } else {
            canvas.put(TextLayout.truncate("not set up yet (Enter)", to: left, ellipsis: glyphs.ellipsis), x: x, y: rect.y + 2, role: .placeholder)
        }
    }

    /// The label on the top edge: left of the first arrow when it fits there, else right of the last.
    private func drawEntryLabel(_ label: TextSpan, in rect: Rect, glyphs: Glyphs, on canvas: inout ClippedCanvas) {
        let mark = label.role == .errorMark ? glyphs.statusFailed + " " : ""
        let text = " " + mark + glyphs.adapt(label.text) + " "
        guard !entries.isEmpty else {
            canvas.put(TextLayout.truncate(text, to: max(0, rect.width - 4), ellipsis: glyphs.ellipsis), x: rect.x + 2, y: rect.y, role: label.role)
            return
        }
        let first = entries.min() ?? rect.midX, last = entries.max() ?? rect.midX
        let leftRoom = first - 1 - (rect.x + 2)
        let rightRoom = rect.maxX - 2 - (last + 2)
        if TextLayout.width(text) <= leftRoom || leftRoom >= rightRoom {
            canvas.put(TextLayout.truncate(text, to: max(0, leftRoom), ellipsis: glyphs.ellipsis), x: rect.x + 2, y: rect.y, role: label.role)
        } else {
            canvas.put(TextLayout.truncate(text, to: max(0, rightRoom), ellipsis: glyphs.ellipsis), x: last + 2, y: rect.y, role: label.role)
        }
    }

    /// `static result` on the bottom edge, in the warning colour: the step does not really run,
    /// which nobody should forget before production.
    private func drawStaticResultMark(in rect: Rect, glyphs: Glyphs, on canvas: inout ClippedCanvas) {
        let y = rect.maxY - 1
        let leftRoom = (exits.min() ?? rect.maxX - 1) - 1 - (rect.x + 2)
        let rightRoom = rect.maxX - 2 - ((exits.max() ?? rect.x) + 2)
        let full = " static result ", short = " static "
        let (text, x): (String, Int) = if TextLayout.width(full) <= leftRoom {
            (full, rect.x + 2)
        } else if TextLayout.width(full) <= rightRoom {
            (full, rect.maxX - 2 - TextLayout.width(full))
        } else if leftRoom >= rightRoom {
            (TextLayout.width(short) <= leftRoom ? short : "", rect.x + 2)
        } else {
            (TextLayout.width(short) <= rightRoom ? short : "", rect.maxX - 2 - TextLayout.width(short))
        }
        canvas.put(text, x: x, y: y, role: .warningMark)
    }

    /// A one-cell icon per step type, with an ASCII letter when the glyphs are ASCII.
    static func icon(_ kind: StepKind, ascii: Bool) -> String {
        switch kind {
        case .httpWebhook: ascii ? "W" : "⇄"
        case .request: ascii ? "R" : "↘"
        case .recurrence: ascii ? "@" : "↻"
        case .http: ascii ? "H" : "⇢"
        case .compose: ascii ? "C" : "≡"
        case .wait: ascii ? "D" : "⧖"
        case .terminate: ascii ? "T" : "■"
        case .ifCondition: ascii ? "?" : "◇"
        case .scope: ascii ? "S" : "▣"
        case .response: ascii ? "<" : "↩"
        case .switchCase: ascii ? "/" : "⋔"
        case .foreach: ascii ? "E" : "∀"
        case .until: ascii ? "U" : "⟲"
        case .workflow: ascii ? "F" : "⇥"
        case .dataOperation: ascii ? "J" : "⊞"
        case .variable: ascii ? "V" : "≔"
        case .unsupported, .missing: ascii ? "!" : "?"
        }
    }

    /// The summary line: `POST https://svc/subscribe`, `Every 1 Hour`, `Succeeded`, ...; `nil` when there is nothing to say yet.
    static func summary(of step: Step) -> String? {
        switch step.kind {
        case .httpWebhook:
            return request(step.httpWebhook?.subscribe)
        case .http:
            return request(step.http)
        case .compose:
            return step.composeInputs.flatMap(compact)
        case .wait:
            guard let wait = step.wait else { return nil }
            if let until = wait.untilTimestamp { return "until \(until)" }
            guard let count = wait.intervalCount, let unit = wait.intervalUnit else { return nil }
            return "for \(compact(count) ?? "?") \(unit)\(count.intValue == 1 ? "" : "s")"
        case .terminate:
            return step.terminate?.runStatus.map { "end the run as \($0)" }
        case .ifCondition:
            return step.condition.flatMap(compact)
        case .scope:
            let count = step.json["actions"]?.objectValue?.count ?? 0
            return "\(count) action\(count == 1 ? "" : "s")"
        case .response:
            let code = step.inputs?["statusCode"].flatMap(compact) ?? "200"
            return "answer \(code)"
        case .switchCase:
            let count = step.json["cases"]?.objectValue?.count ?? 0
            return step.json["expression"].flatMap(compact).map { "on \($0), \(count) case\(count == 1 ? "" : "s")" }
        case .foreach:
            let concurrency = step.isSequential ? "one at a time" : nil
            return step.json["foreach"].flatMap(compact).map { ["over \($0)", concurrency].compactMap { $0 }.joined(separator: ", ") }
        case .until:
            return step.json["expression"].flatMap(compact).map { "until \($0)" }
        case .workflow:
            return step.calledWorkflowName.map { "call \($0)" }
        case .dataOperation(let operation):
            let from = step.inputs?[operation == .parseJson ? "content" : "from"]
            return from.flatMap(compact).map { "from \($0)" }
        case .variable(let operation):
            let name = operation == .initialize ? step.inputs?["variables"]?.arrayValue?.first?["name"] : step.inputs?["name"]
            return name?.stringValue
        case .request:
            let method = step.inputs?["method"]?.stringValue
            let path = step.inputs?["relativePath"]?.stringValue
            return [method ?? "Any method", path.map { "/" + $0 }].compactMap { $0 }.joined(separator: " ")
        case .recurrence:
            let recurrence = step.json["recurrence"]
            guard let frequency = recurrence?["frequency"]?.stringValue else { return nil }
            return "every \(recurrence?["interval"].flatMap(compact) ?? "1") \(frequency)"
        case .unsupported:
            return step.enabledStaticResultName != nil && !step.isTrigger ? "returns its static result" : "kept as is; Hookflow does not run it"
        case .missing:
            return "no type"
        }
    }

    private static func request(_ request: HttpRequestDefinition?) -> String? {
        guard let request else { return nil }
        let method = request.method ?? ""
        let uri = request.uri ?? ""
        let text = [method, uri].filter { !$0.isEmpty }.joined(separator: " ")
        return text.isEmpty ? nil : text
    }

    private static func compact(_ value: JSONValue) -> String? {
        if let string = value.stringValue { return string.isEmpty ? nil : string }
        return JSONWriter.compact.string(from: value)
    }
}
