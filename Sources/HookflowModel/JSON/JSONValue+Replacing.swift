extension JSONValue {
    /// A copy with the values at `pointers` replaced by `replacement`; `base` is where this value
    /// itself sits (the pointers are full paths from the same root). Walks only the branches that
    /// lead to a pointer.
    public func replacingValues(at pointers: Set<JSONPointer>, relativeTo base: JSONPointer = .root, with replacement: JSONValue) -> JSONValue {
        guard !pointers.isEmpty else { return self }
        if pointers.contains(base) { return replacement }
        // The prefixes of every pointer: the branches worth walking into.
        var branches: Set<JSONPointer> = []
        for pointer in pointers {
            var prefix = pointer
            while let parent = prefix.parent, !branches.contains(parent) {
                branches.insert(parent)
                prefix = parent
            }
        }
        return replacing(at: pointers, branches: branches, base: base, with: replacement)
    }

    private func replacing(at pointers: Set<JSONPointer>, branches: Set<JSONPointer>, base: JSONPointer, with replacement: JSONValue) -> JSONValue {
        if pointers.contains(base) { return replacement }
        guard branches.contains(base) else { return self }
        switch self {
        case .array(let elements):
            return .array(elements.enumerated().map { index, element in
                element.replacing(at: pointers, branches: branches, base: base.appending(index: index), with: replacement)
            })
        case .object(let object):
            var result = JSONObject()
            for (key, element) in object.entries {
                result[key] = element.replacing(at: pointers, branches: branches, base: base.appending(key), with: replacement)
            }
            return .object(result)
        default:
            return self
        }
    }
}
