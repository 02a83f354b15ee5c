/// Functions that cut, reorder or regroup a collection.
extension ExpressionFunction {
    static let collectionShapeFunctions: [ExpressionFunction] = [
        ExpressionFunction("chunk", arguments: 2...2) { call throws(ExpressionError) in
            let size = try call.integer(1)
            guard size > 0 else { throw call.failure(.runtime, "needs a chunk length of at least 1 but got \(size)", argument: 1) }
            switch call.value(0) {
            case .string(let text):
                let characters = Array(text)
                return .array(stride(from: 0, to: characters.count, by: size).map {
                    .string(String(characters[$0..<min($0 + size, characters.count)]))
                })
            case .array(let elements):
                return .array(stride(from: 0, to: elements.count, by: size).map {
                    .array(Array(elements[$0..<min($0 + size, elements.count)]))
                })
            default:
                throw call.typeMismatch(0, expected: "a string or an array")
            }
        },
        ExpressionFunction("skip", arguments: 2...2) { call throws(ExpressionError) in
            let elements = try call.array(0), count = try count(call, 1)
            return .array(Array(elements.dropFirst(count)))
        },
        ExpressionFunction("take", arguments: 2...2) { call throws(ExpressionError) in
            let count = try count(call, 1)
            switch call.value(0) {
            case .string(let text): return .string(String(text.prefix(count)))
            case .array(let elements): return .array(Array(elements.prefix(count)))
            default: throw call.typeMismatch(0, expected: "a string or an array")
            }
        },
        ExpressionFunction("reverse", arguments: 1...1) { call throws(ExpressionError) in
            .array(try call.array(0).reversed())
        },
        ExpressionFunction("sort", arguments: 1...2) { call throws(ExpressionError) in
            let elements = try call.array(0)
            let key = try call.optionalString(1)
            // Each element's sort value, checked before sorting so an error names the element.
            var values: [JSONValue] = []
            values.reserveCapacity(elements.count)
            for (offset, element) in elements.enumerated() {
                var value = element
                if let key {
                    guard case .object(let object) = element, let found = object.key(matchingCaseInsensitive: key).flatMap({ object[$0] }) else {
                        throw call.failure(.runtime, "cannot sort by '\(key)': element \(offset) is \(element.typeNameWithArticle) without that property", argument: 0)
                    }
                    value = found
                }
                switch (values.first, value) {
                case (nil, .number), (nil, .string), (nil, .bool), (.number?, .number), (.string?, .string), (.bool?, .bool):
                    values.append(value)
                default:
                    let what = key.map { "the '\($0)' values" } ?? "the elements"
                    throw call.failure(
                        .type, "can only sort \(what) when all are numbers, all strings or all booleans, but element \(offset) is \(value.typeNameWithArticle)",
                        argument: 0)
                }
            }
            // A stable sort keeps equal elements in the order they came.
            let order = values.indices.sorted { a, b in
                let comparison = compare(values[a], values[b])
                return comparison == .less || (comparison == .equal && a < b)
            }
            return .array(order.map { elements[$0] })
        },
    ]

    private static func count(_ call: FunctionInvocation, _ index: Int) throws(ExpressionError) -> Int {
        let count = try call.integer(index)
        guard count >= 0 else { throw call.failure(.runtime, "needs a count of 0 or more but got \(count)", argument: index) }
        return count
    }

    /// Orders two values of the same simple type: numbers by value, strings ordinally, false before true.
    private static func compare(_ lhs: JSONValue, _ rhs: JSONValue) -> ExpressionNumber.Order {
        switch (lhs, rhs) {
        case (.number(let a), .number(let b)):
            return ExpressionNumber.compare(ExpressionNumber(a), ExpressionNumber(b))
        case (.string(let a), .string(let b)):
            if a.unicodeScalars.elementsEqual(b.unicodeScalars) { return .equal }
            return a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars) ? .less : .greater
        case (.bool(let a), .bool(let b)):
            return a == b ? .equal : (a ? .greater : .less)
        default:
            return .equal
        }
    }
}
