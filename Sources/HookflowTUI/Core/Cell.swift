/// One terminal cell: a grapheme cluster, how many columns it covers, and its ``StyleRole``.
///
/// A wide character (CJK, most emoji) lives in the left cell with `width == 2`; the cell to its right
/// is a continuation cell (`width == 0`, empty text) that curses never draws on its own.
public struct Cell: Hashable, Sendable {
    /// The grapheme cluster shown, `""` in a continuation cell.
    public var text: String
    /// Columns covered: 1, 2 for a wide character, 0 for a continuation cell.
    public var width: Int
    /// What the cell means, which the theme turns into colours.
    public var role: StyleRole

    /// A cell showing `character` (measured with ``CellWidth``).
    public init(_ character: Character, role: StyleRole = .normal) {
        self.text = String(character)
        self.width = CellWidth.of(character)
        self.role = role
    }

    init(text: String, width: Int, role: StyleRole) {
        self.text = text
        self.width = width
        self.role = role
    }

    /// A space.
    public static func blank(_ role: StyleRole = .normal) -> Cell {
        Cell(text: " ", width: 1, role: role)
    }

    /// The right half of a wide character.
    static func continuation(_ role: StyleRole) -> Cell {
        Cell(text: "", width: 0, role: role)
    }

    /// Whether this is the right half of a wide character.
    public var isContinuation: Bool { width == 0 }
}
