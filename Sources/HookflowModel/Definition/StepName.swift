import Foundation

/// The rules for trigger and action names (Logic Apps: at most 80 characters, none of `< > % & \ ? /`).
public enum StepName {
    public static let maximumLength = 80
    public static let forbiddenCharacters: Set<Character> = ["<", ">", "%", "&", "\\", "?", "/"]

    /// Why a name is not allowed, or nil when it is fine.
    public static func problem(with name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "a step name cannot be empty" }
        if name.count > maximumLength { return "a step name can have at most \(maximumLength) characters (this one has \(name.count))" }
        if let bad = name.first(where: { forbiddenCharacters.contains($0) }) {
            return "a step name cannot contain '\(bad)' (not allowed: < > % & \\ ? /)"
        }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            return "a step name cannot contain control characters"
        }
        return nil
    }

    /// Turns a display name into a step name the way the Logic Apps designer does ("HTTP Webhook" → "HTTP_Webhook").
    public static func fromDisplayName(_ text: String) -> String {
        let cleaned = text.map { forbiddenCharacters.contains($0) || $0 == " " ? "_" : $0 }
        let name = String(cleaned.prefix(maximumLength))
        return name.isEmpty ? "Step" : name
    }
}
