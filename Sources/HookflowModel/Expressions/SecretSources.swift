import Synchronization

/// What an evaluation may read that is secret: `securestring`/`secureobject` parameters, the
/// outputs of actions that are secure (marked `secureData`, or themselves made from a secret),
/// and the trigger's outputs when the trigger's are.
///
/// Reads are tracked, not values: `toUpper(parameters('key'))` or `concat('Bearer ', body('Token'))`
/// are secret because of what they read, whatever they look like afterwards. See
/// ``ExpressionEvaluator/evaluateHidingSecrets(_:)``.
public struct SecretSources: Sendable, Equatable {
    /// Lowercased names (Logic Apps resolves names without regard to case).
    public var parameters: Set<String>
    public var actions: Set<String>
    public var trigger: Bool

    public init(parameters: Set<String> = [], actions: Set<String> = [], trigger: Bool = false) {
        self.parameters = Set(parameters.map { $0.lowercased() })
        self.actions = Set(actions.map { $0.lowercased() })
        self.trigger = trigger
    }

    public var isEmpty: Bool { parameters.isEmpty && actions.isEmpty && !trigger }
}

/// Whether the evaluation of one string value read a secret (one per evaluation that hides them).
final class SecretReads: Sendable {
    let sources: SecretSources
    private let read = Mutex(false)

    init(sources: SecretSources) { self.sources = sources }

    var happened: Bool { read.withLock { $0 } }
    func reset() { read.withLock { $0 = false } }

    func parameter(_ name: String) { if sources.parameters.contains(name.lowercased()) { read.withLock { $0 = true } } }
    func action(_ name: String) { if sources.actions.contains(name.lowercased()) { read.withLock { $0 = true } } }
    func trigger() { if sources.trigger { read.withLock { $0 = true } } }
}
