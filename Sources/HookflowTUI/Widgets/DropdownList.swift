/// The open list of a dropdown (or of `+ Add new parameter`): a highlighted option and type-ahead.
///
/// Typing letters jumps to the first option that starts with everything typed so far (`p` → POST,
/// `pa` → PATCH); when nothing starts with it, the typing starts over from the last letter.
/// Moving with the arrows forgets what was typed. Space chooses, unless it follows typed letters.
///
/// ```swift
/// var list = DropdownList(fieldID: "method", options: ["GET", "POST", "PUT", "PATCH"], highlighted: nil)
/// list.handle(.character("p"))  // .moved, highlighted 1 (POST)
/// list.handle(.character("a"))  // .moved, highlighted 3 (PATCH)
/// list.handle(.enter)           // .chosen(3)
/// ```
struct DropdownList: Hashable, Sendable {
    /// The field the list belongs to.
    var fieldID: String
    var options: [String]
    /// The option Enter would choose; nil until one is (an empty required dropdown).
    var highlighted: Int?
    /// What was typed since the list opened or the highlight last moved with a key.
    var typed = ""

    enum Result: Equatable, Sendable {
        case moved
        case chosen(Int)
        case cancelled
        /// Not a list key (Tab): the list closes and the form handles the key.
        case ignored
    }

    @discardableResult
    mutating func handle(_ key: Key) -> Result {
        switch key {
        case .escape: return .cancelled
        case .character(" ") where !typed.isEmpty:
            // A space inside typed text is part of it ("subscribe - a").
            typeAhead(" ")
        case .enter, .character(" "):
            guard let highlighted else { return .cancelled }
            return .chosen(highlighted)
        case .up, .ctrl("p"): move(by: -1)
        case .down, .ctrl("n"): move(by: 1)
        case .left, .right: break
        case .home, .pageUp: highlight(options.isEmpty ? nil : 0)
        case .end, .pageDown: highlight(options.isEmpty ? nil : options.count - 1)
        case .backspace:
            guard !typed.isEmpty else { return .moved }
            typed.removeLast()
            if let match = firstMatch(typed), !typed.isEmpty { highlighted = match }
        case .character(let character):
            // j and k move, vim-style, unless an option could start with what they make.
            if typed.isEmpty, character == "j" || character == "k", firstMatch(String(character)) == nil {
                move(by: character == "j" ? 1 : -1)
                return .moved
            }
            typeAhead(character)
        default: return .ignored
        }
        return .moved
    }

    /// Adds a typed character and jumps to the first option starting with the typed text.
    mutating func typeAhead(_ character: Character) {
        let candidate = typed + String(character)
        if let match = firstMatch(candidate) {
            typed = candidate
            highlighted = match
        } else if let match = firstMatch(String(character)) {
            typed = String(character)
            highlighted = match
        }
    }

    /// The first option starting with `prefix`, ignoring case.
    func firstMatch(_ prefix: String) -> Int? {
        let lowered = prefix.lowercased()
        return options.firstIndex { $0.lowercased().hasPrefix(lowered) }
    }

    private mutating func move(by delta: Int) {
        guard !options.isEmpty else { return }
        let start = highlighted ?? (delta > 0 ? -1 : options.count)
        highlight(min(max(0, start + delta), options.count - 1))
    }

    private mutating func highlight(_ index: Int?) {
        highlighted = index
        typed = ""
    }
}
