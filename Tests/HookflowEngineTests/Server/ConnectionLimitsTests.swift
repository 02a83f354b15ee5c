import Foundation
import Testing
@testable import HookflowEngine
import HookflowModel
import HookflowTestSupport

/// Idle, slow and too many connections (SPEC §7, issue 10): each is closed in time, and callers
/// with a real request keep getting answers meanwhile.
struct ConnectionLimitsTests {
    private func short(_ configuration: inout EngineConfiguration) {
        configuration.idleTimeout = 0.5
        configuration.readTimeout = 1
    }

    @Test func anIdleConnectionIsClosed() async throws {
        try await ServerHarness.with(configure: short) { harness in
            let connection = try RawConnection(port: RawConnection.port(of: harness.url))
            let started = Date()
            let outcome = connection.readUntilClosed(timeout: 10)
            #expect(outcome.closed)
            #expect(Date().timeIntervalSince(started) < 5)
        }
    }

    @Test func headersTrickledByteByByteDoNotKeepAConnection() async throws {
        try await ServerHarness.with(configure: short) { harness in
            let connection = try RawConnection(port: RawConnection.port(of: harness.url))
            let started = Date()
            // A slowloris sender: a header byte every 100 ms, never the blank line that ends them.
            // Kept up for 20 s at most: without the timeout the connection would outlive it.
            var closed = false
            for byte in Array("POST /management/workflows HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".utf8) + Array(repeating: UInt8(ascii: "a"), count: 400) {
                if !connection.send([byte]) || connection.isClosedByPeer { closed = true; break }
                try await Task.sleep(nanoseconds: 100_000_000)
                if Date().timeIntervalSince(started) > 20 { break }
            }
            #expect(closed, "closed after the idle timeout, not kept alive by the trickle")
            #expect(Date().timeIntervalSince(started) < 15)
        }
    }

    @Test func aBodyThatDoesNotArriveInTimeClosesTheConnectionAndRecordsNothing() async throws {
        try await ServerHarness.with(configure: short) { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let url = try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
            let components = try #require(URLComponents(string: url))
            let target = components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? "")
            let connection = try RawConnection(port: RawConnection.port(of: harness.url))
            connection.send("POST \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n")
            let started = Date()
            var closed = false
            // A byte every 100 ms keeps the connection from being idle, but the body never completes in
            // time; kept up for 20 s at most (the body's 1,000 bytes would take 100 s).
            while Date().timeIntervalSince(started) < 20 {
                if !connection.send("{") || connection.isClosedByPeer { closed = true; break }
                try await Task.sleep(nanoseconds: 100_000_000)
            }
            #expect(closed, "closed at the read timeout while bytes still came")
            #expect(Date().timeIntervalSince(started) < 15)
            #expect(try await harness.storedRuns("orders").isEmpty)
        }
    }

    @Test func manyIdleConnectionsDoNotKeepCallersOut() async throws {
        try await ServerHarness.with(configure: { $0.maximumConnections = 16 }) { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let url = try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
            let port = RawConnection.port(of: harness.url)
            var idle: [RawConnection] = []
            for _ in 0..<60 { idle.append(try RawConnection(port: port)) }
            // Callers with real requests get through, each time closing the longest idle connection.
            for index in 0..<10 {
                #expect(try await harness.send(.POST, url, body: #"{"n": \#(index)}"#).status == 202)
                #expect(try await harness.management(.GET, "/management/health").status == 200)
            }
            #expect(try await harness.storedRuns("orders").count == 10)
            try await eventually(timeout: 10, "idle connections beyond the cap are closed") {
                idle.filter(\.isClosedByPeer).count >= 60 - 16
            }
            for connection in idle { connection.close() }
        }
    }
}

/// Overlong request lines and headers get their own statuses (SPEC §7): `414` for a path no route
/// could need, `431` for headers beyond the decoder's limit; nothing is recorded and the server
/// goes on answering.
struct OverlongRequestTests {
    @Test func anOverlongPathIs414AndOverlongHeadersAre431() async throws {
        try await ServerHarness.with { harness in
            _ = try await harness.engine.save(name: "orders", definition: harness.definition(), state: nil)
            let url = try await harness.engine.callbackURL(workflow: "orders", trigger: "Webhook")
            let longPath = try await harness.send(.POST, url.replacingOccurrences(of: "/run?", with: "/run" + String(repeating: "/x", count: 5_000) + "?"), body: "{}")
            #expect(longPath.status == 414)
            #expect(longPath.errorCode == "URITooLong")

            let connection = try RawConnection(port: RawConnection.port(of: harness.url))
            connection.send("POST /workflows/orders/triggers/Webhook/run HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: " + String(repeating: "a", count: 100_000) + "\r\n\r\n")
            let answer = connection.readUntilClosed(timeout: 10)
            #expect(answer.text.hasPrefix("HTTP/1.1 431"), "\(answer.text.prefix(100))")
            #expect(answer.closed)

            let many = try RawConnection(port: RawConnection.port(of: harness.url))
            many.send("GET /management/health HTTP/1.1\r\nHost: 127.0.0.1\r\n" + (0..<2_000).map { "X-H\($0): v\r\n" }.joined() + "\r\n")
            #expect(many.readUntilClosed(timeout: 10).text.hasPrefix("HTTP/1.1 431"))

            #expect(try await harness.storedRuns("orders").isEmpty)
            #expect(try await harness.management(.GET, "/management/health").status == 200)
        }
    }
}
