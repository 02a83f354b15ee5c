import Foundation
import Hummingbird

// The baseline of the engine benchmarks (SPEC §6): a hello-world Hummingbird server in its own
// process. Every POST, to any path, is answered `202` with no body, which is also what a webhook
// service does with a subscribe or unsubscribe call, so the engine's webhook actions subscribe here.
//
//   HelloWorldServer [--port N]     prints "hello-world listening on http://127.0.0.1:PORT"
//
// Default `Application` settings, like `hookflow serve`: the comparison is the engine's work per
// request, not a tuned server against a stock one.

var port = 0
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--port": port = arguments.next().flatMap(Int.init) ?? port
    default:
        FileHandle.standardError.write(Data("unknown option \(argument); use --port N\n".utf8))
        exit(2)
    }
}

let router = Router()
router.post("**") { _, _ in Response(status: .accepted) }
let app = Application(
    router: router, configuration: .init(address: .hostname("127.0.0.1", port: port)),
    onServerRunning: { channel in
        // Straight to the file descriptor: the benchmark waits for this line.
        FileHandle.standardOutput.write(Data("hello-world listening on http://127.0.0.1:\(channel.localAddress?.port ?? 0)\n".utf8))
    })
try await app.runService()
