import HookflowModel

/// Which validation problems show under which field, and which at the top of the form.
///
/// A problem goes to the field with the longest pointer that is its pointer or above it
/// (`…/authentication/username` to Username, `…/authentication/type` to the type selector).
/// Problems of the step that no field owns (the step's name, a whole `inputs` that is not an
/// object) go to the top, and so do those owned by a field of the other tab, with the tab's name.
struct FormProblemMap {
    /// One problem as the form shows it: the message, and whether it is only a warning (drawn
    /// in its own colour, blocking nothing).
    struct Line: Equatable {
        var text: String
        var isWarning: Bool
    }

    /// Problems by field index in the current tab.
    var byField: [Int: [Line]] = [:]
    /// Problems for the top of the form.
    var top: [Line] = []

    init(problems: [ValidationProblem], current: [FormField], other: [FormField], otherTab: FormTab) {
        for problem in problems {
            let here = Self.owner(of: problem.pointer, in: current)
            let there = Self.owner(of: problem.pointer, in: other)
            if let here, here.depth >= (there?.depth ?? -1) {
                byField[here.index, default: []].append(Line(text: problem.message, isWarning: problem.isWarning))
            } else if there != nil {
                top.append(Line(text: "\(otherTab.rawValue): \(problem.message)", isWarning: problem.isWarning))
            } else {
                top.append(Line(text: problem.message, isWarning: problem.isWarning))
            }
        }
    }

    /// The problems that belong to a step itself: under its pointer but not inside its nested actions.
    static func problems(of step: Step, in problems: [ValidationProblem]) -> [ValidationProblem] {
        let nested = step.childContainers
        return problems.filter { problem in
            problem.pointer.hasPrefix(step.pointer)
                && !nested.contains { problem.pointer.tokens.count > $0.tokens.count && problem.pointer.hasPrefix($0) }
        }
    }

    private static func owner(of pointer: JSONPointer, in fields: [FormField]) -> (index: Int, depth: Int)? {
        var best: (index: Int, depth: Int)?
        for (index, field) in fields.enumerated() {
            for candidate in field.pointers where pointer.hasPrefix(candidate) {
                let depth = candidate.tokens.count
                if depth > (best?.depth ?? -1) { best = (index, depth) }
            }
        }
        return best
    }
}
