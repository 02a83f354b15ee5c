import Hummingbird
import HookflowModel

/// The answers the server writes.
enum APIResponse {
    /// JSON with `Content-Type: application/json`, keys in the order the value holds them.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(string: JSONWriter.compact.string(from: value))))
    }
}
