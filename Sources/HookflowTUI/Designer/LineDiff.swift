/// The lines two texts differ by, in hunks with a few unchanged lines around each change, as
/// `diff -u` prints them.
///
/// ```swift
/// let diff = LineDiff(old: "a\nb\nc", new: "a\nB\nc")
/// diff.lines   // [.hunk(old: 1, oldCount: 3, new: 1, newCount: 3), .same("a"), .removed("b"), .added("B"), .same("c")]
/// diff.added   // 1
/// ```
struct LineDiff: Equatable, Sendable {
    enum Line: Equatable, Sendable {
        /// A hunk's start: its first line in each text (from 1) and how many lines of each it shows.
        case hunk(old: Int, oldCount: Int, new: Int, newCount: Int)
        case same(String)
        /// Only in the old text.
        case removed(String)
        /// Only in the new text.
        case added(String)
    }

    /// The hunks, one after another; empty when the texts are the same.
    var lines: [Line]
    /// Lines only the new text has.
    var added: Int
    /// Lines only the old text has.
    var removed: Int

    var isEmpty: Bool { added == 0 && removed == 0 }

    /// The difference from `old` to `new`, with `context` unchanged lines around each change.
    init(old: String, new: String, context: Int = 3) {
        let before = old.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let after = new.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let script = Self.script(from: before, to: after)
        added = script.count { if case .added = $0.line { true } else { false } }
        removed = script.count { if case .removed = $0.line { true } else { false } }
        lines = Self.hunks(script, context: context)
    }

    /// One line of the edit script, with where it stands in each text (the next line of each, from 0).
    private struct Step {
        var line: Line
        var old: Int
        var new: Int
        var isChange: Bool {
            if case .same = line { return false }
            return true
        }
    }

    /// Every line of both texts in order: unchanged, removed or added (removals before additions
    /// where a block was replaced). The standard library's difference is Myers' algorithm.
    private static func script(from before: [String], to after: [String]) -> [Step] {
        var removedOffsets = Set<Int>(), insertedOffsets = Set<Int>()
        for change in after.difference(from: before) {
            switch change {
            case .remove(let offset, _, _): removedOffsets.insert(offset)
            case .insert(let offset, _, _): insertedOffsets.insert(offset)
            }
        }
        var steps: [Step] = []
        var old = 0, new = 0
        while old < before.count || new < after.count {
            if old < before.count, removedOffsets.contains(old) || new >= after.count {
                steps.append(Step(line: .removed(before[old]), old: old, new: new))
                old += 1
            } else if new < after.count, insertedOffsets.contains(new) || old >= before.count {
                steps.append(Step(line: .added(after[new]), old: old, new: new))
                new += 1
            } else {
                steps.append(Step(line: .same(before[old]), old: old, new: new))
                old += 1
                new += 1
            }
        }
        return steps
    }

    /// The changes with `context` lines around each; changes closer than twice that share a hunk.
    private static func hunks(_ steps: [Step], context: Int) -> [Line] {
        let changes = steps.indices.filter { steps[$0].isChange }
        guard let firstChange = changes.first else { return [] }
        var ranges: [ClosedRange<Int>] = []
        var start = firstChange, end = firstChange
        for index in changes.dropFirst() {
            if index - end > 2 * context + 1 {
                ranges.append(start...end)
                start = index
            }
            end = index
        }
        ranges.append(start...end)
        var lines: [Line] = []
        for range in ranges {
            let shown = steps[max(0, range.lowerBound - context)...min(steps.count - 1, range.upperBound + context)]
            let oldCount = shown.count { if case .added = $0.line { false } else { true } }
            let newCount = shown.count { if case .removed = $0.line { false } else { true } }
            let first = shown[shown.startIndex]
            lines.append(.hunk(old: first.old + 1, oldCount: oldCount, new: first.new + 1, newCount: newCount))
            lines += shown.map(\.line)
        }
        return lines
    }
}
