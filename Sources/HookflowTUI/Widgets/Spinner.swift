/// The frames of the spinner shown while something runs in the background (a save, a load).
enum Spinner {
    static func frame(_ tick: Int, _ glyphs: Glyphs) -> String {
        let frames = glyphs.isASCII ? ["|", "/", "-", "\\"] : ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]
        return frames[tick % frames.count]
    }
}
