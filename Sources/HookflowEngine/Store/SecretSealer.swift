import Crypto
import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Seals what the store must keep but must never hold in clear (SPEC §3: secrets are never
/// written to run history): definitions as the user wrote them (passwords, `securestring`
/// defaults), the unsubscribe requests owed later (their credentials), and the real value of
/// outputs that run history shows masked — the run still needs it, the history must not show it.
///
/// AES-GCM with a 256-bit key kept in the data folder's `sealing-key` file (0600), apart from the
/// database: a copy of the database file alone gives none of them. A sealed column holds the
/// nonce, ciphertext and tag as binary (``PackedText``), or, as older Hookflow wrote it,
/// `sealed:v1:` and their base64.
public struct SecretSealer: Sendable {
    public static let keyFileName = "sealing-key"
    static let prefix = "sealed:v1:"

    private let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    /// The key in `folder/sealing-key`, made (0600) when the folder has none yet.
    public static func forFolder(_ folder: URL) throws -> SecretSealer {
        let file = folder.appendingPathComponent(keyFileName)
        if let text = try? String(contentsOf: file, encoding: .utf8) {
            guard let data = Data(base64Encoded: text.trimmingCharacters(in: .whitespacesAndNewlines)), data.count == 32 else {
                throw StoreError.sealing("\(file.path) is not 32 bytes of base64; restore it from a backup (without it, the sealed secrets cannot be read)")
            }
            return SecretSealer(key: SymmetricKey(data: data))
        }
        let key = SymmetricKey(size: .bits256)
        let text = key.withUnsafeBytes { Data($0).base64EncodedString() } + "\n"
        // Created 0600 under a temporary name, then linked into place: two processes opening the
        // folder together agree on one key, and nobody reads a half-written file.
        let temporary = folder.appendingPathComponent(".\(keyFileName)-\(UUID().uuidString)")
        try DataFolder.createPrivateFile(temporary)
        defer { unlink(temporary.path) }
        try Data(text.utf8).write(to: temporary)
        if link(temporary.path, file.path) != 0 {
            guard errno == EEXIST else { throw StoreError.sealing("\(file.path) cannot be written (\(String(cString: strerror(errno))))") }
            return try forFolder(folder)
        }
        return SecretSealer(key: key)
    }

    public func seal(_ text: String) -> String {
        guard let combined = seal(bytes: Data(text.utf8)) else { return text }
        return Self.prefix + combined.base64EncodedString()
    }

    /// Nonce, ciphertext and tag of `plain` (nil only if the system's random source failed).
    func seal(bytes plain: Data) -> Data? {
        // A sealed box always has its combined form with the default 12-byte nonce.
        try? AES.GCM.seal(plain, using: key).combined
    }

    /// What ``seal(bytes:)`` sealed; nil when it does not open with this key (or is not a sealed box).
    func open(bytes sealed: Data) -> Data? {
        guard let box = try? AES.GCM.SealedBox(combined: sealed) else { return nil }
        return try? AES.GCM.open(box, using: key)
    }

    /// The message of a sealed value that does not open.
    static let doesNotOpen = "a sealed value does not open with it; was the sealing-key file replaced or lost? Restore it from a backup"

    /// The text of a sealed column, or the column itself when it was written unsealed (by an
    /// older Hookflow). A sealed value that does not open is an error naming what to check.
    public func open(_ column: String) throws -> String {
        guard column.hasPrefix(Self.prefix) else { return column }
        guard let data = Data(base64Encoded: String(column.dropFirst(Self.prefix.count))), let plain = open(bytes: data) else {
            throw StoreError.sealing(Self.doesNotOpen)
        }
        return String(decoding: plain, as: UTF8.self)
    }
}
