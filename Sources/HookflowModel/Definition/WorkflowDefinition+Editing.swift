/// Edit operations the designer uses. Each changes only the steps it names plus the
/// `runAfter` entries that must follow (a rename, a removal, an insert between two steps);
/// every other key, value and order stays as read.
extension WorkflowDefinition {
    // MARK: Adding

    /// Appends a step to a container. A new action without `runAfter` runs after the last
    /// action of its container (or after the trigger when it is the first), like "+ New step".
    public mutating func addStep(named name: String, body: JSONObject, to container: JSONPointer) throws(EditError) {
        try checkNewName(name)
        var body = body
        if container != .triggers, !body.contains("runAfter") {
            let last = steps(in: container).last?.name
            body["runAfter"] = .object(last.map { [$0: ["Succeeded"]] } ?? JSONObject())
        }
        try modifyContainer(container) { $0[name] = .object(body) }
    }

    /// Inserts an action right after `predecessor` (nil: at the start of the container).
    /// The new action runs after `predecessor`, and the actions that ran after it now run after
    /// the new one, so a chain A → B becomes A → New → B (the designer's insert point).
    public mutating func insertAction(named name: String, body: JSONObject, after predecessor: String?, in container: JSONPointer) throws(EditError) {
        try checkNewName(name)
        guard container != .triggers else { throw .containerNotFound(container) }
        var siblings = try containerObject(container)
        if let predecessor, !siblings.contains(predecessor) {
            throw .stepNotFound(StepAddress(container: container, name: predecessor))
        }
        var body = body
        body["runAfter"] = .object(predecessor.map { [$0: ["Succeeded"]] } ?? JSONObject())
        for key in siblings.keys {
            guard var sibling = siblings[key]?.objectValue else { continue }
            var runAfter = sibling["runAfter"]?.objectValue ?? JSONObject()
            if let predecessor {
                guard runAfter.contains(predecessor) else { continue }
                runAfter.renameKey(predecessor, to: name)
            } else {
                guard runAfter.isEmpty else { continue }
                runAfter[name] = ["Succeeded"]
            }
            sibling["runAfter"] = .object(runAfter)
            siblings[key] = .object(sibling)
        }
        let index = predecessor.flatMap { siblings.keys.firstIndex(of: $0).map { $0 + 1 } } ?? 0
        siblings.insert(.object(body), forKey: name, at: index)
        try setContainer(container, siblings)
    }

    // MARK: Removing

    /// Removes a step (and anything nested in it). Actions that ran after it now run after
    /// its own predecessors, so the chain stays connected.
    public mutating func removeStep(at address: StepAddress) throws(EditError) {
        var siblings = try containerObject(address.container)
        guard let removed = siblings.removeValue(forKey: address.name)?.objectValue else { throw .stepNotFound(address) }
        if !address.isTrigger {
            let inherited = removed["runAfter"]?.objectValue ?? JSONObject()
            for key in siblings.keys {
                guard var sibling = siblings[key]?.objectValue, var runAfter = sibling["runAfter"]?.objectValue,
                    let position = runAfter.keys.firstIndex(of: address.name)
                else { continue }
                runAfter.removeValue(forKey: address.name)
                for (offset, entry) in inherited.entries.enumerated() where !runAfter.contains(entry.key) {
                    runAfter.insert(entry.value, forKey: entry.key, at: position + offset)
                }
                sibling["runAfter"] = .object(runAfter)
                siblings[key] = .object(sibling)
            }
        }
        try setContainer(address.container, siblings)
    }

    // MARK: Renaming

    /// Renames a step in place (same position), and updates the `runAfter` entries and the
    /// `body('…')`, `outputs('…')`, `actions('…')`, `result('…')` references that named it.
    public mutating func renameStep(at address: StepAddress, to newName: String) throws(EditError) {
        guard newName != address.name else { return }
        if newName.lowercased() != address.name.lowercased() { try checkNewName(newName) } else if let reason = StepName.problem(with: newName) {
            throw .invalidName(newName, reason: reason)
        }
        var siblings = try containerObject(address.container)
        guard siblings.contains(address.name) else { throw .stepNotFound(address) }
        siblings.renameKey(address.name, to: newName)
        if !address.isTrigger {
            for key in siblings.keys {
                guard var sibling = siblings[key]?.objectValue, var runAfter = sibling["runAfter"]?.objectValue,
                    runAfter.contains(address.name)
                else { continue }
                runAfter.renameKey(address.name, to: newName)
                sibling["runAfter"] = .object(runAfter)
                siblings[key] = .object(sibling)
            }
        }
        try setContainer(address.container, siblings)
        if !address.isTrigger { renameReferences(from: address.name, to: newName) }
    }

