import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Synchronization
import Testing
@testable import HookflowTUI

/// The host's live events: from the engine in this process, and from a `hookflow serve` over
/// server-sent events, including losing it and getting it back.
@Suite struct EngineEventFeedTests {
    /// What the feed posted, in order.
    final class Posted: Sendable {
        private let events = Mutex<[WorkbenchEvent]>([])
        func append(_ event: WorkbenchEvent) { events.withLock { $0.append(event) } }
        var all: [WorkbenchEvent] { events.withLock { $0 } }

        var engineEvents: [EngineEvent] {
            all.compactMap { if case .engine(let event) = $0 { event } else { nil } }
        }

        var connectionChanges: [ConnectionChange] {
            all.compactMap { if case .connection(let change) = $0 { change } else { nil } }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func theInProcessEnginesEventsArriveAsTheyHappen() async throws {
        try await HostEngine.with { host in
            let client = InProcessEngineClient(engine: host.engine)
            let posted = Posted()
            let feed = Task { await EngineEventFeed(client: client).run { posted.append($0) } }
            defer { feed.cancel() }
            // The feed subscribes in the background: save until its first event shows it listens.
            try await eventually("the feed listening") {
                _ = try await client.saveWorkflow(name: "orders", definition: host.definition, state: .disabled)
                return !posted.engineEvents.isEmpty
            }
            #expect(posted.engineEvents.allSatisfy { $0.kind == .workflowChanged && $0.workflow == "orders" })
            _ = try await client.deleteWorkflow(named: "orders")
            try await eventually("the deletion") { posted.engineEvents.contains { $0.kind == .workflowDeleted } }
            #expect(posted.connectionChanges.isEmpty)
            feed.cancel()
            await feed.value
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func aServeThatStopsIsReportedOnceAndFollowedAgainWhenItIsBack() async throws {
        try await HostEngine.with { host in
            var (server, url) = try await host.serve()
            let client = CountingClient(HTTPEngineClient(baseURL: url))
            let posted = Posted()
            let feed = Task { await EngineEventFeed(client: client, backOff: [.milliseconds(50), .milliseconds(100)]).run { posted.append($0) } }
            defer { feed.cancel() }
            try await eventually("the feed listening") {
                _ = try await client.saveWorkflow(name: "orders", definition: host.definition, state: .disabled)
                return !posted.engineEvents.isEmpty
            }

            // The serve stops: one lost, saying why, however many attempts fail meanwhile.
            await server.stop()
            try await eventually("the engine lost") { !posted.connectionChanges.isEmpty }
            guard case .lost(let message) = posted.connectionChanges[0] else { Issue.record("\(posted.connectionChanges)"); return }
            // The server ends its event streams before it stops listening: the probe may still get an
            // answer, or (on a loaded machine) none in time.
            #expect(message.hasPrefix("cannot reach the engine at \(url): ") || message == "the engine closed its live event stream"
                        || message.hasPrefix("the engine did not answer within"), "\(message)")
            let port = try #require(URLComponents(string: url)?.port)
            // Several probes fail against the closed port before the engine comes back.
            let probes = client.probes
            try await eventually("three more probes") { client.probes >= probes + 3 }
            #expect(posted.connectionChanges == [.lost(message)], "lost is reported once")

            // Back on the same port: restored, and its events arrive again.
            (server, _) = try await host.serve(port: port)
            try await eventually("the engine restored") { posted.connectionChanges == [.lost(message), .restored] }
            let before = posted.engineEvents.count
            _ = try await client.setState(.enabled, ofWorkflow: "orders")
            try await eventually("an event after the restore") { posted.engineEvents.count > before }
            #expect(posted.engineEvents.last?.workflow == "orders")
            feed.cancel()
            await feed.value
            await server.stop()
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func anEngineThatIsNotThereAtTheStartIsReportedLost() async throws {
        let posted = Posted()
        let feed = Task { await EngineEventFeed(client: HTTPEngineClient(baseURL: "http://127.0.0.1:1"), backOff: [.milliseconds(20)]).run { posted.append($0) } }
        defer { feed.cancel() }
        try await eventually("the engine lost") { !posted.connectionChanges.isEmpty }
        guard case .lost(let message) = posted.connectionChanges[0] else { Issue.record("\(posted.connectionChanges)"); return }
        #expect(message.contains("connection refused"), "\(message)")
        feed.cancel()
        await feed.value
        #expect(posted.connectionChanges.count == 1)
    }
}

/// The real client, counting the feed's probes (`listWorkflows`).
private final class CountingClient: EngineClient {
    let base: HTTPEngineClient
    private let count = Mutex(0)
    init(_ base: HTTPEngineClient) { self.base = base }

    var probes: Int { count.withLock { $0 } }
    var endpointDescription: String { base.endpointDescription }

    func listWorkflows() async throws(EngineError) -> [WorkflowSummary] {
        count.withLock { $0 += 1 }
        return try await base.listWorkflows()
    }

    func saveWorkflow(name: String, definition: JSONValue, state: WorkflowState?, kind: String?, baseVersion: Int?) async throws(EngineError)
        -> WorkflowSummary
    {
        try await base.saveWorkflow(name: name, definition: definition, state: state, kind: kind, baseVersion: baseVersion)
    }

    func workflow(named name: String) async throws(EngineError) -> WorkflowDetail { try await base.workflow(named: name) }
    func deleteWorkflow(named name: String) async throws(EngineError) -> WorkflowSummary { try await base.deleteWorkflow(named: name) }

    func setState(_ state: WorkflowState, ofWorkflow name: String) async throws(EngineError) -> WorkflowSummary {
        try await base.setState(state, ofWorkflow: name)
    }

    func callbackURL(workflow: String, trigger: String) async throws(EngineError) -> String { try await base.callbackURL(workflow: workflow, trigger: trigger) }
    func regenerateAccessKey(workflow: String) async throws(EngineError) -> WorkflowSummary { try await base.regenerateAccessKey(workflow: workflow) }

    func runs(workflow: String, status: RunStatus?, top: Int?, skipToken: String?) async throws(EngineError) -> RunPage {
        try await base.runs(workflow: workflow, status: status, top: top, skipToken: skipToken)
    }

    func run(workflow: String, id: String) async throws(EngineError) -> RunDetail { try await base.run(workflow: workflow, id: id) }
    func cancelRun(workflow: String, id: String) async throws(EngineError) -> RunDetail { try await base.cancelRun(workflow: workflow, id: id) }
    func resubmitRun(workflow: String, id: String) async throws(EngineError) -> RunDetail { try await base.resubmitRun(workflow: workflow, id: id) }
    func events() async throws(EngineError) -> AsyncStream<EngineEvent> { try await base.events() }

    func subscriptions(status: SubscriptionStatus?) async throws(EngineError) -> [SubscriptionSummary] {
        try await base.subscriptions(status: status)
    }

    func dropSubscription(id: String) async throws(EngineError) -> SubscriptionSummary { try await base.dropSubscription(id: id) }
}
