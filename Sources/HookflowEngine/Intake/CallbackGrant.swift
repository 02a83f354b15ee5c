/// A callback URL that passed its checks before its body was read (``Engine/authorizeCallback(_:query:)``):
/// the app as it was when checked, and what the URL grants.
public struct CallbackGrant: Sendable {
    public let workflow: StoredWorkflow
    public let target: CallbackSigner.Target
    /// The run plan of the app's current version (what a trigger callback's run follows).
    let plan: RunPlan
}
