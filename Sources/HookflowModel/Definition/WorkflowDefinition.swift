/// A Workflow Definition Language `definition` object.
///
/// Holds the JSON exactly as read; triggers, actions and parameters are views over it, and
/// edits (see `WorkflowDefinition+Editing.swift`) change only what they are asked to.
public struct WorkflowDefinition: Sendable, Equatable {
    public internal(set) var json: JSONObject

    public init(json: JSONObject) { self.json = json }

    /// The schema Logic Apps writes for new definitions.
    public static let schemaURL = "https://schema.management.azure.com/providers/Microsoft.Logic/schemas/2016-06-01/workflowdefinition.json#"

    /// A new, empty definition with the keys the Logic Apps designer writes.
    public static func empty() -> WorkflowDefinition {
        WorkflowDefinition(json: [
            "$schema": .string(schemaURL),
            "contentVersion": "1.0.0.0",
            "parameters": .object(JSONObject()),
            "triggers": .object(JSONObject()),
            "actions": .object(JSONObject()),
            "outputs": .object(JSONObject()),
        ])
    }

    public var schema: String? { json["$schema"]?.stringValue }
    public var contentVersion: String? { json["contentVersion"]?.stringValue }

    /// The definition as a JSON value (for pointers and writers).
    public var value: JSONValue { .object(json) }

    /// The value at a pointer relative to the definition.
    public subscript(pointer pointer: JSONPointer) -> JSONValue? { value[pointer: pointer] }

    /// Declared parameters in written order.
    public var parameters: [ParameterDeclaration] {
        json["parameters"]?.objectValue?.entries.compactMap { entry in
            entry.value.objectValue.map { ParameterDeclaration(name: entry.key, json: $0) }
        } ?? []
    }

    /// Default values of the declared parameters (what expressions see when nothing overrides them).
    public var parameterDefaults: [String: JSONValue] {
        var values: [String: JSONValue] = [:]
        for parameter in parameters { if let value = parameter.defaultValue { values[parameter.name] = value } }
        return values
    }

    /// Triggers in written order.
    public var triggers: [Step] { steps(in: .triggers) }

    /// Top-level actions in written order.
    public var actions: [Step] { steps(in: .actions) }

    /// The steps held by one container, in written order (non-object entries are skipped).
    public func steps(in container: JSONPointer) -> [Step] {
        guard let object = value[pointer: container]?.objectValue else { return [] }
        return object.entries.compactMap { entry in
            entry.value.objectValue.map { Step(address: StepAddress(container: container, name: entry.key), json: $0) }
        }
    }

    /// Every step: triggers, then actions depth-first in written order, nested ones after their parent.
    public var allSteps: [Step] { stepTree.map(\.step) }

    /// ``allSteps`` with, for each step, the index in the same list of the step whose container
    /// holds it (nil for triggers and top-level actions).
    ///
    /// Walked with an explicit stack: nesting is bounded only by the JSON depth, and the walk
    /// visits each step once.
    var stepTree: [(step: Step, parent: Int?)] {
        var result: [(step: Step, parent: Int?)] = triggers.map { ($0, nil) }
        var pending: [(steps: [Step], next: Int, parent: Int?)] = [(actions, 0, nil)]
        while let top = pending.indices.last {
            let (siblings, next, parent) = pending[top]
            guard next < siblings.count else {
                pending.removeLast()
                continue
            }
            pending[top].next += 1
            let step = siblings[next]
            result.append((step, parent))
            // Reversed, so the first container is walked first and whole, as written.
            for child in step.childContainers.reversed() { pending.append((steps(in: child), 0, result.count - 1)) }
        }
        return result
    }

    /// All action containers (`/actions` and every nested one).
    public var actionContainers: [JSONPointer] {
        var result: [JSONPointer] = [.actions]
        for step in allSteps { result.append(contentsOf: step.childContainers) }
        return result
    }

    /// Finds a step by name anywhere (names are unique per workflow; matched case-insensitively as Logic Apps does).
    public func step(named name: String) -> Step? {
        let steps = allSteps
        return steps.first { $0.name == name } ?? steps.first { $0.name.lowercased() == name.lowercased() }
    }

    public func step(at address: StepAddress) -> Step? {
        value[pointer: address.pointer]?.objectValue.map { Step(address: address, json: $0) }
    }
}
