import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// A plain TCP connection to a loopback port, for what an HTTP client library will not send: a
/// request cut off halfway, headers trickled a byte at a time, a connection held open and idle.
///
/// Blocking calls, each with its own deadline; use it from a task, never from a test's main actor.
public final class RawConnection: @unchecked Sendable {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let descriptor: Int32
    private var closed = false

    /// Connects to `127.0.0.1:port`.
    public init(port: Int) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            let reason = String(cString: strerror(errno))
            Glibc.close(descriptor)
            throw Failure(description: "connect to 127.0.0.1:\(port): \(reason)")
        }
    }

    deinit { close() }

    /// The URL's port (`http://127.0.0.1:53012` → 53012).
    public static func port(of url: String) -> Int { URLComponents(string: url)?.port ?? 80 }

    /// Sends the text; false when the peer has closed the connection.
    @discardableResult
    public func send(_ text: String) -> Bool { send(Array(text.utf8)) }

    @discardableResult
    public func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return true
    }

    /// Reads until the peer closes the connection or `timeout` passes; returns what arrived and
    /// whether the connection was closed by the peer.
    public func readUntilClosed(timeout: TimeInterval) -> (text: String, closed: Bool) {
        let (received, closed) = receive(timeout: timeout) { _ in false }
        return (String(decoding: received, as: UTF8.self), closed)
    }

    /// Reads until `marker` has arrived (e.g. the blank line after a response's headers), the
    /// peer closes, or `timeout` passes.
    public func read(until marker: String, timeout: TimeInterval) -> String {
        let (received, _) = receive(timeout: timeout) { String(decoding: $0, as: UTF8.self).contains(marker) }
        return String(decoding: received, as: UTF8.self)
    }

    /// Reads until `done` says so, the peer closes (an orderly close or a reset), or `timeout` passes.
    private func receive(timeout: TimeInterval, until done: ([UInt8]) -> Bool) -> (received: [UInt8], closed: Bool) {
        var received: [UInt8] = []
        let deadline = Date().addingTimeInterval(timeout)
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while !done(received) {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return (received, false) }
            var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, Int32(max(1, remaining * 1000)))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { continue }
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return (received, true) }
            received.append(contentsOf: buffer[0..<count])
        }
        return (received, false)
    }

    /// Whether the peer has closed the connection (checked without waiting).
    public var isClosedByPeer: Bool {
        var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        guard poll(&poller, 1, 0) > 0 else { return false }
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    public func close() {
        guard !closed else { return }
        closed = true
        Glibc.close(descriptor)
    }
}
