import HookflowModel

/// What a step card says: its icon, and the one-line summary under the name (method and URI for requests).
enum StepCardText {
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
        case .request:
            let method = step.inputs?["method"]?.stringValue
            let path = step.inputs?["relativePath"]?.stringValue
            return [method ?? "Any method", path.map { "/" + $0 }].compactMap { $0 }.joined(separator: " ")
        case .recurrence:
            let recurrence = step.json["recurrence"]
            guard let frequency = recurrence?["frequency"]?.stringValue else { return nil }
            return "every \(recurrence?["interval"].flatMap(compact) ?? "1") \(frequency)"
        case .unsupported:
            return "kept as is; Hookflow does not run it"
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
