/// One line of a form's scrolling body: text and fills at columns relative to the content's left
/// edge, where the text cursor is, and what a click on it means.
struct FormLine: Sendable {
    struct Span: Sendable {
        var x: Int
        var text: String
        var role: StyleRole
        var maxWidth: Int?
    }

    struct Fill: Sendable {
        var x: Int
        var width: Int
        var role: StyleRole
    }

    /// What a click on the line hits.
    enum Target: Sendable {
        /// A field's line (`line` counts from the field's first); `parts` are the column ranges of
        /// its controls (a header's name and value, run-after checkboxes).
        case field(index: Int, line: Int, parts: [Range<Int>])
        /// An option of the open list.
        case option(Int)
    }

    var fills: [Fill] = []
    var spans: [Span] = []
    var cursor: Int?
    var target: Target?

    init(target: Target? = nil) { self.target = target }

    mutating func put(_ text: String, at x: Int, role: StyleRole, maxWidth: Int? = nil) {
        spans.append(Span(x: x, text: text, role: role, maxWidth: maxWidth))
    }

    mutating func fill(from x: Int, width: Int, role: StyleRole) {
        fills.append(Fill(x: x, width: width, role: role))
    }
}
