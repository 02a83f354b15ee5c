import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Logging
import Testing
@testable import HookflowTUI

/// Following the data folder's `hookflow serve` when it comes back on another port, and staying
/// put for `--engine URL` and the designer's own engine: real engines, real servers on loopback.
@Suite struct EngineConnectionTests {
    typealias Posted = EngineEventFeedTests.Posted

    @Test(.timeLimit(.minutes(1)))
    func aServeBackOnAnotherPortIsFollowedByTheFeedAndTheEffects() async throws {
        try await HostEngine.with { host in
            let (first, firstURL) = try await host.serve()
            try await EngineLocator.claim(.current(url: firstURL), in: host.folder)
            let designer = try await DesignerEngine.connect(dataFolder: host.folder, engineURL: nil, environment: [:])
            #expect(designer.description == "\(firstURL) (hookflow serve, pid \(getpid()))")
            let connection = designer.connection
            #expect(connection.mayMove)
            let callbacks = CallbackSender()
            let runner = WorkbenchEffectRunner(connection: connection, callbacks: callbacks)
            var failure: (any Error)?
            do {
                let posted = Posted()
                let feed = Task { await EngineEventFeed(connection: connection, backOff: [.milliseconds(50), .milliseconds(100)]).run { posted.append($0) } }
                defer { feed.cancel() }
                try await eventually("the feed listening") {
                    _ = try await connection.client.saveWorkflow(name: "orders", definition: host.definition, state: .disabled)
                    return !posted.engineEvents.isEmpty
                }

                // The serve stops as `hookflow serve` does (its record goes with it)…
                await first.stop()
                await host.engine.shutdown()
                EngineLocator.release(in: host.folder)
                try await eventually("the engine lost") { !posted.connectionChanges.isEmpty }
                if case .lost = posted.connectionChanges[0] {} else { Issue.record("not lost first: \(posted.all)") }

                // …and a new one starts on the same data folder, on another free port.
                try await Self.withSecondServe(on: host.folder) { second, secondURL in
                    #expect(secondURL != firstURL)
                    try await eventually("the engine restored") { posted.connectionChanges.count == 2 }
                    #expect(posted.connectionChanges.last == .restored)
                    let moves = posted.all.compactMap { if case .engineMoved(let description) = $0 { description } else { nil } }
                    #expect(moves == ["\(secondURL) (hookflow serve, pid \(getpid()))"])
                    let order = posted.all.compactMap { event -> String? in
                        switch event {
                        case .connection(.lost): "lost"
                        case .engineMoved: "moved"
                        case .connection(.restored): "restored"
                        default: nil
                        }
                    }
                    #expect(order == ["lost", "moved", "restored"])

                    // Effects go to the new engine: an app saved there is in the list it answers.
                    _ = try await InProcessEngineClient(engine: second).saveWorkflow(name: "billing", definition: host.definition, state: .disabled)
                    guard case .appsLoaded(.success(let apps))? = await runner.answer(.loadApps) else { Issue.record("the apps did not load"); return }
                    #expect(apps.map(\.name).sorted() == ["billing", "orders"])
                    #expect(connection.client.endpointDescription == secondURL)

                    // And its live events reach the feed.
                    let before = posted.engineEvents.count
                    guard case .appChanged(_, .success)? = await runner.answer(.changeApp(.delete("billing"))) else { Issue.record("billing not deleted"); return }
                    try await eventually("the deletion's event") { posted.engineEvents.dropFirst(before).contains { $0.kind == .workflowDeleted } }
                    feed.cancel()
                    await feed.value
                }
            } catch {
                failure = error
            }
            await callbacks.shutdown()
            if let failure { throw failure }
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func anEngineNamedWithDashDashEngineStaysOnItsAddress() async throws {
        try await HostEngine.with { host in
            let (_, named) = try await host.serve()
            let (_, recorded) = try await host.serve()
            try await EngineLocator.claim(.current(url: recorded), in: host.folder)
            let designer = try await DesignerEngine.connect(dataFolder: host.folder, engineURL: named, environment: [:])
            #expect(designer.description == "--engine \(named)")
            #expect(!designer.connection.mayMove)
            #expect(await designer.connection.rediscover() == nil)
            #expect(designer.client.endpointDescription == named)
        }
    }

    @Test(.timeLimit(.minutes(1)))
    func theDesignersOwnEngineNeverMoves() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookflow-own-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let designer = try await DesignerEngine.connect(dataFolder: folder, engineURL: nil, environment: [:], port: 0)
        #expect(designer.description.hasPrefix("in-process http://127.0.0.1:"))
        #expect(!designer.connection.mayMove)
        #expect(await designer.connection.rediscover() == nil)
        #expect(designer.client is InProcessEngineClient)
        await designer.close()
    }

    /// A second engine on `folder`, served on a free port and recorded in its `engine.json` as
    /// `hookflow serve` does; stopped, shut down and released after `body`.
    private static func withSecondServe(on folder: URL, _ body: (Engine, String) async throws -> Void) async throws {
        var logger = Logger(label: "hookflow.test")
        logger.logLevel = .critical
        let engine = try EngineLocator.openEngine(EngineConfiguration(dataFolder: folder), logger: logger)
        let server = EngineServer(engine: engine, host: "127.0.0.1", port: 0, logger: logger)
        var failure: (any Error)?
        do {
            let url = try await server.start()
            try await EngineLocator.claim(.current(url: url), in: folder)
            await engine.start()
            try await body(engine, url)
        } catch {
            failure = error
        }
        await server.stop()
        await engine.shutdown()
        EngineLocator.release(in: folder)
        if let failure { throw failure }
    }
}
