import Testing
@testable import HookflowTUI

/// The line difference the version conflict shows: hunks with three lines around each change,
/// removals before additions, and counts of each.
@Suite struct LineDiffTests {
    @Test func aChangedLineIsRemovedThenAddedWithItsContext() {
        let diff = LineDiff(old: "a\nb\nc\nd\ne", new: "a\nb\nC\nd\ne", context: 1)
        #expect(diff.lines == [.hunk(old: 2, oldCount: 3, new: 2, newCount: 3), .same("b"), .removed("c"), .added("C"), .same("d")])
        #expect(diff.added == 1 && diff.removed == 1)
    }

    @Test func distantChangesAreSeparateHunksAndCloseOnesShareOne() {
        let old = (1...20).map(String.init).joined(separator: "\n")
        var lines = (1...20).map(String.init)
        lines[1] = "two"        // line 2
        lines[17] = "eighteen"  // line 18, far from line 2
        lines.insert("new", at: 19)
        let diff = LineDiff(old: old, new: lines.joined(separator: "\n"))
        let hunks = diff.lines.compactMap { line -> [Int]? in
            if case .hunk(let old, let oldCount, let new, let newCount) = line { return [old, oldCount, new, newCount] }
            return nil
        }
        #expect(hunks == [[1, 5, 1, 5], [15, 6, 15, 7]], "\(diff.lines)")
        #expect(diff.added == 3 && diff.removed == 2)
        #expect(!diff.lines.contains(.same("10")), "the middle, far from both changes, is left out")
    }

    @Test func theSameTextHasNoDifferenceAndOneSidedTextsAreAllChange() {
        #expect(LineDiff(old: "a\nb", new: "a\nb").isEmpty)
        #expect(LineDiff(old: "a\nb", new: "a\nb").lines.isEmpty)
        let added = LineDiff(old: "", new: "x\ny")
        #expect(added.lines == [.hunk(old: 1, oldCount: 1, new: 1, newCount: 2), .removed(""), .added("x"), .added("y")])
        let appended = LineDiff(old: "a", new: "a\nb")
        #expect(appended.lines == [.hunk(old: 1, oldCount: 1, new: 1, newCount: 2), .same("a"), .added("b")])
    }
}
