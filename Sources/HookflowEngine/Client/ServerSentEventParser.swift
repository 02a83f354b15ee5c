/// Splits a text/event-stream into the `data` of each event (lines joined by newlines);
/// comments (`: ...`) and other fields are skipped. Chunks may cut lines anywhere.
struct ServerSentEventParser {
    private var buffer = ""
    private var data: [String] = []

    /// Feeds a chunk; returns the data of every event it completed.
    mutating func feed(_ chunk: String) -> [String] {
        buffer += chunk
        var completed: [String] = []
        while let newline = buffer.firstIndex(where: { $0 == "\n" || $0 == "\r\n" }) {
            var line = String(buffer[..<newline])
            buffer = String(buffer[buffer.index(after: newline)...])
            if line.hasSuffix("\r") { line.removeLast() }
            if line.isEmpty {
                if !data.isEmpty { completed.append(data.joined(separator: "\n")) }
                data.removeAll()
            } else if line.hasPrefix("data:") {
                var value = line.dropFirst(5)
                if value.first == " " { value = value.dropFirst() }
                data.append(String(value))
            }
        }
        return completed
    }
}
