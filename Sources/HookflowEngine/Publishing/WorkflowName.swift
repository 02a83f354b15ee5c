/// The rules for app names (as Logic Apps: letters, digits, `-`, `_`, `.`, `(`, `)`; at most 80 characters).
public enum WorkflowName {
    public static let maximumLength = 80

    /// Why a name is not allowed, or nil when it is fine.
    public static func problem(with name: String) -> String? {
        if name.isEmpty { return "an app name cannot be empty" }
        if name.count > maximumLength { return "an app name can have at most \(maximumLength) characters (\"\(name.prefix(20))…\" has \(name.count))" }
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.()")
        if let bad = name.first(where: { !allowed.contains($0) }) {
            return "an app name can only contain letters, digits, '-', '_', '.', '(' and ')'; \"\(name)\" contains '\(bad)'"
        }
        // URL paths normalise `.` and `..` away: such an app could be saved but never reached again.
        if name.allSatisfy({ $0 == "." }) { return "an app name cannot be made of dots only (\"\(name)\"): URLs would read it as a folder" }
        return nil
    }
}
