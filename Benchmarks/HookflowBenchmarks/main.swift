import Foundation
import HookflowModel

// Hookflow model benchmarks: each figure is a ratio to a baseline measured in the same run,
// so the numbers mean the same on a slow or a fast machine.
//
//   swift run -c release HookflowBenchmarks [--actions N] [--iterations N]
//
// Baseline: Foundation's JSONSerialization reading and writing the same text (it keeps neither
// key order nor number literals, so it does less work than a lossless round trip).

struct Options {
    var actions = 500
    var iterations = 30

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--actions": actions = iterator.next().flatMap(Int.init) ?? actions
            case "--iterations": iterations = iterator.next().flatMap(Int.init) ?? iterations
            default:
                FileHandle.standardError.write(Data("unknown option \(argument); use --actions N --iterations N\n".utf8))
                exit(2)
            }
        }
    }
}

/// A realistic definition: a webhook trigger and a chain of webhook, HTTP and Compose actions with expressions.
func syntheticDefinition(actions: Int) -> String {
    var definition = WorkflowDefinition.empty()
    try? definition.setValue(["type": "string", "defaultValue": "https://svc.example"], at: JSONPointer(["parameters", "base"]))
    try? definition.addStep(named: "Webhook", body: [
        "type": "HttpWebhook",
        "inputs": ["subscribe": ["method": "POST", "uri": "@{parameters('base')}/subscribe", "body": ["callback": "@{listCallbackUrl()}"]],
                   "unsubscribe": ["method": "DELETE", "uri": "@{parameters('base')}/unsubscribe"]],
    ], to: .triggers)
    for index in 0..<actions {
        let body: JSONObject
        switch index % 3 {
        case 0:
            body = ["type": "Http", "inputs": ["method": "GET", "uri": "https://api.example/items/@{triggerBody()?['id']}?n=\(index)",
                                               "headers": ["Accept": "application/json"], "retryPolicy": ["type": "fixed", "count": 3, "interval": "PT10S"]]]
        case 1:
            body = ["type": "Compose", "inputs": ["index": .int(index), "ratio": .double(Double(index) / 7), "summary": "@concat('item ', string(\(index)))"]]
        default:
            body = ["type": "HttpWebhook", "inputs": ["subscribe": ["method": "POST", "uri": "https://approvals.example/s", "body": "@listCallbackUrl()"],
                                                      "unsubscribe": ["method": "POST", "uri": "https://approvals.example/u"]], "limit": ["timeout": "PT1H"]]
        }
        try? definition.addStep(named: "Step_\(index)", body: body, to: .actions)
    }
    return WorkflowDocument(definition: definition).written()
}

/// Median wall time of `body` over `iterations` runs, after one warm-up.
func median(_ iterations: Int, _ body: () throws -> Void) rethrows -> Duration {
    try body()
    var samples: [Duration] = []
    let clock = ContinuousClock()
    for _ in 0..<iterations { samples.append(try clock.measure(body)) }
    return samples.sorted()[samples.count / 2]
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

let options = Options(arguments: CommandLine.arguments)
let text = syntheticDefinition(actions: options.actions)
let data = Data(text.utf8)

let baseline = try median(options.iterations) {
    let object = try JSONSerialization.jsonObject(with: data)
    _ = try JSONSerialization.data(withJSONObject: object)
}
let roundTrip = try median(options.iterations) {
    let value = try JSONParser.parse(data)
    _ = JSONWriter.compact.string(from: value)
}
let document = try WorkflowDocument.read(text)
let validation = median(options.iterations) { _ = WorkflowValidator().validate(document.definition) }
var editTarget = document.definition
let edit = try median(options.iterations) {
    var definition = editTarget
    try definition.renameStep(at: .action("Step_1"), to: "Renamed")
    editTarget = definition
    try editTarget.renameStep(at: .action("Renamed"), to: "Step_1")
}

func row(_ name: String, _ duration: Duration) -> String {
    let ratio = milliseconds(duration) / milliseconds(baseline)
    return "\(name.padding(toLength: 46, withPad: " ", startingAt: 0)) \(String(format: "%9.3f ms", milliseconds(duration)))  \(String(format: "%6.2f×", ratio))"
}

print("Hookflow model benchmarks: \(options.actions) actions, \(data.count / 1024) KiB of JSON, median of \(options.iterations)")
print(row("baseline: JSONSerialization read + write", baseline))
print(row("lossless parse + write (JSONParser/JSONWriter)", roundTrip))
print(row("validate (every rule, static URI evaluation)", validation))
print(row("rename a step twice (runAfter + references)", edit))
