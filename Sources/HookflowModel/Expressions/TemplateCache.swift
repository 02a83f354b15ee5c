import Synchronization

/// Parsed templates by their text, for strings evaluated again and again (a step's inputs in
/// every run of a workflow). Parsing is pure, so a cached parse is the parse; a text that does
/// not parse is not cached (its error is found again, the same).
///
/// Give one to ``EvaluationContext/templates`` for as long as the texts are worth keeping (the
/// engine keeps one per saved version of a workflow); it holds at most ``capacity`` texts.
public final class TemplateCache: Sendable {
    public let capacity: Int
    private let parsed = Mutex<[String: Template]>([:])

    public init(capacity: Int = 4096) { self.capacity = capacity }

    func template(for text: String) throws(ExpressionError) -> Template {
        if let cached = parsed.withLock({ $0[text] }) { return cached }
        let template = try Template.parse(text)
        parsed.withLock { cache in
            if cache.count >= capacity { cache.removeAll(keepingCapacity: true) }
            cache[text] = template
        }
        return template
    }
}
