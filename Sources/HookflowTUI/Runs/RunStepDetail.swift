import HookflowModel

/// The text of the detail pane for one step: times, the callback URL of a waiting webhook action,
/// the error, and the inputs and outputs as pretty JSON (secrets come masked from the engine).
///
/// Built once per step and pane width, not per frame: a step's outputs can be large.
enum RunStepDetail {
    /// Pretty JSON longer than this is cut (the rest is one API call away).
    static let maximumJSONLines = 2_000

    static func lines(for step: RunStep, width: Int) -> [[TextSpan]] {
        var lines: [[TextSpan]] = []
        let width = max(1, width)
        guard step.isReached else {
            for line in TextLayout.wrap("Not reached: the run has not come to this step (yet, or it took another path).", width: width) {
                lines.append([TextSpan(line, .dim, own: true)])
            }
            return lines
        }
        var times = [TextSpan("Started ", .dim), TextSpan(RunTimes.display(step.startTime), .normal, own: true)]
        if !step.isTrigger, step.endTime != nil {
            times += [TextSpan(" · ended ", .dim, own: true), TextSpan(RunTimes.short(step.endTime, sameDayAs: step.startTime), .normal, own: true)]
            times += [TextSpan(" · took ", .dim, own: true), TextSpan(step.duration, .normal, own: true)]
        }
        if let code = step.code { times += [TextSpan(" · code ", .dim, own: true), TextSpan(code, .normal)] }
        lines += TextSpan.wrap(times, width: width)
        if step.isWaitingWebhook, let url = step.callbackURL {
            lines.append([])
            lines.append([TextSpan("Callback URL", .title), TextSpan("   c copy · s send a test callback", .dim, own: true)])
            for chunk in chunks(url, width: width) { lines.append([TextSpan(chunk, .key)]) }
        }
        if let error = step.error {
            lines.append([])
            lines.append([TextSpan("Error", .title)])
            for line in TextLayout.wrap(RunStep.describe(error: error), width: width) { lines.append([TextSpan(line, .statusFailed)]) }
        }
        for (label, value) in [("Inputs", step.inputs), ("Outputs", step.outputs)] {
            guard let value else { continue }
            lines.append([])
            lines.append([TextSpan(label, .title)])
            // Long lines (a URI, a message) wrap under themselves rather than being cut.
            for line in json(value) {
                let indent = (line.first?.text.prefix { $0 == " " }.count ?? 0) + 2
                lines += TextSpan.wrap(line, width: width, indent: indent)
            }
        }
        if step.inputs == nil && step.outputs == nil && step.error == nil && !step.isWaitingWebhook {
            lines.append([])
            lines.append([TextSpan(step.status.lowercased() == "skipped" ? "Skipped: its run-after conditions did not hold." : "No inputs or outputs recorded.", .dim, own: true)])
        }
        return lines
    }

    /// Pretty JSON, coloured by token.
    static func json(_ value: JSONValue) -> [[TextSpan]] {
        let text = JSONWriter(style: .pretty(indent: "  ")).string(from: value)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).prefix(maximumJSONLines + 1).map { line in
            JSONLineHighlighter.spans(String(line)).map { TextSpan($0.text, $0.role) }
        }
        if lines.count > maximumJSONLines {
            lines.removeLast()
            lines.append([TextSpan("(cut after \(maximumJSONLines) lines)", .dim)])
        }
        return lines
    }

    /// Text without spaces (a URL) cut into lines of `width` cells.
    static func chunks(_ text: String, width: Int) -> [String] {
        var rest = Substring(text)
        var chunks: [String] = []
        while !rest.isEmpty {
            let head = TextLayout.prefix(String(rest.prefix(width * 2)), width: width)
            let taken = head.isEmpty ? String(rest.prefix(1)) : head
            chunks.append(taken)
            rest = rest.dropFirst(taken.count)
        }
        return chunks
    }
}
