import FuzzSupport
import HookflowModel

/// The definition reader and validator: any text either reads as a workflow file or gives an
/// error; a definition that reads validates with every problem on one line, reads back the same
/// from what Hookflow writes (in its own shape and as a workflow.json), and survives a rename
/// of its last action.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDefinition(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let data = bytes.map(UnsafeRawPointer.init) else { return 0 }
    let text = fuzzText(data, count)
    let document: WorkflowDocument
    do {
        document = try WorkflowDocument.read(text)
    } catch {
        fuzzCheck(!error.description.contains(where: \.isNewline), "read error spans lines: \(error.description.debugDescription)")
        return 0
    }
    let definition = document.definition
    fuzzCheck(!definition.value.nestsDeeper(), "accepted a definition \(definition.value.nestingDepth) levels deep")
    let problems = WorkflowValidator().validate(definition)
    for problem in problems {
        fuzzCheck(!problem.description.contains(where: \.isNewline), "problem spans lines: \(problem.description.debugDescription)")
    }
    // Equal definitions validate alike (validation is a function of the definition), so one
    // validation is enough; reading back is what is checked here.
    for (shape, written) in [("own shape", document.written()), ("workflow.json", document.standardText())] {
        do {
            let again = try WorkflowDocument.read(written)
            fuzzCheck(again.definition == definition, "the definition written as \(shape) reads back different")
        } catch {
            fuzzCheck(false, "the definition written as \(shape) does not read back: \(error)")
        }
    }
    if let last = definition.allSteps.last(where: { !$0.isTrigger }) {
        var edited = definition
        let name = edited.uniqueStepName(base: "Renamed step")
        do {
            try edited.renameStep(at: last.address, to: name)
            fuzzCheck(edited.step(at: StepAddress(container: last.address.container, name: name)) != nil, "the renamed step is gone")
        } catch {
            // A step whose container cannot be rewritten (an odd shape) may refuse the edit; that is fine.
        }
    }
    return 0
}

@_cdecl("FuzzDefinition_main")
public func main(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runFuzzer(argc, argv, fuzzDefinition)
}
