/// How deep JSON may nest, and the one rule that keeps every stored value readable.
///
/// Every value Hookflow accepts or produces — a definition, a callback body, a service's answer,
/// an action's inputs and outputs — nests at most ``maximumDepth`` levels (`{}` and `[]` are one
/// level, `{"a": []}` two). What Hookflow writes *around* such values (a stored run's outputs
/// object, a run detail answer, an event) adds at most ``envelopeDepth`` levels, and is read back
/// with ``envelopeReadingDepth``: so whatever was accepted can always be read again.
extension JSONValue {
    /// Deep enough for any real document, shallow enough for every recursive walk of a value.
    public static let maximumDepth = 512
    /// The most levels Hookflow's own records and answers add around a value.
    public static let envelopeDepth = 32
    /// The limit for reading text Hookflow wrote itself: stored rows, API answers, events.
    public static let envelopeReadingDepth = maximumDepth + envelopeDepth

    /// Levels of nested arrays and objects: 0 for a scalar, 1 for `[]`, 2 for `[[1]]`.
    /// Walks with an explicit stack, so any value can be measured without deep recursion.
    public var nestingDepth: Int {
        var deepest = 0
        var pending: [(value: JSONValue, depth: Int)] = [(self, 0)]
        while let (value, depth) = pending.popLast() {
            switch value {
            case .array(let elements):
                deepest = max(deepest, depth + 1)
                for element in elements where element.isContainer { pending.append((element, depth + 1)) }
            case .object(let object):
                deepest = max(deepest, depth + 1)
                for entry in object.entries where entry.value.isContainer { pending.append((entry.value, depth + 1)) }
            default:
                break
            }
        }
        return deepest
    }

    /// Whether this value nests deeper than `limit` (``maximumDepth`` by default).
    public func nestsDeeper(than limit: Int = JSONValue.maximumDepth) -> Bool { nestingDepth > limit }

    private var isContainer: Bool {
        switch self {
        case .array, .object: true
        default: false
        }
    }
}
