import Foundation
import Testing
@testable import HookflowTUI

/// Ctrl-C and SIGTERM leave curses mode (the terminal gets its screen back) and exit with 130 and 143.
///
/// The signal is sent in a child copy of this test binary running only ``signalledChild()``, whose
/// curses output goes to a file the parent then reads.
struct TerminalSignalTests {
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalRestoresTheTerminalAndExits(signal: Int32, expectedStatus: Int32) throws {
        let executable = try #require(Bundle.main.executableURL)
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-signal-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: output) }
        let child = Process()
        child.executableURL = executable
        child.arguments = ["--testing-library", "swift-testing", "--filter", "signalledChild"]
        child.environment = ProcessInfo.processInfo.environment.merging(
            ["HOOKFLOW_TEST_SIGNAL": String(signal), "HOOKFLOW_TEST_SIGNAL_OUTPUT": output.path]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        child.waitUntilExit()
        #expect(child.terminationReason == .exit)
        #expect(child.terminationStatus == expectedStatus)
        let written = try String(contentsOf: output, encoding: .utf8)
        #expect(written.contains("\u{1B}[?1049h"), "curses entered the alternate screen")
        #expect(written.contains("running"), "the frame was drawn")
        let entered = try #require(written.range(of: "\u{1B}[?1049h"))
        #expect(written[entered.upperBound...].contains("\u{1B}[?1049l"), "endwin gave the normal screen back")
    }

    /// The child's part: start curses with the signal handlers, draw, and signal itself. Does nothing in a normal run.
    @Test func signalledChild() async throws {
        let environment = ProcessInfo.processInfo.environment
        guard let signal = environment["HOOKFLOW_TEST_SIGNAL"].flatMap({ Int32($0) }), let path = environment["HOOKFLOW_TEST_SIGNAL_OUTPUT"] else {
            return
        }
        // An ignored signal stays ignored across exec, and the terminal rightly keeps ignoring it
        // (as under nohup). The parent may have spawned this child while another test in its process
        // ignored SIGINT (ExternalEditorTests, like `system()`); start from a shell's defaults.
        Glibc.signal(signal, SIG_DFL)
        var input: [Int32] = [0, 0]
        try #require(pipe(&input) == 0)
        let output = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let terminal = Terminal()
        try await terminal.start(TerminalOptions(
            environment: ["LANG": "C.UTF-8"], device: .fileDescriptors(input: input[0], output: output),
            terminalType: "xterm-256color", size: (20, 4)
        ))
        var frame = CellBuffer(width: 20, height: 4)
        frame.put("running", at: 0, y: 0, role: .statusRunning)
        await terminal.present(frame)
        kill(getpid(), signal)
        try await Task.sleep(for: .seconds(10))
        Issue.record("still running after signal \(signal)")
    }
}
