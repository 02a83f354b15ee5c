import Foundation

/// The value of an XPath expression: a node set (node indexes in document order), a string, a
/// number or a boolean, with XPath 1.0's conversions between them.
enum XPathValue: Sendable {
    case nodes([Int])
    case string(String)
    case number(Double)
    case boolean(Bool)
}

/// Evaluates an ``XPathExpression`` against an ``XMLTree``, from its root.
struct XPathEvaluator {
    let tree: XMLTree
    /// Nodes a location step may still look at. Axes such as `following::` visit most of the
    /// document from each node, so a short path over a large body could run for hours; past
    /// this many the evaluation stops with an error instead. Real paths over real documents
    /// (`//item[price > 10]/name` over ten thousand nodes) visit a few tens of thousands.
    private let budget = Budget(remaining: XPathEvaluator.maximumVisits)

    static let maximumVisits = 2_000_000

    private final class Budget {
        var remaining: Int
        init(remaining: Int) { self.remaining = remaining }
    }

    init(tree: XMLTree) { self.tree = tree }

    struct Context {
        var node: Int
        var position: Int
        var size: Int
    }

    func evaluate(_ expression: XPathExpression) throws(XPathExpression.Problem) -> XPathValue {
        try value(expression, Context(node: XMLTree.root, position: 1, size: 1))
    }

    func value(_ expression: XPathExpression, _ context: Context) throws(XPathExpression.Problem) -> XPathValue {
        switch expression {
        case .number(let value): return .number(value)
        case .literal(let text): return .string(text)
        case .negate(let operand): return .number(-number(try value(operand, context)))
        case .function(let name, let arguments): return try function(name, arguments, context)
        case .filter(let primary, let predicates):
            guard case .nodes(let nodes) = try value(primary, context) else {
                throw XPathExpression.Problem(message: "a predicate ([...]) can only follow a node set")
            }
            return .nodes(try filter(nodes, predicates, reverse: false))
        case .path(let start, let absolute, let steps):
            var nodes: [Int]
            if let start {
                guard case .nodes(let found) = try value(start, context) else {
                    throw XPathExpression.Problem(message: "a path ('/') can only follow a node set")
                }
                nodes = found
            } else {
                nodes = [absolute ? XMLTree.root : context.node]
            }
            for step in steps { nodes = try apply(step, to: nodes) }
            return .nodes(nodes)
        case .binary(let op, let lhs, let rhs):
            return try binary(op, lhs, rhs, context)
        }
    }

    // MARK: Steps

    private func apply(_ step: XPathExpression.Step, to nodes: [Int]) throws(XPathExpression.Problem) -> [Int] {
        var found = Set<Int>()
        for node in nodes {
            let nodesOnAxis = axis(step.axis, of: node)
            budget.remaining -= nodesOnAxis.count + 1
            guard budget.remaining >= 0 else {
                throw XPathExpression.Problem(
                    message: "it looks at more than \(Self.maximumVisits) nodes of this document; narrow the path (fewer '//' and following:: or preceding:: steps)")
            }
            let candidates = nodesOnAxis.filter { matches(step.test, $0, principal: step.axis == .attribute ? .attribute : .element) }
            found.formUnion(try filter(candidates, step.predicates, reverse: step.axis.isReverse))
        }
        return found.sorted()
    }

    /// Keeps the nodes each predicate accepts; positions count in axis order.
    private func filter(_ nodes: [Int], _ predicates: [XPathExpression], reverse: Bool) throws(XPathExpression.Problem) -> [Int] {
        var current = reverse ? nodes.sorted(by: >) : nodes
        for predicate in predicates {
            var kept: [Int] = []
            for (offset, node) in current.enumerated() {
                let result = try value(predicate, Context(node: node, position: offset + 1, size: current.count))
                // A number selects by position; anything else is taken as a condition.
                let keep: Bool
                if case .number(let position) = result { keep = position == Double(offset + 1) } else { keep = boolean(result) }
                if keep { kept.append(node) }
            }
            current = kept
        }
        return current.sorted()
    }

    private func axis(_ axis: XPathExpression.Axis, of index: Int) -> [Int] {
        let node = tree[index]
        switch axis {
        case .child: return node.children
        case .attribute: return node.attributes
        case .self: return [index]
        case .descendant: return tree.descendants(of: index)
        case .descendantOrSelf: return [index] + tree.descendants(of: index)
        case .parent: return node.parent.map { [$0] } ?? []
        case .ancestor, .ancestorOrSelf:
            var found = axis == .ancestorOrSelf ? [index] : []
            var current = node.parent
            while let parent = current {
                found.append(parent)
                current = tree[parent].parent
            }
            return found.sorted()
        case .followingSibling, .precedingSibling:
            guard node.kind != .attribute, let parent = node.parent, let position = tree[parent].children.firstIndex(of: index) else { return [] }
            let siblings = tree[parent].children
            return axis == .followingSibling ? Array(siblings[(position + 1)...]) : Array(siblings[..<position])
        case .following:
            // Everything after the node's subtree (a subtree is contiguous in the node array).
            let owner = node.kind == .attribute ? (node.parent ?? index) : index
            let end = node.kind == .attribute ? index : (tree.descendants(of: owner).last ?? (tree[owner].attributes.last ?? owner))
            return ((end + 1)..<tree.nodes.count).filter { tree[$0].kind != .attribute }
        case .preceding:
            let owner = node.kind == .attribute ? (node.parent ?? index) : index
            let ancestors = Set(self.axis(.ancestor, of: owner))
            return (0..<owner).filter { tree[$0].kind != .attribute && !ancestors.contains($0) }
        }
    }

