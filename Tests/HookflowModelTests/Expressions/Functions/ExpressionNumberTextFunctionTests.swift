import Testing
@testable import HookflowModel

@Suite struct ExpressionNumberTextFunctionTests {
    typealias Support = ExpressionTestSupport

    /// The reference's examples, input → output.
    @Test(arguments: [
        ("@formatNumber(1234567890, '#,##0.00', 'en-US')", "1,234,567,890.00"),
        ("@formatNumber(1234567890, '#,##0.00', 'is-IS')", "1.234.567.890,00"),
        ("@formatNumber(17.35, 'C2')", "$17.35"),
        // The reference shows "17,35 kr"; the ICU data .NET also reads on Linux spells the króna "kr."
        // after a no-break space.
        ("@formatNumber(17.35, 'C2', 'is-IS')", "17,35\u{00A0}kr."),
        ("@isInt('10')", true),
        ("@isFloat('10,000.00')", true),
        ("@isFloat('10.000,00', 'de-DE')", true),
    ] as [(String, JSONValue)])
    func documentedExamples(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    /// .NET's standard and custom numeric formats, rounding half away from zero on the digits as written.
    @Test(arguments: [
        ("@formatNumber(1234.5, 'N0')", "1,235"),
        ("@formatNumber(1234.5, 'N')", "1,234.50"),
        ("@formatNumber(2.25, 'F1')", "2.3"),
        ("@formatNumber(-2.25, 'F1')", "-2.3"),
        ("@formatNumber(3, 'F')", "3.00"),
        ("@formatNumber(0.256, 'P1')", "25.6%"),
        ("@formatNumber(42, 'D5')", "00042"),
        ("@formatNumber(-42, 'D')", "-42"),
        ("@formatNumber(255, 'X')", "FF"),
        ("@formatNumber(255, 'x4')", "00ff"),
        ("@formatNumber(12345, 'E2')", "1.23E+004"),
        ("@formatNumber(0.000123, 'e1')", "1.2e-004"),
        ("@formatNumber(0.0001, 'G')", "0.0001"),
        ("@formatNumber(123456789, 'G')", "123456789"),
        ("@formatNumber(1234.5678, 'G6')", "1234.57"),
        ("@formatNumber(1.5e20, 'G')", "1.5E+20"),
        ("@formatNumber(0.1, 'R')", "0.1"),
        ("@formatNumber(-17.35, 'C')", "-$17.35"),
        ("@formatNumber(1.005, '0.00')", "1.01"),
        ("@formatNumber(-1234, '#,##0;(#,##0)')", "(1,234)"),
        ("@formatNumber(0, '#,##0;(#,##0);zero')", "zero"),
        ("@formatNumber(0.5, '0.0%')", "50.0%"),
        ("@formatNumber(42, '00000')", "00042"),
        ("@formatNumber(1234567890, '(###) ###-####')", "(123) 456-7890"),
        ("@formatNumber(1234567, '#,##0,')", "1,235"),
        ("@formatNumber(0.5, '#.##')", ".5"),
        ("@formatNumber(0, '#')", ""),
        ("@formatNumber(0, '0')", "0"),
        ("@formatNumber(12.3, '0.000')", "12.300"),
        ("@formatNumber(12.345, '#.#')", "12.3"),
        ("@formatNumber(7, '\"#\"0')", "#7"),
        ("@formatNumber(1234.5, 'N2', 'de-DE')", "1.234,50"),
    ] as [(String, JSONValue)])
    func formats(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func formatNumberErrors() {
        Support.expectError(.init("@formatNumber('1', 'N')", .type, "function 'formatNumber' expects a number as argument 1 but got string", at: 15))
        Support.expectError(.init(
            "@formatNumber(1.5, 'D')", .runtime,
            "function 'formatNumber' cannot use the format 'D': 'D' formats integers only; use 'F' or 'N' for this number", at: 20))
        Support.expectError(.init(
            "@formatNumber(1, 'Q')", .runtime,
            "function 'formatNumber' cannot use the format 'Q': 'Q' is not a standard numeric format (use one of C D E F G N P R X, or a custom pattern such as '#,##0.00')",
            at: 18))
        Support.expectError(.init(
            "@formatNumber(1, 'N', 'xx-nowhere')", .runtime,
            "function 'formatNumber' does not know the locale 'xx-nowhere'; use an RFC 4646 name such as 'en-US' or 'de-DE'", at: 23))
    }

    @Test(arguments: [
        ("@isInt(' -5 ')", true),
        ("@isInt('+7')", true),
        ("@isInt('10.0')", false),
        ("@isInt('')", false),
        ("@isInt('1e3')", false),
        ("@isInt('99999999999999999999')", false),
        ("@isFloat('1e3')", true),
        ("@isFloat('-.5')", true),
        ("@isFloat('abc')", false),
        ("@isFloat('')", false),
        // isFloat takes .NET's Float style: no trailing sign, unlike float().
        ("@isFloat('5-')", false),
        ("@isFloat('1,5', 'fr-FR')", true),
    ] as [(String, JSONValue)])
    func numberChecks(expression: String, expected: JSONValue) {
        Support.expectValue(expression, expected)
    }

    @Test func numberChecksNeedText() {
        Support.expectError(.init("@isInt(10)", .type, "function 'isInt' expects a string as argument 1 but got integer", at: 8))
        Support.expectError(.init(
            "@isFloat('1', 'nowhere')", .runtime,
            "function 'isFloat' does not know the locale 'nowhere'; use an RFC 4646 name such as 'en-US' or 'de-DE'", at: 15))
    }
}
