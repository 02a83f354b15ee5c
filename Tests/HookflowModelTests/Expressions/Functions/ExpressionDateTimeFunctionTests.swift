import Foundation
import Testing
@testable import HookflowModel

@Suite struct ExpressionDateTimeFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples for utcNow(), at its example time 2025-09-25T05:18:31Z.
    @Test(arguments: [
        ("@utcNow('u')", "2025-09-25 05:18:31Z"),
        ("@utcNow('U')", "Thursday, September 25, 2025 5:18:31 AM"),
        ("@utcNow('d')", "9/25/2025"),
        ("@utcNow('D')", "Thursday, September 25, 2025"),
        ("@utcNow('t')", "5:18 AM"),
        ("@utcNow('T')", "5:18:31 AM"),
        ("@utcNow('y')", "September 2025"),
        ("@utcNow('yyyy')", "2025"),
        ("@utcNow('ddd, d MMM yyyy')", "Thu, 25 Sep 2025"),
    ])
    func documentedUtcNowExamples(expression: String, expected: String) {
        var context = Support.context()
        context.now = { Date(timeIntervalSince1970: 1_758_777_511.25) }
        Support.expectValue(expression, .string(expected), in: context)
    }

    /// The reference's examples for formatDateTime() and parseDateTime(), with their locales.
    @Test(arguments: [
        ("@formatDateTime('03/15/2018')", "2018-03-15T00:00:00.0000000"),
        ("@formatDateTime('03/15/2018 12:00:00', 'yyyy-MM-ddTHH:mm:ss')", "2018-03-15T12:00:00"),
        ("@formatDateTime('01/31/2016', 'dddd MMMM d')", "Sunday January 31"),
        ("@formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-fr')", "dimanche janvier 31"),
        ("@formatDateTime('01/31/2016', 'dddd MMMM d', 'fr-FR')", "dimanche janvier 31"),
        ("@formatDateTime('01/31/2016', 'dddd MMMM d', 'es-es')", "domingo enero 31"),
        ("@parseDateTime('20/10/2014', 'fr-fr')", "2014-10-20T00:00:00.0000000"),
        ("@parseDateTime('20 octobre 2010', 'fr-FR')", "2010-10-20T00:00:00.0000000"),
        ("@parseDateTime('martes 20 octubre 2020', 'es-es')", "2020-10-20T00:00:00.0000000"),
        ("@parseDateTime('21052019', 'fr-fr', 'ddMMyyyy')", "2019-05-21T00:00:00.0000000"),
        ("@parseDateTime('20190521', 'fr-fr', 'yyyyMMdd')", "2019-05-21T00:00:00.0000000"),
        ("@parseDateTime('10/20/2014 15h', 'en-US', 'MM/dd/yyyy HH\\h')", "2014-10-20T15:00:00.0000000"),
    ])
    func documentedFormatAndParseExamples(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test(arguments: [
        ("@parseDateTime('2018-03-15T13:27:36Z')", "2018-03-15T13:27:36.0000000Z"),
        ("@parseDateTime('March 15, 2018 1:27 PM')", "2018-03-15T13:27:00.0000000"),
        ("@parseDateTime('Thu, 15 Mar 2018 13:27:36 GMT')", "2018-03-15T13:27:36.0000000Z"),
        ("@parseDateTime('15.03.2018 08:05', 'de-DE')", "2018-03-15T08:05:00.0000000"),
        ("@parseDateTime('3/15/18')", "2018-03-15T00:00:00.0000000"),
        ("@parseDateTime('15 Mar 2018 10:00 +02:00')", "2018-03-15T08:00:00.0000000Z"),
        ("@parseDateTime('2018-03-15 1:27 PM', 'en-US', 'yyyy-MM-dd h:mm tt')", "2018-03-15T13:27:00.0000000"),
        ("@parseDateTime('15 mars 2018 13:27:36.5', 'fr-FR', 'd MMMM yyyy HH:mm:ss.F')", "2018-03-15T13:27:36.5000000"),
        ("@parseDateTime('2018-03-15T13:27:36+01:00', '', 'yyyy-MM-ddTHH:mm:sszzz')", "2018-03-15T12:27:36.0000000Z"),
        ("@formatDateTime('15 March 2018')", "2018-03-15T00:00:00.0000000"),
    ])
    func parsing(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func parseDateTimeErrors() {
        Support.expectError(.init("@parseDateTime('someday')", .runtime, "function 'parseDateTime' cannot read 'someday' as a date and time", at: 16))
        Support.expectError(.init(
            "@parseDateTime('2019-05-21', 'fr-FR', 'ddMMyyyy')", .runtime,
            "function 'parseDateTime' cannot read '2019-05-21' with the format 'ddMMyyyy'", at: 16))
        Support.expectError(.init(
            "@parseDateTime('21052019', 'xx', 'ddMMyyyy')", .runtime,
            "function 'parseDateTime' does not know the locale 'xx'; use an RFC 4646 name such as 'en-US' or 'de-DE'", at: 28))
        Support.expectError(.init(
            "@formatDateTime('2018-03-15', 'D', 'xx')", .runtime,
            "function 'formatDateTime' does not know the locale 'xx'; use an RFC 4646 name such as 'en-US' or 'de-DE'", at: 36))
    }

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
        // Without a zone the timestamp is a clock reading, written without one (.NET's Unspecified kind).
        ("@formatDateTime('2018-03-15T13:27:36')", "2018-03-15T13:27:36.0000000"),
        ("@formatDateTime('2018-03-15T13:27', 's')", "2018-03-15T13:27:00"),
        ("@formatDateTime('2018-03-15', 'D')", "Thursday, March 15, 2018"),
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
        ("@formatDateTime('2018-03-15T13:27:36Z', 'd')", "3/15/2018"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'M')", "March 15"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'y')", "March 2018"),
        ("@formatDateTime('2018-03-15T13:27:36Z', 'g')", "3/15/2018 1:27 PM"),
        ("@formatDateTime('2018-03-15T13:27:36', 'yyyy-MM-ddTHH:mm:ssK')", "2018-03-15T13:27:36"),
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
        let expectation = "expects a timestamp such as '2024-05-01T12:00:00Z' as argument 1 but got"
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
