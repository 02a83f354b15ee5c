import Dispatch
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// SIGINT and SIGTERM as an async wait, for a clean shutdown of `hookflow serve`.
///
/// Create it first thing: from then on the signals no longer kill the process but are kept until
/// ``next()`` is awaited, so a Ctrl-C during start-up still shuts down cleanly.
final class TerminationSignals {
    private let sources: [any DispatchSourceSignal]
    private let stream: AsyncStream<Int32>

    init(_ signals: [Int32] = [SIGINT, SIGTERM]) {
        let (stream, continuation) = AsyncStream<Int32>.makeStream(bufferingPolicy: .bufferingNewest(4))
        self.stream = stream
        sources = signals.map { number in
            // The default action (terminate) has to be off for the dispatch source to see the signal.
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { continuation.yield(number) }
            source.resume()
            return source
        }
    }

    /// Waits for the first signal, then gives the signals their default action back: a second
    /// Ctrl-C during a slow shutdown ends the process at once.
    func next() async -> Int32 {
        var iterator = stream.makeAsyncIterator()
        let number = await iterator.next() ?? SIGTERM
        for source in sources {
            source.cancel()
            signal(Int32(source.handle), SIG_DFL)
        }
        return number
    }

    /// `SIGINT` / `SIGTERM`, for the log.
    static func name(_ number: Int32) -> String {
        switch number {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        default: "signal \(number)"
        }
    }
}
