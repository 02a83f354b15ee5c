import CNcursesw
import Foundation
import Testing
@testable import HookflowTUI

/// The real ncurses layer, headless (the tig way): curses writes to /dev/null, reads keys from a pipe, and its own model
/// of the screen (`curscr`) is read back. One test, since curses has one screen per process.
struct TerminalHeadlessTests {
    @Test func presentsOnlyDiffsAndReadsKeysMouseAndResizes() async throws {
        var pipeEnds: [Int32] = [0, 0]
        try #require(pipe(&pipeEnds) == 0)
        let devNull = open("/dev/null", O_WRONLY)
        try #require(devNull >= 0)
        defer {
            close(pipeEnds[0])
            close(pipeEnds[1])
            close(devNull)
        }
        func type(_ text: String) {
            let bytes = Array(text.utf8)
            _ = bytes.withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
        }
        func options(_ environment: [String: String]) -> TerminalOptions {
            TerminalOptions(
                environment: environment, device: .fileDescriptors(input: pipeEnds[0], output: devNull),
                terminalType: "xterm-256color", size: (24, 5), handlesSignals: false
            )
        }

        let terminal = Terminal()
        let capabilities = try await terminal.start(options(["LANG": "C.UTF-8"]))
        #expect(capabilities == TerminalCapabilities(colorSupport: .colors256, glyphs: .unicode))
        #expect(await terminal.size == (24, 5))
        await #expect(throws: TerminalError.alreadyStarted) { try await terminal.start(options([:])) }

        // A first frame is drawn whole, wide characters included.
        var frame = CellBuffer(width: 24, height: 5)
        frame.drawBox(Rect(x: 0, y: 0, width: 24, height: 4), role: .border, glyphs: .unicode, title: "HTTP 世界", titleRole: .cardTitle)
        frame.put("POST 🚀 Grüße", at: 2, y: 1, role: .cardSummary)
        frame.put("Waiting", at: 2, y: 2, role: .statusWaiting)
        frame.fill(Rect(x: 0, y: 4, width: 24, height: 1), role: .selection)
        await terminal.present(frame)
        #expect(await terminal.screenLines() == frame.lines)

        // Roles arrive as the theme's attributes and colour pairs.
        let title = await terminal.screenCell(x: 3, y: 0)
        let expectedTitle = await terminal.expectedCell(.cardTitle)
        #expect(title.text == "H")
        #expect(title.attributes & hf_a_bold() != 0)
        #expect(title.pair == expectedTitle.pair && title.pair != 0)
        let selection = await terminal.screenCell(x: 10, y: 4)
        #expect(selection.pair == (await terminal.expectedCell(.selection)).pair)
        #expect(selection.pair != title.pair)

        // The next frame changes a few cells; curses ends up showing exactly it.
        frame.put("Failed ", at: 2, y: 2, role: .statusFailed)
        frame.put("界", at: 8, y: 1, role: .cardSummary)
        await terminal.present(frame)
        #expect(await terminal.screenLines() == frame.lines)
        // 界 over the right half of 🚀 leaves a space where the rocket started.
        #expect(await terminal.screenLines()[1] == "│ POST  界Grüße        │")

        // Keys: characters in any script, control keys, keypad sequences, a lone Esc.
        type("q\u{13}世\u{1B}OA\u{1B}[6~\t")
        var events: [InputEvent?] = []
        for _ in 0..<6 { events.append(await terminal.nextEvent(timeout: .seconds(2))) }
        #expect(events == [.key(.character("q")), .key(.ctrl("s")), .key(.character("世")), .key(.up), .key(.pageDown), .key(.tab)])
        type("\u{1B}")
        #expect(await terminal.nextEvent(timeout: .seconds(2)) == .key(.escape))
        // Sequences xterm-256color's terminfo does not list (PuTTY's and tmux's Home and End) are
        // still keys; an unknown one is dropped, not read as Esc; Esc then a letter is both.
        type("\u{1B}[1~\u{1B}[4~\u{1B}[99~\u{1B}[Hz\u{1B}j")
        var decoded: [InputEvent?] = []
        for _ in 0..<6 { decoded.append(await terminal.nextEvent(timeout: .seconds(2))) }
        #expect(decoded == [.key(.home), .key(.end), .key(.home), .key(.character("z")), .key(.escape), .key(.character("j"))])

        // Nothing typed: the timeout returns nil, on time.
        let started = ContinuousClock.now
        #expect(await terminal.nextEvent(timeout: .milliseconds(50)) == nil)
        #expect(ContinuousClock.now - started < .seconds(1))

        // Mouse (SGR encoding): a press at column 5, row 3 is (4, 2); the release is skipped; the wheel.
        type("\u{1B}[<0;5;3M\u{1B}[<0;5;3m\u{1B}[<65;1;1M")
        #expect(await terminal.nextEvent(timeout: .seconds(2)) == .mouse(x: 4, y: 2, button: .left))
        #expect(await terminal.nextEvent(timeout: .seconds(2)) == .mouse(x: 0, y: 0, button: .wheelDown))

        // A resize is reported with the new size, and the next frame is drawn whole.
        await terminal.simulateResize(width: 30, height: 6)
        #expect(await terminal.nextEvent(timeout: .seconds(2)) == .resize(width: 30, height: 6))
        var resized = CellBuffer(width: 30, height: 6)
        resized.put("resized 世界", at: 0, y: 5, role: .banner)
        await terminal.present(resized)
        #expect(await terminal.screenLines() == resized.lines)

        // Suspending (for $EDITOR) and resuming redraws everything.
        await terminal.suspend()
        await terminal.present(CellBuffer(width: 30, height: 6, role: .dim))
        await terminal.resume()
        await terminal.present(resized)
        #expect(await terminal.screenLines() == resized.lines)
        await terminal.stop()
        await terminal.stop()

        // Started again under NO_COLOR: no colour pairs, and the selection is reverse video.
        let plain = try await terminal.start(options(["LANG": "C", "NO_COLOR": "1"]))
        #expect(plain == TerminalCapabilities(colorSupport: .noColor, glyphs: .ascii))
        var mono = CellBuffer(width: 24, height: 5)
        mono.drawBox(mono.bounds, role: .border, glyphs: plain.glyphs, title: "Runs")
        mono.put("> Failed", at: 1, y: 1, role: .selection)
        await terminal.present(mono)
        #expect(await terminal.screenLines() == mono.lines)
        #expect(await terminal.screenLines()[0] == "+- Runs ---------------+")
        let selected = await terminal.screenCell(x: 2, y: 1)
        #expect(selected.pair == 0)
        #expect(selected.attributes & hf_a_reverse() != 0)
        await terminal.stop()
        #expect(await !terminal.isStarted)

        // Terminal.run stops the terminal when its body throws.
        struct Quit: Error {}
        var used: Terminal?
        await #expect(throws: Quit.self) {
            try await Terminal.run(options(["LANG": "C.UTF-8"])) { terminal, capabilities in
                used = terminal
                #expect(await terminal.isStarted)
                #expect(capabilities.colorSupport == .colors256)
                throw Quit()
            }
        }
        #expect(await used?.isStarted == false)
    }

    @Test func startingWithoutATerminalFailsClearly() async {
        let terminal = Terminal()
        var settings = TerminalOptions(environment: ["TERM": "xterm"])
        settings.handlesSignals = false
        // The test runner's standard input is not a terminal under `swift test` in CI; skip where it is.
        guard isatty(STDIN_FILENO) == 0 || isatty(STDOUT_FILENO) == 0 else { return }
        await #expect(throws: TerminalError.notATerminal) { try await terminal.start(settings) }
        #expect(TerminalError.notATerminal.description.contains("must not be piped or redirected"))
    }
}
