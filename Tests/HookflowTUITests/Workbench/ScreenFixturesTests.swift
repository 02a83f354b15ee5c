import HookflowEngine
import HookflowModel
@testable import HookflowTUI

/// Apps, runs and a run detail for the workbench screen tests, and the way those tests read a screen.
enum ScreenFixtures {
    /// A screen (and what floats over it) laid out in an area of the given size and drawn into a
    /// buffer of that size, each line without its trailing spaces.
    static func text<S: Screen>(_ screen: ScreenDriver<S>, width: Int, height: Int, glyphs: Glyphs = .unicode, tick: Int = 0) -> String {
        screen.text(width: width, height: height, glyphs: glyphs, tick: tick)
    }

    static func buffer<S: Screen>(_ screen: ScreenDriver<S>, width: Int, height: Int, glyphs: Glyphs = .unicode, tick: Int = 0) -> CellBuffer {
        screen.buffer(width: width, height: height, glyphs: glyphs, tick: tick)
    }

    static func lines(_ buffer: CellBuffer) -> String {
        buffer.lines.map { String($0.reversed().drop { $0 == " " }.reversed()) }.joined(separator: "\n")
    }

    // MARK: Apps

    static let apps: [WorkflowSummary] = [
        WorkflowSummary(
            name: "invoices", state: .enabled, version: 1, changedTime: "2026-11-21T08:15:00.000Z",
            triggers: [.init(name: "Invoice_events", type: "HttpWebhook", subscription: SubscriptionInfo(
                status: .subscribeFailed, error: SubscriptionError(statusCode: 503, message: "busy", excerpt: "{\"error\":\"try again later\"}"),
                nextAttemptTime: "2026-11-21T08:16:04.000Z"))]),
        WorkflowSummary(
            name: "orders", state: .enabled, version: 3, changedTime: "2026-11-22T10:04:05.123Z",
            triggers: [.init(name: "Order_events", type: "HttpWebhook", subscription: SubscriptionInfo(status: .subscribed))]),
        WorkflowSummary(
            name: "returns", state: .disabled, version: 7, changedTime: "2026-11-20T17:30:59.000Z",
            triggers: [.init(name: "Return_events", type: "HttpWebhook", subscription: SubscriptionInfo(status: .notSubscribed))]),
    ]

    /// The app list with ``apps`` loaded.
    static func appList() -> ScreenDriver<AppListScreen> {
        var screen = ScreenDriver(AppListScreen())
        screen.receive(.appsLoaded(.success(apps)))
        return screen
    }

    // MARK: Runs

    /// A run id like the engine's (26 characters), numbered so tests can tell them apart.
    static func runID(_ number: Int) -> String {
        let digits = String(number)
        return "01JD4X5Y6Z" + String(repeating: "0", count: 16 - digits.count) + digits
    }

    static func run(_ number: Int, _ status: RunStatus, start: String = "2026-11-22T10:04:05.000Z", end: String? = nil, waiting: [String] = []) -> RunSummary {
        RunSummary(id: runID(number), workflowName: "orders", triggerName: "Order_events", status: status, startTime: start, endTime: end, waitingActions: waiting)
    }

    /// Six runs, newest first, one of each status.
    static let mixedRuns: [RunSummary] = [
        run(6, .running, start: "2026-11-22T10:09:00.000Z"),
        run(5, .waiting, start: "2026-11-22T10:08:00.000Z", waiting: ["Wait_for_approval"]),
        run(4, .succeeded, start: "2026-11-22T10:07:00.000Z", end: "2026-11-22T10:07:01.200Z"),
        run(3, .failed, start: "2026-11-22T10:06:00.000Z", end: "2026-11-22T10:09:04.000Z"),
        run(2, .cancelled, start: "2026-11-22T08:05:00.000Z", end: "2026-11-22T10:06:30.000Z"),
        run(1, .timedOut, start: "2026-11-20T10:04:05.000Z", end: "2026-11-22T14:04:05.000Z"),
    ]

    /// The runs screen after its first page answered with `runs`.
    static func runsScreen(_ runs: [RunSummary] = mixedRuns, skipToken: String? = nil, width: Int = 80, height: Int = 21) -> ScreenDriver<RunsScreen> {
        var screen = ScreenDriver(RunsScreen(app: "orders"), width: width, height: height)
        guard case .loadRuns(let request)? = screen.initialEffects.first else { return screen }
        screen.receive(.runsLoaded(request, .success(RunPage(runs: runs, skipToken: skipToken))))
        return screen
    }

