/// Where a step lives: the object that holds it (`/triggers`, `/actions`,
/// `/actions/Condition/else/actions`, ...) and its name in that object.
///
/// `runAfter` may only name siblings in the same container, so the container is part of a
/// step's identity for editing and validation.
public struct StepAddress: Sendable, Hashable, CustomStringConvertible {
    public let container: JSONPointer
    public let name: String

    public init(container: JSONPointer, name: String) {
        self.container = container
        self.name = name
    }

    public static func trigger(_ name: String) -> StepAddress { StepAddress(container: .triggers, name: name) }
    public static func action(_ name: String) -> StepAddress { StepAddress(container: .actions, name: name) }

    /// The JSON Pointer of the step object inside the definition.
    public var pointer: JSONPointer { container.appending(name) }
    public var isTrigger: Bool { container == .triggers }
    /// Nesting depth: 0 for triggers and top-level actions.
    public var depth: Int { isTrigger ? 0 : max(0, container.tokens.filter { $0 == "actions" }.count - 1) }
    public var description: String { pointer.description }
}

extension JSONPointer {
    public static let triggers = JSONPointer(["triggers"])
    public static let actions = JSONPointer(["actions"])
}
