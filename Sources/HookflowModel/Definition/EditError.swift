/// Why an edit of a definition was refused; the definition is left unchanged.
public enum EditError: Error, Sendable, Equatable, CustomStringConvertible {
    case stepNotFound(StepAddress)
    case nameTaken(String, existing: JSONPointer)
    case invalidName(String, reason: String)
    case containerNotFound(JSONPointer)
    case pathNotWritable(JSONPointer)
    case cannotMove(String, reason: String)

    public var description: String {
        switch self {
        case .stepNotFound(let address): "no step \"\(address.name)\" at \(address.container)"
        case .nameTaken(let name, let existing): "the name \"\(name)\" is already used by the step at \(existing); choose another name"
        case .invalidName(let name, let reason): "\"\(name)\" is not a valid step name: \(reason)"
        case .containerNotFound(let pointer): "\(pointer) does not hold steps"
        case .pathNotWritable(let pointer): "cannot set \(pointer): a value on the way is not an object or array"
        case .cannotMove(let name, let reason): "cannot move \"\(name)\": \(reason)"
        }
    }
}
