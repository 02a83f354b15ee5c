/// A step whose static result is switched on names an entry of `definition.staticResults`
/// (Logic Apps refuses a definition whose static results do not resolve).
extension ValidationPass {
    mutating func checkStaticResult(_ step: Step) {
        guard let name = step.enabledStaticResultName, definition.staticResult(named: name) == nil else { return }
        let configuration = step.json["runtimeConfiguration"] != nil ? "runtimeConfiguration" : "runTimeConfiguration"
        add(step.pointer.appending([configuration, "staticResult", "name"]),
            "Static result \"\(name)\" is not defined in the definition's staticResults")
    }
}
