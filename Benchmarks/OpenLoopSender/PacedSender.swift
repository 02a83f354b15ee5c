import AsyncHTTPClient
import Foundation
import NIOCore

/// Sends POSTs on a fixed schedule (open loop): request `i` is due at `start + i / rate` whatever
/// the answers to earlier ones, so a slow server meets more requests, not fewer. Latency is
/// counted from the due time, not from when the request left: a late send (the client or the
/// machine falling behind) counts against the latency instead of hiding it (no coordinated omission).
struct PacedSender {
    struct Outcome: Sendable {
        var index: Int
        var due: ContinuousClock.Instant
        /// When the request was handed to the client: how far the sender itself fell behind.
        var sent: ContinuousClock.Instant
        var answered: ContinuousClock.Instant
        /// The HTTP status, or nil when the request failed (connection error, timeout).
        var status: Int?
    }

    var client: HTTPClient
    var rate: Double
    var body: String

    func send(_ targets: [SendTarget]) async -> (start: ContinuousClock.Instant, outcomes: [Outcome]) {
        let interval = Duration.nanoseconds(Int64(1e9 / rate))
        let start = ContinuousClock.now + .milliseconds(50)
        let payload = ByteBuffer(string: body)
        let outcomes = await withTaskGroup(of: Outcome.self, returning: [Outcome].self) { group in
            for (index, target) in targets.enumerated() {
                let due = start + interval * index
                if ContinuousClock.now < due { try? await Task.sleep(until: due, tolerance: .microseconds(50), clock: .continuous) }
                group.addTask {
                    let sent = ContinuousClock.now
                    var request = HTTPClientRequest(url: target.url)
                    request.method = .POST
                    request.headers.add(name: "Content-Type", value: "application/json")
                    request.body = .bytes(payload)
                    var status: Int?
                    do {
                        let response = try await client.execute(request, timeout: .seconds(60))
                        _ = try await response.body.collect(upTo: 1 << 20)
                        status = Int(response.status.code)
                    } catch {
                        status = nil
                    }
                    return Outcome(index: index, due: due, sent: sent, answered: .now, status: status)
                }
            }
            var all: [Outcome] = []
            all.reserveCapacity(targets.count)
            for await outcome in group { all.append(outcome) }
            return all.sorted { $0.index < $1.index }
        }
        return (start, outcomes)
    }
}
