import Testing
@testable import HookflowTUI

/// Colour detection, NO_COLOR, and reducing styles to 16, 8 and no colours.
struct ColorSupportTests {
    @Test func detectsFromCursesAndHonoursNoColor() {
        #expect(ColorSupport.detect(hasColors: true, colors: 256, environment: [:]) == .colors256)
        #expect(ColorSupport.detect(hasColors: true, colors: 16_777_216, environment: [:]) == .colors256)
        #expect(ColorSupport.detect(hasColors: true, colors: 16, environment: [:]) == .colors16)
        #expect(ColorSupport.detect(hasColors: true, colors: 8, environment: [:]) == .colors8)
        #expect(ColorSupport.detect(hasColors: true, colors: 2, environment: [:]) == .noColor)
        #expect(ColorSupport.detect(hasColors: false, colors: 256, environment: [:]) == .noColor)
        #expect(ColorSupport.detect(hasColors: true, colors: 256, environment: ["NO_COLOR": "1"]) == .noColor)
        #expect(ColorSupport.detect(hasColors: true, colors: 256, environment: ["NO_COLOR": "anything"]) == .noColor)
        #expect(ColorSupport.detect(hasColors: true, colors: 256, environment: ["NO_COLOR": ""]) == .colors256, "an empty NO_COLOR does not count")
    }

    @Test func capabilitiesApplyTheOptionsLimit() {
        let limited = TerminalCapabilities.detect(hasColors: true, colors: 256, environment: ["LANG": "C"], limit: .colors16)
        #expect(limited.colorSupport == .colors16)
        #expect(limited.glyphs == .ascii)
        let noRaise = TerminalCapabilities.detect(hasColors: true, colors: 8, environment: ["LANG": "en_US.UTF-8"], limit: .colors256)
        #expect(noRaise.colorSupport == .colors8, "a limit never adds colours")
        #expect(noRaise.glyphs == .unicode)
    }

    @Test func twoFiftySixKeepsEverything() {
        let style = Style(foreground: .palette(208), background: .palette(236), attributes: .bold)
        #expect(ColorSupport.colors256.degrade(style) == style)
    }

    @Test func sixteenPicksTheAnsiColourOfTheSameHue() {
        let degrade = { (index: UInt8) in ColorSupport.colors16.degrade(Style(foreground: .palette(index))).foreground }
        #expect(degrade(203) == .brightRed)
        #expect(degrade(160) == .red)
        #expect(degrade(77) == .brightGreen)
        #expect(degrade(28) == .green)
        #expect(degrade(208) == .yellow, "orange")
        #expect(degrade(75) == .brightBlue)
        #expect(degrade(25) == .blue)
        #expect(degrade(176) == .brightMagenta)
        #expect(degrade(16) == .black)
        #expect(degrade(231) == .brightWhite)
        #expect(degrade(244) == .brightBlack, "mid grey")
        #expect(degrade(250) == .white, "light grey")
        #expect(degrade(234) == .black, "near black")
        #expect(degrade(9) == .brightRed, "ANSI colours stay as they are")
        #expect(ColorSupport.colors16.degrade(.plain) == .plain)
    }

    @Test func eightFoldsBrightColoursAndDimsGreyText() {
        #expect(ColorSupport.colors8.degrade(Style(foreground: .brightRed, background: .brightBlue)) == Style(foreground: .red, background: .blue))
        #expect(ColorSupport.colors8.degrade(Style(foreground: .palette(203))) == Style(foreground: .red))
        #expect(ColorSupport.colors8.degrade(Style(foreground: .palette(244))) == Style(attributes: .dim), "grey text would be black")
        #expect(ColorSupport.colors8.degrade(Style(background: .palette(238))) == Style(background: .black))
    }

    @Test func textTheColourOfItsBackgroundBecomesReverseVideo() {
        let style = Style(foreground: .palette(16), background: .palette(234), attributes: .bold)
        #expect(ColorSupport.colors16.degrade(style) == Style(attributes: [.bold, .reverse]))
    }

    @Test func noColourKeepsAttributesAndTurnsBackgroundsIntoReverse() {
        #expect(ColorSupport.noColor.degrade(Style(foreground: .red, attributes: [.bold, .underline])) == Style(attributes: [.bold, .underline]))
        #expect(ColorSupport.noColor.degrade(Style(foreground: .white, background: .blue, attributes: .bold)) == Style(attributes: [.bold, .reverse]))
        #expect(ColorSupport.noColor.degrade(Style(attributes: .reverse)) == Style(attributes: .reverse))
        #expect(ColorSupport.noColor.degrade(Style(foreground: .palette(244), attributes: .dim)) == Style(attributes: .dim))
    }
}
