import Foundation
import HookflowModel

/// The add-step palette: a search box over the step templates, and where the chosen step goes.
struct Palette: Equatable, Sendable {
    /// Where the new step goes.
    enum Placement: Equatable, Sendable {
        /// The app's trigger.
        case trigger
        /// An action after `predecessor` in `container` (`nil`: first in the container).
        case action(after: String?, in: JSONPointer)
        /// An action at the end of the top-level actions (`+ New step`).
        case lastAction
        /// A parallel branch: an action beside `sibling`, running after the same steps.
        case parallel(to: StepAddress)
    }

    var placement: Placement
    var query = TextField()
    /// The highlighted row of ``matches``.
    var highlighted = 0

    init(placement: Placement) {
        self.placement = placement
    }

    var templates: [StepTemplate] {
        if placement == .trigger { return StepTemplate.triggers }
        // Logic Apps declares variables at the top level only: not inside a Scope, Condition or loop.
        guard isNested else { return StepTemplate.actions }
        return StepTemplate.actions.filter { $0.kind != .variable(.initialize) }
    }

    /// Whether the new step goes inside a Scope, Condition, Switch or loop.
    var isNested: Bool {
        switch placement {
        case .trigger, .lastAction: false
        case .action(_, let container): container != .actions
        case .parallel(let sibling): sibling.container != .actions
        }
    }

    /// The templates matching the query, best first (ties keep the palette's order).
    var matches: [StepTemplate] {
        let scored = templates.enumerated().compactMap { index, template in
            template.score(for: query.text).map { (template, $0, index) }
        }
        return scored.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }.map(\.0)
    }

    /// A line of the list: a group's heading (shown while nothing is typed), or a template (an
    /// index into ``matches``).
    enum Row: Equatable, Sendable {
        case heading(String)
        case template(Int)
    }

    /// The list's lines: by group, as Logic Apps lists its connectors, until a search ranks them.
    var rows: [Row] {
        let matches = self.matches
        guard query.text.trimmingCharacters(in: .whitespaces).isEmpty else { return matches.indices.map(Row.template) }
        var rows: [Row] = []
        var group: String?
        for (index, template) in matches.enumerated() {
            if template.group != group {
                rows.append(.heading(template.group))
                group = template.group
            }
            rows.append(.template(index))
        }
        return rows
    }

    /// The first list line shown in `height` lines: the top, unless the highlighted template would
    /// be below the last line; then it is the last line shown.
    func firstVisibleRow(height: Int) -> Int {
        let rows = self.rows
        guard let row = rows.firstIndex(of: .template(highlighted)), height > 0, rows.count > height else { return 0 }
        return min(max(0, row - height + 1), rows.count - height)
    }

    var title: String {
        switch placement {
        case .trigger: "Add a trigger"
        case .parallel(let sibling): "Add a parallel branch beside \(sibling.name)"
        default: "Add an action"
        }
    }

    /// What a key did: nothing more to do, a template chosen, or the palette closed.
    enum Outcome: Equatable {
        case stay
        case choose(StepTemplate)
        case close
    }

    mutating func handle(_ key: Key) -> Outcome {
        let count = matches.count
        switch key {
        case .escape: return .close
        case .enter:
            guard matches.indices.contains(highlighted) else { return .stay }
            return .choose(matches[highlighted])
        case .down, .ctrl("n"), .tab:
            if count > 0 { highlighted = (highlighted + 1) % count }
        case .up, .ctrl("p"), .backTab:
            if count > 0 { highlighted = (highlighted + count - 1) % count }
        default:
            if query.handle(key) { highlighted = 0 }
        }
        return .stay
    }
}
