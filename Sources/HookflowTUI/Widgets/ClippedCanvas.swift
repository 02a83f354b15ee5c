/// Draws in canvas coordinates onto a window of the screen, scrolled and clipped to it (the
/// designer's canvas is taller than the screen).
struct ClippedCanvas {
    var buffer: CellBuffer
    let area: Rect
    /// The first canvas row on screen.
    let scroll: Int

    @discardableResult
    mutating func put(_ text: String, x: Int, y: Int, role: StyleRole) -> Int {
        let screenY = area.y + y - scroll
        guard screenY >= area.y, screenY < area.maxY else { return 0 }
        let screenX = area.x + x
        guard screenX < area.maxX else { return 0 }
        return buffer.put(text, at: screenX, y: screenY, role: role, maxWidth: area.maxX - screenX)
    }
}