    /// Rewrites `body('Old')`-style references inside expression strings.
    private mutating func renameReferences(from old: String, to new: String) {
        func rewrite(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let text) where text.contains("@"):
                return StepReferenceRewriter.rewrite(text, from: old, to: new).map(JSONValue.string) ?? value
            case .array(let elements): return .array(elements.map(rewrite))
            case .object(var object):
                for key in object.keys { if let child = object[key] { object[key] = rewrite(child) } }
                return .object(object)
            default: return value
            }
        }
        for key in ["triggers", "actions", "outputs"] { if let section = json[key] { json[key] = rewrite(section) } }
    }

    // MARK: Moving and duplicating

    /// Moves a step up (`offset` < 0) or down within its container. When the two steps that
    /// swap are chained (the lower one runs only after the upper one), the chain is swapped
    /// too, so the step really runs earlier or later.
    public mutating func moveStep(at address: StepAddress, by offset: Int) throws(EditError) {
        var siblings = try containerObject(address.container)
        guard let index = siblings.keys.firstIndex(of: address.name) else { throw .stepNotFound(address) }
        let target = index + offset
        guard offset != 0 else { return }
        guard siblings.keys.indices.contains(target) else {
            throw .cannotMove(address.name, reason: offset < 0 ? "it is already the first step here" : "it is already the last step here")
        }
        if offset.magnitude == 1, !address.isTrigger {
            let upper = siblings.keys[min(index, target)]
            let lower = siblings.keys[max(index, target)]
            swapChain(upper: upper, lower: lower, in: &siblings)
        }
        siblings.moveKey(address.name, to: target)
        try setContainer(address.container, siblings)
    }

    /// If `lower` runs only after `upper`, makes `upper` run after `lower` instead.
    private func swapChain(upper: String, lower: String, in siblings: inout JSONObject) {
        guard var upperStep = siblings[upper]?.objectValue, var lowerStep = siblings[lower]?.objectValue,
            let lowerRunAfter = lowerStep["runAfter"]?.objectValue, lowerRunAfter.keys == [upper],
            let statuses = lowerRunAfter[upper]
        else { return }
        let upperRunAfter = upperStep["runAfter"]?.objectValue ?? JSONObject()
        // Whatever ran after `lower` now runs after `upper`, which becomes the later one.
        for key in siblings.keys where key != upper && key != lower {
            guard var other = siblings[key]?.objectValue, var runAfter = other["runAfter"]?.objectValue, runAfter.contains(lower) else { continue }
            runAfter.renameKey(lower, to: upper)
            other["runAfter"] = .object(runAfter)
            siblings[key] = .object(other)
        }
        lowerStep["runAfter"] = .object(upperRunAfter)
        upperStep["runAfter"] = .object([lower: statuses])
        siblings[upper] = .object(upperStep)
        siblings[lower] = .object(lowerStep)
    }

    /// Copies a step under a new name, placed right after it (and chained after it for actions).
    public mutating func duplicateStep(at address: StepAddress, as newName: String) throws(EditError) {
        guard let original = step(at: address) else { throw .stepNotFound(address) }
        if address.isTrigger {
            try checkNewName(newName)
            var siblings = try containerObject(address.container)
            let index = (siblings.keys.firstIndex(of: address.name) ?? siblings.count - 1) + 1
            siblings.insert(.object(original.json), forKey: newName, at: index)
            try setContainer(address.container, siblings)
        } else {
            var copy = original.json
            copy.removeValue(forKey: "runAfter")
            try insertAction(named: newName, body: copy, after: address.name, in: address.container)
        }
    }

    // MARK: Fields

    /// Sets (or with nil removes) a value inside the definition. Setting the URI of a
    /// request that was read with `url` writes `uri` in the same place.
    public mutating func setValue(_ newValue: JSONValue?, at pointer: JSONPointer) throws(EditError) {
        var root = value
        if pointer.last == "uri", let parentPointer = pointer.parent, var parent = root[pointer: parentPointer]?.objectValue,
            !parent.contains("uri"), parent.contains("url")
        {
            parent.renameKey("url", to: "uri")
            root.set(.object(parent), at: parentPointer)
        }
        guard root.set(newValue, at: pointer), let object = root.objectValue else { throw .pathNotWritable(pointer) }
        json = object
    }

    // MARK: Names

    /// A name not used yet, from a base: `HTTP_Webhook`, then `HTTP_Webhook_2`, ...
    public func uniqueStepName(base: String) -> String {
        let taken = Set(allSteps.map { $0.name.lowercased() })
        let stem = StepName.fromDisplayName(base)
        if !taken.contains(stem.lowercased()) { return stem }
        var counter = 2
        while taken.contains("\(stem)_\(counter)".lowercased()) { counter += 1 }
        return "\(stem)_\(counter)"
    }

    private func checkNewName(_ name: String) throws(EditError) {
        if let reason = StepName.problem(with: name) { throw .invalidName(name, reason: reason) }
        if let existing = allSteps.first(where: { $0.name.lowercased() == name.lowercased() }) {
            throw .nameTaken(name, existing: existing.pointer)
        }
    }

    // MARK: Container plumbing

    private func containerObject(_ container: JSONPointer) throws(EditError) -> JSONObject {
        if let object = value[pointer: container]?.objectValue { return object }
        // `triggers`/`actions` may be absent in a bare definition: they start empty.
        if container == .triggers || container == .actions, value[pointer: container] == nil { return JSONObject() }
        throw .containerNotFound(container)
    }

    private mutating func setContainer(_ container: JSONPointer, _ object: JSONObject) throws(EditError) {
        var root = value
        guard root.set(.object(object), at: container), let updated = root.objectValue else { throw .containerNotFound(container) }
        json = updated
    }

    private mutating func modifyContainer(_ container: JSONPointer, _ change: (inout JSONObject) -> Void) throws(EditError) {
        var object = try containerObject(container)
        change(&object)
        try setContainer(container, object)
    }
}
