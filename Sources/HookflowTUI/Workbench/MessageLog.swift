/// The message line above the key hints, and every message shown so far (`m` lists them in full,
/// since the line cuts long ones).
struct MessageLog: Sendable {
    /// How many messages the log keeps.
    static let limit = 200

    /// The message on the line; `nil` leaves the line to the screen (the designer's problem count).
    private(set) var current: Banner?
    /// Every message, oldest first.
    private(set) var log: [Banner] = []

    mutating func say(_ text: String, isError: Bool = false) {
        let message = Banner(text: text, isError: isError)
        current = message
        log.append(message)
        if log.count > Self.limit { log.removeFirst(log.count - Self.limit) }
    }

    /// Empties the line (the next key after a message); the log keeps it.
    mutating func clear() { current = nil }
}

/// A message: what happened, and whether it went wrong.
struct Banner: Equatable, Sendable {
    var text: String
    var isError: Bool
}
