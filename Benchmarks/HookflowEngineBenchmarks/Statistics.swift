/// Medians of rounds and percentiles of latencies.
enum Statistics {
    /// The middle value (the mean of the two middle ones for an even count); NaN for none.
    static func median(_ values: [Double]) -> Double {
        let sorted = values.filter { !$0.isNaN }.sorted()
        guard !sorted.isEmpty else { return .nan }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    /// Nearest rank, `p` between 0 and 1 (issue 11: the old benchmark passed 50 for the median
    /// and so printed the maximum): the smallest value with at least `p` of all values at or below it.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        precondition((0...1).contains(p), "percentile takes 0...1, not \(p)")
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        let rank = Int((p * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(rank, 1)) - 1]
    }
}
