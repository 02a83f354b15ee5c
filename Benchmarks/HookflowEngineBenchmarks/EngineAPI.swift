import AsyncHTTPClient
import Foundation
import HookflowModel
import NIOCore
import NIOHTTP1

/// The engine's management API and callback URLs as the benchmark uses them: to publish apps,
/// get signed URLs, prepare waiting runs and count runs. Never for the measured load, which comes
/// from wrk or the open-loop sender in their own processes.
struct EngineAPI {
    let client: HTTPClient
    /// `http://127.0.0.1:PORT`
    let base: String

    /// `PUT /management/workflows/{name}`: saves and enables the app.
    func publish(_ name: String, _ definition: JSONValue) async throws {
        let answer = try await send(.PUT, "/management/workflows/\(name)", body: ["definition": definition, "state": "Enabled"])
        guard answer.status == 200 else { throw BenchmarkError("publishing \(name) answered HTTP \(answer.status): \(answer.text)") }
    }

    /// The signed URL of an app's trigger (`POST .../triggers/{trigger}/listCallbackUrl`).
    func callbackURL(_ name: String, trigger: String = "manual") async throws -> String {
        let answer = try await send(.POST, "/management/workflows/\(name)/triggers/\(trigger)/listCallbackUrl", body: [:])
        guard answer.status == 200, let url = answer.json?["value"]?.stringValue else {
            throw BenchmarkError("listCallbackUrl of \(name) answered HTTP \(answer.status): \(answer.text)")
        }
        return url
    }

    /// One page of an app's runs, newest first: each run's id and status.
    func runs(_ name: String, status: String?, top: Int, skipToken: String? = nil) async throws -> (runs: [(id: String, status: String)], skipToken: String?) {
        var query = ["top=\(top)"]
        if let status { query.append("status=\(status)") }
        if let skipToken { query.append("skipToken=\(skipToken.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? skipToken)") }
        let answer = try await send(.GET, "/management/workflows/\(name)/runs?" + query.joined(separator: "&"))
        guard answer.status == 200, let values = answer.json?["value"]?.arrayValue else {
            throw BenchmarkError("listing runs of \(name) answered HTTP \(answer.status): \(answer.text)")
        }
        let runs = values.compactMap { run -> (id: String, status: String)? in
            guard let id = run["id"]?.stringValue, let status = run["status"]?.stringValue else { return nil }
            return (id, status)
        }
        return (runs, answer.json?["skipToken"]?.stringValue)
    }

    /// How many runs of an app have `status`, paging through them 1,000 at a time.
    func count(_ name: String, status: String?) async throws -> Int {
        var total = 0
        var token: String?
        repeat {
            let page = try await runs(name, status: status, top: 1000, skipToken: token)
            total += page.runs.count
            token = page.skipToken
        } while token != nil
        return total
    }

    /// Waits until no run of the app is `Running`; how long that took.
    func waitUntilNoneRunning(_ name: String, timeout: Duration = .seconds(600)) async throws -> Duration {
        let start = ContinuousClock.now
        while try await !runs(name, status: "Running", top: 1).runs.isEmpty {
            guard ContinuousClock.now - start < timeout else { throw BenchmarkError("\(name) still has Running runs after \(timeout)") }
            try await Task.sleep(for: .milliseconds(20))
        }
        return ContinuousClock.now - start
    }

    /// The newest run of an app (nil: none yet): the mark ``runs(_:since:)`` counts from.
    func newestRunID(_ name: String) async throws -> String? {
        try await runs(name, status: nil, top: 1).runs.first?.id
    }

    /// The runs of an app stored after the run `mark` (all of them when nil), newest first, paging
    /// 1,000 at a time until `mark` comes up: how many, and how many of those are not `Succeeded`.
    func runs(_ name: String, since mark: String?) async throws -> (count: Int, notSucceeded: Int) {
        var count = 0
        var notSucceeded = 0
        var token: String?
        repeat {
            let page = try await runs(name, status: nil, top: 1000, skipToken: token)
            for run in page.runs {
                if run.id == mark { return (count, notSucceeded) }
                count += 1
                if run.status != "Succeeded" { notSucceeded += 1 }
            }
            token = page.skipToken
        } while token != nil
        return (count, notSucceeded)
    }

    /// The store's commits and writes since the engine started (`GET /management/health`, loopback:
    /// `{"store": {"commits", "writes"}}`); writes are the callers' records a commit carried.
    func storeStatistics() async throws -> (commits: Int, writes: Int) {
        let answer = try await send(.GET, "/management/health")
        guard answer.status == 200, let store = answer.json?["store"], let commits = store["commits"]?.intValue,
            let writes = store["writes"]?.intValue
        else { throw BenchmarkError("/management/health answered HTTP \(answer.status) without the store's commits and writes: \(answer.text)") }
        return (commits, writes)
    }

    /// `GET /management/workflows/{name}/runs/{id}`: the run with its actions.
    func run(_ name: String, id: String) async throws -> JSONValue {
        let answer = try await send(.GET, "/management/workflows/\(name)/runs/\(id)")
        guard answer.status == 200, let json = answer.json else { throw BenchmarkError("run \(id) of \(name) answered HTTP \(answer.status): \(answer.text)") }
        return json
    }

    /// The callback URL of the run's waiting webhook action, once it waits (nil before).
    func waitingActionCallbackURL(_ name: String, runID: String) async throws -> String? {
        let detail = try await run(name, id: runID)
        guard detail["status"]?.stringValue == "Waiting" else { return nil }
        return detail["actions"]?.arrayValue?.first { $0["status"]?.stringValue == "Waiting" }?["callbackUrl"]?.stringValue
    }

    /// POSTs the benchmark's JSON body to a callback URL: the status and the run id it answered with.
    func callback(_ url: String) async throws -> (status: Int, runID: String?) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: BenchmarkWorkflows.payload))
        let response = try await client.execute(request, timeout: .seconds(60))
        _ = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "x-ms-workflow-run-id"))
    }

    /// Any management GET: status and parsed body (for timing pages).
    func get(_ path: String) async throws -> (status: Int, json: JSONValue?, text: String) {
        try await send(.GET, path)
    }

    private func send(_ method: HTTPMethod, _ path: String, body: JSONValue? = nil) async throws -> (status: Int, json: JSONValue?, text: String) {
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        if let body {
            // The management API takes POST, PUT and DELETE only as JSON (README).
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: JSONWriter.compact.string(from: body)))
        }
        let response = try await client.execute(request, timeout: .seconds(120))
        let buffer = try await response.body.collect(upTo: 64 << 20)
        let text = String(buffer: buffer)
        return (Int(response.status.code), try? JSONParser.parse(text, maximumDepth: JSONValue.envelopeReadingDepth), text)
    }
}
