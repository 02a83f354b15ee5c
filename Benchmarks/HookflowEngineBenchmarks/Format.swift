import Foundation

/// How figures are written in the report: thousands separated, units spelled out.
enum Format {
    static func count(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        let digits = String(Int(value.rounded()))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0, character != "-" { grouped.append(",") }
            grouped.append(character)
        }
        return String(grouped.reversed())
    }

    static func count(_ value: Int) -> String { count(Double(value)) }

    static func decimal(_ value: Double, _ places: Int = 1) -> String {
        value.isFinite ? String(format: "%.\(places)f", value) : "—"
    }

    static func milliseconds(_ value: Double) -> String {
        guard value.isFinite else { return "—" }
        return value < 10 ? String(format: "%.2f ms", value) : "\(count(value)) ms"
    }

    static func percent(_ ratio: Double) -> String {
        guard ratio.isFinite else { return "—" }
        return ratio < 0.1 ? String(format: "%.1f %%", ratio * 100) : String(format: "%.0f %%", ratio * 100)
    }

    static func megabytes(_ value: Double) -> String { value.isFinite ? String(format: "%.1f MB", value) : "—" }

    /// A change: "+0.4 MB", "-0.1 MB".
    static func megabytesChange(_ value: Double) -> String { value.isFinite ? String(format: "%+.1f MB", value) : "—" }

    static func bytes(_ value: Double) -> String { value.isFinite ? "\(count(value)) B" : "—" }
}
