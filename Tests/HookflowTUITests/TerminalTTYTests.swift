import Foundation
import HookflowTestSupport
import Testing
@testable import HookflowTUI

/// The terminal on a real tty, in tmux (the fzf way): a child copy of this test binary runs ``ttyChild()``,
/// which logs every event; the parent types, resizes and sends raw sequences, waiting on conditions with deadlines.
///
/// This is what catches what a pipe cannot: Ctrl-S, Ctrl-C and Ctrl-Z reaching the app as keys (raw
/// mode: no XON/XOFF, no signals from the keyboard), a resize waking a waiting `get_wch` at once,
/// Home and End arriving as PuTTY and tmux send them (`ESC[1~`, `ESC[4~`) though `TERM=xterm-256color`
/// does not list them, an unknown sequence dropped rather than read as Esc, and the screen given back.
@Suite(.enabled(if: TmuxSession.shouldRun, "needs tmux"))
struct TerminalTTYTests {
    @Test func keysResizeAndCtrlCOnARealTerminal() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("events.log")
        let executable = try #require(Bundle.main.executableURL).path
        let session = try TmuxSession(
            // The shell traps Ctrl-C (a handler, which the child does not inherit) so it lives on to print the status.
            script: "trap : INT; HOOKFLOW_TTY_LOG=\(TmuxSession.quote(log.path)) \(TmuxSession.quote(executable)) --testing-library swift-testing --filter ttyChild 2>/dev/null; echo \"exit=$?\"; sleep 60",
            width: 60, height: 12, in: folder)
        defer {
            session.close()
            try? FileManager.default.removeItem(at: folder)
        }

        try await session.waitFor("the first frame") { $0.contains("╭─ Probe 世界 ─") }
        try session.sendKeys("C-s", "q", "Up", "BTab")
        try await eventually("four keys") { events(log).count >= 5 }
        #expect(events(log) == ["started", "key Ctrl-S", "key q", "key Up", "key Shift-Tab"])

        let resized = ContinuousClock.now
        try session.resize(width: 50, height: 10)
        try await eventually("the resize") { events(log).last == "resize 50x10" }
        #expect(ContinuousClock.now - resized < .seconds(2), "a resize must not wait for a key or a timeout")
        try await session.waitFor("the redrawn frame") { $0.hasPrefix("resized 50x10") }

        // Ctrl-C and Ctrl-Z are keys the app decides about, not signals.
        try session.sendKeys("C-c", "C-z")
        try await eventually("Ctrl-C and Ctrl-Z") { events(log).count >= 8 }
        // Home and End as PuTTY and tmux send them, then an unknown sequence, then a lone Esc.
        try session.type("\u{1B}[1~")
        try session.type("\u{1B}[4~")
        try session.type("\u{1B}[99~")
        try session.type("\u{1B}OF")
        try await eventually("Home and End") { events(log).count >= 11 }
        try session.sendKeys("Escape")
        try await eventually("Esc") { events(log).count >= 12 }
        #expect(Array(events(log).suffix(6)) == ["key Ctrl-C", "key Ctrl-Z", "key Home", "key End", "key End", "key Esc"])

        try session.sendKeys("x")
        let screen = try await session.waitFor("the exit status") { $0.contains("exit=") }
        #expect(screen.contains("exit=0"))
        #expect(!screen.contains("resized"), "the normal screen is back")
    }

    /// The child's part: does nothing in a normal run.
    @Test func ttyChild() async throws {
        guard let path = ProcessInfo.processInfo.environment["HOOKFLOW_TTY_LOG"] else { return }
        let terminal = Terminal()
        let capabilities = try await terminal.start()
        var lines = ["started"]
        var size = await terminal.size
        var frame = CellBuffer(width: size.width, height: size.height)
        frame.drawBox(Rect(x: 0, y: 0, width: 30, height: 4), role: .border, glyphs: capabilities.glyphs, title: "Probe 世界")
        frame.put("press keys", at: 2, y: 1, role: .statusRunning)
        await terminal.present(frame)
        while true {
            try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
            switch await terminal.nextEvent() {
            case .key(.character("x"))?:
                await terminal.stop()
                return
            case .key(let key)?:
                lines.append("key \(key)")
            case .mouse(let x, let y, let button)?:
                lines.append("mouse \(x) \(y) \(button)")
            case .resize(let width, let height)?:
                lines.append("resize \(width)x\(height)")
                size = (width, height)
                frame = CellBuffer(width: size.width, height: size.height)
                frame.put("resized \(width)x\(height)", at: 0, y: 0, role: .banner)
                await terminal.present(frame)
            case nil:
                continue
            }
        }
    }

    private func events(_ log: URL) -> [String] {
        ((try? String(contentsOf: log, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }
}
