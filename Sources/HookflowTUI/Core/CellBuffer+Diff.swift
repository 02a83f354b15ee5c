extension CellBuffer {
    /// The cells that differ from `previous`, in row order: what the terminal must draw to turn `previous` into this buffer.
    ///
    /// With no previous buffer, or one of another size, every cell is a change (a full repaint).
    /// Continuation cells are never emitted: drawing a wide character covers them. A cell that was
    /// covered by a wide character that is gone is redrawn even if it looks the same, because the
    /// terminal no longer shows it (the ratatui rule).
    public func diff(from previous: CellBuffer?) -> [CellChange] {
        guard let previous, previous.width == width, previous.height == height else {
            return cells.indices.compactMap { index in
                cells[index].isContinuation ? nil : CellChange(x: index % width, y: index / width, cell: cells[index])
            }
        }
        var changes: [CellChange] = []
        for y in 0..<height {
            // Columns still covered by a wide character that was on screen before.
            var invalidated = 0
            for x in 0..<width {
                let index = y * width + x
                let current = cells[index], old = previous.cells[index]
                if !current.isContinuation && (current != old || invalidated > 0) {
                    changes.append(CellChange(x: x, y: y, cell: current))
                }
                invalidated = max(invalidated, old.width, current.width) - 1
                if invalidated < 0 { invalidated = 0 }
            }
        }
        return changes
    }
}
