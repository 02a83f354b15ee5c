import Foundation
import Testing
@testable import HookflowEngine

/// Run ids sort by start time, and ids made in one millisecond sort in the order they were made.
/// (Serialized: the tests make ids for made-up moments, and one moment's run is what they check.)
@Suite(.serialized)
struct RunIDTests {
    static let alphabet = Set("0123456789ABCDEFGHJKMNPQRSTVWXYZ")

    @Test func idsOfOneMillisecondAreDistinctAndSortInOrder() {
        let moment = Date(timeIntervalSince1970: 1_790_000_000.123)
        let ids = (0..<10_000).map { _ in RunID.make(at: moment) }
        #expect(Set(ids).count == ids.count)
        let inOrder = zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
        #expect(inOrder)
        let wellFormed = ids.allSatisfy { $0.count == 26 && $0.allSatisfy(Self.alphabet.contains) }
        #expect(wellFormed)
        #expect(Set(ids.map { $0.prefix(10) }).count == 1, "one time prefix")
    }

    @Test func idsSortByTheirMillisecond() {
        let earlier = RunID.make(at: Date(timeIntervalSince1970: 1_790_000_000.001))
        let later = RunID.make(at: Date(timeIntervalSince1970: 1_790_000_000.002))
        let muchLater = RunID.make(at: Date(timeIntervalSince1970: 1_890_000_000))
        #expect(earlier < later && later < muchLater)
        #expect(earlier.prefix(10) != later.prefix(10))
    }

    @Test func eachMillisecondDrawsAFreshRandomPart() {
        let first = RunID.make(at: Date(timeIntervalSince1970: 1_790_000_001))
        let second = RunID.make(at: Date(timeIntervalSince1970: 1_790_000_002))
        #expect(first.suffix(16) != second.suffix(16))
    }
}
