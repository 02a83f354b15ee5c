import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// SPEC §3 "Nothing waits on a service": a save, enable, disable or delete answers once its
/// change is committed and each call has had one attempt of at most `subscriptionWait`; a call
/// still under way is reported `Subscribing`/`Unsubscribing` and its outcome arrives as an event.
@Suite(.serialized)
struct NothingWaitsOnAServiceTests {
    /// The longest a test allows a save to take when the engine waits 0.5 s: the wait, plus a
    /// loaded machine's slack — far below the 120 s request timeout a call that waited on the
    /// service would take.
    static let answerBound: TimeInterval = 20

    static func withHarness(_ body: (EngineHarness) async throws -> Void) async throws {
        try await EngineHarness.with(configure: { $0.subscriptionWait = 0.5 }, body)
    }

    /// The first `subscriptionChanged` event (`nil`: the stream ended first).
    static func firstSubscriptionChange(in events: AsyncStream<EngineEvent>) async -> EngineEvent? {
        for await event in events where event.kind == .subscriptionChanged { return event }
        return nil
    }

    @Test func aSaveAgainstAServiceThatNeverAnswersReturnsWithinTheWait() async throws {
        try await Self.withHarness { harness in
            harness.fake.hold("/subscribe")
            let events = harness.engine.events()

            let started = Date()
            let summary = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            #expect(Date().timeIntervalSince(started) < Self.answerBound)
            #expect(summary.version == 1, "the version is stored whatever the service does")
            #expect(summary.results.map(\.outcome) == [.subscribing])
            #expect(summary.triggers.first?.subscription?.status == .subscribing)
            #expect(try await harness.engine.listWorkflows().first?.triggers.first?.subscription?.status == .subscribing)

            // The service answers at last: the outcome is written and published.
            harness.fake.release("/subscribe")
            let outcome = await Self.firstSubscriptionChange(in: events)
            #expect(outcome == EngineEvent(kind: .subscriptionChanged, workflow: "orders", trigger: "Webhook", status: "Subscribed"))
            #expect(try await harness.engine.listWorkflows().first?.triggers.first?.subscription?.status == .subscribed)
            #expect(harness.fake.requests(to: "/subscribe").count == 1, "one call, answered late, not a second one")
        }
    }

    /// A subscribe that fails after the save answered: its event says when the engine tries
    /// again (what the designer's message line shows), the same time the app's summary lists,
    /// and it reaches an HTTP client of the events unchanged.
    @Test func aLateFailureEventCarriesTheNextTry() async throws {
        try await Self.withHarness { harness in
            harness.fake.hold("/subscribe")
            harness.fake.respond(to: "/subscribe", with: [500], body: "broken")
            let events = harness.engine.events()
            let summary = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            #expect(summary.results.map(\.outcome) == [.subscribing])

            harness.fake.release("/subscribe")
            let outcome = await Self.firstSubscriptionChange(in: events)
            let failed = try #require(outcome)
            #expect(failed.status == "SubscribeFailed")
            #expect(failed.error?.statusCode == 500)
            let listed = try await harness.engine.listWorkflows().first?.triggers.first?.subscription
            #expect(failed.nextAttemptTime != nil && failed.nextAttemptTime == listed?.nextAttemptTime)
            #expect(EngineEvent(json: failed.json) == failed, "the SSE line keeps every field")
        }
    }

    @Test func aServiceAnswering500IsOneAttemptAndTheRetryIsScheduled() async throws {
        try await EngineHarness.with(configure: { $0.subscribeBackoff = Backoff(initial: 600, maximum: 600) }) { harness in
            harness.fake.respond(to: "/subscribe", with: [500], body: "broken")
            // The default retry policy (exponential, 4 retries) would keep a blocking save busy for a minute.
            let started = Date()
            let summary = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            #expect(Date().timeIntervalSince(started) < Self.answerBound)
            #expect(summary.results.map(\.outcome) == [.failed])
            #expect(summary.results.first?.error?.statusCode == 500)
            #expect(harness.fake.requests(to: "/subscribe").count == 1)
            let subscription = try #require(summary.triggers.first?.subscription)
            #expect(subscription.status == .subscribeFailed)
            let next = try #require(subscription.nextAttemptTime.flatMap(ISO8601Timestamp.date(from:)))
            // The default policy's first retry: about 7 s (5.6–8.4 s), at least its 5 s minimum.
            #expect(next.timeIntervalSinceNow > 3 && next.timeIntervalSinceNow < 10, "next try \(subscription.nextAttemptTime ?? "")")
        }
    }