    private func matches(_ test: XPathExpression.NodeTest, _ index: Int, principal: XMLTree.Kind) -> Bool {
        let node = tree[index]
        switch test {
        case .node: return true
        case .text: return node.kind == .text
        case .comment: return node.kind == .comment
        case .processingInstruction(let target): return node.kind == .processingInstruction && (target == nil || target == node.name)
        case .name(nil): return node.kind == principal
        case .name(let name?):
            // An unprefixed name test means no namespace, as in XPath 1.0.
            return node.kind == principal && node.localName == name && node.namespaceURI.isEmpty && !node.name.contains(":")
        }
    }

    // MARK: Operators

    private func binary(_ op: XPathExpression.Operator, _ lhs: XPathExpression, _ rhs: XPathExpression, _ context: Context) throws(XPathExpression.Problem) -> XPathValue {
        switch op {
        case .or:
            if boolean(try value(lhs, context)) { return .boolean(true) }
            return .boolean(boolean(try value(rhs, context)))
        case .and:
            if !boolean(try value(lhs, context)) { return .boolean(false) }
            return .boolean(boolean(try value(rhs, context)))
        case .union:
            guard case .nodes(let a) = try value(lhs, context), case .nodes(let b) = try value(rhs, context) else {
                throw XPathExpression.Problem(message: "'|' joins node sets only")
            }
            return .nodes(Set(a + b).sorted())
        case .plus, .minus, .times, .divide, .modulo:
            let a = number(try value(lhs, context)), b = number(try value(rhs, context))
            switch op {
            case .plus: return .number(a + b)
            case .minus: return .number(a - b)
            case .times: return .number(a * b)
            case .divide: return .number(a / b)
            default: return .number(a.truncatingRemainder(dividingBy: b))
            }
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual:
            return .boolean(compare(op, try value(lhs, context), try value(rhs, context)))
        }
    }

    /// XPath 1.0 comparison: node sets compare by any member's string value.
    private func compare(_ op: XPathExpression.Operator, _ a: XPathValue, _ b: XPathValue) -> Bool {
        switch (a, b) {
        case (.nodes(let left), .nodes(let right)):
            let rightValues = right.map { XPathValue.string(tree.stringValue($0)) }
            return left.contains { node in rightValues.contains { compare(op, .string(tree.stringValue(node)), $0) } }
        case (.nodes(let nodes), .boolean), (.boolean, .nodes(let nodes)):
            let set = XPathValue.boolean(!nodes.isEmpty)
            if case .nodes = a { return compare(op, set, b) } else { return compare(op, a, set) }
        case (.nodes(let nodes), _):
            return nodes.contains { compare(op, .string(tree.stringValue($0)), b) }
        case (_, .nodes(let nodes)):
            return nodes.contains { compare(op, a, .string(tree.stringValue($0))) }
        default:
            break
        }
        switch op {
        case .equal, .notEqual:
            let equal: Bool
            if case .boolean = a { equal = boolean(a) == boolean(b) }
            else if case .boolean = b { equal = boolean(a) == boolean(b) }
            else if case .number = a { equal = number(a) == number(b) }
            else if case .number = b { equal = number(a) == number(b) }
            else { equal = string(a) == string(b) }
            return op == .equal ? equal : !equal
        case .less: return number(a) < number(b)
        case .lessOrEqual: return number(a) <= number(b)
        case .greater: return number(a) > number(b)
        default: return number(a) >= number(b)
        }
    }

    // MARK: Conversions

    func string(_ value: XPathValue) -> String {
        switch value {
        case .string(let text): return text
        case .boolean(let bool): return bool ? "true" : "false"
        case .nodes(let nodes): return nodes.first.map(tree.stringValue) ?? ""
        case .number(let number):
            if number.isNaN { return "NaN" }
            if number.isInfinite { return number < 0 ? "-Infinity" : "Infinity" }
            if number == number.rounded(), abs(number) < 1e15 { return String(Int(number)) }
            return DecimalDigits(literal: "\(number)").map { NumericFormat.fixed($0, decimals: $0.fractionDigits.count, grouped: false, .invariant) }
                .map { (number < 0 ? "-" : "") + $0 } ?? "\(number)"
        }
    }

    func number(_ value: XPathValue) -> Double {
        switch value {
        case .number(let number): return number
        case .boolean(let bool): return bool ? 1 : 0
        case .string, .nodes:
            let text = string(value).trimmingCharacters(in: .whitespaces)
            // XPath numbers are plain decimals: no exponent, no 'inf' or 'nan'.
            guard !text.isEmpty, text.allSatisfy({ $0.isASCIIDigit || $0 == "." || $0 == "-" }), let number = Double(text) else { return .nan }
            return number
        }
    }

    func boolean(_ value: XPathValue) -> Bool {
        switch value {
        case .boolean(let bool): return bool
        case .number(let number): return number != 0 && !number.isNaN
        case .string(let text): return !text.isEmpty
        case .nodes(let nodes): return !nodes.isEmpty
        }
    }
}
