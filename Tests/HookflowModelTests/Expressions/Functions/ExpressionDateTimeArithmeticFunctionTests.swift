import Foundation
import Testing
@testable import HookflowModel

@Suite struct ExpressionDateTimeArithmeticFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@addDays('2018-03-15T00:00:00Z', 10)", "2018-03-25T00:00:00.0000000Z"),
        ("@addDays('2018-03-15T00:00:00Z', -5)", "2018-03-10T00:00:00.0000000Z"),
        ("@addHours('2018-03-15T00:00:00Z', 10)", "2018-03-15T10:00:00.0000000Z"),
        ("@addHours('2018-03-15T15:00:00Z', -5)", "2018-03-15T10:00:00.0000000Z"),
        ("@addMinutes('2018-03-15T00:10:00Z', 10)", "2018-03-15T00:20:00.0000000Z"),
        ("@addMinutes('2018-03-15T00:20:00Z', -5)", "2018-03-15T00:15:00.0000000Z"),
        ("@addSeconds('2018-03-15T00:00:00Z', 10)", "2018-03-15T00:00:10.0000000Z"),
        ("@addSeconds('2018-03-15T00:00:30Z', -5)", "2018-03-15T00:00:25.0000000Z"),
        ("@addToTime('2018-01-01T00:00:00Z', 1, 'Day')", "2018-01-02T00:00:00.0000000Z"),
        ("@addToTime('2018-01-01T00:00:00Z', 1, 'Day', 'D')", "Tuesday, January 2, 2018"),
        ("@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day')", "2018-01-01T00:00:00.0000000Z"),
        // The reference prints "Monday, January, 1, 2018", a typo for .NET's en-US long date.
        ("@subtractFromTime('2018-01-02T00:00:00Z', 1, 'Day', 'D')", "Monday, January 1, 2018"),
    ])
    func documentedExamples(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    /// getFutureTime() and getPastTime() at the reference's "current timestamps".
    @Test func documentedRelativeTimeExamples() {
        var march = Support.context()
        march.now = { Date(timeIntervalSince1970: 1_519_862_400) } // 2018-03-01T00:00:00Z
        Support.expectValue("@getFutureTime(5, 'Day')", "2018-03-06T00:00:00.0000000Z", in: march)
        Support.expectValue("@getFutureTime(5, 'Day', 'D')", "Tuesday, March 6, 2018", in: march)
        var february = Support.context()
        february.now = { Date(timeIntervalSince1970: 1_517_443_200) } // 2018-02-01T00:00:00Z
        Support.expectValue("@getPastTime(5, 'Day')", "2018-01-27T00:00:00.0000000Z", in: february)
        Support.expectValue("@getPastTime(5, 'Day', 'D')", "Saturday, January 27, 2018", in: february)
    }

    @Test(arguments: [
        // Months keep the day, or take the month's last (.NET's AddMonths).
        ("@addToTime('2018-01-31T10:00:00Z', 1, 'Month')", "2018-02-28T10:00:00.0000000Z"),
        ("@addToTime('2020-02-29T00:00:00Z', 1, 'Year')", "2021-02-28T00:00:00.0000000Z"),
        ("@addToTime('2020-03-31T00:00:00Z', -1, 'month')", "2020-02-29T00:00:00.0000000Z"),
        ("@addToTime('2018-01-01T00:00:00Z', 2, 'Week')", "2018-01-15T00:00:00.0000000Z"),
        ("@subtractFromTime('2018-01-01T00:00:00Z', 1, 'Second')", "2017-12-31T23:59:59.0000000Z"),
        ("@addToTime('2018-01-01T00:00:00Z', 90, 'Minute', 'HH:mm')", "01:30"),
        ("@addToTime('2018-01-01T00:00:00Z', 25, 'Hour', 'yyyy-MM-dd HH')", "2018-01-02 01"),
        // A timestamp without a zone stays without one.
        ("@addDays('2018-03-15', 1)", "2018-03-16T00:00:00.0000000"),
        ("@addHours('03/15/2018 23:00', 2)", "2018-03-16T01:00:00.0000000"),
        ("@getPastTime(1, 'Year', 'yyyy')", "2023"),
        ("@getFutureTime(1, 'Month', 's')", "2024-06-01T12:00:00"),
    ])
    func arithmetic(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func errors() {
        Support.expectError(.init(
            "@addToTime('2018-01-01T00:00:00Z', 1, 'Fortnight')", .runtime,
            "function 'addToTime' does not know the time unit 'Fortnight'; use Second, Minute, Hour, Day, Week, Month or Year", at: 39))
        Support.expectError(.init(
            "@addDays('9999-12-31T00:00:00Z', 1)", .runtime, "function 'addDays' gives a date outside years 1 to 9999", at: 34))
        Support.expectError(.init(
            "@addToTime('0001-01-01T00:00:00Z', -1, 'Month')", .runtime, "function 'addToTime' gives a date outside years 1 to 9999", at: 36))
        Support.expectError(.init(
            "@addDays('2018-01-01T00:00:00Z', 9223372036854775807)", .runtime, "function 'addDays' gives a date outside years 1 to 9999", at: 34))
        Support.expectError(.init("@addHours('soon', 1)", .type, "function 'addHours' expects a timestamp such as '2024-05-01T12:00:00Z' as argument 1 but got 'soon'", at: 11))
        Support.expectError(.init("@getFutureTime('5', 'Day')", .type, "function 'getFutureTime' expects an integer as argument 1 but got string", at: 16))
        Support.expectError(.init(
            "@addMinutes('2018-01-01T00:00:00Z', 1, 'Q')", .runtime,
            "function 'addMinutes' cannot use the format 'Q': 'Q' is not a standard date and time format (use one of d D f F g G m o r s t T u U y, or a custom pattern)",
            at: 40))
    }
}
