import HookflowEngine

/// Forwards the engine's live events to the workbench, and keeps doing so across engine restarts
/// and dropped connections.
///
/// ```swift
/// let feed = Task { await EngineEventFeed(client: client).run { work.post($0) } }
/// ...
/// feed.cancel()
/// ```
///
/// Each ``EngineEvent`` goes out as ``WorkbenchEvent/engine(_:)``. When the stream ends while the
/// feed runs (the engine stopped, the connection dropped) or cannot be opened, the feed sends
/// ``ConnectionChange/lost(_:)`` once, with why (what a probe of the engine answered), then tries
/// again after each of ``backOff`` (the last delay repeats): a probe (`listWorkflows`), then a new
/// subscription. Once subscribed again it sends ``ConnectionChange/restored``, and the screens
/// reload what they show (events were missed meanwhile).
///
/// An engine found through the data folder may come back elsewhere (`hookflow serve --port 0`):
/// each attempt first asks the ``EngineConnection`` to read the data folder again, and when it
/// switched to a new address the feed sends ``WorkbenchEvent/engineMoved(description:)`` before
/// subscribing there.
struct EngineEventFeed: Sendable {
    /// The waits between two attempts to reconnect; the last one repeats.
    static let backOff: [Duration] = [.milliseconds(500), .seconds(1), .seconds(2), .seconds(4), .seconds(5)]
    /// How long a probe may take: an engine that accepts connections but does not answer
    /// (stopped with SIGSTOP) must not hold the reconnection up for a request's whole timeout.
    static let probeTimeout: Duration = .seconds(3)

    let connection: EngineConnection
    var backOff: [Duration] = Self.backOff

    init(connection: EngineConnection, backOff: [Duration] = Self.backOff) {
        self.connection = connection
        self.backOff = backOff
    }

    /// A feed on an engine that stays where it is.
    init(client: any EngineClient, backOff: [Duration] = Self.backOff) {
        self.init(connection: .fixed(client), backOff: backOff)
    }

    /// Runs until the task is cancelled.
    func run(_ post: @escaping @Sendable (WorkbenchEvent) -> Void) async {
        var lost = false
        var attempt = 0
        while !Task.isCancelled {
            if lost {
                try? await Task.sleep(for: backOff[min(attempt, backOff.count - 1)])
                attempt += 1
                guard !Task.isCancelled else { return }
                if let moved = await connection.rediscover() {
                    // The data folder's engine answered its health check at the new address: no probe needed.
                    post(.engineMoved(description: moved))
                } else if await probe() != nil {
                    continue
                }
            }
            let stream: AsyncStream<EngineEvent>
            do throws(EngineError) {
                stream = try await connection.client.events()
            } catch {
                guard !Task.isCancelled else { return }
                if !lost {
                    lost = true
                    post(.connection(.lost(error.message)))
                }
                continue
            }
            if lost {
                lost = false
                post(.connection(.restored))
            }
            attempt = 0
            for await event in stream { post(.engine(event)) }
            guard !Task.isCancelled else { return }
            lost = true
            post(.connection(.lost(await probe() ?? "the engine closed its live event stream")))
        }
    }

    /// Asks the engine for its apps: `nil` when it answers, else why not.
    func probe() async -> String? {
        let client = connection.client
        let limit = Self.probeTimeout
        return await withTaskGroup(of: String?.self) { group in
            group.addTask {
                do throws(EngineError) {
                    _ = try await client.listWorkflows()
                    return nil
                } catch {
                    return error.message
                }
            }
            group.addTask {
                try? await Task.sleep(for: limit)
                return "the engine did not answer within \(limit.components.seconds) s"
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }
}
