/// A parsed XPath 1.0 expression: what `xpath()` evaluates against an ``XMLTree``.
///
/// All of XPath 1.0 except variables and the namespace axis; a prefixed name test needs
/// prefixes declared, which `xpath()` gives no way to do (as in Logic Apps, where .NET asks for
/// a namespace manager), so it is refused with a pointer to `local-name()` and `namespace-uri()`.
indirect enum XPathExpression: Sendable {
    case number(Double)
    case literal(String)
    /// A location path; `start` is the filter expression it continues (`(...)/a`), nil for a plain path.
    case path(start: XPathExpression?, absolute: Bool, steps: [Step])
    case filter(XPathExpression, predicates: [XPathExpression])
    case binary(Operator, XPathExpression, XPathExpression)
    case negate(XPathExpression)
    case function(String, [XPathExpression])

    enum Operator: Sendable {
        case or, and, equal, notEqual, less, lessOrEqual, greater, greaterOrEqual, plus, minus, times, divide, modulo, union
    }

    struct Step: Sendable {
        var axis: Axis
        var test: NodeTest
        var predicates: [XPathExpression]
    }

    enum Axis: String, Sendable, CaseIterable {
        case child, descendant, parent, ancestor, attribute, `self`, following, preceding
        case descendantOrSelf = "descendant-or-self", ancestorOrSelf = "ancestor-or-self"
        case followingSibling = "following-sibling", precedingSibling = "preceding-sibling"

        /// Axes whose positions count backwards from the context node.
        var isReverse: Bool { [.parent, .ancestor, .ancestorOrSelf, .preceding, .precedingSibling].contains(self) }
    }

    enum NodeTest: Sendable {
        /// An element or attribute name without a prefix (which means no namespace), or `*`.
        case name(String?)
        case text, comment, node
        case processingInstruction(String?)
    }

    struct Problem: Error {
        let message: String
    }
}
