import Foundation
import HookflowModel

/// A step the palette can add: its name in the palette, words it is found by, and the JSON it starts with.
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

    /// Triggers, in the order the palette lists them.
    static let triggers: [StepTemplate] = [
        StepTemplate(
            kind: .httpWebhook, title: "HTTP Webhook", summary: "Subscribe to a service; each callback starts a run",
            keywords: ["webhook", "subscribe", "callback", "event"], baseName: "HTTP_Webhook",
            body: webhookBody),
        StepTemplate(
            kind: .request, title: "When a HTTP request is received", summary: "A run for each request to the trigger's URL",
            keywords: ["request", "manual", "http", "endpoint"], baseName: "manual",
            body: ["type": "Request", "kind": "Http", "inputs": ["schema": .object(JSONObject())]]),
        StepTemplate(
            kind: .recurrence, title: "Recurrence", summary: "Start a run on a schedule",
            keywords: ["schedule", "timer", "cron", "recurrence"], baseName: "Recurrence",
            body: ["type": "Recurrence", "recurrence": ["frequency": "Hour", "interval": 1]]),
    ]

    /// Actions, in the order the palette lists them.
    static let actions: [StepTemplate] = [
        StepTemplate(
            kind: .httpWebhook, title: "HTTP Webhook", summary: "Subscribe, then wait for the service to call back",
            keywords: ["webhook", "subscribe", "callback", "wait"], baseName: "HTTP_Webhook",
            body: webhookBody),
        StepTemplate(
            kind: .http, title: "HTTP", summary: "Call a URL and use the response",
            keywords: ["http", "request", "call", "api", "rest"], baseName: "HTTP",
            body: ["type": "Http", "inputs": ["method": "GET", "uri": ""]]),
        StepTemplate(
            kind: .compose, title: "Compose", summary: "Build a value from expressions",
            keywords: ["compose", "data", "expression", "value"], baseName: "Compose",
            body: ["type": "Compose", "inputs": ""]),
        StepTemplate(
            kind: .ifCondition, title: "Condition", summary: "Run one branch or the other",
            keywords: ["if", "condition", "branch", "else"], baseName: "Condition",
            body: ["type": "If", "expression": ["and": [["equals": ["", ""]]]], "actions": .object(JSONObject()),
                   "else": ["actions": .object(JSONObject())]]),
        StepTemplate(
            kind: .scope, title: "Scope", summary: "Group actions and handle their failures together",
            keywords: ["scope", "group", "try", "catch"], baseName: "Scope",
            body: ["type": "Scope", "actions": .object(JSONObject())]),
        StepTemplate(
            kind: .wait, title: "Delay", summary: "Wait for a while before going on",
            keywords: ["delay", "wait", "sleep", "pause"], baseName: "Delay",
            body: ["type": "Wait", "inputs": ["interval": ["count": 1, "unit": "Minute"]]]),
        StepTemplate(
            kind: .terminate, title: "Terminate", summary: "End the run with a status",
            keywords: ["terminate", "stop", "end", "fail", "cancel"], baseName: "Terminate",
            body: ["type": "Terminate", "inputs": ["runStatus": "Succeeded"]]),
        StepTemplate(
            kind: .response, title: "Response", summary: "Answer the caller of the Request trigger",
            keywords: ["response", "reply", "answer", "return", "status"], baseName: "Response",
            body: ["type": "Response", "kind": "Http", "inputs": ["statusCode": 200, "body": ""]]),
    ]

    /// Both methods left empty so the form asks for them; the body carries the callback URL,
    /// which is what nearly every service needs.
    private static let webhookBody: JSONObject = [
        "type": "HttpWebhook",
        "inputs": [
            "subscribe": ["method": "", "uri": "", "body": ["callbackUrl": "@{listCallbackUrl()}"]],
            "unsubscribe": ["method": "", "uri": ""],
        ],
    ]

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
