import Foundation

/// Base64 and URI component encoding. Text is always UTF-8.
extension ExpressionFunction {
    static let encodingFunctions: [ExpressionFunction] = [
        ExpressionFunction("base64", arguments: 1...1) { call throws(ExpressionError) in
            // Binary content (`base64(decodeDataUri(...))`) is encoded as its bytes.
            if let content = ContentEnvelope(call.value(0)) { return .string(content.data.base64EncodedString()) }
            return .string(Data(try call.string(0).utf8).base64EncodedString())
        },
        base64ToString("base64ToString"),
        // Deprecated in the reference in favour of base64ToString(), which it equals.
        base64ToString("decodeBase64"),
        encodeURIComponent("encodeUriComponent"),
        // The reference prefers uriComponent(); both work the same way.
        encodeURIComponent("uriComponent"),
        decodeURIComponent("decodeUriComponent"),
        decodeURIComponent("uriComponentToString"),
    ]

    private static func base64ToString(_ name: String) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 1...1) { call throws(ExpressionError) in
            let encoded = try call.string(0)
            guard let data = Base64Text.decode(encoded) else {
                throw call.failure(.runtime, "cannot decode '\(encoded)': it is not valid base64", argument: 0)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw call.failure(.runtime, "cannot decode '\(encoded)': the bytes are not UTF-8 text", argument: 0)
            }
            return .string(text)
        }
    }

    private static func encodeURIComponent(_ name: String) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 1...1) { call throws(ExpressionError) in
            .string(percentEncoded(Array(try call.text(0).utf8)))
        }
    }

    private static func decodeURIComponent(_ name: String) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 1...1) { call throws(ExpressionError) in
            .string(try percentDecoded(call, 0))
        }
    }

    /// Every byte but the RFC 3986 unreserved ones as `%XX`, as .NET's `Uri.EscapeDataString` does.
    static func percentEncoded(_ bytes: [UInt8]) -> String {
        var encoded = ""
        for byte in bytes {
            if unreservedURIBytes.contains(byte) {
                encoded.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                encoded += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
            }
        }
        return encoded
    }

    /// Argument `index` with its %-escapes decoded, as UTF-8 text.
    static func percentDecoded(_ call: FunctionInvocation, _ index: Int) throws(ExpressionError) -> String {
        let encoded = try call.string(index)
        guard let decoded = encoded.removingPercentEncoding else {
            throw call.failure(.runtime, "cannot decode '\(encoded)': it has a malformed %-escape or is not UTF-8", argument: index)
        }
        return decoded
    }

    /// RFC 3986 unreserved characters: the only ones left as they are.
    private static let unreservedURIBytes: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8))
    private static let hexDigits = Array("0123456789ABCDEF").map(String.init)
}
