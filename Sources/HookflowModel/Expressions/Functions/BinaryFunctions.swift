import Foundation

/// Binary content and data URIs. Binary values are content envelopes (see ``ContentEnvelope``),
/// as Logic Apps writes them into outputs: `{"$content-type": "application/octet-stream", "$content": "aGVsbG8="}`.
extension ExpressionFunction {
    static let binaryFunctions: [ExpressionFunction] = [
        ExpressionFunction("base64ToBinary", arguments: 1...1) { call throws(ExpressionError) in
            let encoded = try call.string(0)
            guard let data = Base64Text.decode(encoded) else {
                throw call.failure(.runtime, "cannot decode '\(encoded)': it is not valid base64", argument: 0)
            }
            return ContentEnvelope(contentType: ContentEnvelope.octetStream, data: data).json
        },
        ExpressionFunction("binary", arguments: 1...1) { call throws(ExpressionError) in
            if let content = ContentEnvelope(call.value(0)) { return content.json }
            return ContentEnvelope(contentType: ContentEnvelope.octetStream, data: Data(try call.string(0).utf8)).json
        },
        ExpressionFunction("uriComponentToBinary", arguments: 1...1) { call throws(ExpressionError) in
            ContentEnvelope(contentType: ContentEnvelope.octetStream, data: Data(try percentDecoded(call, 0).utf8)).json
        },
        ExpressionFunction("dataUri", arguments: 1...1) { call throws(ExpressionError) in
            if let content = ContentEnvelope(call.value(0)) {
                return .string(DataURI(mediaType: content.contentType, data: content.data).text)
            }
            let text = try call.string(0)
            try call.checkResultLength((text.utf8.count + 2) / 3 * 4 + 37)
            return .string(DataURI(mediaType: "text/plain;charset=utf-8", data: Data(text.utf8)).text)
        },
        dataURIToBinary("dataUriToBinary"),
        // The reference prefers dataUriToBinary(); both work the same way.
        dataURIToBinary("decodeDataUri"),
        ExpressionFunction("dataUriToString", arguments: 1...1) { call throws(ExpressionError) in
            let uri = try dataURI(call)
            guard let text = String(data: uri.data, encoding: .utf8) else {
                throw call.failure(.runtime, "cannot read the data URI's content as text: it is not UTF-8", argument: 0)
            }
            return .string(text)
        },
    ]

    private static func dataURIToBinary(_ name: String) -> ExpressionFunction {
        ExpressionFunction(name, arguments: 1...1) { call throws(ExpressionError) in
            let uri = try dataURI(call)
            return ContentEnvelope(contentType: uri.mediaType, data: uri.data).json
        }
    }

    private static func dataURI(_ call: FunctionInvocation) throws(ExpressionError) -> DataURI {
        let text = try call.string(0)
        do {
            return try DataURI.parse(text)
        } catch {
            throw call.failure(.runtime, "cannot read '\(text)' as a data URI: \(error.message)", argument: 0)
        }
    }
}
