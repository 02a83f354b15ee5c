import Foundation
import NIOSSL
import PostgresNIO

/// Where a PostgreSQL store lives: `postgres://USER:PASSWORD@HOST:PORT/DATABASE`, as given to
/// `hookflow serve --database` or `$HOOKFLOW_DATABASE_URL`.
///
/// Query options: `sslmode=disable|prefer|require` (default `prefer`: TLS when the server offers
/// it), `search_path=SCHEMA` (the tables live in that schema, which must exist). The password is
/// never shown: ``description`` prints `postgres://hookflow@db.example:5432/hookflow`.
///
/// ```swift
/// let location = try PostgresLocation("postgres://hookflow:secret@127.0.0.1:5432/hookflow")
/// ```
public struct PostgresLocation: Sendable, Equatable, CustomStringConvertible {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    public var sslMode: SSLMode
    public var searchPath: String?

    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, prefer, require
    }

    /// The environment variable that names the database when `--database` is not given.
    public static let environmentVariable = "HOOKFLOW_DATABASE_URL"

    /// Whether `text` names a PostgreSQL database (rather than being something else entirely).
    public static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgres://") || lower.hasPrefix("postgresql://")
    }

    /// The database URL a command should use: `option` (`--database`), else `$HOOKFLOW_DATABASE_URL`; nil: the SQLite file.
    public static func chosen(option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> PostgresLocation? {
        if let option, !option.isEmpty { return try PostgresLocation(option, source: "--database") }
        if let text = environment[environmentVariable]?.trimmingCharacters(in: .whitespaces), !text.isEmpty {
            return try PostgresLocation(text, source: "$\(environmentVariable)")
        }
        return nil
    }

    /// Parses a URL; `source` names where it came from in the error (`--database`).
    public init(_ text: String, source: String = "the database URL") throws {
        func problem(_ what: String) -> LocationError {
            LocationError(message: "\(source) \(what); write it as postgres://USER:PASSWORD@HOST:PORT/DATABASE (e.g. postgres://hookflow:secret@127.0.0.1:5432/hookflow)")
        }
        guard Self.isPostgresURL(text) else {
            throw problem("\"\(Self.redacted(text))\" is not a PostgreSQL URL (it must start with postgres://)")
        }
        guard let components = URLComponents(string: text) else { throw problem("\"\(Self.redacted(text))\" is not a valid URL") }
        guard let host = components.host, !host.isEmpty else { throw problem("\"\(Self.redacted(text))\" names no host") }
        guard let user = components.user, !user.isEmpty else { throw problem("\"\(Self.redacted(text))\" names no user") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw problem("\"\(Self.redacted(text))\" names no database (the part after the last /)") }
        let port = components.port ?? 5432
        guard (1...65_535).contains(port) else { throw problem("\"\(Self.redacted(text))\" has port \(port), outside 1–65535") }
        self.host = host
        self.port = port
        self.user = user.removingPercentEncoding ?? user
        self.password = components.password.map { $0.removingPercentEncoding ?? $0 }
        self.database = database.removingPercentEncoding ?? database
        sslMode = .prefer
        searchPath = nil
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let mode = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw LocationError(message: "\(source): sslmode=\(item.value ?? "") is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                sslMode = mode
            case "search_path":
                guard let schema = item.value, !schema.isEmpty else { throw LocationError(message: "\(source): search_path= names no schema") }
                searchPath = schema
            default:
                throw LocationError(message: "\(source): the option \(item.name) is not known here; only sslmode and search_path are")
            }
        }
    }

    public init(host: String, port: Int, user: String, password: String?, database: String, sslMode: SSLMode = .prefer, searchPath: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.sslMode = sslMode
        self.searchPath = searchPath
    }

    /// The same server and credentials, another database (tests make one database each).
    public func with(database: String) -> PostgresLocation {
        var copy = self
        copy.database = database
        return copy
    }

    /// The URL without its password.
    public var description: String {
        var text = "postgres://\(user)@\(host.contains(":") ? "[\(host)]" : host):\(port)/\(database)"
        if let searchPath { text += "?search_path=\(searchPath)" }
        return text
    }

    /// The URL with its password, to hand to another process (a node started by a test).
    public var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.password = password
        components.host = host
        components.port = port
        components.path = "/" + database
        var items: [URLQueryItem] = []
        if sslMode != .prefer { items.append(URLQueryItem(name: "sslmode", value: sslMode.rawValue)) }
        if let searchPath { items.append(URLQueryItem(name: "search_path", value: searchPath)) }
        if !items.isEmpty { components.queryItems = items }
        return components.string ?? description
    }

    /// The client's configuration, with at most `connections` connections.
    func clientConfiguration(connections: Int) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(.makeClientConfiguration())
        case .require: .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.maximumConnections = max(1, connections)
        configuration.options.connectTimeout = .seconds(10)
        if let searchPath { configuration.options.additionalStartupParameters = [("search_path", searchPath)] }
        return configuration
    }

    /// One connection's configuration (the reachability and login check before the pool starts).
    func connectionConfiguration() throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS = switch sslMode {
        case .disable: .disable
        case .prefer: .prefer(try NIOSSLContext(configuration: .makeClientConfiguration()))
        case .require: .require(try NIOSSLContext(configuration: .makeClientConfiguration()))
        }
        var configuration = PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        if let searchPath { configuration.options.additionalStartupParameters = [("search_path", searchPath)] }
        return configuration
    }

    /// `text` with anything between `://USER:` and `@` hidden.
    static func redacted(_ text: String) -> String {
        guard let scheme = text.range(of: "://"), let at = text[scheme.upperBound...].lastIndex(of: "@") else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }

    /// A database URL that cannot be used, with what to write instead.
    public struct LocationError: Error, Sendable, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }
}
