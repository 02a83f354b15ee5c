/// A rectangle of terminal cells: column `x`, row `y`, `width` columns and `height` rows.
///
/// Layout is done by slicing: take rows or columns off one side and keep the rest.
///
/// ```swift
/// let screen = Rect(x: 0, y: 0, width: 80, height: 24)
/// let (header, rest) = screen.sliceTop(1)
/// let (body, status) = rest.sliceBottom(1)
/// let dialog = body.centered(width: 40, height: 10).inset(by: 1)
/// ```
///
/// Sizes never go negative: slicing more than there is yields an empty rectangle.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    /// A rectangle; negative sizes are clamped to zero.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The rectangle at the origin with the given size.
    public init(width: Int, height: Int) {
        self.init(x: 0, y: 0, width: width, height: height)
    }

    /// The first column past the right edge.
    public var maxX: Int { x + width }
    /// The first row past the bottom edge.
    public var maxY: Int { y + height }
    /// Whether the rectangle has no cells.
    public var isEmpty: Bool { width == 0 || height == 0 }

    /// Whether the cell at column `px`, row `py` lies inside (for mouse hit tests).
    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && px < maxX && py >= y && py < maxY
    }

    /// The overlap of two rectangles (empty when they do not overlap).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// The rectangle shrunk by `amount` cells on every side.
    public func inset(by amount: Int) -> Rect {
        inset(top: amount, left: amount, bottom: amount, right: amount)
    }

    /// The rectangle shrunk by the given number of cells on each side.
    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        Rect(x: x + left, y: y + top, width: width - left - right, height: height - top - bottom)
    }

    /// Splits off the top `rows` rows: `(top, rest)`.
    public func sliceTop(_ rows: Int) -> (top: Rect, rest: Rect) {
        let taken = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: taken), Rect(x: x, y: y + taken, width: width, height: height - taken))
    }

    /// Splits off the bottom `rows` rows: `(rest, bottom)`.
    public func sliceBottom(_ rows: Int) -> (rest: Rect, bottom: Rect) {
        let taken = min(max(0, rows), height)
        return (Rect(x: x, y: y, width: width, height: height - taken), Rect(x: x, y: maxY - taken, width: width, height: taken))
    }

    /// Splits off the left `columns` columns: `(left, rest)`.
    public func sliceLeft(_ columns: Int) -> (left: Rect, rest: Rect) {
        let taken = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: taken, height: height), Rect(x: x + taken, y: y, width: width - taken, height: height))
    }

    /// Splits off the right `columns` columns: `(rest, right)`.
    public func sliceRight(_ columns: Int) -> (rest: Rect, right: Rect) {
        let taken = min(max(0, columns), width)
        return (Rect(x: x, y: y, width: width - taken, height: height), Rect(x: maxX - taken, y: y, width: taken, height: height))
    }

    /// Divides the width into `count` side-by-side columns separated by `gap` cells; earlier columns get the spare cells.
    public func columns(_ count: Int, gap: Int = 0) -> [Rect] {
        guard count > 0 else { return [] }
        let sizes = Rect.share(width - gap * (count - 1), among: count)
        var left = x
        return sizes.map { size in
            defer { left += size + gap }
            return Rect(x: left, y: y, width: size, height: height)
        }
    }

    /// Divides the height into `count` stacked rows separated by `gap` cells; earlier rows get the spare cells.
    public func rows(_ count: Int, gap: Int = 0) -> [Rect] {
        guard count > 0 else { return [] }
        let sizes = Rect.share(height - gap * (count - 1), among: count)
        var top = y
        return sizes.map { size in
            defer { top += size + gap }
            return Rect(x: x, y: top, width: width, height: size)
        }
    }

    /// A rectangle of at most the given size centred inside this one (for dialogs and overlays).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    private static func share(_ total: Int, among count: Int) -> [Int] {
        let total = max(0, total)
        return (0..<count).map { total / count + ($0 < total % count ? 1 : 0) }
    }
}
