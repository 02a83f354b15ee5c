import Synchronization

/// What an evaluation may read that is secret: `securestring`/`secureobject` parameters, the
/// outputs of actions that are secure (marked `secureData`, or themselves made from a secret),
/// the trigger's outputs when the trigger's are, variables and loop items made from a secret,
/// and app settings the engine treats as secret.
///
/// Reads are tracked, not values: `toUpper(parameters('key'))` or `concat('Bearer ', body('Token'))`
/// are secret because of what they read, whatever they look like afterwards. See
/// ``ExpressionEvaluator/evaluateHidingSecrets(_:)``.
public struct SecretSources: Sendable, Equatable {
    /// Lowercased names (Logic Apps resolves names without regard to case).
    public var parameters: Set<String>
    public var actions: Set<String>
    public var trigger: Bool
    /// Variables whose value was made from a secret.
    public var variables: Set<String>
    /// Foreach loops whose items come from a secret.
    public var loops: Set<String>
    public var appSettings: Set<String>

    public init(
        parameters: Set<String> = [], actions: Set<String> = [], trigger: Bool = false,
        variables: Set<String> = [], loops: Set<String> = [], appSettings: Set<String> = []
    ) {
        self.parameters = Set(parameters.map { $0.lowercased() })
        self.actions = Set(actions.map { $0.lowercased() })
        self.trigger = trigger
        self.variables = Set(variables.map { $0.lowercased() })
        self.loops = Set(loops.map { $0.lowercased() })
        self.appSettings = Set(appSettings.map { $0.lowercased() })
    }

    public var isEmpty: Bool {
        parameters.isEmpty && actions.isEmpty && !trigger && variables.isEmpty && loops.isEmpty && appSettings.isEmpty
    }
}

/// Whether the evaluation of one string value read a secret (one per evaluation that hides them).
final class SecretReads: Sendable {
    let sources: SecretSources
    private let read = Mutex(false)

    init(sources: SecretSources) { self.sources = sources }

    var happened: Bool { read.withLock { $0 } }
    func reset() { read.withLock { $0 = false } }

    func parameter(_ name: String) { note(sources.parameters, name) }
    func action(_ name: String) { note(sources.actions, name) }
    func trigger() { if sources.trigger { read.withLock { $0 = true } } }
    func variable(_ name: String) { note(sources.variables, name) }
    func loop(_ name: String) { note(sources.loops, name) }
    func appSetting(_ name: String) { note(sources.appSettings, name) }

    private func note(_ secret: Set<String>, _ name: String) {
        if secret.contains(name.lowercased()) { read.withLock { $0 = true } }
    }
}
