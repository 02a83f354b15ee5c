import Foundation

/// The parts of an absolute URI, as .NET's `Uri` gives them (`Host`, `AbsolutePath`, `Port`...).
extension ExpressionFunction {
    static let uriFunctions: [ExpressionFunction] = [
        ExpressionFunction("uriScheme", arguments: 1...1) { call throws(ExpressionError) in
            .string(try uri(call).scheme?.lowercased() ?? "")
        },
        ExpressionFunction("uriHost", arguments: 1...1) { call throws(ExpressionError) in
            let components = try uri(call)
            let host = components.percentEncodedHost ?? ""
            // An IPv6 address keeps its brackets, as in Uri.Host.
            return .string(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host.lowercased())
        },
        ExpressionFunction("uriPort", arguments: 1...1) { call throws(ExpressionError) in
            let components = try uri(call)
            if let port = components.port { return .int(port) }
            return .int(defaultPorts[components.scheme?.lowercased() ?? ""] ?? -1)
        },
        ExpressionFunction("uriPath", arguments: 1...1) { call throws(ExpressionError) in
            .string(path(of: try uri(call)))
        },
        ExpressionFunction("uriQuery", arguments: 1...1) { call throws(ExpressionError) in
            .string(query(of: try uri(call)))
        },
        ExpressionFunction("uriPathAndQuery", arguments: 1...1) { call throws(ExpressionError) in
            let components = try uri(call)
            return .string(path(of: components) + query(of: components))
        },
    ]

    /// The ports .NET's `Uri` gives schemes without an explicit one.
    private static let defaultPorts = ["http": 80, "https": 443, "ws": 80, "wss": 443, "ftp": 21, "sftp": 22, "ldap": 389, "mailto": 25]

    private static func uri(_ call: FunctionInvocation) throws(ExpressionError) -> URLComponents {
        let text = try call.string(0)
        guard let components = URLComponents(string: text), let scheme = components.scheme, !scheme.isEmpty,
            components.percentEncodedHost.map({ !$0.isEmpty }) ?? false || scheme.lowercased() == "file"
        else {
            throw call.failure(.runtime, "expects an absolute URI such as 'https://contoso.com/path' but got '\(text)'", argument: 0)
        }
        return components
    }

    /// The path, "/" when the URI has none.
    private static func path(of components: URLComponents) -> String {
        components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
    }

    /// The query with its "?", or "" without one.
    private static func query(of components: URLComponents) -> String {
        components.percentEncodedQuery.map { "?" + $0 } ?? ""
    }
}
