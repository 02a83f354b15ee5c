import Foundation
import HookflowModel
import Hummingbird

/// `GET /management/events`: server-sent events of app and run changes (the TUI's live view
/// when it talks to a remote engine). A comment line every 15 s keeps proxies from closing it.
extension EngineResponder {
    static let keepAliveInterval: UInt64 = 15_000_000_000

    func eventStream() async throws(APIError) -> Response {
        let events = engine.events()
        let (lines, continuation) = AsyncStream<ByteBuffer>.makeStream(bufferingPolicy: .bufferingNewest(4096))
        let forward = Task {
            for await event in events {
                continuation.yield(ByteBuffer(string: "event: \(event.kind.rawValue)\ndata: \(JSONWriter.compact.string(from: event.json))\n\n"))
            }
            continuation.finish()
        }
        let keepAlive = Task {
            while !Task.isCancelled {
                try? await Task.sleep(nanoseconds: Self.keepAliveInterval)
                continuation.yield(ByteBuffer(string: ": keep-alive\n\n"))
            }
        }
        let id = UUID()
        let registry = streams
        continuation.onTermination = { _ in
            forward.cancel()
            keepAlive.cancel()
            registry.remove(id)
        }
        guard registry.add(id, close: { continuation.finish() }) else {
            continuation.finish()
            throw APIError(status: .serviceUnavailable, code: "EngineStopping", message: "the engine is stopping")
        }
        // The first line tells the client the stream is open.
        continuation.yield(ByteBuffer(string: ": hookflow events\n\n"))
        var headers = HTTPFields()
        headers[.contentType] = "text/event-stream"
        headers[.cacheControl] = "no-cache"
        return Response(status: .ok, headers: headers, body: ResponseBody(asyncSequence: lines))
    }
}
