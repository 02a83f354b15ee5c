import FuzzSupport
import HookflowModel

/// The expression parser and evaluator: any string value either parses or gives an error whose
/// position lies in the text; what parses stays within the depth limit and, printed back as
/// canonical text, parses to the same tree; evaluated against a sample run it gives a value
/// within the JSON depth limit that writes and reads back as JSON, or an error (libFuzzer's
/// -timeout catches an evaluation that hangs).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzExpression(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data = bytes.map(UnsafeRawPointer.init) else { return 0 }
    let text = fuzzText(data, count)
    let template: Template
    do {
        template = try Template.parse(text)
    } catch {
        fuzzCheck((1...text.count + 1).contains(error.position), "error position \(error.position) outside the text")
        fuzzCheck(!error.message.contains(where: \.isNewline), "error message spans lines: \(error.message.debugDescription)")
        return 0
    }
    let expressions: [Expression] = switch template {
    case .literal: []
    case .expression(let expression): [expression]
    case .interpolation(let segments): segments.compactMap { if case .expression(let expression) = $0 { expression } else { nil } }
    }
    for expression in expressions {
        fuzzCheck(expression.depth <= Expression.maximumDepth, "parsed a tree \(expression.depth) levels deep")
    }
    let printed = ExpressionPrinter.text(of: template)
    do {
        let again = try Template.parse(printed)
        fuzzCheck(ExpressionPrinter.text(of: again) == printed, "\(printed.debugDescription) reads back as another tree")
        fuzzCheck(again.functionCalls.count == template.functionCalls.count, "\(printed.debugDescription) has other calls read back")
    } catch {
        fuzzCheck(false, "\(printed.debugDescription), printed from \(text.debugDescription), does not parse: \(error)")
    }
    do {
        let value = try ExpressionEvaluator(context: FuzzContext.evaluation).evaluate(template, source: text)
        fuzzCheck(!value.nestsDeeper(), "gave a value \(value.nestingDepth) levels deep")
        let written = JSONWriter.compact.string(from: value)
        fuzzCheck((try? JSONParser.parse(written)) == value, "the value does not read back from its JSON: \(written.prefix(200).debugDescription)")
    } catch {
        fuzzCheck(!error.message.contains(where: \.isNewline) || error.kind != .syntax, "error message spans lines: \(error.message.debugDescription)")
    }
    return 0
}

@_cdecl("FuzzExpression_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzExpression)
}
