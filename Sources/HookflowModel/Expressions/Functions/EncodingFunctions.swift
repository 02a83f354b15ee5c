import Foundation

/// Base64 and URI component encoding. Text is always UTF-8.
extension ExpressionFunction {
    static let encodingFunctions: [ExpressionFunction] = [
        ExpressionFunction("base64", arguments: 1...1) { call throws(ExpressionError) in
            .string(Data(try call.string(0).utf8).base64EncodedString())
        },
        ExpressionFunction("base64ToString", arguments: 1...1) { call throws(ExpressionError) in
            let encoded = try call.string(0)
            // Padding is often dropped by senders; it carries no information, so restore it.
            let padded = encoded + String(repeating: "=", count: (4 - encoded.utf8.count % 4) % 4)
            guard let data = Data(base64Encoded: padded) else {
                throw call.failure(.runtime, "cannot decode '\(encoded)': it is not valid base64", argument: 0)
            }
            guard let text = String(data: data, encoding: .utf8) else {
                throw call.failure(.runtime, "cannot decode '\(encoded)': the bytes are not UTF-8 text", argument: 0)
            }
            return .string(text)
        },
        ExpressionFunction("encodeUriComponent", arguments: 1...1) { call throws(ExpressionError) in
            var encoded = ""
            for byte in try call.string(0).utf8 {
                if unreservedURIBytes.contains(byte) {
                    encoded.unicodeScalars.append(Unicode.Scalar(byte))
                } else {
                    encoded += "%" + hexDigits[Int(byte >> 4)] + hexDigits[Int(byte & 0x0F)]
                }
            }
            return .string(encoded)
        },
        ExpressionFunction("decodeUriComponent", arguments: 1...1) { call throws(ExpressionError) in
            let encoded = try call.string(0)
            guard let decoded = encoded.removingPercentEncoding else {
                throw call.failure(.runtime, "cannot decode '\(encoded)': it has a malformed %-escape or is not UTF-8", argument: 0)
            }
            return .string(decoded)
        },
    ]

    /// RFC 3986 unreserved characters: the only ones left as they are.
    private static let unreservedURIBytes: Set<UInt8> = Set(
        Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~".utf8))
    private static let hexDigits = Array("0123456789ABCDEF").map(String.init)
}
