import Foundation

/// How ``Terminal/start(_:)`` sets up the terminal.
public struct TerminalOptions: Sendable {
    /// Where curses reads keys and writes the screen.
    public enum Device: Sendable {
        /// Standard input and output, which must be a terminal.
        case standardStreams
        /// Any file descriptors, with no terminal check: for tests (input from a pipe, output to /dev/null).
        case fileDescriptors(input: Int32, output: Int32)
    }

    /// The look; change it later with ``Terminal/setTheme(_:)``.
    public var theme: Theme
    /// Report clicks and the wheel (`--no-mouse` turns this off, leaving the terminal's own text selection).
    public var mouse: Bool
    /// Use at most this many colours (`nil`: what the terminal reports, or none under `NO_COLOR`).
    public var colorSupport: ColorSupport?
    /// The glyph set (`nil`: ``Glyphs/detect(environment:)``).
    public var glyphs: Glyphs?
    /// Read for `TERM`, `NO_COLOR`, `ESCDELAY`, the locale and `HOOKFLOW_GLYPHS`.
    public var environment: [String: String]
    public var device: Device
    /// The terminfo entry to use instead of `TERM`.
    public var terminalType: String?
    /// A fixed size instead of the terminal's (for headless use).
    public var size: (width: Int, height: Int)?
    /// Install the handlers that restore the terminal on Ctrl-C, SIGTERM and crashes (exit codes 130, 143).
    public var handlesSignals: Bool

    public init(
        theme: Theme = .default,
        mouse: Bool = true,
        colorSupport: ColorSupport? = nil,
        glyphs: Glyphs? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        device: Device = .standardStreams,
        terminalType: String? = nil,
        size: (width: Int, height: Int)? = nil,
        handlesSignals: Bool = true
    ) {
        self.theme = theme
        self.mouse = mouse
        self.colorSupport = colorSupport
        self.glyphs = glyphs
        self.environment = environment
        self.device = device
        self.terminalType = terminalType
        self.size = size
        self.handlesSignals = handlesSignals
    }
}
