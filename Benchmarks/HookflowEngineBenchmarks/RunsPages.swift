import Foundation

/// The runs view of an app with many runs (the designer asks for one page at a time): the first
/// page, the first page of `Waiting` runs and a page 50 pages deep should each cost about what
/// listing the apps costs, whatever the number of runs. Timed over HTTP from this process,
/// medians of 20 (50 for the deep pages), pages of 70 as the designer asks.
struct RunsPages {
    var listApps: [Double] = []
    var first: [Double] = []
    var waiting: [Double] = []
    var deep: [Double] = []

    static func measure(_ api: EngineAPI, app: String) async throws -> RunsPages {
        var pages = RunsPages()
        func time(_ body: () async throws -> Void) async rethrows -> Double {
            let start = ContinuousClock.now
            try await body()
            return (ContinuousClock.now - start).milliseconds
        }
        var token: String?
        for _ in 0..<20 {
            pages.listApps.append(try await time { _ = try await api.get("/management/workflows") })
            pages.first.append(try await time { token = try await api.runs(app, status: nil, top: 70).skipToken })
            pages.waiting.append(try await time { _ = try await api.runs(app, status: "Waiting", top: 70) })
        }
        for _ in 0..<50 {
            guard let next = token else { break }
            pages.deep.append(try await time { token = try await api.runs(app, status: nil, top: 70, skipToken: next).skipToken })
        }
        return pages
    }

    func report(runs: String, into table: inout ResultTable) {
        let base = Statistics.median(listApps)
        for (label, values) in [("first page", first), ("first page of `Waiting` runs", waiting), ("next page, 50 pages deep", deep)] {
            let median = Statistics.median(values)
            table.add(.init(figure: "runs view over \(runs) runs (pages of 70): \(label), p50", median: Format.milliseconds(median),
                            baseline: "\(Format.milliseconds(base)) (list apps)", ratio: "\(Format.decimal(median / base))×"))
        }
    }
}
