import Foundation

/// What identifies a trigger callback across processes (the same sender sending the same body
/// again): FNV-1a, 64 bits, over app, trigger and body. Not a security measure — only how the
/// crash-loop guard recognises a callback that stopped an engine (``InFlightRuns``).
enum CallbackKey {
    static func of(workflow: String, trigger: String, body: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01b3
            }
        }
        mix(workflow.utf8)
        mix(CollectionOfOne(0))
        mix(trigger.utf8)
        mix(CollectionOfOne(0))
        body.withUnsafeBytes { mix($0) }
        return String(hash, radix: 16)
    }
}
