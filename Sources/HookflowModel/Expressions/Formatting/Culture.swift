import Foundation
import Synchronization

/// What .NET calls a culture: the separators, names and patterns that `formatNumber()`,
/// `formatDateTime()`, `parseDateTime()`, `float()` and `isFloat()` use for a locale such as
/// `'de-DE'`.
///
/// Logic Apps formats with `en-US` when no locale is given; that culture and the invariant one
/// are spelled out here with .NET's values, so the documented results come out exactly. Other
/// locales take their names, separators and patterns from the ICU data Foundation carries,
/// which is where .NET itself takes them on Linux.
struct Culture: Sendable {
    var decimalSeparator: String
    var groupSeparator: String
    var currencySymbol: String
    /// Where the amount goes in a currency value: `"$n"`, `"n €"`.
    var currencyPattern: String
    var monthNames: [String]
    var abbreviatedMonthNames: [String]
    var dayNames: [String]
    var abbreviatedDayNames: [String]
    var amDesignator: String
    var pmDesignator: String
    var shortDatePattern: String
    var longDatePattern: String
    var shortTimePattern: String
    var longTimePattern: String
    var monthDayPattern: String
    var yearMonthPattern: String

    /// en-US as .NET defines it: the culture Logic Apps uses when a function is given none.
    static let englishUS = Culture(
        decimalSeparator: ".", groupSeparator: ",", currencySymbol: "$", currencyPattern: "$n",
        monthNames: DateTimeFormat.monthNames, abbreviatedMonthNames: DateTimeFormat.monthNames.map { String($0.prefix(3)) },
        dayNames: DateTimeFormat.dayNames, abbreviatedDayNames: DateTimeFormat.dayNames.map { String($0.prefix(3)) },
        amDesignator: "AM", pmDesignator: "PM",
        shortDatePattern: "M/d/yyyy", longDatePattern: "dddd, MMMM d, yyyy", shortTimePattern: "h:mm tt",
        longTimePattern: "h:mm:ss tt", monthDayPattern: "MMMM d", yearMonthPattern: "MMMM yyyy")

    /// .NET's invariant culture (the empty locale name).
    static let invariant = Culture(
        decimalSeparator: ".", groupSeparator: ",", currencySymbol: "¤", currencyPattern: "¤n",
        monthNames: englishUS.monthNames, abbreviatedMonthNames: englishUS.abbreviatedMonthNames,
        dayNames: englishUS.dayNames, abbreviatedDayNames: englishUS.abbreviatedDayNames,
        amDesignator: "AM", pmDesignator: "PM",
        shortDatePattern: "MM/dd/yyyy", longDatePattern: "dddd, dd MMMM yyyy", shortTimePattern: "HH:mm",
        longTimePattern: "HH:mm:ss", monthDayPattern: "MMMM dd", yearMonthPattern: "yyyy MMMM")

    /// The culture for an RFC 4646 name (`'fr-FR'`, `'de'`, case-insensitive); nil when no such
    /// locale is known. Built once per name: ICU lookups are far slower than the formatting.
    static func named(_ name: String) -> Culture? {
        let key = name.lowercased().replacingOccurrences(of: "_", with: "-")
        switch key {
        case "": return invariant
        case "en-us": return englishUS
        default: break
        }
        if let cached = cache.withLock({ $0[key] }) { return cached }
        guard knownLocales.contains(key) else { return nil }
        let culture = fromICU(Locale(identifier: key))
        cache.withLock { $0[key] = culture }
        return culture
    }

    private static let cache = Mutex<[String: Culture]>([:])
    private static let knownLocales: Set<String> = Set(
        Locale.availableIdentifiers.map { $0.lowercased().replacingOccurrences(of: "_", with: "-") })

    private static func fromICU(_ locale: Locale) -> Culture {
        let formatter = DateFormatter()
        formatter.locale = locale
        formatter.timeZone = TimeZone(identifier: "UTC")
        func pattern(date: DateFormatter.Style, time: DateFormatter.Style) -> String {
            formatter.dateStyle = date
            formatter.timeStyle = time
            return dotNetPattern(fromICU: formatter.dateFormat ?? "")
        }
        func template(_ skeleton: String) -> String {
            dotNetPattern(fromICU: DateFormatter.dateFormat(fromTemplate: skeleton, options: 0, locale: locale) ?? skeleton)
        }
        let currency = NumberFormatter()
        currency.locale = locale
        currency.numberStyle = .currency
        let currencyFormat = currency.positiveFormat ?? "¤#,##0.00"
        // ICU writes the amount as "#,##0.00" around "¤"; .NET's pattern only says where each goes.
        let amount = currencyFormat.replacingOccurrences(of: "#,##0.00", with: "n").replacingOccurrences(of: "#,##0", with: "n")
        let symbol = locale.currencySymbol ?? "¤"
        return Culture(
            decimalSeparator: locale.decimalSeparator ?? ".", groupSeparator: locale.groupingSeparator ?? ",",
            currencySymbol: symbol, currencyPattern: amount.replacingOccurrences(of: "¤", with: symbol),
            monthNames: formatter.monthSymbols, abbreviatedMonthNames: formatter.shortMonthSymbols,
            dayNames: formatter.weekdaySymbols, abbreviatedDayNames: formatter.shortWeekdaySymbols,
            amDesignator: formatter.amSymbol, pmDesignator: formatter.pmSymbol,
            shortDatePattern: pattern(date: .short, time: .none), longDatePattern: pattern(date: .full, time: .none),
            shortTimePattern: pattern(date: .none, time: .short), longTimePattern: pattern(date: .none, time: .medium),
            monthDayPattern: template("MMMMd"), yearMonthPattern: template("yMMMM"))
    }

    /// An ICU date pattern in .NET's spelling, the conversion .NET applies to ICU data:
    /// `y` → `yyyy`, `a` → `tt`, `EEEE` → `dddd`, `E`/`EEE` → `ddd`, `L` → `M`.
    static func dotNetPattern(fromICU pattern: String) -> String {
        var out = ""
        let characters = Array(pattern)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let run = DateTimePattern.runLength(characters, at: index)
            switch character {
            case "'":
                // Quoted text passes through, quotes included (both languages quote the same way).
                var closing = index + 1
                while closing < characters.count, characters[closing] != "'" { closing += 1 }
                out += String(characters[index...min(closing, characters.count - 1)])
                index = closing + 1
                continue
            case "y": out += run == 2 ? "yy" : "yyyy"
            case "a": out += "tt"
            case "E", "c": out += run >= 4 ? "dddd" : "ddd"
            case "L": out += String(repeating: "M", count: run)
            default: out += String(repeating: character, count: run)
            }
            index += run
        }
        return out
    }
}
