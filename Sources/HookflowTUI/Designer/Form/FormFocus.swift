/// Which field has the keyboard: its identity (stable while fields come and go) and, for rows
/// with several controls (a header's name and value, run-after checkboxes), which one.
struct FormFocus: Hashable, Sendable {
    var id: String
    var part = 0

    /// The tab bar's identity.
    static let tabsID = "#tabs"
}
