extension CellBuffer: CustomStringConvertible {
    /// Every row as plain text, exactly `width` columns each (trailing spaces kept), for whole-screen assertions.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    /// Row `y` as plain text.
    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var text = ""
        for x in 0..<width where !cells[y * width + x].isContinuation {
            text += cells[y * width + x].text
        }
        return text
    }

    /// Row `y` cut into runs of equal role, left to right.
    ///
    /// ```swift
    /// buffer.styledRuns(line: 0)  // [0:header"Hookflow ", 9:headerAccent"●", 10:header"      "]
    /// ```
    public func styledRuns(line y: Int) -> [StyledRun] {
        guard y >= 0, y < height else { return [] }
        var runs: [StyledRun] = []
        for x in 0..<width {
            let cell = cells[y * width + x]
            if let last = runs.indices.last, runs[last].role == cell.role {
                runs[last].text += cell.text
            } else {
                runs.append(StyledRun(x: x, text: cell.text, role: cell.role))
            }
        }
        return runs
    }

    /// The runs of `role` in row `y` (e.g. where the selection is).
    public func runs(of role: StyleRole, line y: Int) -> [StyledRun] {
        styledRuns(line: y).filter { $0.role == role }
    }

    /// The rows framed by `|`, so a failing test shows trailing spaces.
    public var description: String {
        lines.map { "|\($0)|" }.joined(separator: "\n")
    }
}
