/// Why the engine's server could not start, or its management token could not be had.
public enum EngineServerError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Another process listens on the address.
    case addressInUse(address: String)
    /// Binding failed for another reason (an unknown host name, a privileged port, ...).
    case cannotListen(address: String, reason: String)
    /// `start()` was called on a server that was already started (or stopped).
    case alreadyStarted
    /// The server was stopped before it was listening.
    case stoppedBeforeStart
    /// The management token file could not be read or written.
    case managementToken(path: String, reason: String)

    public var description: String {
        switch self {
        case .addressInUse(let address): "\(address) is already in use; pass --port"
        case .cannotListen(let address, let reason): "cannot listen on \(address): \(reason)"
        case .alreadyStarted: "this server was already started; create a new EngineServer to listen again"
        case .stoppedBeforeStart: "the server was stopped before it started listening"
        case .managementToken(let path, let reason): "the management token file \(path) \(reason)"
        }
    }
}
