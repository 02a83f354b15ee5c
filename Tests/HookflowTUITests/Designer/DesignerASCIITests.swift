import Testing
@testable import HookflowTUI

/// Outside a UTF-8 locale the designer draws with ASCII only (the user's own text aside).
@Suite struct DesignerASCIITests {
    @Test(arguments: DesignerScreens.names)
    func everyScreenIsASCII(_ name: String) throws {
        for (width, height) in [(80, 24), (120, 40)] {
            let state = try DesignerScreens.state(name, width: width, height: height)
            let text = DesignerScreens.text(state, glyphs: .ascii)
            let foreign = text.unicodeScalars.filter { !$0.isASCII }
            #expect(foreign.isEmpty, "\(name) at \(width)x\(height) draws \(String(String.UnicodeScalarView(foreign)))")
        }
    }
}
