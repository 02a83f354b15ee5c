import AsyncHTTPClient
import Foundation

/// Long sequential runs (kept from issue 10; not a SPEC §6 line): a 300- and a 3,000-step chain
/// of Compose steps, each started by one callback, timed until the run leaves `Running`. A pass
/// over a run that is linear in the definition makes the 3,000-step chain cost per step about
/// what the 300-step one does; re-reading every step on every pass would make it ~10×.
struct ChainBenchmark {
    var tools: Toolbox
    var client: HTTPClient
    var folder: URL

    func run(into table: inout ResultTable) async throws {
        let engine = try await ServerProcess.engine(tools, data: folder.appendingPathComponent("chains"), logs: folder)
        var perStep: [Int: Double] = [:]
        do {
            let api = EngineAPI(client: client, base: engine.url)
            for count in [300, 3_000] {
                let app = "bench-chain-\(count)"
                try await api.publish(app, BenchmarkWorkflows.chain(count))
                let url = try await api.callbackURL(app)
                let start = ContinuousClock.now
                let answer = try await api.callback(url)
                guard answer.status == 202, let id = answer.runID else { throw BenchmarkError("\(app) answered HTTP \(answer.status)") }
                _ = try await api.waitUntilNoneRunning(app, timeout: .seconds(900))
                let elapsed = ContinuousClock.now - start
                let status = try await api.run(app, id: id)["status"]?.stringValue ?? "?"
                perStep[count] = elapsed.milliseconds / Double(count)
                print("  \(count)-step chain: \(status) in \(Format.decimal(elapsed.seconds, 2)) s")
                if status != "Succeeded" { table.note("the \(count)-step chain ended \(status)") }
            }
        } catch {
            await engine.stop()
            throw error
        }
        await engine.stop()
        let base = perStep[300] ?? .nan
        table.add(.init(figure: "300-step Compose chain, per step (not in SPEC §6)", median: Format.milliseconds(base)))
        table.add(.init(figure: "3,000-step Compose chain, per step (not in SPEC §6)", median: Format.milliseconds(perStep[3_000] ?? .nan),
                        baseline: "\(Format.milliseconds(base)) (300 steps)", ratio: "\(Format.decimal((perStep[3_000] ?? .nan) / base))×",
                        bar: "~1× (linear)"))
    }
}
