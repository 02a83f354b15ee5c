import Foundation
import HookflowEngine
import HookflowModel
import HookflowTestSupport
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A run whose input crashes the engine (planted with `HOOKFLOW_FAULTS`, as a bug would) takes
/// `hookflow serve` down while the intake evaluates it, before its commit: nothing is stored and
/// the sender hears no 202. The sender sends again; the engine now knows the callback as a
/// suspect and commits it first (202), then dies on it once more — and then never again: on the
/// next start the run is `Failed` (`EngineCrashedOnRun`) and the engine serves everyone else
/// (issue 10, point 3: before, every restart died on it).
@Suite(.serialized)
struct CrashLoopTests {
    @Test func aRunThatCrashesTheEngineTwiceIsFailedAndTheEngineStaysUp() async throws {
        let folder = try TemporaryFolder()
        let arguments = ["--port", "0", "--data", folder.url.path, "--log-level", "warning"]
        // The Swift runtime's crash backtrace takes seconds to symbolicate on a busy machine; the
        // test needs the process gone, not its backtrace.
        let environment = ["HOOKFLOW_FAULTS": "crash-before-action=Poison", "SWIFT_BACKTRACE": "enable=no"]
        let manual: JSONValue = ["manual": ["type": "Request", "kind": "Http"]]

        // First life: the apps are published, the poisoned callback kills the engine before its 202.
        var crashes = 0
        var runID = ""
        let first = try ServeProcess(arguments, environment: environment)
        do {
            let client = HTTPEngineClient(baseURL: try await first.waitForListening())
            _ = try await client.saveWorkflow(name: "poisoned", definition: [
                "triggers": manual, "actions": ["Poison": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]]],
            ], state: nil)
            _ = try await client.saveWorkflow(name: "healthy", definition: [
                "triggers": manual, "actions": ["Echo": ["type": "Compose", "inputs": "@triggerBody()", "runAfter": [:]]],
            ], state: nil)
            let url = try await client.callbackURL(workflow: "poisoned", trigger: "manual")
            let answer = try? await CallbackPost.send(url)
            #expect(answer?.status != 202, "evaluated before its commit: the engine died before answering")
            try await eventually(timeout: 60, "the engine dies on the poisoned run") { !first.isRunning }
            crashes += 1
            #expect(first.stderr.contains("crash-before-action=Poison"))
        } catch {
            await first.stop()
            throw error
        }

        // Restart until an engine stays up; each start resumes what was in flight.
        var survivor: ServeProcess?
        var resent = false
        for _ in 0..<4 where survivor == nil {
            let serve = try ServeProcess(arguments, environment: environment)
            let url: String
            do { url = try await serve.waitForListening() } catch {
                await serve.stop()
                crashes += 1
                continue
            }
            let client = HTTPEngineClient(baseURL: url)
            if runID.isEmpty, let run = try? await client.runs(workflow: "poisoned", status: nil, top: 10, skipToken: nil).runs.first {
                runID = run.id
            }
            if runID.isEmpty, !resent {
                // Nothing was stored for the unanswered callback; the sender tries again. Now it is
                // committed first: the run exists whether or not the 202 gets out before the engine dies.
                resent = true
                let again = try? await CallbackPost.send(try await client.callbackURL(workflow: "poisoned", trigger: "manual"))
                runID = again?.runID ?? ""
            }
            do {
                try await eventually(timeout: 60, "the poisoned run ends or the engine dies") {
                    guard serve.isRunning else { return true }
                    return (try? await client.run(workflow: "poisoned", id: runID))?.summary.status.isFinished == true
                }
            } catch {
                let status = (try? await client.run(workflow: "poisoned", id: runID))?.summary.status.rawValue ?? "unknown"
                await serve.stop()
                throw ServeProcess.Failure(description: "\(error); the run is \(status); crashes so far \(crashes); the engine said: \(serve.stderr.suffix(2_000))")
            }
            if serve.isRunning { survivor = serve } else {
                await serve.stop()
                crashes += 1
            }
        }
        let serve = try #require(survivor, "an engine eventually stays up")
        do {
            #expect(crashes == 2, "down when the callback was first evaluated, and once more after its commit; never a third time")
            let client = HTTPEngineClient(baseURL: try await serve.waitForListening())
            #expect(try await client.runs(workflow: "poisoned", status: nil, top: 10, skipToken: nil).runs.map(\.id) == [runID], "one run, the one accepted")
            let run = try await client.run(workflow: "poisoned", id: runID)
            #expect(run.summary.status == .failed)
            #expect(run.summary.error?["code"] == "EngineCrashedOnRun")
            #expect(run.summary.error?["message"]?.stringValue?.contains("resubmit") == true)
            #expect(serve.stderr.contains("EngineCrashedOnRun"))
            // Everyone else is served.
            let healthy = try await CallbackPost.send(try await client.callbackURL(workflow: "healthy", trigger: "manual"))
            #expect(healthy.status == 202)
            try await eventually(timeout: 20, "a healthy run succeeds") {
                try await client.run(workflow: "healthy", id: healthy.runID).summary.status == .succeeded
            }
            #expect(serve.isRunning)
        } catch {
            await serve.stop()
            throw error
        }
        await serve.stop()
    }
}
