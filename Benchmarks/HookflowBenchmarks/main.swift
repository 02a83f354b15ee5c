import Foundation
import HookflowModel

// Hookflow model benchmarks: each figure is a ratio to a baseline measured in the same run,
// so the numbers mean the same on a slow or a fast machine.
//
//   swift run -c release HookflowBenchmarks [--actions N] [--iterations N] [--large-iterations N]
//
// The large definitions (20,000 runAfter references to missing steps, 3,000 steps run one after
// another, 8,000 two-step cycles) are the shapes that were quadratic or recursive before
// issue 10; their lines show that validation stays linear in the size of a definition.
//
// Baseline: Foundation's JSONSerialization reading and writing the same text (it keeps neither
// key order nor number literals, so it does less work than a lossless round trip).

struct Options {
    var actions = 500
    var iterations = 30
    var largeIterations = 5

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--actions": actions = iterator.next().flatMap(Int.init) ?? actions
            case "--iterations": iterations = iterator.next().flatMap(Int.init) ?? iterations
            case "--large-iterations": largeIterations = iterator.next().flatMap(Int.init) ?? largeIterations
            default:
                FileHandle.standardError.write(Data("unknown option \(argument); use --actions N --iterations N --large-iterations N\n".utf8))
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

/// `count` Compose actions, each running after a step that does not exist (one problem each).
func missingReferencesDefinition(count: Int) -> String {
    let actions = (0..<count).map { #""Step_\#($0)": {"type": "Compose", "inputs": \#($0), "runAfter": {"Missing_\#($0)": ["Succeeded"]}}"# }
    return #"{"definition": {"triggers": {}, "actions": {"# + actions.joined(separator: ",\n") + "}}}"
}

/// `count` Compose actions in one chain, each running after the one before it.
func sequentialDefinition(count: Int) -> String {
    let actions = (0..<count).map { index in
        let runAfter = index == 0 ? "{}" : #"{"Step_\#(index - 1)": ["Succeeded"]}"#
        return #""Step_\#(index)": {"type": "Compose", "inputs": "@triggerBody()?['n']", "runAfter": \#(runAfter)}"#
    }
    return #"{"definition": {"triggers": {"manual": {"type": "Request", "kind": "Http"}}, "actions": {"# + actions.joined(separator: ",\n") + "}}}"
}

/// `pairs` pairs of Compose actions that each run after the other (one cycle per pair).
func twoStepCyclesDefinition(pairs: Int) -> String {
    let actions = (0..<pairs).flatMap { pair in [
        #""A_\#(pair)": {"type": "Compose", "inputs": 1, "runAfter": {"B_\#(pair)": ["Succeeded"]}}"#,
        #""B_\#(pair)": {"type": "Compose", "inputs": 2, "runAfter": {"A_\#(pair)": ["Succeeded"]}}"#,
    ] }
    return #"{"definition": {"triggers": {}, "actions": {"# + actions.joined(separator: ",\n") + "}}}"
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

let missingReferences = try WorkflowDocument.read(missingReferencesDefinition(count: 20_000))
let missingReferencesValidation = median(options.largeIterations) {
    precondition(WorkflowValidator().validate(missingReferences.definition).count == 20_000)
}
let sequential = try WorkflowDocument.read(sequentialDefinition(count: 3_000))
let sequentialValidation = median(options.largeIterations) {
    precondition(WorkflowValidator().validate(sequential.definition).isEmpty)
}
let cycles = try WorkflowDocument.read(twoStepCyclesDefinition(pairs: 8_000))
let cyclesValidation = median(options.largeIterations) {
    precondition(WorkflowValidator().validate(cycles.definition).count == 8_000)
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
print(row("validate 20,000 runAfter refs to missing steps", missingReferencesValidation))
print(row("validate 3,000 steps in one runAfter chain", sequentialValidation))
print(row("validate 8,000 two-step runAfter cycles", cyclesValidation))
