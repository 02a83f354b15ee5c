/// The Response action: it answers the call that started the run, so the trigger must be one
/// that is called (Request, or HTTP Webhook: the Logic Apps designer's own test workflows answer
/// a webhook trigger's callback with a Response).
extension ValidationPass {
    mutating func checkResponse(_ step: Step) {
        if !definition.triggers.contains(where: { $0.kind == .request || $0.kind.isWebhook }) {
            add(step.pointer / "type", "A Response action needs a Request or HTTP Webhook trigger: only a trigger that is called can be answered")
        }
        // Logic Apps: a Response cannot sit in a Foreach or an Until — a caller is answered once.
        var tokens: [String] = []
        for token in step.address.container.tokens {
            if token == "actions", let loop = definition[pointer: JSONPointer(tokens)]?.objectValue,
                let type = loop["type"]?.stringValue?.lowercased(), type == "foreach" || type == "until" {
                add(step.pointer / "type", "A Response cannot be inside \(type == "foreach" ? "Foreach" : "Until") \"\(tokens.last ?? "")\": "
                    + "the caller is answered once; move it after the loop")
                break
            }
            tokens.append(token)
        }
        let inputs = step.pointer / "inputs"
        switch step.inputs?["statusCode"] {
        case nil: add(inputs / "statusCode", "Status code is required (for example 200)")
        case .number(let number)?:
            if let code = Int(number.literal), (100...599).contains(code) { break }
            add(inputs / "statusCode", "Status code \(number.literal) is not an HTTP status (a whole number from 100 to 599)")
        case .string(let text)?:
            if isDynamic(text) { break }
            if let code = Int(text), (100...599).contains(code) { break }
            add(inputs / "statusCode", "Status code \"\(text)\" is not an HTTP status (a whole number from 100 to 599)")
        case let other?: add(inputs / "statusCode", "Status code must be a number, not \(article(other.typeName))")
        }
        if let headers = step.inputs?["headers"] {
            switch headers {
            case .object(let object):
                for (name, value) in object.entries {
                    switch value {
                    case .string, .number, .bool: break
                    default: add(inputs.appending(["headers", name]), "Header \(name) must be text, not \(article(value.typeName))")
                    }
                }
            case .string(let text) where isDynamic(text): break
            default: add(inputs / "headers", "Headers must be an object of names and text values, not \(article(headers.typeName))")
            }
        }
    }
}
