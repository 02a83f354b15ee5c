/// What stops the sender (bad options, no targets, no event stream), said plainly.
struct SenderError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
