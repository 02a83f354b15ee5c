import CNcursesw
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The ncurses terminal: the only place curses is touched.
///
/// It shows ``CellBuffer``s, drawing only the cells that changed since the last one, and reads
/// keys, mouse events and resizes. Its work runs on a thread of its own, so waiting for a key never
/// blocks the rest of the app.
///
/// ```swift
/// try await Terminal.run(TerminalOptions(theme: theme, mouse: !noMouse)) { terminal, capabilities in
///     var size = await terminal.size
///     while !state.quit {
///         await terminal.present(view(state, size: size, glyphs: capabilities.glyphs))
///         switch await terminal.nextEvent(timeout: .milliseconds(100)) {
///         case .resize(let width, let height)?: size = (width, height)
///         case let event?: state.handle(event)
///         case nil: state.refreshLiveData()
///         }
///     }
/// }
/// ```
///
/// The terminal is restored however the app ends: ``stop()`` (``run(_:_:)`` calls it on return and on
/// a thrown error), SIGINT and SIGTERM (exit codes 130 and 143), a crash, or `exit()`. Ctrl-C typed
/// at the keyboard is a key like any other (``Key/ctrl(_:)``), so the app can ask before quitting.
public actor Terminal {
    private let executor = CursesExecutor()
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// The screen size in cells.
    public private(set) var size: (width: Int, height: Int) = (0, 0)
    /// What the terminal supports, known after ``start(_:)``.
    public private(set) var capabilities = TerminalCapabilities(colorSupport: .noColor, glyphs: .ascii)

    /// Whether curses mode is on (between ``start(_:)`` and ``stop()``).
    public var isStarted: Bool { screen != nil }

    private(set) var screen: OpaquePointer?
    private var input: UnsafeMutablePointer<FILE>?
    private var output: UnsafeMutablePointer<FILE>?
    private var options = TerminalOptions()
    private var isSuspended = false
    private var cursorVisible = false
    private var hasDefaultColors = false
    /// The buffer on screen; `nil` forces a full repaint.
    private var previous: CellBuffer?
    private var resolvedStyles: [StyleRole: (attributes: attr_t, pair: Int16)] = [:]
    private var colourPairs: [ColourPair: Int16] = [:]
    /// Mouse events curses read in one go (a quick click and a wheel step), delivered one per call.
    private var queuedEvents: [InputEvent] = []

    public init() {}

    deinit { executor.shutDown() }

    /// Starts a terminal, runs `body`, and stops the terminal whether `body` returns or throws.
    public static func run<Value>(
        _ options: TerminalOptions = TerminalOptions(),
        _ body: (Terminal, TerminalCapabilities) async throws -> Value
    ) async throws -> Value {
        let terminal = Terminal()
        let capabilities = try await terminal.start(options)
        do {
            let result = try await body(terminal, capabilities)
            await terminal.stop()
            return result
        } catch {
            await terminal.stop()
            throw error
        }
    }

    /// Enters curses mode: the locale, keypad and mouse input, no echo, a hidden cursor, the theme's colours.
    ///
    /// Sets the locale from the environment first (C.UTF-8 when it names none) so wide characters
    /// work, keeps the terminal's own background (`use_default_colors`), makes Esc respond in 25 ms
    /// unless `ESCDELAY` is set, and reads the keyboard raw: XON/XOFF off so Ctrl-S and Ctrl-Q reach
    /// the app, and Ctrl-C, Ctrl-Z and Ctrl-\ arrive as keys instead of signals.
    @discardableResult
    public func start(_ options: TerminalOptions = TerminalOptions()) throws(TerminalError) -> TerminalCapabilities {
        guard screen == nil else { throw .alreadyStarted }
        self.options = options
        CellWidth.prepareLocale()

        let descriptors: (input: Int32, output: Int32)
        switch options.device {
        case .standardStreams:
            guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
            descriptors = (STDIN_FILENO, STDOUT_FILENO)
        case .fileDescriptors(let inputDescriptor, let outputDescriptor):
            descriptors = (inputDescriptor, outputDescriptor)
        }
        // Duplicates, so closing our streams at stop never closes the process's stdin and stdout.
        guard let input = fdopen(dup(descriptors.input), "r") else { throw .cannotOpen("input") }
        guard let output = fdopen(dup(descriptors.output), "w") else {
            fclose(input)
            throw .cannotOpen("output")
        }

        if options.handlesSignals { TerminalSignals.install() }
        let type = options.terminalType ?? options.environment["TERM"]
        guard let type, !type.isEmpty, let screen = newterm(type, output, input) else {
            fclose(input)
            fclose(output)
            if options.handlesSignals { TerminalSignals.restore() }
            throw .unknownTerminalType(type)
        }
        self.screen = screen
        self.input = input
        self.output = output

        if let fixed = options.size { resize_term(Int32(fixed.height), Int32(fixed.width)) }
        TerminalSignals.routeResizeToThisThread()
        let window = hf_stdscr()
        // raw, not cbreak: Ctrl-C and Ctrl-Z arrive as keys (Ctrl-C asks like q; Ctrl-Z is the app's to decide).
        raw()
        noecho()
        nonl()
        keypad(window, true)
        allowFlowControlKeys(descriptor: fileno(input))
        def_prog_mode()
        if options.environment["ESCDELAY"] == nil { set_escdelay(25) }
        curs_set(0)
        cursorVisible = false

        var hasColours = false
        if has_colors() {
            hasColours = start_color() == OK
            hasDefaultColors = use_default_colors() == OK
        }
        capabilities = TerminalCapabilities.detect(
            hasColors: hasColours, colors: Int(hf_colors()), environment: options.environment,
            limit: options.colorSupport, glyphs: options.glyphs
        )
        if options.mouse {
            mousemask(hf_button1_pressed() | hf_button2_pressed() | hf_button3_pressed() | hf_button4_pressed() | hf_button5_pressed(), nil)
            // Report presses at once instead of waiting to tell clicks from double clicks.
            mouseinterval(0)
        }
        size = (Int(hf_cols()), Int(hf_lines()))
        previous = nil
        queuedEvents = []
        resetStyles()
        return capabilities
    }

    /// Leaves curses mode and gives the terminal back as it was. Safe to call twice.
    public func stop() {
        guard let screen else { return }
        if options.mouse { mousemask(0, nil) }
        curs_set(1)
        endwin()
        TerminalSignals.unrouteResize()
        delscreen(screen)
        self.screen = nil
        if let input { fclose(input) }
        if let output { fclose(output) }
        input = nil
        output = nil
        if options.handlesSignals { TerminalSignals.restore() }
        previous = nil
    }

    /// Shows `buffer`, drawing only the cells that differ from the buffer shown before.
    ///
    /// After a resize, ``setTheme(_:)``, ``resume()`` or ``invalidate()`` the whole screen is redrawn.
    /// The buffer's ``CellBuffer/cursor``, if any, shows the cursor there; otherwise it stays hidden.
    public func present(_ buffer: CellBuffer) {
        guard screen != nil, !isSuspended, let window = hf_stdscr() else { return }
        if previous == nil || previous?.width != buffer.width || previous?.height != buffer.height {
            werase(window)
        }
        var characters: [wchar_t] = []
        for change in buffer.diff(from: previous) where change.x < size.width && change.y < size.height {
            let style = resolvedStyle(change.cell.role)
            characters.removeAll(keepingCapacity: true)
            characters.append(contentsOf: change.cell.text.unicodeScalars.map { wchar_t(bitPattern: $0.value) })
            characters.append(0)
            // The bottom-right cell reports ERR (the cursor cannot move past it) but is drawn.
            _ = hf_put_wide(window, Int32(change.y), Int32(change.x), characters, style.attributes, style.pair)
        }
        if let cursor = buffer.cursor, cursor.x >= 0, cursor.x < size.width, cursor.y >= 0, cursor.y < size.height {
            wmove(window, Int32(cursor.y), Int32(cursor.x))
            if !cursorVisible { curs_set(1) }
            cursorVisible = true
        } else if cursorVisible {
            curs_set(0)
            cursorVisible = false
        }
        wnoutrefresh(window)
        doupdate()
        previous = buffer
    }

    /// Waits up to `timeout` (for ever when `nil`) for a key, a mouse event or a resize.
    ///
    /// Returns `nil` when the time is up (redraw live data then), or when input is closed or
    /// interrupted. Keys the designer does not use and mouse releases are skipped.
    public func nextEvent(timeout: Duration? = nil) -> InputEvent? {
        guard screen != nil, !isSuspended, let window = hf_stdscr() else { return nil }
        if !queuedEvents.isEmpty { return queuedEvents.removeFirst() }
        let clock = ContinuousClock()
        let deadline = timeout.map { clock.now.advanced(by: $0) }
        while true {
            wtimeout(window, deadline.map { Terminal.milliseconds(until: $0, clock: clock) } ?? -1)
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            if status == ERR { return nil }
            switch KeyDecoder.decode(status: status, value: UInt32(value)) {
            case .key(.escape) where status == OK:
                if let event = escapeSequence(window) { return event }
            case .key(let key):
                return .key(key)
            case .resize:
                size = (Int(hf_cols()), Int(hf_lines()))
                invalidate()
                return .resize(width: size.width, height: size.height)
            case .mouse:
                queuedEvents = Terminal.drainMouseEvents()
                if !queuedEvents.isEmpty { return queuedEvents.removeFirst() }
            case .ignored:
                break
            }
            if let deadline, clock.now >= deadline { return nil }
        }
    }

    /// How long the rest of an escape sequence may take to arrive once it has started.
    static let sequenceWait: Int32 = 50

    /// Reads what follows an Esc that curses did not match to a key (see ``EscapeSequence``):
    /// the key a sequence stands for, `nil` for a sequence to drop, Esc when it was one.
    ///
    /// Curses already waited `ESCDELAY` for a character after the Esc before giving it up, so
    /// what belongs to it is in curses' queue now, or arrives within ``sequenceWait`` ms.
    private func escapeSequence(_ window: UnsafeMutablePointer<WINDOW>) -> InputEvent? {
        var sequence = EscapeSequence()
        var first = true
        while true {
            wtimeout(window, first ? 0 : Terminal.sequenceWait)
            var value: wint_t = 0
            let status = wget_wch(window, &value)
            // Nothing followed the Esc: it is the Esc key. A sequence cut short is dropped.
            if status == ERR { return first ? .key(.escape) : nil }
            guard status == OK, let scalar = Unicode.Scalar(UInt32(value)) else {
                // A key curses did decode (an arrow) right after a lone Esc: both are keys.
                if first, case .key(let key) = KeyDecoder.decode(status: status, value: UInt32(value)) { queuedEvents.append(.key(key)) }
                return first ? .key(.escape) : nil
            }
            switch sequence.feed(Character(scalar)) {
            case .needMore: first = false
            case .key(let key): return .key(key)
            case .ignored: return nil
            case .notASequence:
                if let key = KeyDecoder.character(UInt32(value)) { queuedEvents.append(.key(key)) }
                return .key(.escape)
            }
        }
    }

    /// Switches the look; the next ``present(_:)`` redraws everything in the new theme.
    public func setTheme(_ theme: Theme) {
        options.theme = theme
        resetStyles()
        invalidate()
    }

    /// Makes the next ``present(_:)`` redraw the whole screen (Ctrl-L, or after something else wrote to the terminal).
    public func invalidate() {
        previous = nil
        if screen != nil { clearok(hf_curscr(), true) }
    }

    /// Gives the terminal back temporarily, e.g. to run `$EDITOR`; ``resume()`` returns to curses.
    public func suspend() {
        guard screen != nil, !isSuspended else { return }
        def_prog_mode()
        endwin()
        isSuspended = true
    }

    /// Returns to curses after ``suspend()`` and redraws everything on the next ``present(_:)``.
    public func resume() {
        guard screen != nil, isSuspended else { return }
        isSuspended = false
        reset_prog_mode()
        invalidate()
        doupdate()
    }

    /// Ctrl-Z: gives the terminal back, says `note` there, and stops the process group as a
    /// shell's Ctrl-Z does; returns once continued (`fg`), with curses back and everything to redraw.
    public func stopLikeCtrlZ(note: String) {
        guard screen != nil, !isSuspended else { return }
        suspend()
        if let output {
            fputs(note + "\n", output)
            fflush(output)
        }
        hf_stop_like_ctrl_z()
        resume()
    }

    /// Puts `text` on the system clipboard through the terminal (OSC 52), which works over SSH too.
    ///
    /// Terminals may ignore it (tmux needs `set-clipboard on`); show the text as well.
    public func copyToClipboard(_ text: String) {
        guard screen != nil, let output else { return }
        let sequence = "\u{1B}]52;c;" + Data(text.utf8).base64EncodedString() + "\u{07}"
        fputs(sequence, output)
        fflush(output)
    }

    // MARK: - Styles

    private struct ColourPair: Hashable {
        var foreground: TerminalColor
        var background: TerminalColor
    }

    private func resetStyles() {
        resolvedStyles = [:]
        colourPairs = [:]
    }

    /// The curses attributes and colour pair for a role under the current theme and colour support.
    func resolvedStyle(_ role: StyleRole) -> (attributes: attr_t, pair: Int16) {
        if let resolved = resolvedStyles[role] { return resolved }
        let style = capabilities.colorSupport.degrade(options.theme[role])
        var attributes = hf_a_normal()
        if style.bold { attributes |= hf_a_bold() }
        if style.dim { attributes |= hf_a_dim() }
        if style.italic { attributes |= hf_a_italic() }
        if style.underline { attributes |= hf_a_underline() }
        if style.reverse { attributes |= hf_a_reverse() }
        let resolved = (attributes, colourPair(style.foreground, style.background))
        resolvedStyles[role] = resolved
        return resolved
    }

    /// A colour pair for the two colours, allocated the first time they are used; 0 (the default pair) when out of pairs.
    private func colourPair(_ foreground: TerminalColor, _ background: TerminalColor) -> Int16 {
        guard capabilities.colorSupport != .noColor, foreground != .default || background != .default else { return 0 }
        let key = ColourPair(foreground: foreground, background: background)
        if let pair = colourPairs[key] { return pair }
        let next = colourPairs.count + 1
        guard next < min(Int(hf_color_pairs()), Int(Int16.max)) else { return 0 }
        let pair = Int16(next)
        init_pair(pair, curses(foreground, isForeground: true), curses(background, isForeground: false))
        colourPairs[key] = pair
        return pair
    }

    private func curses(_ colour: TerminalColor, isForeground: Bool) -> Int16 {
        switch colour {
        case .palette(let index): Int16(index)
        case .default where hasDefaultColors: -1
        case .default: isForeground ? Int16(COLOR_WHITE) : Int16(COLOR_BLACK)
        }
    }

    // MARK: - Helpers

    /// Every mouse event curses has queued, oldest first: `getmouse` hands out the newest each call, and events
    /// that arrived together share one `KEY_MOUSE`. Releases and motion are dropped.
    private static func drainMouseEvents() -> [InputEvent] {
        var events: [InputEvent] = []
        var event = MEVENT()
        while getmouse(&event) == OK {
            if let button = KeyDecoder.mouseButton(buttonState: event.bstate) {
                events.append(.mouse(x: Int(event.x), y: Int(event.y), button: button))
            }
        }
        return events.reversed()
    }

    /// Turns off XON/XOFF flow control (cbreak leaves it on), so Ctrl-S saves instead of freezing the screen.
    private func allowFlowControlKeys(descriptor: Int32) {
        guard isatty(descriptor) == 1 else { return }
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else { return }
        settings.c_iflag &= ~tcflag_t(IXON)
        tcsetattr(descriptor, TCSANOW, &settings)
    }

    private static func milliseconds(until deadline: ContinuousClock.Instant, clock: ContinuousClock) -> Int32 {
        let remaining = clock.now.duration(to: deadline)
        guard remaining > .zero else { return 0 }
        let (seconds, attoseconds) = remaining.components
        let milliseconds = seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
        return Int32(clamping: milliseconds)
    }
}
