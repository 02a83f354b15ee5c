import Foundation

/// The sender's command line.
///
///     OpenLoopSender --targets FILE --rate 1000 [--events URL] [--settle 10] [--connections 256]
///     OpenLoopSender --url URL --count 10000 --rate 1000
///
/// A targets file has one request per line: `RUN_ID URL` (the run the URL resumes, or `-`).
struct SenderOptions {
    var targetsFile: String?
    var url: String?
    var count = 0
    var rate = 1000.0
    var events: String?
    var settleSeconds = 10.0
    var connections = 256
    var body = #"{"approved": true, "note": "open-loop benchmark callback"}"#

    init(_ arguments: [String]) throws(SenderError) {
        var iterator = arguments.dropFirst().makeIterator()
        while let argument = iterator.next() {
            guard let value = iterator.next() else { throw SenderError("\(argument) needs a value") }
            switch argument {
            case "--targets": targetsFile = value
            case "--url": url = value
            case "--count": count = try Self.number(value, argument)
            case "--rate": rate = Double(try Self.number(value, argument))
            case "--events": events = value
            case "--settle": settleSeconds = Double(try Self.number(value, argument))
            case "--connections": connections = try Self.number(value, argument)
            case "--body": body = value
            default: throw SenderError("unknown option \(argument); use --targets FILE | --url URL --count N, --rate R, --events URL, --settle S, --connections N, --body JSON")
            }
        }
        guard (targetsFile == nil) != (url == nil) else { throw SenderError("give either --targets FILE or --url URL --count N") }
        guard rate > 0 else { throw SenderError("--rate must be above 0") }
    }

    /// The requests to send, in order.
    func targets() throws(SenderError) -> [SendTarget] {
        if let url { return Array(repeating: SendTarget(runID: nil, url: url), count: count) }
        guard let targetsFile, let text = try? String(contentsOfFile: targetsFile, encoding: .utf8) else {
            throw SenderError("cannot read the targets file \(targetsFile ?? "")")
        }
        return text.split(separator: "\n").compactMap { line in
            let parts = line.split(separator: " ", maxSplits: 1)
            guard parts.count == 2 else { return nil }
            return SendTarget(runID: parts[0] == "-" ? nil : String(parts[0]), url: String(parts[1]))
        }
    }

    private static func number(_ text: String, _ option: String) throws(SenderError) -> Int {
        guard let value = Int(text), value >= 0 else { throw SenderError("\(option) needs a whole number, not \(text)") }
        return value
    }
}
