/// The command a mistyped word most likely meant (`lsit` → `list`), for "did you mean".
enum CommandSuggestion {
    /// The closest command within two edits (a swap of two letters counts as one), or that starts
    /// with the word; `nil` when none is close.
    static func closest(to word: String, among commands: [String]) -> String? {
        let lowered = word.lowercased()
        if lowered.count >= 3, let prefixed = commands.first(where: { $0.hasPrefix(lowered) }) { return prefixed }
        let scored = commands.map { ($0, distance(lowered, $0)) }.filter { $0.1 <= min(2, max(1, $0.0.count / 3 + 1)) }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1) }
            }
        }
        return table[a.count][b.count]
    }
}
