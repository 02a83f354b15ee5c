import HookflowEngine
import HookflowModel
import Testing
@testable import HookflowTUI

/// SPEC §3 "Nothing waits on a service" as the designer shows it: a save says each trigger's
/// result at once (`Subscribing` is progress, not an error), the outcome that comes later as an
/// event is said and followed by the trigger card, and a failure says when the engine tries again.
@Suite struct SubscriptionOutcomeTests {
    static func saved(_ state: inout WorkbenchState, results: [SubscriptionResult], subscription: SubscriptionInfo) throws {
        let request = try DesignerFixtures.duplicateSayAndSave(&state)
        var summary = DesignerFixtures.webhookSummary(version: 4)
        summary.triggers[0].subscription = subscription
        summary.results = results
        _ = state.update(.saved(SaveOutcome(definition: request.definition, summary: summary)))
    }

    static func event(_ status: SubscriptionStatus, app: String = "orders", error: SubscriptionError? = nil, next: String? = nil) -> WorkbenchEvent {
        .engine(EngineEvent(kind: .subscriptionChanged, workflow: app, trigger: "Webhook", status: status.rawValue, error: error, nextAttemptTime: next))
    }

    /// The trigger card's top edge: its label and the label's colour.
    static func cardLabel(_ state: WorkbenchState) -> (text: String, role: StyleRole)? {
        let buffer = WorkbenchView.render(state, glyphs: .unicode)
        for y in 0..<buffer.height {
            if let run = buffer.styledRuns(line: y).first(where: { $0.text.contains("Subscri") }) {
                return (run.text.trimmingCharacters(in: .whitespaces), run.role)
            }
        }
        return nil
    }

    @Test func subscribingIsProgressAndTheEventTellsTheOutcome() throws {
        var state = try DesignerFixtures.webhookDesigner(width: 120, height: 40)
        try Self.saved(&state, results: [SubscriptionResult(trigger: "Webhook", outcome: .subscribing)], subscription: SubscriptionInfo(status: .subscribing))
        #expect(state.banner == Banner(text: "Saved v4 · Webhook: Subscribing", isError: false))
        #expect(Self.cardLabel(state)?.text == "Subscribing" && Self.cardLabel(state)?.role == .statusWaiting)

        // Another app's outcome is not this designer's.
        _ = state.update(Self.event(.subscribed, app: "billing"))
        #expect(state.banner?.text == "Saved v4 · Webhook: Subscribing")

        _ = state.update(Self.event(.subscribed))
        #expect(state.banner == Banner(text: "Webhook: Subscribed", isError: false))
        #expect(state.published?.triggers.first?.subscription?.status == .subscribed)
        #expect(Self.cardLabel(state)?.text == "Subscribed" && Self.cardLabel(state)?.role == .statusSucceeded)

        // A later failure (a retry, say): said in the error colour, with the next try.
        let error = SubscriptionError(statusCode: 500, message: "Internal Server Error", excerpt: "boom")
        _ = state.update(Self.event(.subscribeFailed, error: error, next: "2026-11-22T12:03:04.000Z"))
        #expect(state.banner == Banner(text: "Webhook: SubscribeFailed (HTTP 500: Internal Server Error — boom, next try 12:03:04)", isError: true))
        let subscription = try #require(state.published?.triggers.first?.subscription)
        #expect(subscription.status == .subscribeFailed && subscription.error == error && subscription.nextAttemptTime == "2026-11-22T12:03:04.000Z")
        #expect(Self.cardLabel(state)?.text == "SubscribeFailed" && Self.cardLabel(state)?.role == .statusFailed)
    }

    @Test func aFailedSubscribeSaysWhenTheEngineTriesAgain() throws {
        var state = try DesignerFixtures.webhookDesigner()
        let error = SubscriptionError(statusCode: 500, message: "Internal Server Error")
        try Self.saved(&state, results: [SubscriptionResult(trigger: "Webhook", outcome: .failed, error: error)],
                       subscription: SubscriptionInfo(status: .subscribeFailed, error: error, nextAttemptTime: "2026-11-22T12:03:04Z"))
        #expect(state.banner == Banner(text: "Saved v4 · Webhook: Failed (HTTP 500: Internal Server Error, next try 12:03:04)", isError: true))
    }

    @Test func theAppListShowsSubscribingAndReloadsOnTheOutcome() {
        var screen = ScreenDriver(AppListScreen())
        let app = WorkflowSummary(name: "orders", state: .enabled, version: 4, changedTime: "2026-11-22T10:04:05.000Z",
                                  triggers: [.init(name: "Webhook", type: "HttpWebhook", subscription: SubscriptionInfo(status: .subscribing))])
        let other = WorkflowSummary(name: "billing", state: .enabled, version: 1, changedTime: "2026-11-22T10:04:05.000Z", triggers: [])
        _ = screen.receive(.appsLoaded(.success([other, app])))
        let buffer = ScreenFixtures.buffer(screen, width: 120, height: 10)
        #expect(buffer.lines[2].contains("orders") && buffer.lines[2].contains("Webhook: Subscribing"), "\(buffer.lines[2])")
        #expect(buffer.runs(of: .statusWaiting, line: 2).map(\.text) == ["Subscribing"], "waiting, not failed")
        #expect(screen.receive(Self.event(.subscribeFailed)) == [.loadApps], "the outcome reloads the list")
    }
}
