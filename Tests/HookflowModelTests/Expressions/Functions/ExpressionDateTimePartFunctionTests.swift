import Testing
@testable import HookflowModel

@Suite struct ExpressionDateTimePartFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@dayOfMonth('2018-03-15T13:27:36Z')", 15),
        ("@dayOfWeek('2018-03-15T13:27:36Z')", 4),
        ("@dayOfYear('2018-03-15T13:27:36Z')", 74),
        ("@startOfDay('2018-03-15T13:30:30Z')", "2018-03-15T00:00:00.0000000Z"),
        ("@startOfHour('2018-03-15T13:30:30Z')", "2018-03-15T13:00:00.0000000Z"),
        ("@startOfMonth('2018-03-15T13:30:30Z')", "2018-03-01T00:00:00.0000000Z"),
        ("@startOfMonth('2018-03-15T13:30:30Z', 'yyyy-MM-dd')", "2018-03-01"),
        ("@dateDifference('2015-02-08', '2018-07-30')", "1268.00:00:00"),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test(arguments: [
        // .NET's DateTime.Ticks: 100-nanosecond intervals since 0001-01-01.
        ("@ticks('0001-01-01T00:00:00Z')", 0),
        ("@ticks('1970-01-01T00:00:00Z')", 621_355_968_000_000_000),
        ("@ticks('2018-03-15T13:27:36.1234567Z')", 636_567_172_561_234_567),
        ("@dayOfWeek('2024-05-05')", 0),
        ("@dayOfYear('2024-12-31T23:59:59Z')", 366),
        ("@dayOfMonth('02/29/2024')", 29),
        ("@startOfDay('2018-03-15T13:30:30.5')", "2018-03-15T00:00:00.0000000"),
        ("@startOfHour('2018-03-15T13:30:30.9999999Z', 'HH:mm:ss.fffffff')", "13:00:00.0000000"),
        ("@dateDifference('2018-07-30', '2015-02-08')", "-1268.00:00:00"),
        ("@dateDifference('2024-01-01T00:00:00Z', '2024-01-01T01:02:03.5Z')", "01:02:03.5000000"),
        ("@dateDifference('2024-01-01T10:00:00+02:00', '2024-01-01T08:00:00Z')", "00:00:00"),
    ] as [(String, JSONValue)])
    func parts(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func errors() {
        Support.expectError(.init("@ticks(1)", .type, "function 'ticks' expects a string as argument 1 but got integer", at: 8))
        Support.expectError(.init(
            "@dayOfWeek('2018-02-30')", .type, "function 'dayOfWeek' expects a timestamp such as '2024-05-01T12:00:00Z' as argument 1 but got '2018-02-30'", at: 12))
        Support.expectError(.init(
            "@dateDifference('2018-01-01', 'later')", .type,
            "function 'dateDifference' expects a timestamp such as '2024-05-01T12:00:00Z' as argument 2 but got 'later'", at: 31))
    }
}
