/// Where pointers fall in a document, for listing problems in the order a reader meets them.
///
/// Only the paths of the pointers asked about are walked (gathered in a tree of their tokens),
/// never the whole document, and each object is indexed once: ordering thousands of problems in
/// a large definition stays linear.
enum DocumentOrder {
    /// A rank for each pointer: smaller ranks come first. A pointer to a value that is present
    /// ranks where the value is written (a parent before its children); a pointer to a missing
    /// value ranks after everything present in its nearest present ancestor, level with the
    /// other missing ones there (their callers keep those in the order they were found).
    static func ranks(of pointers: [JSONPointer], in root: JSONValue) -> [Int] {
        // The pointers' tokens as a tree: node 0 is the document itself.
        var children: [[(token: String, node: Int)]] = [[]]
        var childByToken: [[String: Int]] = [[:]]
        var pointersAt: [[Int]] = [[]]
        for (index, pointer) in pointers.enumerated() {
            var node = 0
            for token in pointer.tokens {
                if let child = childByToken[node][token] {
                    node = child
                } else {
                    let child = children.count
                    children.append([])
                    childByToken.append([:])
                    pointersAt.append([])
                    children[node].append((token, child))
                    childByToken[node][token] = child
                    node = child
                }
            }
            pointersAt[node].append(index)
        }

        enum Visit {
            case enter(node: Int, value: JSONValue)
            /// After a node's present children: rank the missing ones below it.
            case leave(missing: [Int])
        }
        var ranks = Array(repeating: 0, count: pointers.count)
        var rank = 0
        var pending: [Visit] = [.enter(node: 0, value: root)]
        while let visit = pending.popLast() {
            switch visit {
            case .enter(let node, let value):
                for index in pointersAt[node] { ranks[index] = rank }
                rank += 1
                var present: [(position: Int, node: Int, value: JSONValue)] = []
                var missing: [Int] = []
                let positions = KeyPositions(of: value, lookups: children[node].count)
                for (token, child) in children[node] {
                    if let (position, childValue) = positions.locate(token, in: value) {
                        present.append((position, child, childValue))
                    } else {
                        missing.append(child)
                    }
                }
                pending.append(.leave(missing: missing))
                for entry in present.sorted(by: { $0.position > $1.position }) {
                    pending.append(.enter(node: entry.node, value: entry.value))
                }
            case .leave(let missing):
                guard !missing.isEmpty else { continue }
                var below = missing
                while let node = below.popLast() {
                    for index in pointersAt[node] { ranks[index] = rank }
                    below.append(contentsOf: children[node].map(\.node))
                }
                rank += 1
            }
        }
        return ranks
    }

    /// Finds where a token sits in an object or array; an object asked about many keys is
    /// indexed once instead of searched for each.
    private struct KeyPositions {
        private let index: [String: Int]?

        init(of value: JSONValue, lookups: Int) {
            if case .object(let object) = value, lookups > 8 {
                var index: [String: Int] = [:]
                for (position, key) in object.keys.enumerated() { index[key] = position }
                self.index = index
            } else {
                self.index = nil
            }
        }

        func locate(_ token: String, in value: JSONValue) -> (Int, JSONValue)? {
            switch value {
            case .object(let object):
                guard let child = object[token], let position = index?[token] ?? object.keys.firstIndex(of: token) else { return nil }
                return (position, child)
            case .array(let elements):
                guard let position = Int(token), elements.indices.contains(position) else { return nil }
                return (position, elements[position])
            default:
                return nil
            }
        }
    }
}
