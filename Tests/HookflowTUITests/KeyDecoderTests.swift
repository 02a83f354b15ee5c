import CNcursesw
import Testing
@testable import HookflowTUI

/// Mapping what curses' get_wch returns to keys, resizes and mouse buttons.
struct KeyDecoderTests {
    private func character(_ value: UInt32) -> KeyDecoder.Decoded {
        KeyDecoder.decode(status: OK, value: value)
    }

    private func code(_ value: Int32) -> KeyDecoder.Decoded {
        KeyDecoder.decode(status: KEY_CODE_YES, value: UInt32(value))
    }

    @Test func printableCharactersInAnyScript() {
        #expect(character(0x71) == .key(.character("q")))
        #expect(character(0x20) == .key(.character(" ")))
        #expect(character(0x4E16) == .key(.character("世")))
        #expect(character(0x1F680) == .key(.character("🚀")))
    }

    @Test func controlCharacters() {
        #expect(character(13) == .key(.enter))
        #expect(character(10) == .key(.enter))
        #expect(character(9) == .key(.tab))
        #expect(character(27) == .key(.escape))
        #expect(character(127) == .key(.backspace))
        #expect(character(8) == .key(.backspace))
        #expect(character(19) == .key(.ctrl("s")))
        #expect(character(1) == .key(.ctrl("a")))
        #expect(character(17) == .key(.ctrl("q")))
        #expect(character(26) == .key(.ctrl("z")))
        #expect(character(0) == .key(.ctrl(" ")))
        #expect(character(31) == .key(.ctrl("_")))
        #expect(character(0x85) == .ignored)
    }

    @Test func cursesKeyCodes() {
        #expect(code(KEY_UP) == .key(.up))
        #expect(code(KEY_DOWN) == .key(.down))
        #expect(code(KEY_LEFT) == .key(.left))
        #expect(code(KEY_RIGHT) == .key(.right))
        #expect(code(KEY_HOME) == .key(.home))
        #expect(code(KEY_END) == .key(.end))
        #expect(code(KEY_PPAGE) == .key(.pageUp))
        #expect(code(KEY_NPAGE) == .key(.pageDown))
        #expect(code(KEY_BACKSPACE) == .key(.backspace))
        #expect(code(KEY_DC) == .key(.delete))
        #expect(code(KEY_IC) == .key(.insert))
        #expect(code(KEY_BTAB) == .key(.backTab))
        #expect(code(KEY_ENTER) == .key(.enter))
        #expect(code(KEY_F0 + 1) == .key(.function(1)))
        #expect(code(KEY_F0 + 12) == .key(.function(12)))
        #expect(code(KEY_SR) == .key(.up), "Shift-Up counts as Up")
        #expect(code(KEY_C3) == .key(.pageDown), "keypad PgDn")
    }

    @Test func resizeMouseAndTheRest() {
        #expect(code(KEY_RESIZE) == .resize)
        #expect(code(KEY_MOUSE) == .mouse)
        #expect(code(KEY_F0) == .ignored)
        #expect(code(KEY_PRINT) == .ignored)
        #expect(KeyDecoder.decode(status: ERR, value: 0) == .ignored)
    }

    @Test func mouseButtons() {
        #expect(KeyDecoder.mouseButton(buttonState: hf_button1_pressed()) == .left)
        #expect(KeyDecoder.mouseButton(buttonState: hf_button1_clicked()) == .left)
        #expect(KeyDecoder.mouseButton(buttonState: hf_button2_pressed()) == .middle)
        #expect(KeyDecoder.mouseButton(buttonState: hf_button3_pressed()) == .right)
        #expect(KeyDecoder.mouseButton(buttonState: hf_button4_pressed()) == .wheelUp)
        #expect(KeyDecoder.mouseButton(buttonState: hf_button5_pressed()) == .wheelDown)
        #expect(KeyDecoder.mouseButton(buttonState: hf_button1_released()) == nil)
    }

    @Test func keyNamesForHelpText() {
        #expect(Key.ctrl("s").description == "Ctrl-S")
        #expect(Key.backTab.description == "Shift-Tab")
        #expect(Key.function(5).description == "F5")
        #expect(Key.character(" ").description == "Space")
        #expect(Key.character("?").description == "?")
        #expect(Key.pageDown.description == "PgDn")
    }
}
