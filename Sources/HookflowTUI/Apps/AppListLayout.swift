import HookflowEngine

/// Where the app list's parts go: the column header, the rows of apps, and under them a panel
/// with the selected app's triggers in full (the TRIGGERS column is often cut).
///
/// The panel's first row is a blank line; its second a rule with the app's name.
struct AppListLayout {
    var header: Rect
    var rows: Rect
    var panel: Rect
    /// The NAME column's width: the longest name, within reason.
    var nameWidth: Int

    static let stateWidth = 11
    static let versionWidth = 7
    static let changedWidth = 19

    init(area: Rect, apps: [WorkflowSummary]) {
        let triggers = apps.map(\.triggers.count).max() ?? 0
        let panelHeight = apps.isEmpty ? 0 : min(max(1, triggers) + 3, area.height / 3)
        // The panel sits under the last app, or at the bottom when the apps fill the screen.
        let tableHeight = min(apps.count + 1, area.height - panelHeight)
        let (table, rest) = area.sliceTop(tableHeight)
        (header, rows) = table.sliceTop(1)
        panel = rest.sliceTop(panelHeight).top
        let longest = apps.map { TextLayout.width($0.name) }.max() ?? 0
        nameWidth = min(max(4, longest), max(8, area.width / 4))
    }

    /// The columns' left edges: name, state, version, changed, triggers.
    var columns: (name: Int, state: Int, version: Int, changed: Int, triggers: Int) {
        let name = rows.x + 2
        let state = name + nameWidth + 2
        let version = state + Self.stateWidth + 1
        let changed = version + Self.versionWidth + 2
        return (name, state, version, changed, changed + Self.changedWidth + 2)
    }
}
