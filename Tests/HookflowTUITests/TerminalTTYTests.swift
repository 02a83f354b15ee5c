import Foundation
import Testing
@testable import HookflowTUI

private let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux", "/opt/homebrew/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// The terminal on a real tty, in tmux (the fzf way): a child copy of this test binary runs ``ttyChild()``,
/// which logs every event; the parent types, resizes and presses Ctrl-C, waiting on conditions with deadlines.
///
/// This is what catches what a pipe cannot: Ctrl-S reaching the app (XON/XOFF off), a resize waking
/// a waiting `get_wch` at once, and Ctrl-C giving the screen back with exit status 130.
@Suite(.enabled(if: tmuxPath != nil, "needs tmux"))
struct TerminalTTYTests {
    @Test func keysResizeAndCtrlCOnARealTerminal() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-tty-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let log = folder.appendingPathComponent("events.log"), exit = folder.appendingPathComponent("exit")
        let socket = folder.appendingPathComponent("tmux.socket").path
        defer {
            _ = try? tmux(socket, ["kill-server"])
            try? FileManager.default.removeItem(at: folder)
        }
        let executable = try #require(Bundle.main.executableURL).path
        let command = "env HOOKFLOW_TTY_LOG='\(log.path)' LANG=C.UTF-8 '\(executable)' --testing-library swift-testing --filter ttyChild "
            + "2>/dev/null; echo $? > '\(exit.path)'; sleep 60"
        try tmux(socket, ["new-session", "-d", "-x", "60", "-y", "12", command])

        try waitFor("the first frame") { try tmux(socket, ["capture-pane", "-p"]).contains("╭─ Probe 世界 ─") }
        try tmux(socket, ["send-keys", "C-s", "q", "Up", "BTab"])
        try waitFor("four keys") { events(log).count >= 5 }
        #expect(events(log) == ["started", "key Ctrl-S", "key q", "key Up", "key Shift-Tab"])

        let resized = ContinuousClock.now
        try tmux(socket, ["resize-window", "-x", "50", "-y", "10"])
        try waitFor("the resize") { events(log).last == "resize 50x10" }
        #expect(ContinuousClock.now - resized < .seconds(2), "a resize must not wait for a key or a timeout")
        try waitFor("the redrawn frame") { try tmux(socket, ["capture-pane", "-p"]).hasPrefix("resized 50x10") }

        try tmux(socket, ["send-keys", "C-c"])
        try waitFor("the exit status") { (try? String(contentsOf: exit, encoding: .utf8))?.hasSuffix("\n") == true }
        #expect(try String(contentsOf: exit, encoding: .utf8) == "130\n")
        #expect(try !tmux(socket, ["capture-pane", "-p"]).contains("resized"), "the normal screen is back")
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

    /// Runs tmux and returns what it printed.
    ///
    /// posix_spawn rather than Process: Foundation's Process waits for descriptors the daemonised tmux
    /// server inherits, so `new-session` would not return until the server exits.
    @discardableResult
    private func tmux(_ socket: String, _ arguments: [String]) throws -> String {
        let path = tmuxPath ?? "/usr/bin/tmux"
        var output: [Int32] = [0, 0]
        guard pipe(&output) == 0 else { throw CocoaError(.fileWriteUnknown) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        // Only capture-pane prints; the server that new-session starts must not hold the pipe open.
        if arguments.first == "capture-pane" {
            posix_spawn_file_actions_adddup2(&actions, output[1], 1)
        } else {
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addclose(&actions, output[0])
        posix_spawn_file_actions_addclose(&actions, output[1])
        let argv = ([path, "-S", socket, "-f", "/dev/null"] + arguments).map { strdup($0) } + [nil]
        let environment = ProcessInfo.processInfo.environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + environment).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, path, &actions, nil, argv, environment)
        close(output[1])
        defer { close(output[0]) }
        guard spawned == 0 else { throw CocoaError(.executableLoad) }
        var data = Data()
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(output[0], &chunk, chunk.count)
            if count <= 0 { break }
            data.append(contentsOf: chunk[0..<count])
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return String(decoding: data, as: UTF8.self)
    }

    /// Polls `condition` until it holds, failing after 10 seconds with what was awaited.
    private func waitFor(_ what: String, _ condition: () throws -> Bool) throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if try condition() { return }
            usleep(20_000)
        }
        Issue.record("timed out waiting for \(what)")
        throw CancellationError()
    }
}
