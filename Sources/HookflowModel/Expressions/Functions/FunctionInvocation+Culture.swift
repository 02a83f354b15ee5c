/// The optional locale argument of the functions that format or read numbers and dates.
extension FunctionInvocation {
    /// The culture named by optional argument `index` (`'de-DE'`); en-US, Logic Apps' default, when absent.
    func culture(_ index: Int) throws(ExpressionError) -> Culture {
        guard let name = try optionalString(index) else { return .englishUS }
        guard let culture = Culture.named(name) else {
            throw failure(.runtime, "does not know the locale '\(name)'; use an RFC 4646 name such as 'en-US' or 'de-DE'", argument: index)
        }
        return culture
    }
}