    @Test func disableAndDeleteAgainstAHangingServiceReturnWithinTheWait() async throws {
        try await Self.withHarness { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            // On a loaded machine the subscribe may outlast the save's wait: it must be done before the disable.
            try await eventually("the trigger is subscribed") {
                try await harness.engine.store.subscriptions(workflow: "orders").map(\.status) == [.subscribed]
            }
            harness.fake.hold("/unsubscribe")

            var started = Date()
            let disabled = try await harness.engine.setState(.disabled, ofWorkflow: "orders")
            #expect(Date().timeIntervalSince(started) < Self.answerBound)
            #expect(disabled.state == .disabled)
            #expect(disabled.results.map(\.outcome) == [.unsubscribing])
            #expect(try await harness.engine.store.subscriptions(workflow: "orders").map(\.status) == [.unsubscribing])

            started = Date()
            let enabled = try await harness.engine.setState(.enabled, ofWorkflow: "orders")
            #expect(Date().timeIntervalSince(started) < Self.answerBound)
            #expect(enabled.results.map(\.outcome) == [.subscribed], "subscribing again does not wait on the old unsubscribe")

            harness.fake.hold("/unsubscribe")
            started = Date()
            let deleted = try await harness.engine.delete(name: "orders")
            #expect(Date().timeIntervalSince(started) < Self.answerBound)
            #expect(deleted.results.map(\.outcome) == [.unsubscribing])
            #expect(try await harness.engine.listWorkflows().isEmpty)

            // Both owed unsubscribes are made once the service answers.
            harness.fake.release("/unsubscribe")
            await harness.engine.start()
            try await eventually("every owed unsubscribe is delivered") {
                try await harness.engine.store.subscriptions(workflow: "orders").isEmpty
            }
            let trackingIDs = harness.fake.requests(to: "/unsubscribe").compactMap { $0.header("x-ms-client-tracking-id") }
            #expect(Set(trackingIDs).count == 2, "the first and the second subscription were each unsubscribed")
        }
    }

    /// Stopping the engine while a call hangs returns promptly; the call stays owed, durably,
    /// and the next engine on the folder makes it.
    @Test func stoppingDuringAnAttemptReturnsPromptlyAndTheCallStaysOwed() async throws {
        try await Self.withHarness { harness in
            harness.fake.hold("/subscribe")
            let summary = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            #expect(summary.results.map(\.outcome) == [.subscribing])
            let id = try #require(summary.triggers.first?.subscription?.id)

            let started = Date()
            await harness.engine.shutdown()
            #expect(Date().timeIntervalSince(started) < Self.answerBound, "shutdown cancels the hanging call instead of waiting for it")

            harness.fake.release("/subscribe")
            try await harness.withRestartedEngine { restarted in
                let owed = try #require(try await restarted.store.subscription(id: id))
                #expect(owed.status == .subscribing)
                #expect(owed.mayExistRemotely, "the cut call may have reached the service")
                await restarted.start()
                try await eventually("the next engine subscribes") {
                    try await restarted.store.subscription(id: id)?.status == .subscribed
                }
                #expect(Set(harness.fake.requests(to: "/subscribe").compactMap { $0.header("x-ms-client-tracking-id") }) == [id])
            }
        }
    }

    /// A subscribe answered after its trigger was removed leaves the service holding a
    /// subscription nobody wants: the engine owes, and makes, its unsubscribe.
    @Test func aSubscribeAnsweredAfterItsTriggerWasRemovedIsUnsubscribed() async throws {
        try await Self.withHarness { harness in
            harness.fake.hold("/subscribe")
            let first = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            #expect(first.results.map(\.outcome) == [.subscribing])
            let id = try #require(first.triggers.first?.subscription?.id)

            let second = try await harness.engine.save(name: "orders", definition: ["triggers": [:], "actions": [:]], state: nil)
            #expect(second.version == 2)
            harness.fake.release("/subscribe")
            await harness.engine.start()
            let unsubscribed = try await harness.fake.waitForRequests(to: "/unsubscribe")
            #expect(unsubscribed.first?.header("x-ms-client-tracking-id") == id)
            try await eventually("nothing is left of the subscription") {
                try await harness.engine.store.subscriptions(workflow: "orders").isEmpty
            }
        }
    }

    /// A save that changes a trigger unsubscribes the old subscription and subscribes the new
    /// one: the answered unsubscribe does not hide the subscribe still under way.
    @Test func aChangedTriggerReportsBothItsUnsubscribeAndItsPendingSubscribe() async throws {
        try await Self.withHarness { harness in
            let first = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            #expect(first.results.map(\.outcome) == [.subscribed])

            harness.fake.hold("/subscribe")
            let second = try await harness.engine.save(name: "orders", definition: harness.definition(topic: "invoices"), state: nil)
            #expect(second.results.map(\.outcome) == [.unsubscribed, .subscribing])
            #expect(second.results.allSatisfy { $0.trigger == "Webhook" })
            #expect(second.triggers.first?.subscription?.status == .subscribing)
            harness.fake.release("/subscribe")
        }
    }
}
