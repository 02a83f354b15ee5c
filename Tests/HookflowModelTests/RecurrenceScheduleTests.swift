import Foundation
import Testing
@testable import HookflowModel

/// When a Recurrence trigger fires (SPEC §2): fixed steps, calendar steps in a Windows time zone
/// (daylight saving kept), and the schedule's hours, minutes and week days.
struct RecurrenceScheduleTests {
    private func date(_ text: String) -> Date { ISO8601Timestamp.date(from: text)! }
    private func schedule(_ text: String) throws -> RecurrenceSchedule { try RecurrenceSchedule(JSONParser.parse(text)) }

    @Test func everyFifteenMinutesFromTheStartTime() throws {
        let every = try schedule(#"{"frequency": "Minute", "interval": 15, "startTime": "2026-01-01T00:00:00Z"}"#)
        #expect(every.firstTick(onOrAfter: date("2025-12-31T23:00:00Z")) == date("2026-01-01T00:00:00Z"), "not before the start time")
        #expect(every.nextTick(after: date("2026-01-01T00:20:00Z"), anchor: every.startTime!) == date("2026-01-01T00:30:00Z"))
        #expect(every.nextTick(after: date("2026-01-01T00:30:00Z"), anchor: every.startTime!) == date("2026-01-01T00:45:00Z"), "strictly after")
    }

    @Test func withoutAStartTimeTheFirstTickIsNow() throws {
        let hourly = try schedule(#"{"frequency": "Hour", "interval": "1"}"#)
        let now = date("2026-05-05T10:17:03Z")
        #expect(hourly.firstTick(onOrAfter: now) == now)
        #expect(hourly.nextTick(after: now, anchor: now) == date("2026-05-05T11:17:03Z"))
    }

    @Test func dailyAtNineInBerlinStaysAtNineAcrossDaylightSaving() throws {
        let daily = try schedule(#"{"frequency": "Day", "interval": 1, "startTime": "2026-03-27T09:00:00", "timeZone": "W. Europe Standard Time"}"#)
        let start = try #require(daily.startTime)
        #expect(start == date("2026-03-27T08:00:00Z"), "a start time without an offset is read in the time zone")
        let second = try #require(daily.nextTick(after: start, anchor: start))
        #expect(second == date("2026-03-28T08:00:00Z"))
        #expect(daily.nextTick(after: second, anchor: start) == date("2026-03-29T07:00:00Z"), "CEST from 29 March: still 09:00 in Berlin")
    }

    @Test func weeklyOnMondayAndFridayAtHalfPastNine() throws {
        let weekly = try schedule(#"{"frequency": "Week", "interval": 1, "startTime": "2026-11-30T00:00:00Z", "schedule": {"weekDays": ["Monday", "Friday"], "hours": [9], "minutes": [30]}}"#)
        let start = try #require(weekly.startTime)
        #expect(weekly.firstTick(onOrAfter: start) == date("2026-11-30T09:30:00Z"))
        #expect(weekly.nextTick(after: date("2026-11-30T10:00:00Z"), anchor: start) == date("2026-12-04T09:30:00Z"))
        #expect(weekly.nextTick(after: date("2026-12-04T09:30:00Z"), anchor: start) == date("2026-12-07T09:30:00Z"))
    }

    @Test func everyOtherDayAtSeveralHours() throws {
        let days = try schedule(#"{"frequency": "Day", "interval": 2, "startTime": "2026-06-01T00:00:00Z", "schedule": {"hours": [8, 17], "minutes": [0]}}"#)
        let start = try #require(days.startTime)
        #expect(days.nextTick(after: date("2026-06-01T09:00:00Z"), anchor: start) == date("2026-06-01T17:00:00Z"))
        #expect(days.nextTick(after: date("2026-06-01T17:00:00Z"), anchor: start) == date("2026-06-03T08:00:00Z"), "the 2nd is skipped")
    }

    @Test func monthlyKeepsTheDayOrTakesTheMonthsLast() throws {
        let monthly = try schedule(#"{"frequency": "Month", "interval": 1, "startTime": "2026-01-31T12:00:00Z"}"#)
        let start = try #require(monthly.startTime)
        #expect(monthly.nextTick(after: date("2026-01-31T13:00:00Z"), anchor: start) == date("2026-02-28T12:00:00Z"))
        #expect(monthly.nextTick(after: date("2026-02-28T12:00:00Z"), anchor: start) == date("2026-03-31T12:00:00Z"))
    }

    @Test(arguments: [
        (#"{"frequency": "Year", "interval": 1}"#, "frequency must be one of Second, Minute, Hour, Day, Week, Month"),
        (#"{"frequency": "Day", "interval": 0}"#, "interval must be a whole number above 0"),
        (#"{"frequency": "Day", "interval": 1, "timeZone": "Europe/Berlin"}"#, "time zone \"Europe/Berlin\" is not a Windows time zone name (for example W. Europe Standard Time)"),
        (#"{"frequency": "Day", "interval": 1, "schedule": {"hours": [24]}}"#, "schedule.hours must hold whole numbers from 0 to 23"),
        (#"{"frequency": "Week", "interval": 1, "schedule": {"weekDays": ["Funday"]}}"#, "schedule.weekDays must name days (Monday … Sunday)"),
    ])
    func badRecurrencesAreNamed(text: String, message: String) throws {
        #expect(throws: RecurrenceSchedule.Problem(description: message)) { try schedule(text) }
    }

    @Test func validationNamesABadTimeZoneOrSchedule() throws {
        func problems(_ recurrence: String) throws -> [String] {
            let text = #"{"triggers": {"Recurrence": {"type": "Recurrence", "recurrence": "# + recurrence + "}}, \"actions\": {}}"
            return WorkflowValidator().validate(try WorkflowDocument.read(text).definition).map(\.description)
        }
        #expect(try problems(#"{"frequency": "Day", "interval": 1, "timeZone": "Europe/Berlin"}"#)
                == [#"/triggers/Recurrence/recurrence/timeZone: Time zone "Europe/Berlin" is not a Windows time zone name (for example W. Europe Standard Time)"#])
        #expect(try problems(#"{"frequency": "Week", "interval": 1, "schedule": {"weekDays": ["Caturday"]}}"#)
                == ["/triggers/Recurrence/recurrence/schedule: Schedule.weekDays must name days (Monday … Sunday)"])
        #expect(try problems(#"{"frequency": "Day", "interval": 1, "timeZone": "W. Europe Standard Time", "schedule": {"hours": [9]}}"#) == [])
        #expect(try problems(#"{"frequency": "Day", "interval": "@parameters('every')"}"#).allSatisfy { !$0.contains("Schedule") })
    }
}
