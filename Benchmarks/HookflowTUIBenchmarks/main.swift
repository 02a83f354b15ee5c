import Foundation
import HookflowEngine
import HookflowModel
import HookflowTUI

// Hookflow terminal benchmarks (SPEC §6, designer figures). Each time is also given as a ratio to
// a baseline measured in the same run: filling and diffing a plain buffer of the same size, which
// is the least any frame costs.
//
//   swift run -c release HookflowTUIBenchmarks [--steps 200] [--runs 100000] [--frames 200]

struct Options {
    var steps = 200
    var runs = 100_000
    var frames = 200

    init(arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            switch argument {
            case "--steps": steps = iterator.next().flatMap(Int.init) ?? steps
            case "--runs": runs = iterator.next().flatMap(Int.init) ?? runs
            case "--frames": frames = iterator.next().flatMap(Int.init) ?? frames
            default:
                FileHandle.standardError.write(Data("unknown option \(argument); use --steps N --runs N --frames N\n".utf8))
                exit(2)
            }
        }
    }
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    return sorted[min(sorted.count - 1, Int(Double(sorted.count - 1) * p))]
}

/// A workflow file's text: a webhook trigger, then chains of webhook, HTTP and Compose actions with
/// a parallel pair every tenth step, the way real apps branch.
func workflowText(steps: Int) -> String {
    var definition = WorkflowDefinition.empty()
    try? definition.addStep(named: "Order_events", body: [
        "type": "HttpWebhook",
        "inputs": ["subscribe": ["method": "POST", "uri": "https://shop.example.com/hooks", "body": ["callbackUrl": "@{listCallbackUrl()}"]],
                   "unsubscribe": ["method": "DELETE", "uri": "https://shop.example.com/hooks"]],
    ], to: .triggers)
    var previous: String?
    for index in 0..<(steps - 1) {
        let name = "Step_\(index)"
        let body: JSONObject
        switch index % 3 {
        case 0: body = ["type": "Compose", "inputs": .string("@triggerBody()?['id']")]
        case 1: body = ["type": "Http", "inputs": ["method": "POST", "uri": .string("https://svc.example.com/\(index)"), "body": .string("@outputs('\(previous ?? "Step_0")')")]]
        default: body = ["type": "HttpWebhook", "inputs": ["subscribe": ["method": "POST", "uri": "https://approvals.example.com/s"], "unsubscribe": ["method": "POST", "uri": "https://approvals.example.com/u"]]]
        }
        var step = body
        // Every tenth step runs beside the one before it (after the same predecessor): a parallel branch.
        let after = index % 10 == 9 ? (index >= 2 ? "Step_\(index - 2)" : nil) : previous
        step["runAfter"] = .object(after.map { [$0: ["Succeeded"]] } ?? JSONObject())
        try? definition.addStep(named: name, body: step, to: .actions)
        previous = name
    }
    return WorkflowDocument(definition: definition).written()
}

