import HookflowModel
import Testing
@testable import HookflowTUI

/// The canvas draws exactly the `runAfter` edges: parallel branches that each go on alone are not
/// joined, a join is drawn only into a step that runs after several, an edge that is not "after it
/// succeeded" is coloured and named on the card it enters, and a `runAfter` naming no step is a
/// problem on the card, not a branch from the trigger.
@Suite struct DesignerGraphTests {
    /// Start fans out to Left and Right; each has a next step of its own. The old canvas drew one
    /// `┼──┼` bar between the rows, which reads as "both run after both".
    @Test func branchesThatGoOnAloneAreNotJoined() throws {
        let state = try DesignerFixtures.designer(DesignerFixtures.twoChains, width: 120, height: 40)
        #expect(state.text() == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071

                                    ╭──────────────────────────────────────────────────────────────────────╮
                                  ▸ │ ↘ manual                                                             │
                                    │ When a HTTP request is received · POST                               │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ≡ Start                                                              │
                                    │ Compose · 1                                                          │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                          ╭─────────────────────────────┴────────────────────────────╮
              ╭───────────────────────────↓───────────────────────────╮  ╭───────────────────────────↓───────────────────────────╮
              │ ≡ Left                                                │  │ ≡ Right                                               │
              │ Compose · 2                                           │  │ Compose · 3                                           │
              ╰───────────────────────────┬───────────────────────────╯  ╰───────────────────────────┬───────────────────────────╯
                                          +                                                          +
              ╭───────────────────────────↓───────────────────────────╮  ╭───────────────────────────↓───────────────────────────╮
              │ ≡ Left_next                                           │  │ ≡ Right_next                                          │
              │ Compose · 4                                           │  │ Compose · 5                                           │
              ╰───────────────────────────────────────────────────────╯  ╰───────────────────────────┬───────────────────────────╯
                                                                        ╭────────────────────────────╯
                                                                   + New step
















             Enter open  a add  p parallel  r rename  d delete  / search  v code  t disable  R runs     Ctrl-S save  ? help  q quit
            """)
        // Between the branches and their next steps: two straight lines, no bar.
        let lines = state.text().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[16].trimmingCharacters(in: .whitespaces) == "+                                                          +")
    }

    @Test func aJoinGoesOnlyIntoTheStepThatRunsAfterBoth() throws {
        let state = try DesignerFixtures.designer(DesignerFixtures.parallelBranches, width: 120, height: 40)
        #expect(state.text() == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071

                                    ╭──────────────────────────────────────────────────────────────────────╮
                                  ▸ │ ↘ manual                                                             │
                                    │ When a HTTP request is received · POST                               │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ≡ Start                                                              │
                                    │ Compose · 1                                                          │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                          ╭─────────────────────────────┴────────────────────────────╮
              ╭───────────────────────────↓───────────────────────────╮  ╭───────────────────────────↓───────────────────────────╮
              │ ≡ Left                                                │  │ ≡ Right                                               │
              │ Compose · 2                                           │  │ Compose · 3                                           │
              ╰───────────────────────────┬───────────────────────────╯  ╰───────────────────────────┬───────────────────────────╯
                                          ╰─────────────────────────────┬────────────────────────────╯
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ≡ Join                                                               │
                                    │ Compose · 4                                                          │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                                                        +
                                    ╭───────────────────────────────────↓──────────────────────────────────╮
                                    │ ◇ Check                                                              │
                                    │ Condition · {"equals":[1,1]}                                         │
                                    ╰──────────────────────────────────────────────────────────────────────╯
                                     If true
                                     │   ╭───────────────────────────────────────────────────────────────╮
                                     │   │ ≡ Yes                                                         │
                                     │   │ Compose · y                                                   │
                                     │   ╰───────────────────────────────────────────────────────────────╯
                                     If false
                                     │  + Add an action
                                                                        │
                                                                   + New step




             Enter open  a add  p parallel  r rename  d delete  / search  v code  t disable  R runs     Ctrl-S save  ? help  q quit
            """)
    }

    /// The failure path is drawn in red and its card says on what it runs; Finish waits for both
    /// paths' ends (Alert's line passes beside Notify); Orphan's runAfter names no step: no line
    /// from the trigger, a red note on its card.
    @Test func aFailurePathIsMarkedAndAMissingStepIsAProblem() throws {
        let state = try DesignerFixtures.designer(DesignerFixtures.failurePath, width: 120, height: 40)
        #expect(state.text() == """
             Hookflow │ orders │ Enabled (not published)                                   engine: in-process http://127.0.0.1:7071

                                    ╭──────────────────────────────────────────────────────────────────────╮
                                  ▸ │ ↘ manual                                                             │
                                    │ When a HTTP request is received · POST                               │
                                    ╰───────────────────────────────────┬──────────────────────────────────╯
                                          ╭─────────────────────────────╯
              ╭───────────────────────────↓───────────────────────────╮  ╭─ ✗ after Nowhere: no such step ───────────────────────╮
              │ ⇢ Call_service                                        │  │ ≡ Orphan                                          ✗ 1 │
              │ HTTP · POST https://svc.example.com/orders            │  │ Compose · 0                                           │
              ╰───────────────────────────┬───────────────────────────╯  ╰───────────────────────────────────────────────────────╯
                                          ├──────────────────────────────────────────────────────────╮
              ╭───────────────────────────↓───────────────────────────╮  ╭─ on Failed, TimedOut ─────↓───────────────────────────╮
              │ ≡ Record                                              │  │ ≡ Alert                                               │
              │ Compose · @body('Call_service')                       │  │ Compose · failed                                      │
              ╰───────────────────────────┬───────────────────────────╯  ╰───────────────────────────┬───────────────────────────╯
                                          │                                                          ╰──────╮
                                  ╭───────↓──────────────────────────────────────────────────────────────╮  │
                                  │ ≡ Notify                                                             │  │
                                  │ Compose · ok                                                         │  │
                                  ╰───────────────────────────────────┬──────────────────────────────────╯  │
                                                                      ├─────────────────────────────────────╯
                                    ╭─ on Alert Succeeded, Skipped ───↓────────────────────────────────────╮
                                    │ ≡ Finish                                                             │
                                    │ Compose · done                                                       │
                                    ╰──────────────────────────────────────────────────────────────────────╯

                                                                   + New step










             ✗ 1 problem · /actions/Orphan/runAfter/Nowhere: Run after refers to "Nowhere", which is not a step in this scope
             Enter open  a add  p parallel  r rename  d delete  / search  v code  t disable  R runs     Ctrl-S save  ? help  q quit
            """)
        let screen = WorkbenchView.render(state, glyphs: .unicode)
        // The edge into Alert (row 12 is its top edge), from where it leaves the shared bar, is the
        // failure colour, and so are its arrow and its label.
        #expect(screen.runs(of: .statusFailed, line: 11).map(\.text) == [String(repeating: "─", count: 58) + "╮"])
        #expect(screen.runs(of: .statusFailed, line: 12).map(\.text) == [" on Failed, TimedOut ", "↓"])
        #expect(screen.runs(of: .errorMark, line: 7).map(\.text).first == " ✗ after Nowhere: no such step ")
        // Alert → Finish (on Succeeded or Skipped) passes Notify's row in its own colour.
        #expect(screen.runs(of: .statusWaiting, line: 19).map(\.text) == ["│"])
    }

    @Test func aFailurePath80x24() throws {
        let state = try DesignerFixtures.designer(DesignerFixtures.failurePath, width: 80, height: 24)
        #expect(state.text() == """
             Hookflow │ orders │ Enabled (not published)  engine: in-process http://127.0.0…

                ╭──────────────────────────────────────────────────────────────────────╮
              ▸ │ ↘ manual                                                             │
                │ When a HTTP request is received · POST                               │
                ╰───────────────────────────────────┬──────────────────────────────────╯
                                ╭───────────────────╯
              ╭─────────────────↓─────────────────╮  ╭─ ✗ after Nowhere: no such step ───╮
              │ ⇢ Call_service                    │  │ ≡ Orphan                      ✗ 1 │
              │ HTTP · POST https://svc.example.… │  │ Compose · 0                       │
              ╰─────────────────┬─────────────────╯  ╰───────────────────────────────────╯
                                ├─────────────────────────────────────────────╮
              ╭─────────────────↓─────────────────╮  ╭─ on Failed, TimedOut ──↓──────────╮
              │ ≡ Record                          │  │ ≡ Alert                           │
              │ Compose · @body('Call_service')   │  │ Compose · failed                  │
              ╰─────────────────┬─────────────────╯  ╰─────────────────┬─────────────────╯
                                │                                      ╰────────────────╮
              ╭─────────────────↓────────────────────────────────────────────────────╮  │
              │ ≡ Notify                                                             │  │
              │ Compose · ok                                                         │  │
              ╰───────────────────────────────────┬──────────────────────────────────╯  │
                                                  ├──────────────────────────────────↓ more
             ✗ 1 problem · /actions/Orphan/runAfter/Nowhere: Run after refers to "Nowhere",…
             Enter open  a add  p parallel  r rename  d delete  Ctrl-S save  ? help  q quit
            """)
    }

    /// Sources A and B, targets X and Y, with A → X, A → Y and B → Y only: two bars, and B's line
    /// crosses A's bar without joining it.
    @Test func aGroupThatIsNotCompleteGetsABarPerSource() {
        let targets = [0: EdgeRouter.Target(center: 10, low: 5, high: 15), 1: EdgeRouter.Target(center: 30, low: 25, high: 35)]
        let edges = [
            EdgeRouter.Edge(source: 10, target: 0, role: .connector), EdgeRouter.Edge(source: 10, target: 1, role: .connector),
            EdgeRouter.Edge(source: 20, target: 1, role: .connector),
        ]
        let (height, cells, entries) = EdgeRouter.route(edges, targets: targets, top: 0)
        #expect(height == 2)
        #expect(entries[1]?.count == 2, "Y gets a column for each bar: \(entries)")
        var picture = ""
        for y in 0..<height {
            let line = String((0..<40).map { x in cells[Point(x: x, y: y)].map { Character(DesignerScreen.glyph($0, .unicode)) } ?? " " })
            picture += String(line.reversed().drop { $0 == " " }.reversed()) + "\n"
        }
        // B's bar first, then A's under it (each with its own column into Y): no line crosses a bar.
        #expect(picture == """
                      │         ╰──────────╮
                      ├──────────────────╮ │

            """, "\n\(picture)")
        #expect(!cells.values.contains { $0.crossing })
    }
}
