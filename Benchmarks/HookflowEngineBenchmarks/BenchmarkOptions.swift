import Foundation

/// The command line of `swift run -c release HookflowEngineBenchmarks`.
struct BenchmarkOptions {
    /// The parts of the benchmark, in the order they run.
    enum Section: String, CaseIterable {
        case throughput, commits, nodes, resume, waiting, chains
    }

    var rounds = 3
    var seconds = 10.0
    var waiting = 1_000_000
    var resumeRate = 1000
    var threads = 2
    var connections = 64
    var sections = Set(Section.allCases)
    var keep = false
    /// A PostgreSQL server the nodes section makes its databases on; nil: a throwaway cluster it starts itself.
    var database: String?

    static let usage = """
        usage: swift run -c release HookflowEngineBenchmarks [options]
          --rounds N        alternated rounds of hello-world and engine (default 3, at least 3 for SPEC §6 medians)
          --seconds S       length of each wrk window and of each resume schedule (default 10)
          --waiting N       waiting runs seeded for the restart and disk figures (default 1,000,000)
          --resume-rate R   webhook action callbacks per second, open loop (default 1000)
          --quick           --seconds 3 --waiting 20000: a few minutes, for a first look
          --only LIST       some of: throughput,commits,nodes,resume,waiting,chains (default all)
          --database URL    the PostgreSQL server the nodes section uses (postgres://USER:PASS@HOST:PORT/DB; it creates
                            and drops a database per line there); default: a throwaway cluster of /usr/lib/postgresql
          --keep            keep the data folders and logs (their path is printed)
        wrk runs with -t2 -c64 (--threads, --connections to change).
        """

    init(_ arguments: [String]) throws {
        var iterator = arguments.dropFirst().makeIterator()
        func value(_ option: String) throws -> String {
            guard let value = iterator.next() else { throw BenchmarkError("\(option) needs a value\n\(Self.usage)") }
            return value
        }
        func number(_ option: String) throws -> Int {
            let text = try value(option).replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
            guard let number = Int(text), number > 0 else { throw BenchmarkError("\(option) needs a whole number above 0, not \(text)") }
            return number
        }
        while let argument = iterator.next() {
            switch argument {
            case "--rounds": rounds = try number(argument)
            case "--seconds":
                let text = try value(argument)
                guard let parsed = Double(text), parsed >= 1 else { throw BenchmarkError("--seconds needs a number of at least 1, not \(text)") }
                seconds = parsed
            case "--waiting": waiting = try number(argument)
            case "--resume-rate": resumeRate = try number(argument)
            case "--threads": threads = try number(argument)
            case "--connections": connections = try number(argument)
            case "--quick":
                seconds = 3
                waiting = 20_000
            case "--only":
                let names = try value(argument).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                sections = []
                for name in names {
                    guard let section = Section(rawValue: name) else { throw BenchmarkError("--only: \(name) is not one of \(Section.allCases.map(\.rawValue).joined(separator: ","))") }
                    sections.insert(section)
                }
            case "--keep": keep = true
            case "--database": database = try value(argument)
            case "--help", "-h": throw BenchmarkError(Self.usage)
            default: throw BenchmarkError("unknown option \(argument)\n\(Self.usage)")
            }
        }
    }
}