func main() throws {
    let options = Options(arguments: CommandLine.arguments)
    let width = 200, height = 60
    print("Hookflow terminal benchmarks (\(options.steps)-step workflow at \(width)×\(height), \(options.runs) runs, \(options.frames) frames each)")

    // Baseline: the least a frame costs, a full buffer written and diffed against the last one.
    var baseline: [Double] = []
    var last = CellBuffer(width: width, height: height)
    for frame in 0..<options.frames {
        let start = ContinuousClock.now
        var buffer = CellBuffer(width: width, height: height)
        buffer.fill(buffer.bounds, role: frame % 2 == 0 ? .normal : .dim)
        _ = buffer.diff(from: last)
        last = buffer
        baseline.append(milliseconds(ContinuousClock.now - start))
    }
    let base = percentile(baseline, 0.5)
    func row(_ name: String, _ value: Double, _ note: String) {
        print("  \(name.padding(toLength: 52, withPad: " ", startingAt: 0)) \(String(format: "%8.3f ms", value))  \(String(format: "%5.1f×", value / base))  \(note)")
    }
    print("  baseline: fill and diff a \(width)×\(height) buffer, p50 \(String(format: "%.3f", base)) ms")

    // 1. First frame: read the file, validate, lay out and draw.
    let text = workflowText(steps: options.steps)
    let firstStart = ContinuousClock.now
    let document = try WorkflowDocument.read(text)
    var state = WorkbenchState(designer: DesignerState(appName: "bench", document: document, engineDescription: "in-process http://127.0.0.1:7071"))
    _ = state.update(.input(.resize(width: width, height: height)))
    var previous = WorkbenchView.render(state, glyphs: .unicode)
    _ = previous.diff(from: nil)
    row("designer: first frame (read, validate, lay out, draw)", milliseconds(ContinuousClock.now - firstStart), "bar < 150 ms")

    // 2. A frame after a key: the update, the view and the diff.
    var frames: [Double] = []
    for frame in 0..<options.frames {
        let start = ContinuousClock.now
        _ = state.update(.input(.key(frame % 40 < 20 ? .down : .up)))
        let buffer = WorkbenchView.render(state, glyphs: .unicode)
        _ = buffer.diff(from: previous)
        previous = buffer
        frames.append(milliseconds(ContinuousClock.now - start))
    }
    row("designer: key → frame → diff, p50", percentile(frames, 0.5), "")
    row("designer: key → frame → diff, max", frames.max() ?? 0, "bar < 2 ms")

    // 3. The runs view with every run loaded (the worst case: scrolled to the bottom of 100,000).
    var workbench = WorkbenchState(designer: DesignerState(
        appName: "bench", document: document,
        published: WorkflowSummary(name: "bench", state: .enabled, version: 1, changedTime: "2026-11-22T00:00:00Z", triggers: []),
        engineDescription: "in-process http://127.0.0.1:7071"))
    _ = workbench.update(.input(.resize(width: width, height: height)))
    var pending = workbench.update(.input(.key(.character("R"))))
    var served = 0
    let statuses: [RunStatus] = [.succeeded, .failed, .waiting, .running, .cancelled, .timedOut]
    func page(_ request: RunsRequest) -> RunPage {
        let from = Int(request.skipToken ?? "0") ?? 0
        let count = min(request.top, options.runs - from)
        let runs = (from..<(from + count)).map { index in
            RunSummary(id: String(format: "01RUN%021d", options.runs - index), workflowName: "bench", triggerName: "Order_events",
                       status: statuses[index % statuses.count], startTime: "2026-11-22T10:00:00.000Z",
                       endTime: index % 6 < 2 ? "2026-11-22T10:00:01.250Z" : nil, waitingActions: index % 6 == 2 ? ["Step_2"] : [])
        }
        return RunPage(runs: runs, skipToken: from + count < options.runs ? String(from + count) : nil)
    }
    let loadStart = ContinuousClock.now
    while served < options.runs {
        guard case .loadRuns(let request)? = pending.first(where: { if case .loadRuns = $0 { true } else { false } }) else {
            pending = workbench.update(.input(.key(.end)))
            if pending.isEmpty { break }
            continue
        }
        let answer = page(request)
        served += answer.runs.count
        pending = workbench.update(.runsLoaded(request, .success(answer)))
    }
    let loadTime = milliseconds(ContinuousClock.now - loadStart)
    var last2 = WorkbenchView.render(workbench, glyphs: .unicode)
    var scroll: [Double] = []
    for frame in 0..<options.frames {
        let start = ContinuousClock.now
        _ = workbench.update(.input(.key(frame % 100 < 50 ? .pageUp : .pageDown)))
        let buffer = WorkbenchView.render(workbench, glyphs: .unicode)
        _ = buffer.diff(from: last2)
        last2 = buffer
        scroll.append(milliseconds(ContinuousClock.now - start))
    }
    print("  runs view: \(served) runs loaded page by page as End is pressed (\(String(format: "%.0f", loadTime)) ms in all)")
    row("runs view: PgUp/PgDn → frame → diff, p50", percentile(scroll, 0.5), "")
    row("runs view: PgUp/PgDn → frame → diff, max", scroll.max() ?? 0, "bar < 16 ms")
}

try main()
