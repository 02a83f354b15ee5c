import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization

/// Follows the engine's `GET /management/events` stream and notes when each run first reaches a
/// final status. The time is taken when the event's line arrives here, so it includes the
/// stream's delivery (a write on an open connection): a slight over-estimate of the engine's own latency.
final class RunEventWatcher: Sendable {
    struct Ending: Sendable {
        var at: ContinuousClock.Instant
        var status: String
    }

    private struct Event: Decodable {
        var kind: String
        var runId: String?
        var status: String?
    }

    private static let finalStatuses: Set<String> = ["Succeeded", "Failed", "Cancelled", "TimedOut", "Skipped"]
    private let endings = Mutex<[String: Ending]>([:])

    /// Runs until cancelled or the stream ends; `opened` is resumed once the stream answers.
    func follow(_ url: String, client: HTTPClient, opened: CheckedContinuation<Void, any Error>) async {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "text/event-stream")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .hours(24))
        } catch {
            opened.resume(throwing: error)
            return
        }
        guard response.status == .ok else {
            opened.resume(throwing: SenderError("the event stream answered HTTP \(response.status.code)"))
            return
        }
        opened.resume()
        var pending = ""
        let decoder = JSONDecoder()
        do {
            for try await buffer in response.body {
                pending += String(buffer: buffer)
                while let newline = pending.firstIndex(of: "\n") {
                    let line = pending[..<newline]
                    pending = String(pending[pending.index(after: newline)...])
                    guard line.hasPrefix("data: "), let event = try? decoder.decode(Event.self, from: Data(line.dropFirst(6).utf8)) else { continue }
                    guard event.kind == "runChanged", let id = event.runId, let status = event.status, Self.finalStatuses.contains(status) else { continue }
                    let now = ContinuousClock.now
                    endings.withLock { endings in
                        if endings[id] == nil { endings[id] = Ending(at: now, status: status) }
                    }
                }
            }
        } catch {
            // Cancelled at the end of the measurement, or the engine went away: what was seen stays.
        }
    }

    func ending(of runID: String) -> Ending? { endings.withLock { $0[runID] } }

    func count(of runIDs: Set<String>) -> Int { endings.withLock { endings in runIDs.count { endings[$0] != nil } } }
}
