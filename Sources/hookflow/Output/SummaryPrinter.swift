import Foundation
import HookflowEngine
import HookflowModel

/// How the app commands print summaries for people (`--json` prints the API's JSON instead).
///
/// ```
/// published orders v3 (Enabled)
///   Webhook: Subscribed
/// ```
enum SummaryPrinter {
    /// The API's JSON form, pretty-printed.
    static func json(_ value: JSONValue) -> String { JSONWriter().string(from: value) }

    /// One indented line per trigger the operation touched: `  Webhook: Failed (HTTP 503: … — excerpt)`.
    static func resultLines(_ summary: WorkflowSummary) -> [String] {
        summary.results.map { "  \($0.description)" }
    }

    /// A headline followed by the per-trigger results.
    static func report(_ headline: String, _ summary: WorkflowSummary) -> String {
        ([headline] + resultLines(summary)).joined(separator: "\n")
    }

    /// `list`: NAME STATE VERSION CHANGED TRIGGERS, columns aligned.
    static func table(_ summaries: [WorkflowSummary]) -> String {
        let header = ["NAME", "STATE", "VERSION", "CHANGED", "TRIGGERS"]
        let rows = summaries.map { summary in
            [summary.name, summary.state.rawValue, String(summary.version), shortTime(summary.changedTime),
             summary.triggers.map(triggerCell).joined(separator: ", ")]
        }
        return aligned([header] + rows)
    }

    /// `show`: the summary, each trigger with its subscription, error and callback URL.
    static func details(_ summary: WorkflowSummary, callbackURLs: [String: String]) -> String {
        var lines = ["\(summary.name) (\(summary.state.rawValue), version \(summary.version), changed \(shortTime(summary.changedTime)))"]
        if summary.triggers.isEmpty { lines.append("  no triggers") }
        for trigger in summary.triggers {
            let type = trigger.type.isEmpty ? "" : " (\(trigger.type))"
            lines.append("  \(trigger.name)\(type)" + (trigger.subscription.map { ": \($0.status.rawValue)" } ?? ""))
            if let error = trigger.subscription?.error { lines.append("    error: \(error.description)") }
            if let next = trigger.subscription?.nextAttemptTime { lines.append("    next try: \(shortTime(next))") }
            if let url = trigger.subscription?.callbackURL ?? callbackURLs[trigger.name] { lines.append("    callback URL: \(url)") }
        }
        return lines.joined(separator: "\n")
    }

    /// `Webhook: Subscribed` for a trigger with a subscription (`Webhook: SubscribeFailed (HTTP
    /// 503, next try 10:20:30Z)` when it failed), `manual (Request)` otherwise.
    static func triggerCell(_ trigger: WorkflowSummary.Trigger) -> String {
        if let subscription = trigger.subscription {
            var notes: [String] = []
            if subscription.status == .subscribeFailed || subscription.status == .orphaned, let error = subscription.error {
                notes.append(error.statusCode.map { "HTTP \($0)" } ?? error.message)
            }
            if let next = subscription.nextAttemptTime { notes.append("next try " + shortTime(next)) }
            return "\(trigger.name): \(subscription.status.rawValue)" + (notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))")
        }
        return trigger.type.isEmpty ? trigger.name : "\(trigger.name) (\(trigger.type))"
    }

    /// `2025-06-01T10:20:30.123Z` → `2025-06-01T10:20:30Z`: seconds are enough to read.
    static func shortTime(_ time: String) -> String {
        guard let dot = time.firstIndex(of: "."), let zone = time[dot...].firstIndex(where: { $0 == "Z" || $0 == "+" || $0 == "-" }) else {
            return time
        }
        return String(time[..<dot]) + String(time[zone...])
    }

    /// Columns separated by two spaces; the last column is not padded.
    static func aligned(_ rows: [[String]]) -> String {
        let columns = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 0, count: columns)
        for row in rows { for (index, cell) in row.enumerated() { widths[index] = max(widths[index], cell.count) } }
        return rows.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
