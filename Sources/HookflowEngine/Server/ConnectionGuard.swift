import Foundation
import HTTPTypes
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import Synchronization

/// Keeps idle and slow connections from starving everyone else (SPEC §7).
///
/// The server closes a connection that has been idle for the idle timeout (Hummingbird's own
/// timer: no request part read — so a sender trickling a request's headers is idle too). This
/// guard adds the rest:
/// - **read deadline**: once a request's head has arrived, its body must be complete within the
///   read timeout, however slowly bytes keep coming;
/// - **connection cap**: at most `maximumConnections` are open. A new connection beyond the cap
///   closes the connection that has been idle longest (one with no request in progress), so
///   thousands of idle or half-open connections cannot keep callers out; when every connection
///   is busy, the new one is closed at once.
final class ConnectionGuard: Sendable {
    struct Configuration: Sendable {
        var maximumConnections: Int
        var readTimeout: TimeAmount
    }

    private struct Entry {
        let channel: any Channel
        /// When the connection last became idle; nil while a request is in progress.
        var idleSince: NIODeadline?
    }

    private struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        var refused = 0
        var evicted = 0
    }

    let configuration: Configuration
    private let logger: Logger
    private let state = Mutex(State())

    init(configuration: Configuration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    /// The handler to put in each connection's pipeline.
    func makeHandler() -> ConnectionGuardHandler { ConnectionGuardHandler(guard: self) }

    /// Open connections, and how many were refused or evicted so far (for tests and the log).
    var counts: (open: Int, refused: Int, evicted: Int) {
        state.withLock { ($0.entries.count, $0.refused, $0.evicted) }
    }

    // MARK: Called by the handlers

    fileprivate func opened(_ channel: any Channel) {
        let id = ObjectIdentifier(channel)
        enum Verdict { case accepted, evict(any Channel), refuse }
        let verdict = state.withLock { state -> Verdict in
            state.entries[id] = Entry(channel: channel, idleSince: .now())
            guard state.entries.count > configuration.maximumConnections else { return .accepted }
            let oldest = state.entries.filter { $0.key != id && $0.value.idleSince != nil }
                .min { ($0.value.idleSince ?? .distantFuture) < ($1.value.idleSince ?? .distantFuture) }
            if let oldest {
                state.entries[oldest.key] = nil
                state.evicted += 1
                return .evict(oldest.value.channel)
            }
            state.entries[id] = nil
            state.refused += 1
            return .refuse
        }
        switch verdict {
        case .accepted:
            break
        case .evict(let idle):
            logger.debug("\(configuration.maximumConnections) connections open: closed the longest idle one for a new caller")
            idle.close(promise: nil)
        case .refuse:
            logger.warning("\(configuration.maximumConnections) connections open and all busy: a new connection was refused")
            channel.close(promise: nil)
        }
    }

    fileprivate func closed(_ channel: any Channel) {
        _ = state.withLock { $0.entries.removeValue(forKey: ObjectIdentifier(channel)) }
    }

    fileprivate func setBusy(_ channel: any Channel, _ busy: Bool) {
        state.withLock { state in
            state.entries[ObjectIdentifier(channel)]?.idleSince = busy ? nil : .now()
        }
    }
}

/// One connection's part of the ``ConnectionGuard``: registers the connection, marks it busy
/// from a request's head to the end of its response, and closes it when a request's body is
/// not complete within the read timeout. A request line and headers beyond the decoder's limit
/// get `431 Request Header Fields Too Large` (rather than a bare `400`) before the connection closes.
final class ConnectionGuardHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let guardian: ConnectionGuard
    private var registered = false
    private var readDeadline: Scheduled<Void>?

    init(guard guardian: ConnectionGuard) { self.guardian = guardian }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { register(context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        register(context)
        context.fireChannelActive()
    }

    func channelInactive(context: ChannelHandlerContext) {
        unregister(context)
        context.fireChannelInactive()
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        unregister(context)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            guardian.setBusy(context.channel, true)
            readDeadline?.cancel()
            let channel = context.channel
            readDeadline = context.eventLoop.scheduleTask(in: guardian.configuration.readTimeout) {
                // The body did not arrive in time: nothing of it is handed on, the connection goes.
                channel.close(promise: nil)
            }
        case .end:
            readDeadline?.cancel()
            readDeadline = nil
        case .body:
            break
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        guard let parserError = error as? HTTPParserError, case .headerOverflow = parserError else {
            context.fireErrorCaught(error)
            return
        }
        // Answered here, once, and the connection closed: nothing of the request reaches the engine.
        let head = HTTPResponse(status: .init(code: 431, reasonPhrase: "Request Header Fields Too Large"),
                                headerFields: [.connection: "close", .contentLength: "0"])
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
        context.close(promise: nil)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data) { guardian.setBusy(context.channel, false) }
        context.write(data, promise: promise)
    }

    private func register(_ context: ChannelHandlerContext) {
        guard !registered else { return }
        registered = true
        guardian.opened(context.channel)
    }

    private func unregister(_ context: ChannelHandlerContext) {
        readDeadline?.cancel()
        readDeadline = nil
        guard registered else { return }
        registered = false
        guardian.closed(context.channel)
    }
}
