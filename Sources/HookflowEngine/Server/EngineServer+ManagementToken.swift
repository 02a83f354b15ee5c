import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The bearer token that guards the management API when the server listens beyond loopback.
extension EngineServer {
    /// The file's name inside the data folder; the CLI reads it to talk to a remote engine.
    public static let managementTokenFileName = "management-token"

    /// Generates (or reads) the management bearer token in `folder/management-token`, file mode 0600.
    public static func managementToken(in folder: URL) throws -> String {
        let file = folder.appendingPathComponent(managementTokenFileName)
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw EngineServerError.managementToken(path: file.path, reason: "cannot be created: the folder cannot be made (\(error.localizedDescription))")
        }
        if let existing = try readToken(file) { return existing }

        let token = CallbackSigner.base64URL(Data(SymmetricKey(size: .bits256).withUnsafeBytes { Array($0) }))
        // Written under a temporary name, created 0600 from the start (never readable by others,
        // not even for a moment), then linked into place: two engines starting together agree
        // on one token, and nobody ever reads a half-written file.
        let temporary = folder.appendingPathComponent(".\(managementTokenFileName)-\(UUID().uuidString)")
        try writeNewFile(temporary, contents: token + "\n")
        defer { unlink(temporary.path) }
        if link(temporary.path, file.path) != 0 {
            let code = errno
            if code == EEXIST, let existing = try readToken(file) { return existing }
            throw EngineServerError.managementToken(path: file.path, reason: "cannot be written: \(String(cString: strerror(code)))")
        }
        return token
    }

    /// The token in `file`, or nil when there is no file yet.
    private static func readToken(_ file: URL) throws -> String? {
        guard FileManager.default.fileExists(atPath: file.path) else { return nil }
        let text: String
        do { text = try String(contentsOf: file, encoding: .utf8) } catch {
            throw EngineServerError.managementToken(path: file.path, reason: "cannot be read: \(error.localizedDescription)")
        }
        let token = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty, !token.contains(where: \.isWhitespace) else {
            throw EngineServerError.managementToken(path: file.path, reason: "does not hold a token; delete it and a new one is made")
        }
        // A token file others can read protects nothing: tighten it (best effort, it may belong to another user).
        _ = chmod(file.path, 0o600)
        return token
    }

    private static func writeNewFile(_ file: URL, contents: String) throws {
        let descriptor = open(file.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard descriptor >= 0 else {
            throw EngineServerError.managementToken(path: file.path, reason: "cannot be created: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let bytes = Array(contents.utf8)
        var written = 0
        while written < bytes.count {
            let result = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if result < 0, errno == EINTR { continue }
            guard result > 0 else {
                throw EngineServerError.managementToken(path: file.path, reason: "cannot be written: \(String(cString: strerror(errno)))")
            }
            written += result
        }
    }
}
