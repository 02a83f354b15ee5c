/// Why a theme could not be loaded, naming the file, the line and the key, and what would be accepted.
///
/// ```text
/// Themes/bad.theme:7: unknown colour "purpel" for "card.title" (colours: default, black, red, …, 0-255)
/// Themes/bad.theme:9: unknown attribute "blod" for "card.type"; did you mean "bold"? (attributes: bold, dim, …)
/// ```
public struct ThemeError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What went wrong.
    public enum Problem: Error, Hashable, Sendable {
        /// A line is not `key = style`.
        case malformedLine(String)
        /// The key names no role.
        case unknownRole(String)
        /// A colour is neither a name nor 0-255.
        case unknownColour(String)
        /// An attribute after a comma is not bold, dim, italic, underline or reverse.
        case unknownAttribute(String)
        /// `on` with no colour after it.
        case missingBackground
        /// Two colours where one was expected (`red blue`).
        case unexpectedWord(String)
        /// The value is empty.
        case emptyStyle
        /// The key was already set on an earlier line.
        case duplicate(firstLine: Int)
        /// A theme named on the command line or in `HOOKFLOW_THEME` is in none of the folders.
        case notFound(name: String, searched: [String], available: [String])
        /// The file could not be read.
        case unreadable(reason: String)
    }

    /// The file as the user would name it (`Themes/bad.theme`).
    public var file: String
    /// The 1-based line, when the problem is on one.
    public var line: Int?
    /// The key the problem is about.
    public var key: String?
    public var problem: Problem

    public init(file: String, line: Int? = nil, key: String? = nil, problem: Problem) {
        self.file = file
        self.line = line
        self.key = key
        self.problem = problem
    }

    public var description: String {
        let location = line.map { "\(file):\($0): " } ?? "\(file): "
        let subject = key.map { " for \"\($0)\"" } ?? ""
        switch problem {
        case .malformedLine(let text):
            return location + "expected \"role = style\" (or \"name = ...\"), found \"\(text)\""
        case .unknownRole(let role):
            return location + "unknown role \"\(role)\"" + ThemeError.suggestion(role, among: StyleRole.allCases.map(\.rawValue))
                + " (roles: " + StyleRole.allCases.map(\.rawValue).joined(separator: ", ") + ")"
        case .unknownColour(let colour):
            return location + "unknown colour \"\(colour)\"\(subject)"
                + ThemeError.suggestion(colour, among: ["default"] + TerminalColor.ansiNames)
                + " (colours: default, " + TerminalColor.ansiNames.joined(separator: ", ") + ", 0-255)"
        case .unknownAttribute(let attribute):
            let names = Style.Attributes.named.map(\.name)
            return location + "unknown attribute \"\(attribute)\"\(subject)" + ThemeError.suggestion(attribute, among: names)
                + " (attributes: " + names.joined(separator: ", ") + ")"
        case .missingBackground:
            return location + "\"on\" needs a background colour after it\(subject) (e.g. \"white on 24\")"
        case .unexpectedWord(let word):
            return location + "unexpected \"\(word)\"\(subject): write \"FOREGROUND on BACKGROUND, attribute, ...\" (e.g. \"244 on default, bold\")"
        case .emptyStyle:
            return location + "no style\(subject) (write \"default\" for the terminal's own colours)"
        case .duplicate(let firstLine):
            return location + "\"\(key ?? "")\" is set twice (first on line \(firstLine))"
        case .notFound(let name, let searched, let available):
            let list = available.isEmpty ? "none" : available.joined(separator: ", ")
            return "theme \"\(name)\" not found (available: \(list); looked in: \(searched.joined(separator: ", "))); "
                + "pass a theme name or the path of a .theme file"
        case .unreadable(let reason):
            return location + "cannot read the theme: \(reason)"
        }
    }

    /// `; did you mean "x"?` for a near miss (edit distance 2 or less), else nothing.
    static func suggestion(_ word: String, among candidates: [String]) -> String {
        let scored = candidates.map { ($0, editDistance(word.lowercased(), $0)) }.filter { $0.1 <= 2 && $0.1 < word.count }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return "" }
        return "; did you mean \"\(best.0)\"?"
    }

    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        guard !a.isEmpty else { return b.count }
        guard !b.isEmpty else { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
