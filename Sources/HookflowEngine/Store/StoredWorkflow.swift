import Foundation
import HookflowModel

/// An app as the store keeps it: its current version and state, and the secret key that signs its callback URLs.
public struct StoredWorkflow: Sendable, Equatable {
    public var name: String
    public var state: WorkflowState
    public var version: Int
    /// The definition of ``version`` as the user wrote it (secrets included).
    public var definitionText: String
    /// `Stateful`/`Stateless`, kept for export.
    public var kind: String?
    /// What the published file held beside the definition (a workflow.json's other keys, an ARM
    /// resource's other properties: `parameters` with `$connections`, …) as JSON object text, kept
    /// for export; nil when it held nothing else.
    public var propertiesText: String?
    /// HMAC key for callback URLs (32 random bytes).
    public var accessKey: Data
    /// Bumped by every key regeneration; part of each subscription's fingerprint.
    public var accessKeyVersion: Int
    public var createdAt: Date
    public var changedAt: Date

    public init(name: String, state: WorkflowState, version: Int, definitionText: String, kind: String?, accessKey: Data,
                accessKeyVersion: Int, createdAt: Date, changedAt: Date, propertiesText: String? = nil) {
        self.name = name
        self.state = state
        self.version = version
        self.definitionText = definitionText
        self.kind = kind
        self.propertiesText = propertiesText
        self.accessKey = accessKey
        self.accessKeyVersion = accessKeyVersion
        self.createdAt = createdAt
        self.changedAt = changedAt
    }

    /// The parsed definition (it was a valid JSON object when stored; if it no longer is, the
    /// data file was damaged: a ``StoreError/damaged(_:)`` naming the app and version).
    public func definition() throws -> WorkflowDefinition {
        let problem: String
        do {
            if let object = try JSONParser.parse(definitionText).objectValue { return WorkflowDefinition(json: object) }
            problem = "holds JSON that is not an object"
        } catch {
            problem = "holds text that is not valid JSON (\(error))"
        }
        throw StoreError.damaged(StoreDamage(file: nil, table: "workflow", column: "definition",
                                             row: "name \(name.debugDescription) (version \(version))", problem: problem))
    }
}
