import Foundation
import Testing
@testable import HookflowModel

@Suite struct ExpressionDateTimeFunctionTests {
    typealias Support = ExpressionTestSupport

    @Test(arguments: [
        ("@utcNow()", "2024-05-01T12:00:00.5000000Z"),
        ("@utcNow('o')", "2024-05-01T12:00:00.5000000Z"),
        ("@utcNow('yyyy-MM-dd')", "2024-05-01"),
        ("@utcNow('r')", "Wed, 01 May 2024 12:00:00 GMT"),
        ("@utcNow('s')", "2024-05-01T12:00:00"),
        ("@utcNow('u')", "2024-05-01 12:00:00Z"),
        ("@utcNow('dddd')", "Wednesday"),
    ])
    func utcNow(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func utcNowReadsTheContextClockAtMicrosecondPrecision() throws {
        let context = EvaluationContext(now: { Date(timeIntervalSince1970: 1_700_000_000.123) })
        // A Double cannot hold .1230000 exactly at this magnitude; rounding to microseconds keeps it readable.
        #expect(try Support.evaluate("@utcNow()", in: context) == "2023-11-14T22:13:20.1230000Z")
        let before1970 = EvaluationContext(now: { Date(timeIntervalSince1970: -0.25) })
        #expect(try Support.evaluate("@utcNow()", in: before1970) == "1969-12-31T23:59:59.7500000Z")
    }

    @Test(arguments: [
        ("@formatDateTime('2024-05-01T10:00:00+02:00')", "2024-05-01T08:00:00.0000000Z"),
        ("@formatDateTime('2018-03-15T00:05:00-05:30', 'o')", "2018-03-15T05:35:00.0000000Z"),
        ("@formatDateTime('2018-03-15T13:27:36.1234567Z', 'o')", "2018-03-15T13:27:36.1234567Z"),
        ("@formatDateTime('2018-03-15T13:27:36.123456789Z')", "2018-03-15T13:27:36.1234567Z"),
        ("@formatDateTime('2018-03-15T13:27:36.5+0100')", "2018-03-15T12:27:36.5000000Z"),
        ("@formatDateTime('2018-03-15T13:27:36')", "2018-03-15T13:27:36.0000000Z"),
        ("@formatDateTime('2018-03-15T13:27', 's')", "2018-03-15T13:27:00"),
        ("@formatDateTime('2018-03-15', 'D')", "Thursday, 15 March 2018"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'dddd, MMMM d, yyyy h:mm tt')", "Thursday, March 15, 2018 1:27 PM"),
        ("@formatDateTime('2018-03-15T13:27:36.1234567Z', 'yyyyMMddHHmmssfff')", "20180315132736123"),
        ("@formatDateTime('2018-03-15T13:27:36Z', '''Day'' d ''of'' MMM yy')", "Day 15 of Mar 18"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'zzz K zz z')", "+00:00 Z +00 +0"),
        ("@formatDateTime('2018-03-15T13:27:36.5Z', 'ss.FFF')", "36.5"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'HH:mm:ss.FFF')", "13:27:36"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'H h t tt')", "13 1 P PM"),
        ("@formatDateTime('2018-03-15T00:07:08Z', 'h:m:s tt')", "12:7:8 AM"),
        ("@formatDateTime('0001-01-01T00:00:00Z', 'yyyy yy y')", "0001 01 1"),
        ("@formatDateTime('2018-03-05T13:27:36Z', '%d')", "5"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'd')", "03/15/2018"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'M')", "March 15"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'y')", "2018 March"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'g')", "03/15/2018 13:27"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'HH\\h')", "13h"),
        ("@formatDateTime('2018-03-15T13:27:36Z', '\"at\" HH')", "at 13"),
        ("@formatDateTime('1969-12-31T23:59:59Z', 'dddd ddd')", "Wednesday Wed"),
        ("@formatDateTime('2000-02-29T12:00:00Z', 'yyyy-MM-dd')", "2000-02-29"),
        ("@formatDateTime('2024-12-31T23:59:59Z', 'MMM MMMM')", "Dec December"),
    ])
    func formatDateTime(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func formatDateTimeErrors() {
        let expectation = "expects an ISO 8601 timestamp such as '2024-05-01T12:00:00Z' as argument 1 but got"
        Support.expectError(.init("@formatDateTime('nope')", .type, "function 'formatDateTime' \(expectation) 'nope'", at: 17))
        Support.expectError(.init(
            "@formatDateTime('2018-02-29T00:00:00Z')", .type, "function 'formatDateTime' \(expectation) '2018-02-29T00:00:00Z'", at: 17))
        Support.expectError(.init(
            "@formatDateTime('1900-02-29')", .type, "function 'formatDateTime' \(expectation) '1900-02-29'", at: 17))
        Support.expectError(.init(
            "@formatDateTime('2018-03-15T24:00:00Z')", .type, "function 'formatDateTime' \(expectation) '2018-03-15T24:00:00Z'", at: 17))
        Support.expectError(.init(
            "@formatDateTime('2018-03-15T13:27:36Z', 'q')", .runtime,
            "function 'formatDateTime' cannot use the format 'q': 'q' is not a standard date and time format "
                + "(use one of d D f F g G m o r s t T u U y, or a custom pattern)", at: 41))
        Support.expectError(.init(
            "@formatDateTime('2018-03-15T13:27:36Z', 'HH ''open')", .runtime,
            "function 'formatDateTime' cannot use the format 'HH 'open': the format has an unclosed ' quote", at: 41))
        Support.expectError(.init(
            "@formatDateTime('2018-03-15T13:27:36Z', 'ffffffff')", .runtime,
            "function 'formatDateTime' cannot use the format 'ffffffff': 'ffffffff' asks for more than 7 fraction digits", at: 41))
        Support.expectError(.init(
            "@formatDateTime(1)", .type, "function 'formatDateTime' expects a string as argument 1 but got integer", at: 17))
    }

    @Test(arguments: [
        ("@addSeconds('2018-03-15T13:27:36Z', 10)", "2018-03-15T13:27:46.0000000Z"),
        ("@addSeconds('2018-03-15T13:27:36Z', -60, 'HH:mm:ss')", "13:26:36"),
        ("@addSeconds('2024-02-28T23:59:59.25Z', 86401)", "2024-03-01T00:00:00.2500000Z"),
        ("@addSeconds('2024-01-01T00:00:00+01:00', 0)", "2023-12-31T23:00:00.0000000Z"),
        ("@addSeconds(utcNow(), 30, 's')", "2024-05-01T12:00:30"),
    ])
    func addSeconds(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func addSecondsErrors() {
        Support.expectError(.init(
            "@addSeconds('9999-12-31T23:59:59Z', 1)", .runtime, "function 'addSeconds' gives a date outside years 1 to 9999", at: 37))
        Support.expectError(.init(
            "@addSeconds('2018-03-15T13:27:36Z', 1.5)", .type, "function 'addSeconds' expects an integer as argument 2 but got float", at: 37))
    }

    @Test func calendarArithmeticRoundTrips() {
        // Every day from year 1 to 9999 maps to a civil date and back (checked every 97 days to stay quick).
        let first = Timestamp.daysFromCivil(year: 1, month: 1, day: 1)
        let last = Timestamp.daysFromCivil(year: 9999, month: 12, day: 31)
        #expect(Timestamp.daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(last - first == 3_652_058)
        for days in stride(from: first, through: last, by: 97) {
            let (year, month, day) = Timestamp.civil(fromDays: days)
            #expect(Timestamp.daysFromCivil(year: year, month: month, day: day) == days)
            #expect((1...Timestamp.daysInMonth(year: year, month: month)).contains(day))
        }
    }
}
