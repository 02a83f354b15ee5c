import CNcursesw

/// Turns what curses' `get_wch` returned into a ``Key``, and a mouse event's button state into a ``MouseButton``.
///
/// Pure (no terminal needed), so every mapping is unit-tested; ``Terminal`` feeds it.
///
/// ```swift
/// var value: wint_t = 0
/// let status = wget_wch(window, &value)           // OK or KEY_CODE_YES
/// KeyDecoder.decode(status: status, value: value)  // .key(.ctrl("s")), .resize, .mouse, .ignored
/// ```
public enum KeyDecoder {
    /// What one `get_wch` result means.
    public enum Decoded: Hashable, Sendable {
        /// A key press.
        case key(Key)
        /// `KEY_RESIZE`: the terminal changed size.
        case resize
        /// `KEY_MOUSE`: a mouse event is waiting for `getmouse`.
        case mouse
        /// Nothing the designer uses (an unknown key code, a timeout).
        case ignored
    }

    /// Decodes a `get_wch` result: `status` is `OK` for a character or `KEY_CODE_YES` for a `KEY_*` code.
    public static func decode(status: Int32, value: UInt32) -> Decoded {
        switch status {
        case OK: character(value).map(Decoded.key) ?? .ignored
        case KEY_CODE_YES: keyCode(Int32(truncatingIfNeeded: value))
        default: .ignored
        }
    }

    /// A character code: control characters become named keys or `.ctrl`, everything printable `.character`.
    static func character(_ value: UInt32) -> Key? {
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        case 0: return .ctrl(" ")
        case 1...26: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 28...31: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x40)))
        case 0x80..<0xA0: return nil
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A curses key code (`KEY_UP`, `KEY_F0 + n`, ...). Shifted arrows and keypad keys count as their plain keys.
    static func keyCode(_ code: Int32) -> Decoded {
        switch code {
        case KEY_RESIZE: return .resize
        case KEY_MOUSE: return .mouse
        case KEY_UP, KEY_SR: return .key(.up)
        case KEY_DOWN, KEY_SF: return .key(.down)
        case KEY_LEFT, KEY_SLEFT: return .key(.left)
        case KEY_RIGHT, KEY_SRIGHT: return .key(.right)
        // Some terminfo entries call the VT220 keys that PuTTY sends for Home and End Find and Select.
        case KEY_HOME, KEY_SHOME, KEY_A1, KEY_FIND: return .key(.home)
        case KEY_END, KEY_SEND, KEY_C1, KEY_SELECT: return .key(.end)
        case KEY_PPAGE, KEY_A3: return .key(.pageUp)
        case KEY_NPAGE, KEY_C3: return .key(.pageDown)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC, KEY_SDC: return .key(.delete)
        case KEY_IC: return .key(.insert)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case (KEY_F0 + 1)...(KEY_F0 + 63): return .key(.function(Int(code - KEY_F0)))
        default: return .ignored
        }
    }

    /// The button of a curses mouse event (`MEVENT.bstate`); `nil` for releases and motion, which the designer ignores.
    public static func mouseButton(buttonState state: mmask_t) -> MouseButton? {
        if state & (hf_button1_pressed() | hf_button1_clicked()) != 0 { return .left }
        if state & (hf_button2_pressed() | hf_button2_clicked()) != 0 { return .middle }
        if state & (hf_button3_pressed() | hf_button3_clicked()) != 0 { return .right }
        if state & hf_button4_pressed() != 0 { return .wheelUp }
        if state & hf_button5_pressed() != 0 { return .wheelDown }
        return nil
    }
}
