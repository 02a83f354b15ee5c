import Foundation
import Synchronization
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Recurrence triggers (SPEC §2): each tick starts one run, durably — its run and the next tick
/// are one commit — and ticks missed while the engine was not running are not run. The engine's
/// clock is injected and the background round called directly, so no test waits on time.
struct RecurrenceTriggerTests {
    /// A clock the test moves.
    final class TestClock: Sendable {
        private let time: Mutex<Date>
        init(_ start: String) { time = Mutex(ISO8601Timestamp.date(from: start)!) }
        func now() -> Date { time.withLock { $0 } }
        func set(_ text: String) { time.withLock { $0 = ISO8601Timestamp.date(from: text)! } }
    }

    private func definition(_ recurrence: JSONValue, compose: JSONValue = "@trigger()?['name']") -> JSONValue {
        [
            "$schema": .string(WorkflowDefinition.schemaURL),
            "triggers": ["Every_minute": ["type": "Recurrence", "recurrence": recurrence]],
            "actions": ["Note": ["type": "Compose", "inputs": compose, "runAfter": [:]]],
        ]
    }

    private static let minutely: JSONValue = ["frequency": "Minute", "interval": 1, "startTime": "2026-06-01T09:00:00Z"]

    private func runs(_ engine: Engine) async throws -> [StoredRun] {
        try await engine.store.runs(workflow: "ticks", status: nil, limit: 100, before: nil)
    }

    @Test func eachTickStartsOneRunAndMissedTicksAreNotRun() async throws {
        let clock = TestClock("2026-06-01T08:59:00Z")
        try await EngineHarness.with(configure: { $0.now = clock.now }) { harness in
            let engine = harness.engine
            _ = try await engine.save(name: "ticks", definition: definition(Self.minutely), state: nil)
            #expect(try await engine.store.recurrences(workflow: "ticks").map(\.nextAt) == [ISO8601Timestamp.date(from: "2026-06-01T09:00:00Z")!])
            _ = await engine.runDueWork()
            #expect(try await runs(engine).isEmpty, "not before the start time")

            clock.set("2026-06-01T09:00:00.400Z")
            _ = await engine.runDueWork()
            _ = await engine.runDueWork()
            let first = try await runs(engine)
            #expect(first.count == 1, "one run per tick, however many rounds look")
            #expect(first.first?.triggerName == "Every_minute")
            #expect(first.first?.status == .succeeded)
            #expect(try await engine.store.recurrences(workflow: "ticks").map(\.nextAt) == [ISO8601Timestamp.date(from: "2026-06-01T09:01:00Z")!])

            clock.set("2026-06-01T09:01:00.100Z")
            _ = await engine.runDueWork()
            #expect(try await runs(engine).count == 2)

            // The engine "was not running" from 09:02 to 09:05:30: those ticks are not run.
            clock.set("2026-06-01T09:05:30Z")
            _ = await engine.runDueWork()
            #expect(try await runs(engine).count == 2)
            #expect(try await engine.store.recurrences(workflow: "ticks").map(\.nextAt) == [ISO8601Timestamp.date(from: "2026-06-01T09:06:00Z")!])
            clock.set("2026-06-01T09:06:00.050Z")
            _ = await engine.runDueWork()
            #expect(try await runs(engine).count == 3)
        }
    }

    @Test func concurrentRoundsStartATickOnce() async throws {
        let clock = TestClock("2026-06-01T09:00:00.500Z")
        try await EngineHarness.with(configure: { $0.now = clock.now }) { harness in
            let engine = harness.engine
            _ = try await engine.save(name: "ticks", definition: definition(["frequency": "Hour", "interval": 1, "startTime": "2026-06-01T09:00:00Z"]), state: nil)
            clock.set("2026-06-01T10:00:00.100Z")
            async let one = engine.runDueWork()
            async let two = engine.runDueWork()
            async let three = engine.runDueWork()
            _ = await (one, two, three)
            #expect(try await runs(engine).count == 1)
        }
    }

    @Test func theTickSurvivesARestart() async throws {
        let clock = TestClock("2026-06-01T08:59:00Z")
        try await EngineHarness.with(configure: { $0.now = clock.now }) { harness in
            _ = try await harness.engine.save(name: "ticks", definition: definition(Self.minutely), state: nil)
            await harness.engine.shutdown()
            clock.set("2026-06-01T09:00:00.200Z")
            try await harness.withRestartedEngine(configure: { $0.now = clock.now }) { restarted in
                await restarted.start()
                let ticks = try await restarted.store.recurrences(workflow: "ticks").map(\.nextAt)
                #expect(ticks == [ISO8601Timestamp.date(from: "2026-06-01T09:00:00Z")!], "start-up keeps the tick it finds")
                _ = await restarted.runDueWork()
                let started = try await runs(restarted)
                #expect(started.count == 1)
            }
        }
    }

