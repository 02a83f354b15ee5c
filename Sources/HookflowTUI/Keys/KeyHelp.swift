/// A screen's keys as the help overlay lists them: a section title and one line per binding.
struct KeyHelp: Sendable {
    struct Line: Sendable {
        var keys: [Key]
        /// The keys as shown (`g G  Home End`).
        var label: String
        /// What the key means (`delete`), the same wherever the key exists.
        var name: String
        var help: String
    }

    var section: HelpSection
    var lines: [Line]
}

/// The help's sections, in the order it lists them.
enum HelpSection: String, CaseIterable, Sendable {
    case steps = "Steps (the designer)"
    case form = "Step form"
    case palette = "Add-step palette"
    case rename = "Rename box"
    case code = "Code view"
    case search = "Search box (/)"
    case apps = "App list (L)"
    case runs = "Runs (R)"
    case runDetail = "Run detail (Enter on a run)"
    case callback = "Test callback box (s in a run detail)"
    case question = "Questions (delete? quit? a newer version?)"
    case difference = "Difference (s when a save met a newer version)"
    case reading = "Help and messages"
    case everywhere = "Everywhere"
}
