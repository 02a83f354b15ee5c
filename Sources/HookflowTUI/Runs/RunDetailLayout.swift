/// Where the run detail's parts go: the run's summary on top, then the steps and the selected
/// step's details — side by side from 110 columns, one above the other below that.
struct RunDetailLayout {
    var summary: Rect
    /// The steps' column header and rows.
    var steps: Rect
    /// The details box (border included).
    var details: Rect

    /// STARTED's width: `10:04:05`, or `11-23 10:04` when a step started on another day than the run.
    var startedWidth: Int
    /// The longest step name (the NAME column takes no more; CODE gets the rest).
    var longestName: Int

    init(area: Rect, summaryHeight: Int, stepCount: Int, startedWidth: Int, longestName: Int) {
        self.startedWidth = startedWidth
        self.longestName = longestName
        let (top, rest) = area.sliceTop(summaryHeight + 1)
        summary = top.sliceTop(summaryHeight).top
        if area.width >= 110 {
            let (left, right) = rest.sliceLeft(min(72, area.width * 11 / 20))
            steps = left.inset(right: 1)
            details = right
        } else {
            let stepsHeight = min(stepCount + 1, max(3, rest.height / 2 - 1))
            let (list, below) = rest.sliceTop(stepsHeight)
            steps = list
            details = below.inset(top: 1)
        }
    }

    /// The lines inside the details box.
    var detailText: Rect { details.inset(top: 1, left: 2, bottom: 1, right: 2) }

    /// The steps table's columns: name, type, started, duration, code (`nil` when there is no room for it).
    var columns: (name: (x: Int, width: Int), type: Int, started: Int, duration: Int, code: (x: Int, width: Int)?) {
        let nameX = steps.x + 4
        let fixed = 4 + 2 + Self.typeWidth + 2 + startedWidth + 2 + Self.durationWidth + 2
        let room = max(4, steps.width - fixed)
        let nameWidth = min(28, room, max(4, longestName))
        let type = nameX + nameWidth + 2
        let started = type + Self.typeWidth + 2
        let duration = started + startedWidth + 2
        let codeX = duration + Self.durationWidth + 2
        let codeWidth = steps.maxX - codeX
        return ((nameX, nameWidth), type, started, duration, codeWidth >= 4 ? (codeX, codeWidth) : nil)
    }

    static let typeWidth = 12
    static let durationWidth = 8
}
