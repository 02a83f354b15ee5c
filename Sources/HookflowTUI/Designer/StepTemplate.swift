import Foundation
import HookflowModel

/// A step the palette can add: its name in the palette, words it is found by, and the JSON it
/// starts with. The lists are in `StepTemplate+Catalog.swift`.
struct StepTemplate: Hashable, Sendable {
    var kind: StepKind
    /// What the palette lists (`HTTP Webhook`).
    var title: String
    /// One line under the title.
    var summary: String
    /// Extra words the search matches (`subscribe callback` for HTTP Webhook).
    var keywords: [String]
    /// The base of the new step's name (`HTTP_Webhook`), made unique when taken.
    var baseName: String
    /// The step's JSON without `runAfter` (the edit that adds it sets that).
    var body: JSONObject
    /// The palette's heading the template is listed under (Logic Apps' connector: `Control`, `Variables`, ...).
    var group: String

    init(kind: StepKind, title: String, summary: String, keywords: [String], baseName: String, body: JSONObject, group: String) {
        self.kind = kind
        self.title = title
        self.summary = summary
        // The WDL type finds the step too (`foreach`, `query`, `initializevariable`).
        let type = body["type"]?.stringValue?.lowercased()
        self.keywords = keywords + (type.map { keywords.contains($0) ? [] : [$0] } ?? [])
        self.baseName = baseName
        self.body = body
        self.group = group
    }

    /// How well the template matches a search (higher is better); `nil` when it does not match.
    ///
    /// Every word of the query must start a word of the title or a keyword, or appear in the title.
    func score(for query: String) -> Int? {
        let words = query.lowercased().split(separator: " ").map(String.init)
        guard !words.isEmpty else { return 0 }
        let titleWords = title.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        let lowerTitle = title.lowercased()
        var total = 0
        for word in words {
            if titleWords.contains(where: { $0.hasPrefix(word) }) { total += 3 }
            else if keywords.contains(where: { $0.hasPrefix(word) }) { total += 2 }
            else if lowerTitle.contains(word) { total += 1 }
            else { return nil }
        }
        // The exact title wins over titles that merely start with it ("http" → HTTP before HTTP Webhook).
        return lowerTitle == query.lowercased().trimmingCharacters(in: .whitespaces) ? total + 10 : total
    }
}
