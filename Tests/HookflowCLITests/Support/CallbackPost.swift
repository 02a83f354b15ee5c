import AsyncHTTPClient
import Foundation
import NIOCore

/// A callback as a service sends it: a JSON POST to a signed URL.
enum CallbackPost {
    /// POSTs `body`; returns the status and the run id the engine gave (`x-ms-workflow-run-id`).
    static func send(_ url: String, body: String = #"{"id": 1}"#, client: HTTPClient = .shared) async throws -> (status: Int, runID: String) {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(string: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 20)
        return (Int(response.status.code), response.headers.first(name: "x-ms-workflow-run-id") ?? "")
    }
}