    // MARK: Run detail

    static let callbackURL = "http://127.0.0.1:7071/workflows/orders/runs/01JD4X5Y6Z0000000000000005/actions/Wait_for_approval/run?api-version=2016-10-01&sp=%2Fruns%2F01JD4X5Y6Z0000000000000005%2Factions%2FWait_for_approval%2Frun&sv=1.0&sig=q0dGm4sJ-7hRcw2XvVb3yVZ8n1qKpL0eUoW9tHfDs2A"

    /// Run 5: the trigger, a Compose that succeeded, an Http call that succeeded, and a webhook action waiting for its callback.
    static var waitingRun: RunDetail {
        RunDetail(
            summary: run(5, .waiting, start: "2026-11-22T10:08:00.000Z", waiting: ["Wait_for_approval"]),
            triggerOutputs: ["headers": ["Content-Type": "application/json"], "body": ["orderId": 1042, "total": 99.5], "queries": [:]],
            actions: [
                ActionRun(name: "Parse_order", type: "Compose", status: "Succeeded", startTime: "2026-11-22T10:08:00.010Z",
                          endTime: "2026-11-22T10:08:00.055Z", inputs: ["orderId": 1042], outputs: ["orderId": 1042]),
                ActionRun(name: "Notify_warehouse", type: "Http", status: "Succeeded", code: "OK", startTime: "2026-11-22T10:08:00.060Z",
                          endTime: "2026-11-22T10:08:01.260Z", inputs: ["method": "POST", "uri": "https://warehouse.example.com/orders"],
                          outputs: ["statusCode": 200, "body": ["accepted": true]]),
                ActionRun(name: "Wait_for_approval", type: "HttpWebhook", status: "Waiting", startTime: "2026-11-22T10:08:01.300Z",
                          inputs: ["subscribe": ["method": "POST", "uri": "https://approvals.example.com/subscribe", "headers": ["Authorization": "*****"]]],
                          callbackURL: callbackURL),
            ], triggerType: "HttpWebhook")
    }

    /// The detail screen of ``waitingRun``, loaded.
    static func runDetail(width: Int = 80, height: Int = 21, definition: WorkflowDefinition? = nil) -> ScreenDriver<RunDetailScreen> {
        var screen = ScreenDriver(RunDetailScreen(app: "orders", id: runID(5)), width: width, height: height)
        screen.receive(.runLoaded(app: "orders", id: runID(5), .success(waitingRun)))
        if let definition {
            let summary = WorkflowSummary(name: "orders", state: .enabled, version: 3, changedTime: "2026-11-22T10:00:00Z", triggers: [])
            screen.receive(.definitionLoaded(app: "orders", .success(WorkflowDetail(summary: summary, definition: definition.value))))
        }
        return screen
    }
}

extension ScreenFixtures {
    /// Run 3: the warehouse answered 400, so the run failed and the approval was skipped.
    static var failedRun: RunDetail {
        var summary = run(3, .failed, start: "2026-11-22T10:06:00.000Z", end: "2026-11-22T10:06:01.500Z")
        summary.error = ["code": "ActionFailed", "message": "An action failed. No dependent actions succeeded."]
        return RunDetail(
            summary: summary,
            triggerOutputs: ["body": ["orderId": 1041]],
            actions: [
                ActionRun(name: "Parse_order", type: "Compose", status: "Succeeded", startTime: "2026-11-22T10:06:00.010Z",
                          endTime: "2026-11-22T10:06:00.020Z", inputs: ["orderId": 1041], outputs: ["orderId": 1041]),
                ActionRun(name: "Notify_warehouse", type: "Http", status: "Failed", code: "BadRequest", startTime: "2026-11-22T10:06:00.030Z",
                          endTime: "2026-11-22T10:06:01.480Z", inputs: ["method": "POST", "uri": "https://warehouse.example.com/orders"],
                          outputs: ["statusCode": 400, "body": ["error": "unknown sku"]],
                          error: ["code": "BadRequest", "message": "The service answered 400 Bad Request."]),
                ActionRun(name: "Wait_for_approval", type: "HttpWebhook", status: "Skipped", startTime: "2026-11-22T10:06:01.490Z",
                          endTime: "2026-11-22T10:06:01.490Z"),
            ], triggerType: "HttpWebhook")
    }
}
