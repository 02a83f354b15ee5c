import HookflowModel

/// The apps the benchmark publishes: each is a Request trigger named `manual` and what follows it.
enum BenchmarkWorkflows {
    /// The body of the set-up callbacks: the 298 bytes `Benchmarks/wrk/post-json.lua` sends, so a
    /// seeded waiting run records the trigger outputs a measured one does.
    static let payload = #"{"order": {"id": 1234, "lines": [{"sku": "A-1", "qty": 2}, {"sku": "B-7", "qty": 1}], "#
        + #""customer": "Ada Lovelace", "total": {"amount": "42.50", "currency": "EUR"}}, "#
        + #""event": "order.created", "note": "benchmark payload of about three hundred bytes, shaped like a real webhook callback", "attempt": 1}"#

    private static let trigger: JSONValue = ["manual": ["type": "Request", "kind": "Http"]]

    /// A trigger and nothing else: a callback's cost is accepting it and recording its run.
    static let triggerOnly: JSONValue = ["triggers": trigger, "actions": [:]]

    /// A trigger and one Compose: the "whole run" of SPEC §6.
    static let compose: JSONValue = [
        "triggers": trigger,
        "actions": ["Echo": ["type": "Compose", "inputs": "@triggerBody()?['order']?['id']", "runAfter": [:]]],
    ]

    /// A trigger and an HTTP Webhook action that subscribes to `service` (the hello-world server,
    /// which answers `202` to anything) and waits for its callback; then the run ends `Succeeded`.
    static func webhook(service: String) -> JSONValue {
        [
            "triggers": trigger,
            "actions": ["Wait_for_callback": ["type": "HttpWebhook", "runAfter": [:], "inputs": [
                "subscribe": ["method": "POST", "uri": .string(service + "/subscribe"), "body": ["callback": "@{listCallbackUrl()}"]],
                "unsubscribe": ["method": "POST", "uri": .string(service + "/unsubscribe")],
            ]]],
        ]
    }

    /// `count` Compose steps one after another, each reading the previous one's output.
    static func chain(_ count: Int) -> JSONValue {
        var actions = JSONObject()
        for index in 0..<count {
            var runAfter = JSONObject()
            if index > 0 { runAfter["Step_\(index - 1)"] = ["Succeeded"] }
            actions["Step_\(index)"] = ["type": "Compose", "inputs": index == 0 ? "@triggerBody()" : .string("@outputs('Step_\(index - 1)')"),
                                        "runAfter": .object(runAfter)]
        }
        return ["triggers": trigger, "actions": .object(actions)]
    }
}
