/// Unions and intersections of arrays, or of objects.
extension ExpressionFunction {
    static let collectionSetFunctions: [ExpressionFunction] = [
        ExpressionFunction("union", atLeast: 1) { call throws(ExpressionError) in
            switch try kind(call) {
            case .arrays(let arrays):
                // Each element once, in the order it first appears.
                var result: [JSONValue] = []
                var seen = Set<JSONValue>()
                for element in arrays.joined() where seen.insert(element).inserted { result.append(element) }
                return .array(result)
            case .objects(let objects):
                // A property in several objects takes the value of the last one.
                var result = JSONObject()
                for object in objects {
                    for (key, value) in object.entries { result[key] = value }
                }
                return .object(result)
            }
        },
        ExpressionFunction("intersection", atLeast: 1) { call throws(ExpressionError) in
            switch try kind(call) {
            case .arrays(let arrays):
                // The elements of the first array found in every other, each once, in the first array's order.
                let others = arrays.dropFirst().map { Set($0) }
                var result: [JSONValue] = []
                var seen = Set<JSONValue>()
                for element in arrays[0] where others.allSatisfy({ $0.contains(element) }) && seen.insert(element).inserted {
                    result.append(element)
                }
                return .array(result)
            case .objects(let objects):
                // Properties named in every object, with the last object's value (as the reference says).
                var result = JSONObject()
                for key in objects[0].keys where objects.allSatisfy({ $0.contains(key) }) {
                    result[key] = objects[objects.count - 1][key]
                }
                return .object(result)
            }
        },
    ]

    private enum Collections {
        case arrays([[JSONValue]])
        case objects([JSONObject])
    }

    /// The arguments as arrays or as objects; the first argument decides which, and all must agree.
    private static func kind(_ call: FunctionInvocation) throws(ExpressionError) -> Collections {
        switch call.value(0) {
        case .array:
            var arrays: [[JSONValue]] = []
            for index in call.arguments.indices { arrays.append(try call.array(index)) }
            return .arrays(arrays)
        case .object:
            var objects: [JSONObject] = []
            for index in call.arguments.indices { objects.append(try call.object(index)) }
            return .objects(objects)
        default:
            throw call.typeMismatch(0, expected: "an array or an object")
        }
    }
}
