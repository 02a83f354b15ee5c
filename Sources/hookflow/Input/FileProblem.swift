/// A file that could not be read as a workflow (or as a project's settings): where, and what.
struct FileProblem: Error {
    let file: String
    let message: String
    /// Where in the file, for malformed JSON.
    var position: (line: Int, column: Int)?

    init(file: String, message: String, at position: (line: Int, column: Int)? = nil) {
        self.file = file
        self.message = message
        self.position = position
    }

    /// `FILE:LINE:COL: message` or `FILE: message`.
    var text: String { "\(file)\(position.map { ":\($0.line):\($0.column)" } ?? ""): \(message)" }

    var failure: CommandFailure { CommandFailure(lines: [text]) }
}
