import Foundation
import HookflowEngine
import HookflowModel

/// How `runs` and `run` print runs for a person.
enum RunPrinter {
    static func table(_ runs: [RunSummary]) -> String {
        var rows = [["RUN", "STATUS", "STARTED", "DURATION", "WAITING ON"]]
        for run in runs {
            rows.append([run.id, run.status.rawValue, SummaryPrinter.shortTime(run.startTime), duration(run.startTime, run.endTime),
                         run.waitingActions.joined(separator: ", ")])
        }
        return SummaryPrinter.aligned(rows)
    }

    static func detail(_ run: RunDetail) -> String {
        var lines = ["run \(run.summary.id) of \(run.summary.workflowName): \(run.summary.status.rawValue)",
                     "  trigger \(run.summary.triggerName), started \(SummaryPrinter.shortTime(run.summary.startTime)), took \(duration(run.summary.startTime, run.summary.endTime))"]
        if let error = run.summary.error {
            lines.append("  error \(error["code"]?.stringValue ?? ""): \(error["message"]?.stringValue ?? JSONWriter.compact.string(from: error))")
        }
        guard !run.actions.isEmpty else { return (lines + ["  (no action has started yet)"]).joined(separator: "\n") }
        var rows = [["  ACTION", "STATUS", "CODE", "DURATION"]]
        for action in run.actions {
            rows.append(["  " + action.name, action.status, action.code ?? "", action.startTime.map { duration($0, action.endTime) } ?? ""])
        }
        lines.append(SummaryPrinter.aligned(rows))
        for action in run.actions {
            if let url = action.callbackURL { lines.append("  \(action.name) waits for a callback at \(url)") }
            if let message = action.error?["message"]?.stringValue, action.status != "Succeeded" { lines.append("  \(action.name): \(message)") }
        }
        return lines.joined(separator: "\n")
    }

    /// `1.2s`, `3m05s`, `2h10m`; "running" while there is no end yet.
    static func duration(_ start: String, _ end: String?) -> String {
        guard let begin = ISO8601Timestamp.date(from: start) else { return "" }
        let finish = end.flatMap(ISO8601Timestamp.date(from:))
        let seconds = (finish ?? Date()).timeIntervalSince(begin)
        let text: String
        switch seconds {
        case ..<60: text = String(format: "%.1fs", seconds)
        case ..<3600: text = String(format: "%dm%02ds", Int(seconds) / 60, Int(seconds) % 60)
        default: text = String(format: "%dh%02dm", Int(seconds) / 3600, Int(seconds) % 3600 / 60)
        }
        return finish == nil ? text + " so far" : text
    }
}
