import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Synchronization
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `runs`, `run`, `cancel`, `resubmit` and `runs --watch` against a running `hookflow serve`.
@Suite(.serialized)
struct RunCommandsTests {
    static func approvals(_ fake: FakeWebhookService) -> String {
        """
        {"definition": {"triggers": {"manual": {"type": "Request", "kind": "Http"}},
          "actions": {
            "Approve": {"type": "HttpWebhook", "runAfter": {}, "inputs": {
              "subscribe": {"method": "POST", "uri": "\(fake.url("/approvals/subscribe"))", "body": {"callbackUrl": "@{listCallbackUrl()}"}},
              "unsubscribe": {"method": "POST", "uri": "\(fake.url("/approvals/unsubscribe"))"}}},
            "Done": {"type": "Compose", "inputs": "@body('Approve')", "runAfter": {"Approve": ["Succeeded"]}}}},
         "kind": "Stateful"}
        """
    }

    @Test func listShowCancelResubmitAndWatch() async throws {
        let folder = try TemporaryFolder()
        let data = folder.url.appendingPathComponent("data")
        let fake = try await FakeWebhookService.start()
        let serve = try ServeProcess(["--port", "0", "--data", data.path])
        do {
            try await scenario(folder: folder, data: data, fake: fake, serve: serve)
        } catch {
            await serve.stop()
            await fake.stop()
            throw error
        }
        await serve.stop()
        await fake.stop()
    }

    func scenario(folder: TemporaryFolder, data: URL, fake: FakeWebhookService, serve: ServeProcess) async throws {
        _ = try await serve.waitForListening()
        let cli = { (arguments: [String]) in try await HookflowBinary.launch(arguments + ["--data", data.path], in: folder.url) }
        try folder.write("approvals.json", Self.approvals(fake))
        #expect(try await cli(["publish", "approvals.json"]).status == 0)
        let trigger = try await cli(["callback-url", "approvals"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let first = try await CrashRecoveryTests.post(trigger)
        #expect(first.status == 202)
        try await fake.waitForRequests(to: "/approvals/subscribe")
        try await eventually("the run waits") {
            try await cli(["runs", "approvals", "--status", "Waiting", "--json"]).stdout.contains(first.runID)
        }

        let list = try await cli(["runs", "approvals"])
        #expect(list.status == 0)
        let lines = list.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("RUN") == true)
        #expect(lines.contains { $0.hasPrefix(first.runID) && $0.contains("Waiting") && $0.hasSuffix("Approve") })

        let detail = try await cli(["run", "approvals", first.runID])
        #expect(detail.status == 0)
        #expect(detail.stdout.hasPrefix("run \(first.runID) of approvals: Waiting"))
        #expect(detail.stdout.contains("Approve waits for a callback at http://127.0.0.1:"))

        let json = try JSONParser.parse(try await cli(["run", "approvals", first.runID, "--json"]).stdout)
        #expect(json["status"] == "Waiting")
        #expect(json["actions"]?.arrayValue?.first?["callbackUrl"]?.stringValue?.contains("/runs/\(first.runID)/actions/Approve/run?") == true)

        // --watch prints changes as they happen.
        let watch = try ChildProcess(HookflowBinary.url, ["runs", "approvals", "--watch", "--data", data.path])
        defer { watch.stop() }
        try await eventually("the watch lists the existing run") { watch.stdout.contains(first.runID) }
        let cancel = try await cli(["cancel", "approvals", first.runID])
        #expect(cancel.status == 0)
        #expect(cancel.stdout.hasPrefix("run \(first.runID) of approvals: Cancelled"))
        try await fake.waitForRequests(to: "/approvals/unsubscribe")
        try await eventually("the watch reports the cancel") { watch.stdout.contains("\(first.runID)  Cancelled") }

        let again = try await cli(["resubmit", "approvals", first.runID])
        #expect(again.status == 0)
        let newID = try #require(again.stdout.split(separator: " ").dropFirst(4).first.map(String.init))
        #expect(again.stdout.hasPrefix("resubmitted \(first.runID) as run \(newID)"))
        try await eventually("the watch sees the resubmitted run wait") { watch.stdout.contains("\(newID)  Waiting") }

        let bad = try await cli(["runs", "approvals", "--status", "Sleeping"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("status \"Sleeping\" is not one of Running, Waiting, Succeeded, Failed, Cancelled, TimedOut"))
        let missing = try await cli(["run", "approvals", "NOPE"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "hookflow: app \"approvals\" has no run \"NOPE\"\n")
        let notRunning = try await cli(["cancel", "approvals", first.runID])
        #expect(notRunning.status == 1)
        #expect(notRunning.stderr.contains("only running or waiting runs can be cancelled"))
    }
}

/// Any child process whose output the test reads as it comes.
final class ChildProcess: @unchecked Sendable {
    /// Written by the pipe's handler thread, read by the test.
    private final class Output: Sendable {
        let text = Mutex("")
    }

    private let process: Process
    private let output = Output()

    init(_ executable: URL, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let pipe = Pipe()
        process.standardOutput = pipe
        self.process = process
        self.pipe = pipe
        pipe.fileHandleForReading.readabilityHandler = { [output] handle in
            let data = handle.availableData
            // End of file: stop watching the descriptor while it is still open (libdispatch on
            // Linux crashes when a watched descriptor is closed and its number reused).
            guard !data.isEmpty else { handle.readabilityHandler = nil; return }
            output.text.withLock { $0 += String(decoding: data, as: UTF8.self) }
        }
        try process.run()
    }

    private let pipe: Pipe

    deinit { pipe.fileHandleForReading.readabilityHandler = nil }

    var stdout: String { output.text.withLock { $0 } }

    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGTERM) }
        process.waitUntilExit()
        pipe.fileHandleForReading.readabilityHandler = nil
    }
}
