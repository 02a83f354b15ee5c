/// The runs table's columns for a width: everything at 120 columns; at 80 the TRIGGER column goes
/// and STARTED drops the year, so RUN ID stays whole and WAITING ON keeps some room.
struct RunsTableLayout {
    static let statusWidth = 11
    static let idWidth = 26
    static let durationWidth = 8
    static let gap = 2

    var status: Int
    var id: Int
    /// `nil` when the TRIGGER column does not fit.
    var trigger: (x: Int, width: Int)?
    var started: (x: Int, width: Int)
    var duration: Int
    var waiting: (x: Int, width: Int)

    init(area: Rect) {
        let gap = Self.gap
        status = area.x + 2
        id = status + Self.statusWidth + gap
        var x = id + Self.idWidth + gap
        let fixed = x - area.x + 19 + gap + Self.durationWidth + gap
        let room = area.width - fixed
        if room >= 12 + gap + 16 {
            let width = min(20, room - gap - 16)
            trigger = (x, width)
            x += width + gap
        }
        let startedWidth = trigger != nil || room >= 14 ? 19 : 14
        started = (x, startedWidth)
        x += startedWidth + gap
        duration = x
        x += Self.durationWidth + gap
        waiting = (x, max(0, area.maxX - x))
    }

    /// STARTED as it fits: `2026-11-22 10:04:05`, or `11-22 10:04:05` when narrow.
    func started(_ iso: String) -> String {
        let shown = RunTimes.display(iso)
        return started.width < 19 && shown.count == 19 ? String(shown.dropFirst(5)) : shown
    }
}
