/// The marks that say a list goes on past the screen's edge.
enum RunsMoreMark {
    static func down(_ glyphs: Glyphs) -> String { glyphs.isASCII ? "v more" : "↓ more" }
    static func up(_ glyphs: Glyphs) -> String { glyphs.isASCII ? "^ more" : "↑ more" }
}
