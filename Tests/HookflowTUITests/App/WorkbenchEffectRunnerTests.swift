import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Testing
@testable import HookflowTUI

/// What the host does for each workbench effect, against a real engine on loopback, a real
/// fake webhook service and real callbacks: the answers the screens then get.
@Suite struct WorkbenchEffectRunnerTests {
    @Test(.timeLimit(.minutes(1)))
    func everyEngineEffectIsAnsweredWithItsEvent() async throws {
        try await HostEngine.with { host in
            _ = try await host.serve()
            try await Self.withRunner(InProcessEngineClient(engine: host.engine)) { runner in try await answers(host, runner) }
        }
    }

    private func answers(_ host: HostEngine, _ runner: WorkbenchEffectRunner) async throws {
        // Ctrl-S: published, and the app list and the designer see it.
        let definition = WorkflowDefinition(json: try #require(host.definition.objectValue))
        let save = SaveRequest(appName: "orders", definition: definition, state: nil, file: nil, fileText: nil)
        guard case .saved(let outcome)? = await runner.answer(.save(save)) else { Issue.record("no save answer"); return }
        #expect(outcome.publishError == nil)
        #expect(outcome.summary?.state == .enabled)
        guard case .appsLoaded(.success(let apps))? = await runner.answer(.loadApps) else { Issue.record("no apps"); return }
        #expect(apps.map(\.name) == ["orders"])
        guard case .appOpened("orders", .success(let detail?))? = await runner.answer(.openApp("orders")) else { Issue.record("orders not opened"); return }
        #expect(detail.definition["actions"]?["Approve"]?["type"] == "HttpWebhook")
        guard case .appOpened("billing", .success(nil))? = await runner.answer(.openApp("billing")) else {
            Issue.record("an app that does not exist yet opens as a new one"); return
        }

        // A trigger callback (what a service sends) starts a run that waits on the webhook action.
        let trigger = try await host.engine.callbackURL(workflow: "orders", trigger: "manual")
        guard case .callbackSent(url: trigger, .success(CallbackAnswer(status: 202, reason: nil)))? = await runner.answer(.sendCallback(TestCallback(url: trigger, body: #"{"id": 1}"#))) else {
            Issue.record("the trigger did not accept the callback"); return
        }
        try await host.fake.waitForRequests(to: "/approvals/subscribe")
        let request = RunsRequest(app: "orders", status: .waiting, top: 50, skipToken: nil)
        var waiting: [RunSummary] = []
        try await eventually("a waiting run") {
            guard case .runsLoaded(request, .success(let page))? = await runner.answer(.loadRuns(request)) else { return false }
            waiting = page.runs
            return waiting.count == 1
        }
        let first = waiting[0].id
        guard case .runLoaded(app: "orders", id: first, .success(let run))? = await runner.answer(.loadRun(app: "orders", id: first)) else {
            Issue.record("the run did not load"); return
        }
        let approve = try #require(run.actions.first { $0.name == "Approve" })
        #expect(approve.status == "Waiting")
        let actionURL = try #require(approve.callbackURL)

        // The run detail's test callback: the first wins (200), a second is refused (409).
        guard case .callbackSent(url: actionURL, .success(CallbackAnswer(status: 200, reason: nil)))? = await runner.answer(.sendCallback(TestCallback(url: actionURL, body: #"{"approved": true}"#))) else {
            Issue.record("the action did not accept the callback"); return
        }
        guard case .callbackSent(url: actionURL, .success(let refused))? = await runner.answer(.sendCallback(TestCallback(url: actionURL, body: "{}"))),
            refused.status == 409, refused.reason?.hasPrefix("ActionAlreadyCompleted") == true
        else {
            Issue.record("a second callback was not refused"); return
        }
        try await eventually("the run succeeded") {
            guard case .runLoaded(_, _, .success(let run))? = await runner.answer(.loadRun(app: "orders", id: first)) else { return false }
            return run.summary.status == .succeeded && run.actions.first { $0.name == "Answer" }?.outputs == ["approved": true]
        }

        // Cancel a second waiting run: its webhook action unsubscribes. Resubmit starts a new run.
        _ = await runner.answer(.sendCallback(TestCallback(url: trigger, body: #"{"id": 2}"#)))
        try await host.fake.waitForRequests(to: "/approvals/subscribe", count: 2)
        var second = ""
        try await eventually("a second waiting run") {
            guard case .runsLoaded(_, .success(let page))? = await runner.answer(.loadRuns(request)) else { return false }
            second = page.runs.first?.id ?? ""
            return page.runs.count == 1 && second != first
        }
        guard case .runControlled(.cancel(app: "orders", id: second), .success(let cancelled))? =
            await runner.answer(.controlRun(.cancel(app: "orders", id: second)))
        else { Issue.record("the cancel was not answered"); return }
        #expect(cancelled.summary.status == .cancelled)
        let unsubscribe = try await host.fake.waitForRequests(to: "/approvals/unsubscribe", count: 2)
        #expect(unsubscribe.last?.json?["callbackUrl"]?.stringValue?.contains("/runs/\(second)/actions/Approve/run?") == true)
        guard case .runControlled(.resubmit, .success(let resubmitted))? = await runner.answer(.controlRun(.resubmit(app: "orders", id: second))) else {
            Issue.record("the resubmit was not answered"); return
        }
        #expect(![first, second].contains(resubmitted.summary.id))

        // The app list's changes.
        guard case .appChanged(.disable("orders"), .success(let disabled))? = await runner.answer(.changeApp(.disable("orders"))) else {
            Issue.record("disable not answered"); return
        }
        #expect(disabled.state == .disabled)
        guard case .appChanged(.enable("orders"), .success(let enabled))? = await runner.answer(.changeApp(.enable("orders"))) else {
            Issue.record("enable not answered"); return
        }
        #expect(enabled.state == .enabled)
        guard case .appChanged(.delete("orders"), .success)? = await runner.answer(.changeApp(.delete("orders"))) else {
            Issue.record("delete not answered"); return
        }
        // Errors arrive as the engine's message.
        guard case .runLoaded(_, _, .failure(let failure))? = await runner.answer(.loadRun(app: "orders", id: first)) else {
            Issue.record("a run of a deleted app loaded"); return
        }
        #expect(failure.message.contains("orders"), "\(failure.message)")
    }

    /// A save names the version it was edited from and the app's kind; a stale one comes back with
    /// the engine's version for the question, and stores nothing; an overwrite names no version.
    /// The same through the engine in this process and through `hookflow serve`'s API.
    @Test(.timeLimit(.minutes(1)))
    func aStaleSaveComesBackWithTheEnginesVersion() async throws {
        try await HostEngine.with { host in
            let (_, url) = try await host.serve()
            for (app, client) in [("inproc", InProcessEngineClient(engine: host.engine) as any EngineClient), ("http", HTTPEngineClient(baseURL: url))] {
                try await Self.withRunner(client) { runner in try await staleSaves(of: app, host, runner) }
            }
        }
    }

    private func staleSaves(of app: String, _ host: HostEngine, _ runner: WorkbenchEffectRunner) async throws {
        let engine = InProcessEngineClient(engine: host.engine)
        let definition = WorkflowDefinition(json: try #require(host.definition.objectValue))
        func save(_ definition: WorkflowDefinition, base: Int?, kind: String?) async -> SaveOutcome? {
            let request = SaveRequest(appName: app, definition: definition, state: nil, file: nil, fileText: nil, baseVersion: base, kind: kind)
            guard case .saved(let outcome)? = await runner.answer(.save(request)) else { return nil }
            return outcome
        }
        #expect(await save(definition, base: 0, kind: "Stateless")?.summary?.version == 1, "a new app: version 0")
        #expect(try await engine.workflow(named: app).kind == "Stateless")

        // Saved from elsewhere meanwhile: v2.
        let elsewhere = definition.withoutStep("Answer")
        #expect(await save(elsewhere, base: 1, kind: nil)?.summary?.version == 2)
        #expect(try await engine.workflow(named: app).kind == "Stateless", "no kind keeps the app's")

        // The designer's save edited from v1: refused, with v2 to reload or compare.
        var edited = definition
        try edited.renameStep(at: .action("Answer"), to: "Reply")
        let stale = try #require(await save(edited, base: 1, kind: "Stateless"))
        #expect(stale.summary == nil && stale.publishError == nil)
        let conflict = try #require(stale.conflict)
        #expect(conflict.base == 1 && conflict.current == 2)
        #expect(conflict.engineDefinition == elsewhere && conflict.engine?.kind == "Stateless")
        #expect(try await engine.workflow(named: app).summary.version == 2, "nothing was stored")

        // Overwrite: no version named.
        #expect(await save(edited, base: nil, kind: "Stateless")?.summary?.version == 3)
        let stored = try await engine.workflow(named: app)
        #expect(stored.definition == edited.value)

        // Deleted meanwhile: the conflict says so, with nothing to fetch.
        _ = try await engine.deleteWorkflow(named: app)
        let gone = try #require(await save(edited, base: 3, kind: "Stateless")?.conflict)
        #expect(gone.current == 0 && gone.engine == nil)
    }

    @Test func aCallbackNobodyAnswersIsAReadableFailure() async throws {
        try await Self.withRunner(HTTPEngineClient(baseURL: "http://127.0.0.1:1")) { runner in try await failures(runner) }
    }

    private func failures(_ runner: WorkbenchEffectRunner) async throws {
        let url = "http://127.0.0.1:1/workflows/orders/runs/r1/actions/Approve/run?api-version=2016-10-01&sig=secret"
        guard case .callbackSent(url: url, .failure(let failure))? = await runner.answer(.sendCallback(TestCallback(url: url, body: "{}"))) else {
            Issue.record("no failure"); return
        }
        #expect(failure.message == "POST http://127.0.0.1:1/workflows/orders/runs/r1/actions/Approve/run?… failed: connection refused; is the engine running?")
        guard case .callbackSent(_, .failure(let bad))? = await runner.answer(.sendCallback(TestCallback(url: "ftp://example.com/x", body: "{}"))) else {
            Issue.record("no failure"); return
        }
        #expect(bad.message == "the callback URL ftp://example.com/x is not an http or https URL")
        guard case .appsLoaded(.failure(let unreachable))? = await runner.answer(.loadApps) else { Issue.record("no failure"); return }
        #expect(unreachable.message.hasPrefix("cannot reach the engine at http://127.0.0.1:1"), "\(unreachable.message)")
    }

    @Test func effectsForTheTerminalAreNotTheRunners() async throws {
        try await Self.withRunner(HTTPEngineClient(baseURL: "http://127.0.0.1:1")) { runner in
            for effect: WorkbenchEffect in [.copyToClipboard("x"), .editExternally("{}"), .quit, .suspend] {
                #expect(await runner.answer(effect) == nil, "\(effect)")
            }
        }
        #expect(WorkbenchEffectRunner.isFetch(.loadRuns(RunsRequest(app: "a", status: nil, top: 50, skipToken: nil))))
        #expect(!WorkbenchEffectRunner.isFetch(.controlRun(.cancel(app: "a", id: "r"))))
    }

    /// A runner for `client` with its own callback client, shut down whatever `body` did.
    static func withRunner(_ client: any EngineClient, _ body: (WorkbenchEffectRunner) async throws -> Void) async throws {
        let runner = WorkbenchEffectRunner(client: client, callbacks: CallbackSender())
        var failure: (any Error)?
        do { try await body(runner) } catch { failure = error }
        await runner.callbacks.shutdown()
        if let failure { throw failure }
    }
}
