import Foundation
import Testing
@testable import HookflowModel

@Suite struct ExpressionTimeZoneFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output. (Its second convertTimeZone example writes the
    /// hour as 80, a typo; it is checked with 08.)
    @Test(arguments: [
        ("@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time')", "2018-01-01T00:00:00.0000000"),
        ("@convertFromUtc('2018-01-01T08:00:00.0000000Z', 'Pacific Standard Time', 'D')", "Monday, January 1, 2018"),
        ("@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time')", "2018-01-01T00:00:00.0000000"),
        ("@convertTimeZone('2018-01-01T08:00:00.0000000Z', 'UTC', 'Pacific Standard Time', 'D')", "Monday, January 1, 2018"),
        ("@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time')", "2018-01-01T08:00:00.0000000Z"),
        ("@convertToUtc('01/01/2018 00:00:00', 'Pacific Standard Time', 'D')", "Monday, January 1, 2018"),
    ])
    func documentedExamples(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test(arguments: [
        // Summer time applies where and when it should.
        ("@convertFromUtc('2024-07-01T12:00:00Z', 'W. Europe Standard Time')", "2024-07-01T14:00:00.0000000"),
        ("@convertFromUtc('2024-01-01T12:00:00Z', 'W. Europe Standard Time')", "2024-01-01T13:00:00.0000000"),
        ("@convertTimeZone('2024-07-01T14:00:00', 'W. Europe Standard Time', 'UTC')", "2024-07-01T12:00:00.0000000Z"),
        ("@convertTimeZone('2024-07-01T14:00:00', 'W. Europe Standard Time', 'Eastern Standard Time')", "2024-07-01T08:00:00.0000000"),
        ("@convertFromUtc('2024-01-01T00:00:00Z', 'India Standard Time', 'HH:mm')", "05:30"),
        ("@convertFromUtc('2024-01-01T00:00:00Z', 'Nepal Standard Time', 'HH:mm')", "05:45"),
        ("@convertFromUtc('2024-01-01T00:00:00Z', 'UTC')", "2024-01-01T00:00:00.0000000Z"),
        // Names are matched without regard to case, as on Windows.
        ("@convertFromUtc('2018-01-01T08:00:00Z', 'pacific standard time', 'HH:mm')", "00:00"),
        // A reading without a zone is taken as UTC by convertFromUtc.
        ("@convertFromUtc('2018-01-01T08:00:00', 'Tokyo Standard Time')", "2018-01-01T17:00:00.0000000"),
        // A reading that happens twice (clocks go back) is standard time, as in .NET.
        ("@convertToUtc('2024-11-03T01:30:00', 'Pacific Standard Time')", "2024-11-03T09:30:00.0000000Z"),
        ("@convertToUtc('2024-03-31T03:30:00', 'W. Europe Standard Time')", "2024-03-31T01:30:00.0000000Z"),
    ])
    func conversions(expression: String, expected: String) {
        Support.expectValue(expression, .string(expected))
    }

    @Test func errors() {
        Support.expectError(.init(
            "@convertFromUtc('2018-01-01T08:00:00Z', 'Mars Standard Time')", .runtime,
            "function 'convertFromUtc' does not know the time zone 'Mars Standard Time'; use a Windows time zone name such as 'Pacific Standard Time' or 'W. Europe Standard Time'",
            at: 41))
        Support.expectError(.init(
            "@convertFromUtc('2018-01-01T08:00:00Z', 'Europe/Berlin')", .runtime,
            "function 'convertFromUtc' does not know the time zone 'Europe/Berlin'; Logic Apps names 'Europe/Berlin' 'W. Europe Standard Time'",
            at: 41))
        Support.expectError(.init(
            "@convertToUtc('2018-01-01T08:00:00Z', 'Pacific Standard Time')", .runtime,
            "function 'convertToUtc' cannot read a timestamp that is already in UTC (it has a 'Z' or an offset) as a time in 'Pacific Standard Time'; "
                + "leave the zone off the timestamp or give 'UTC' as the source time zone",
            at: 39))
        Support.expectError(.init(
            "@convertToUtc('2024-03-10T02:30:00', 'Pacific Standard Time')", .runtime,
            "function 'convertToUtc' cannot convert 2:30: that time does not exist in 'Pacific Standard Time' on that day (the clocks move forward over it)",
            at: 15))
        Support.expectError(.init("@convertTimeZone('2018-01-01', 'UTC', 5)", .type, "function 'convertTimeZone' expects a string as argument 3 but got integer", at: 39))
    }

    /// Every Windows name maps to a zone this system's time zone data knows.
    @Test func everyWindowsZoneResolves() {
        #expect(WindowsTimeZones.table.count == 139)
        for (windows, iana) in WindowsTimeZones.table.values {
            #expect(WindowsTimeZones.zone(named: windows) != nil, "\(windows) → \(iana)")
        }
    }
}