    @Test func disablingRemovesTheTickAndEnablingStartsFromNow() async throws {
        let clock = TestClock("2026-06-01T08:59:00Z")
        try await EngineHarness.with(configure: { $0.now = clock.now }) { harness in
            let engine = harness.engine
            _ = try await engine.save(name: "ticks", definition: definition(Self.minutely), state: nil)
            _ = try await engine.setState(.disabled, ofWorkflow: "ticks")
            #expect(try await engine.store.recurrences(workflow: "ticks").isEmpty)
            clock.set("2026-06-01T09:10:20Z")
            _ = try await engine.setState(.enabled, ofWorkflow: "ticks")
            #expect(try await engine.store.recurrences(workflow: "ticks").map(\.nextAt) == [ISO8601Timestamp.date(from: "2026-06-01T09:11:00Z")!])
            _ = await engine.runDueWork()
            #expect(try await runs(engine).isEmpty, "the ticks while disabled are not run")
        }
    }

    @Test func aSaveKeepsAnUnchangedScheduleAndRestartsAChangedOne() async throws {
        let clock = TestClock("2026-06-01T08:59:00Z")
        try await EngineHarness.with(configure: { $0.now = clock.now }) { harness in
            let engine = harness.engine
            let saved = try await engine.save(name: "ticks", definition: definition(Self.minutely), state: nil)
            clock.set("2026-06-01T09:00:30Z")
            _ = try await engine.save(name: "ticks", definition: definition(Self.minutely, compose: "changed"), state: nil, baseVersion: saved.version)
            #expect(try await engine.store.recurrences(workflow: "ticks").map(\.nextAt) == [ISO8601Timestamp.date(from: "2026-06-01T09:00:00Z")!],
                    "an edit elsewhere keeps the tick")
            _ = try await engine.save(name: "ticks", definition: definition(["frequency": "Minute", "interval": 5, "startTime": "2026-06-01T09:00:00Z"]),
                                      state: nil, baseVersion: saved.version + 1)
            #expect(try await engine.store.recurrences(workflow: "ticks").map(\.nextAt) == [ISO8601Timestamp.date(from: "2026-06-01T09:05:00Z")!])
            _ = try await engine.delete(name: "ticks")
            #expect(try await engine.store.recurrences(workflow: "ticks").isEmpty)
        }
    }

    @Test func anHTTPTriggerPollsAndStartsARunOn200ButNotOn202() async throws {
        let clock = TestClock("2026-06-01T08:59:00Z")
        try await EngineHarness.with(configure: { $0.now = clock.now }) { harness in
            let engine = harness.engine
            harness.fake.respond(to: "/orders/new", with: [200, 202, 200], body: #"{"order": 7}"#)
            let definition: JSONValue = [
                "$schema": .string(WorkflowDefinition.schemaURL),
                "triggers": ["Poll": ["type": "Http", "inputs": ["method": "GET", "uri": .string(harness.fake.url("/orders/new"))], "recurrence": Self.minutely]],
                "actions": ["Note": ["type": "Compose", "inputs": "@triggerBody()?['order']", "runAfter": [:]]],
            ]
            _ = try await engine.save(name: "ticks", definition: definition, state: nil)
            func nextTick() async throws -> Date? { try await engine.store.recurrences(workflow: "ticks").first?.nextAt }

            clock.set("2026-06-01T09:00:00.300Z")
            _ = await engine.runDueWork()
            try await eventually("the 200 starts a run") { try await runs(engine).count == 1 }
            let run = try #require(try await runs(engine).first)
            #expect(run.triggerOutputs["statusCode"] == 200)
            #expect(run.triggerOutputs["body"] == ["order": 7])
            let detail = try await engine.run(workflow: "ticks", id: run.id)
            #expect(detail.actions.first { $0.name == "Note" }?.outputs == 7)
            #expect(try await nextTick() == ISO8601Timestamp.date(from: "2026-06-01T09:01:00Z"))

            clock.set("2026-06-01T09:01:00.300Z")
            _ = await engine.runDueWork()
            try await eventually("the 202 moves the schedule on") { try await nextTick() == ISO8601Timestamp.date(from: "2026-06-01T09:02:00Z") }
            #expect(try await runs(engine).count == 1, "202: nothing new, no run")
            #expect(harness.fake.requests(to: "/orders/new").count == 2)

            clock.set("2026-06-01T09:02:00.300Z")
            _ = await engine.runDueWork()
            try await eventually("the next 200 starts a run") { try await runs(engine).count == 2 }
        }
    }
}
