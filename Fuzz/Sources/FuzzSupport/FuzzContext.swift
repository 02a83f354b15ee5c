import Foundation
import HookflowModel

/// What fuzzed expressions are evaluated against: a fired trigger with a body of every JSON type
/// (a deep one and a long one included), two actions, the parameters of the expression tests, a
/// fixed clock and GUID, and a callback URL. Fixed, so every run of an input does the same.
public enum FuzzContext {
    public static let evaluation: EvaluationContext = {
        var deep: JSONValue = ["leaf": "bottom"]
        for level in 0..<100 { deep = ["level": .int(level), "next": deep] }
        let body: JSONValue = [
            "id": 42, "name": "Ada Lovelace", "price": 2.5, "big": .number(JSONNumber(1e300)), "negative": -7,
            "flag": true, "nothing": nil, "list": [1, 2, 3, "four", ["five": 5]],
            "text": "héllo wörld, 👍🏽 @ {x} 'quoted' \"double\"",
            "when": "2024-05-01T12:00:00.5Z", "encoded": "aGVsbG8gd29ybGQ=", "uri": "https://example.com/a%20b?c=d",
            "items": .array((0..<50).map { ["n": .int($0), "even": .bool($0 % 2 == 0)] }),
            "long": .string(String(repeating: "abcdefghij", count: 1_000)),
            "deep": deep,
        ]
        return EvaluationContext(
            trigger: ["name": "manual", "outputs": ["headers": ["Content-Type": "application/json"], "body": body, "queries": ["q": "1"]],
                      "startTime": "2024-05-01T12:00:00Z", "status": "Succeeded"],
            actions: [
                "Approve": ["name": "Approve", "outputs": ["body": ["approved": true, "by": "grace"], "statusCode": 200], "status": "Succeeded"],
                "Compose": ["name": "Compose", "outputs": "composed", "status": "Succeeded"],
            ],
            parameters: [
                "n": 42, "name": "Ada", "price": 2.5, "flag": true, "nothing": nil, "list": [1, 2, 3],
                "config": ["Endpoint": "https://example.com/hook", "retries": 3, "nested": ["deep": ["x": 1]]],
                "apiKey": "planted-secret",
            ],
            workflow: ["name": "orders", "id": "/workflows/orders", "run": ["name": "08585", "id": "/workflows/orders/runs/08585"]],
            callbackURL: { "https://hookflow.example/apps/orders/triggers/manual/invoke?sig=abc" },
            now: { Date(timeIntervalSince1970: 1_714_564_800.5) },
            makeGUID: { UUID(uuid: (0xC2, 0xEC, 0xC8, 0x8D, 0x88, 0xC8, 0x40, 0x96, 0x91, 0x2C, 0xD6, 0xF2, 0xE2, 0xB1, 0x38, 0xCE)) })
    }()
}
