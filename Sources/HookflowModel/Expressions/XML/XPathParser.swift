/// Reads XPath text into an ``XPathExpression`` by recursive descent over the XPath 1.0 grammar.
struct XPathParser {
    private var tokens: [XPathToken]
    private var index = 0
    private var depth = 0

    static func parse(_ text: String) throws(XPathExpression.Problem) -> XPathExpression {
        var parser = XPathParser(tokens: try XPathToken.tokenize(text))
        let expression = try parser.expression()
        guard parser.index == parser.tokens.count else { throw parser.unexpected() }
        return expression
    }

    private init(tokens: [XPathToken]) { self.tokens = tokens }

    private var current: XPathToken? { index < tokens.count ? tokens[index] : nil }

    private mutating func take(_ token: XPathToken) -> Bool {
        guard current == token else { return false }
        index += 1
        return true
    }

    private func unexpected() -> XPathExpression.Problem {
        XPathExpression.Problem(message: current.map { "unexpected \($0.description)" } ?? "it ends too soon")
    }

    private mutating func expression() throws(XPathExpression.Problem) -> XPathExpression {
        depth += 1
        defer { depth -= 1 }
        guard depth <= 64 else { throw XPathExpression.Problem(message: "it nests more than 64 levels deep") }
        return try binary(level: 0)
    }

    /// Operators by precedence, loosest first.
    private static let levels: [[(XPathToken, XPathExpression.Operator)]] = [
        [(.operatorName("or"), .or)],
        [(.operatorName("and"), .and)],
        [(.symbol("="), .equal), (.symbol("!="), .notEqual)],
        [(.symbol("<="), .lessOrEqual), (.symbol("<"), .less), (.symbol(">="), .greaterOrEqual), (.symbol(">"), .greater)],
        [(.symbol("+"), .plus), (.symbol("-"), .minus)],
        [(.multiply, .times), (.operatorName("div"), .divide), (.operatorName("mod"), .modulo)],
    ]

    private mutating func binary(level: Int) throws(XPathExpression.Problem) -> XPathExpression {
        guard level < Self.levels.count else { return try unary() }
        var left = try binary(level: level + 1)
        loop: while true {
            for (token, op) in Self.levels[level] where take(token) {
                left = .binary(op, left, try binary(level: level + 1))
                continue loop
            }
            return left
        }
    }

    private mutating func unary() throws(XPathExpression.Problem) -> XPathExpression {
        if take(.symbol("-")) { return .negate(try unary()) }
        var left = try pathExpression()
        while take(.symbol("|")) { left = .binary(.union, left, try pathExpression()) }
        return left
    }

    private mutating func pathExpression() throws(XPathExpression.Problem) -> XPathExpression {
        switch current {
        case .literal, .number, .symbol("("), .functionName:
            let primary = try filterExpression()
            if take(.symbol("//")) {
                return .path(start: primary, absolute: false, steps: [Self.anyDescendant] + (try relativePath()))
            }
            if take(.symbol("/")) { return .path(start: primary, absolute: false, steps: try relativePath()) }
            return primary
        case .symbol("/"):
            index += 1
            // A lone '/' is the root; otherwise a relative path follows.
            guard let next = current, next.startsStep else { return .path(start: nil, absolute: true, steps: []) }
            return .path(start: nil, absolute: true, steps: try relativePath())
        case .symbol("//"):
            index += 1
            return .path(start: nil, absolute: true, steps: [Self.anyDescendant] + (try relativePath()))
        default:
            return .path(start: nil, absolute: false, steps: try relativePath())
        }
    }

    private static let anyDescendant = XPathExpression.Step(axis: .descendantOrSelf, test: .node, predicates: [])

    private mutating func filterExpression() throws(XPathExpression.Problem) -> XPathExpression {
        var primary: XPathExpression
        switch current {
        case .literal(let text): index += 1; primary = .literal(text)
        case .number(let value): index += 1; primary = .number(value)
        case .symbol("("):
            index += 1
            primary = try expression()
            guard take(.symbol(")")) else { throw unexpected() }
        case .functionName(let name):
            index += 2 // The name and its '('.
            var arguments: [XPathExpression] = []
            if !take(.symbol(")")) {
                repeat { arguments.append(try expression()) } while take(.symbol(","))
                guard take(.symbol(")")) else { throw unexpected() }
            }
            primary = .function(name, arguments)
        default:
            throw unexpected()
        }
        let predicates = try self.predicates()
        return predicates.isEmpty ? primary : .filter(primary, predicates: predicates)
    }

    private mutating func relativePath() throws(XPathExpression.Problem) -> [XPathExpression.Step] {
        var steps = [try step()]
        while true {
            if take(.symbol("//")) {
                steps.append(Self.anyDescendant)
            } else if !take(.symbol("/")) {
                return steps
            }
            steps.append(try step())
        }
    }

    private mutating func step() throws(XPathExpression.Problem) -> XPathExpression.Step {
        if take(.symbol(".")) { return .init(axis: .self, test: .node, predicates: []) }
        if take(.symbol("..")) { return .init(axis: .parent, test: .node, predicates: []) }
        var axis = XPathExpression.Axis.child
        if take(.symbol("@")) {
            axis = .attribute
        } else if case .axisName(let name) = current {
            guard let named = XPathExpression.Axis(rawValue: name) else {
                throw XPathExpression.Problem(message: "the axis '\(name)' is not supported")
            }
            axis = named
            index += 2 // The name and its '::'.
        }
        let test: XPathExpression.NodeTest
        switch current {
        case .multiply, .name("*"):
            index += 1
            test = .name(nil)
        case .name(let name):
            index += 1
            if name.contains(":") {
                throw XPathExpression.Problem(
                    message: "the name '\(name)' has a prefix, and xpath() has no way to declare prefixes; "
                        + "match on local-name() and namespace-uri() instead, e.g. *[local-name()='\(name.split(separator: ":").last ?? "")']")
            }
            test = .name(name)
        case .nodeType(let type):
            index += 2
            var target: String?
            if case .literal(let text) = current, type == "processing-instruction" {
                target = text
                index += 1
            }
            guard take(.symbol(")")) else { throw unexpected() }
            switch type {
            case "text": test = .text
            case "comment": test = .comment
            case "node": test = .node
            default: test = .processingInstruction(target)
            }
        default:
            throw unexpected()
        }
        return .init(axis: axis, test: test, predicates: try predicates())
    }

    private mutating func predicates() throws(XPathExpression.Problem) -> [XPathExpression] {
        var found: [XPathExpression] = []
        while take(.symbol("[")) {
            found.append(try expression())
            guard take(.symbol("]")) else { throw unexpected() }
        }
        return found
    }
}
