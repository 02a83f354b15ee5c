import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Testing

/// The designer on a PostgreSQL database shared with a running `hookflow serve` node (issue 14,
/// point 1: "every CLI command and the designer work against it"): a save in the designer
/// publishes to the database, the node follows it (its app view reloads on the notification)
/// and takes the app's callbacks, and the designer's run list and the CLI show that node's run.
@Suite(.enabled(if: TmuxSession.shouldRun, "needs tmux (install it, or set CI=true to make these tests fail without it)"))
struct DesignerOnPostgresEndToEndTests {
    typealias Workspace = DesignerEndToEndTests.Workspace

    @Test(.timeLimit(.minutes(2)))
    func aSaveInTheDesignerIsServedByAnotherNodeOfTheDatabase() async throws {
        try await TestDatabase.with { database in try await Workspace.with { workspace in
            let node = workspace.folder.url.appendingPathComponent("node")
            try await ServeProcess.with(["--port", "0", "--data", node.path, "--database", database.url]) { serve in
                let nodeURL = try await serve.waitForListening()
                // The designer's own engine is another node of the database: it needs the same sealing key.
                let designerData = workspace.folder.url.appendingPathComponent("data")
                try FileManager.default.createDirectory(at: designerData, withIntermediateDirectories: true)
                try FileManager.default.copyItem(at: node.appendingPathComponent(SecretSealer.keyFileName),
                                                 to: designerData.appendingPathComponent(SecretSealer.keyFileName))

                _ = try workspace.folder.write("orders/workflow.json", DesignerEndToEndTests.ordersFile(workspace.fake))
                let session = try workspace.startDesigner(["design", "--file", "orders/workflow.json", "--data", workspace.data, "--database", database.url])
                defer { session.close() }
                try await session.waitFor("the file's workflow") { $0.contains("Webhook") && $0.contains("Say") }
                try session.sendKeys("C-s")
                try await session.waitFor("the save", timeout: .seconds(20)) { $0.contains("Saved v1") }

                // The subscribe carries a callback URL signed with the app's key, which lives in the
                // database: the other node takes that callback.
                let subscribe = try #require(try await workspace.fake.waitForRequests(to: "/subscribe").first)
                let callback = try #require(subscribe.json?["callbackUrl"]?.stringValue, "body: \(subscribe.text)")
                let path = try #require(URL(string: callback)).path + "?" + (URL(string: callback)?.query ?? "")
                var answer = (status: 0, runID: "")
                // The node's app view follows the designer's save (NOTIFY; polling as the fallback).
                try await eventually(timeout: 30, "the node serves the app the designer saved") {
                    answer = try await CallbackPost.send(nodeURL + path, body: #"{"order": 42}"#)
                    return answer.status == 202
            }
            let listed = try await Self.eventuallyListed(answer.runID, database: database, data: node)
            #expect(listed.contains("Succeeded"), "\(listed)")

            // The designer lists the run the other node made.
            try session.sendKeys("R")
            try await session.waitFor("the other node's run in the designer", timeout: .seconds(20)) { $0.contains(answer.runID) }

            try session.sendKeys("Escape")
            try session.sendKeys("q")
            // Its engine takes the app's callbacks (they name its address): quitting asks first.
            try await session.waitFor("the quit question") { $0.contains("q Quit") }
            try session.sendKeys("q")
            try await session.waitFor("the designer quit", timeout: .seconds(15)) { $0.contains("exit=0") }
            }
        } }
    }

    /// `hookflow runs orders --database URL` until it lists `runID` as finished.
    static func eventuallyListed(_ runID: String, database: PostgresLocation, data: URL) async throws -> String {
        var listed = ""
        try await eventually(timeout: 30, "the run listed by the CLI") {
            let result = try HookflowBinary.run(["runs", "orders", "--database", database.url, "--data", data.path])
            listed = result.stdout + result.stderr
            return result.status == 0 && listed.contains(runID) && !listed.contains("Running")
        }
        return listed
    }
}
