/// The table printed at the end: each figure, its median, every round's raw value, the baseline
/// it is compared with, the ratio, and the SPEC §6 bar. Written as Markdown, so it can go
/// into BENCHMARKS.md as printed.
struct ResultTable {
    struct Row {
        var figure: String
        var median: String
        var rounds: String = ""
        var baseline: String = ""
        var ratio: String = ""
        var bar: String = ""
    }

    private(set) var rows: [Row] = []
    private(set) var notes: [String] = []

    mutating func add(_ row: Row) { rows.append(row) }

    /// Something a reader of the figures must know (errors seen, runs missing, a part skipped).
    mutating func note(_ text: String) { notes.append(text) }

    /// Each value of the rounds, in order, as the row's "rounds" cell.
    static func rounds(_ values: [String]) -> String { values.joined(separator: " · ") }

    var markdown: String {
        var lines = ["| figure | median | rounds | baseline (same run) | ratio | SPEC §6 bar |", "| --- | --- | --- | --- | --- | --- |"]
        for row in rows {
            lines.append("| \([row.figure, row.median, row.rounds, row.baseline, row.ratio, row.bar].map { $0.replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ")) |")
        }
        if !notes.isEmpty {
            lines.append("")
            lines += notes.map { "- \($0)" }
        }
        return lines.joined(separator: "\n")
    }
}
