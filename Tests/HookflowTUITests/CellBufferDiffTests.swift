import Testing
@testable import HookflowTUI

/// The cells the terminal must redraw between two frames.
struct CellBufferDiffTests {
    @Test func sameBufferHasNoChanges() {
        var buffer = CellBuffer(width: 10, height: 3)
        buffer.put("Hookflow 世界", at: 0, y: 1, role: .header)
        #expect(buffer.diff(from: buffer).isEmpty)
    }

    @Test func onlyChangedCellsAreReported() {
        var before = CellBuffer(width: 10, height: 3)
        before.put("Waiting", at: 2, y: 1, role: .statusWaiting)
        var after = before
        after.put("Wait", at: 2, y: 1, role: .statusWaiting)
        #expect(after.diff(from: before).isEmpty)
        after.put("X", at: 3, y: 1, role: .statusWaiting)
        after.put("a", at: 9, y: 2, role: .statusWaiting)
        #expect(after.diff(from: before) == [
            CellChange(x: 3, y: 1, cell: Cell("X", role: .statusWaiting)),
            CellChange(x: 9, y: 2, cell: Cell("a", role: .statusWaiting)),
        ])
    }

    @Test func aRoleChangeIsAChange() {
        var before = CellBuffer(width: 3, height: 1)
        before.put("abc", at: 0, y: 0, role: .normal)
        var after = before
        after.fill(Rect(x: 1, y: 0, width: 1, height: 1), role: .selection, with: "b")
        #expect(after.diff(from: before) == [CellChange(x: 1, y: 0, cell: Cell("b", role: .selection))])
    }

    @Test func noPreviousBufferOrANewSizeRepaintsEverythingButContinuations() {
        var buffer = CellBuffer(width: 4, height: 2)
        buffer.put("世a", at: 0, y: 0, role: .normal)
        let full = buffer.diff(from: nil)
        #expect(full.count == 7)
        #expect(!full.contains { $0.x == 1 && $0.y == 0 })
        #expect(buffer.diff(from: CellBuffer(width: 5, height: 2)) == full)
        #expect(buffer.diff(from: CellBuffer(width: 4, height: 3)) == full)
    }

    @Test func wideCharactersAreEmittedOnceAndWhatTheyCoveredIsRedrawn() {
        var before = CellBuffer(width: 6, height: 1)
        before.put("abcdef", at: 0, y: 0, role: .normal)
        var after = before
        after.put("世", at: 2, y: 0, role: .normal)
        #expect(after.diff(from: before) == [CellChange(x: 2, y: 0, cell: Cell("世", role: .normal))])
        // Back to narrow: both cells the wide character covered are redrawn.
        #expect(before.diff(from: after) == [
            CellChange(x: 2, y: 0, cell: Cell("c", role: .normal)),
            CellChange(x: 3, y: 0, cell: Cell("d", role: .normal)),
        ])
    }

    /// Applying each frame's diff to a model of the terminal always reproduces the frame.
    @Test func applyingDiffsReproducesEveryFrame() {
        var random = SeededRandom(seed: 42)
        let texts = ["a", "bc", "世", "界x", "🚀", "é", "  ", "xyz世"]
        let roles: [StyleRole] = [.normal, .selection, .dim]
        var screen = CellBuffer(width: 9, height: 3)
        var previous: CellBuffer?
        var frame = CellBuffer(width: 9, height: 3)
        for _ in 0..<500 {
            frame.put(texts[random.next(texts.count)], at: random.next(11) - 1, y: random.next(3), role: roles[random.next(roles.count)])
            for change in frame.diff(from: previous) {
                #expect(!change.cell.isContinuation)
                // A terminal draws the cell's text from its column on, covering the next one when wide.
                screen.put(change.cell.text, at: change.x, y: change.y, role: change.cell.role)
            }
            #expect(screen == frame, "\(screen)\nshould be\n\(frame)")
            previous = frame
        }
    }
}

/// A small deterministic generator (SplitMix64), so a failing sequence can be replayed.
struct SeededRandom {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
