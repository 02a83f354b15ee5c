extension Glyphs {
    /// The screens' own text (labels, separators, `—` for an unknown time) in the glyph set's
    /// characters: ``adapt(_:)``, plus dashes spelled `-` in ASCII. Not for the user's text.
    func own(_ text: String) -> String {
        guard isASCII else { return text }
        return adapt(text).replacingOccurrences(of: "—", with: "-").replacingOccurrences(of: "–", with: "-")
    }
}
