import Foundation
import HookflowModel

/// Timestamps and durations as the runs screens show them, computed from the engine's ISO 8601
/// strings alone (no clock: screens stay pure, so a run still going shows `—`).
///
/// ```swift
/// RunTimes.display("2026-11-22T10:04:05.123Z")                     // "2026-11-22 10:04:05"
/// RunTimes.duration(from: "2026-11-22T10:04:05Z", to: "2026-11-22T10:07:09Z")  // "3m 04s"
/// RunTimes.duration(seconds: 1.24)                                  // "1.2s"
/// ```
enum RunTimes {
    /// The dash shown for a time or duration that is not known (yet).
    static let unknown = "—"

    /// `2026-11-22 10:04:05` (UTC, as the engine reports it); text that is not ISO 8601 is shown as it is.
    static func display(_ iso: String?) -> String {
        guard let iso else { return unknown }
        let characters = Array(iso)
        guard characters.count >= 19, characters[10] == "T" || characters[10] == " " else { return iso }
        return String(characters[0..<10]) + " " + String(characters[11..<19])
    }

    /// `10:04:05` on the same day as `reference`, `11-23 10:04` on another day.
    static func short(_ iso: String?, sameDayAs reference: String?) -> String {
        let shown = display(iso)
        guard shown.count == 19 else { return shown }
        if let reference, display(reference).prefix(10) == shown.prefix(10) {
            return String(shown.suffix(8))
        }
        return String(shown.dropFirst(5).prefix(11))
    }

    /// The time between two ISO 8601 instants, `—` when either is missing or unreadable.
    static func duration(from start: String?, to end: String?) -> String {
        guard let start, let end, let from = ISO8601Timestamp.date(from: start), let to = ISO8601Timestamp.date(from: end) else {
            return unknown
        }
        return duration(seconds: to.timeIntervalSince(from))
    }

    /// `45ms`, `1.2s`, `3m 04s`, `2h 01m`, `3d 04h`.
    static func duration(seconds: Double) -> String {
        let seconds = max(0, seconds)
        if seconds < 1 { return "\(Int((seconds * 1000).rounded()))ms" }
        if seconds < 60 {
            let tenths = Int((seconds * 10).rounded())
            return tenths >= 600 ? "1m 00s" : "\(tenths / 10).\(tenths % 10)s"
        }
        let whole = Int(seconds.rounded())
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if whole < 3600 { return "\(whole / 60)m \(two(whole % 60))s" }
        if whole < 86_400 { return "\(whole / 3600)h \(two(whole / 60 % 60))m" }
        return "\(whole / 86_400)d \(two(whole / 3600 % 24))h"
    }
}
