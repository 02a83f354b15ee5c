/// Why the terminal could not start.
public enum TerminalError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Standard input or output is not a terminal (piped or redirected).
    case notATerminal
    /// curses does not know the terminal type (`TERM` unset or not in the terminfo database).
    case unknownTerminalType(String?)
    /// A stream could not be opened.
    case cannotOpen(String)
    /// `start` was called twice.
    case alreadyStarted

    public var description: String {
        switch self {
        case .notATerminal:
            "the designer needs a terminal: standard input and output must not be piped or redirected"
        case .unknownTerminalType(let type?):
            "unknown terminal type \"\(type)\": set TERM to one in the terminfo database (e.g. xterm-256color)"
        case .unknownTerminalType(nil):
            "TERM is not set: set it to your terminal type (e.g. xterm-256color)"
        case .cannotOpen(let what):
            "cannot open the terminal's \(what)"
        case .alreadyStarted:
            "the terminal is already started"
        }
    }
}
