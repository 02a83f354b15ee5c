/// Reads the escape sequences curses did not recognise for this `TERM` (it then hands them over
/// as Esc followed by plain characters), so Home, End and the other keys work whatever the
/// terminal sends, and a sequence never reaches the app as Esc.
///
/// PuTTY, tmux and screen send Home as `ESC[1~` and End as `ESC[4~`; xterm sends `ESC[H` /
/// `ESC[F`, or `ESC O H` / `ESC O F` in keypad mode; rxvt `ESC[7~` / `ESC[8~`. Curses only knows
/// the ones in its terminfo entry, so `TERM=xterm-256color` inside tmux misses the first pair.
///
/// Feed it the characters that follow an Esc, one at a time:
///
/// ```swift
/// var sequence = EscapeSequence()
/// sequence.feed("[")   // .needMore
/// sequence.feed("4")   // .needMore
/// sequence.feed("~")   // .key(.end)
/// ```
///
/// A complete sequence it does not know is `.ignored`; so is one cut short (the caller stops
/// feeding when nothing more comes). Only Esc followed by a character that cannot start a
/// sequence is an Esc: `.notASequence`, and the character is a key of its own.
public struct EscapeSequence: Sendable {
    public enum Step: Equatable, Sendable {
        /// Part of a sequence: feed the next character.
        case needMore
        /// A whole sequence, and the key it stands for.
        case key(Key)
        /// A whole (or broken) sequence for nothing the app uses: drop it.
        case ignored
        /// The Esc was a key of its own; the character fed is the next key.
        case notASequence
    }

    private enum State: Sendable {
        case start
        /// After `ESC [`: parameter and intermediate bytes so far.
        case csi(String)
        /// After `ESC O`.
        case ss3
        /// An old-style mouse report (`ESC [ M` and three bytes): bytes still to skip.
        case x10Mouse(Int)
    }

    /// Longer than any real key sequence: something else (a paste of garbage), dropped.
    static let maximumLength = 32

    private var state = State.start
    private var length = 0

    public init() {}

    /// Takes the next character after the Esc.
    public mutating func feed(_ character: Character) -> Step {
        length += 1
        guard length <= Self.maximumLength else { return .ignored }
        let value = character.unicodeScalars.first?.value ?? 0
        switch state {
        case .start:
            switch character {
            case "[": state = .csi(""); return .needMore
            case "O": state = .ss3; return .needMore
            default: return .notASequence
            }
        case .ss3:
            return Self.ss3(character).map(Step.key) ?? .ignored
        case .x10Mouse(let left):
            if left <= 1 { return .ignored }
            state = .x10Mouse(left - 1)
            return .needMore
        case .csi(let parameters):
            switch value {
            case 0x20...0x3F:
                state = .csi(parameters + String(character))
                return .needMore
            case 0x40...0x7E:
                if character == "M", parameters.isEmpty {
                    state = .x10Mouse(3)
                    return .needMore
                }
                return Self.csi(parameters: parameters, final: character).map(Step.key) ?? .ignored
            default:
                return .ignored
            }
        }
    }

    /// `ESC O x`: the keypad-mode cursor keys, Home, End, F1-F4, keypad Enter.
    static func ss3(_ final: Character) -> Key? {
        switch final {
        case "A": .up
        case "B": .down
        case "C": .right
        case "D": .left
        case "H": .home
        case "F": .end
        case "M": .enter
        case "P": .function(1)
        case "Q": .function(2)
        case "R": .function(3)
        case "S": .function(4)
        default: nil
        }
    }

    /// `ESC [ parameters final`. Modifiers (`1;5A` is Ctrl-Up) are dropped: the key is what counts,
    /// as curses does for shifted arrows.
    static func csi(parameters: String, final: Character) -> Key? {
        // Private sequences (`ESC[<…M` mouse reports, `ESC[?…` answers) are not keys.
        guard !parameters.contains(where: { "<=>?".contains($0) }) else { return nil }
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let first = numbers.first.flatMap { $0 }
        switch final {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H": return .home
        case "F": return .end
        case "Z": return .backTab
        case "P": return .function(1)
        case "Q": return .function(2)
        case "R": return .function(3)
        case "S": return .function(4)
        case "~":
            switch first {
            case 1, 7: return .home
            case 2: return .insert
            case 3: return .delete
            case 4, 8: return .end
            case 5: return .pageUp
            case 6: return .pageDown
            case 11, 12, 13, 14, 15: return .function(first.map { $0 - 10 } ?? 1)
            case 17, 18, 19, 20, 21: return .function(first.map { $0 - 11 } ?? 6)
            case 23, 24: return .function(first.map { $0 - 12 } ?? 11)
            default: return nil
            }
        default:
            return nil
        }
    }
}
