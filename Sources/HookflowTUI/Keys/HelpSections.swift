/// Every screen's keys, in the order the `?` help lists them: the same key maps the screens
/// dispatch with (the key tests walk this list).
enum HelpSections {
    static var all: [KeyHelp] {
        let sections = [
            DesignerScreen.keyMap.help, FormScreen.keyMap.help, PaletteScreen.keyMap.help, RenameScreen.keyMap.help, CodeScreen.keyMap.help,
            SearchScreen.keyMap.help, AppListScreen.keyMap.help, RunsScreen.keyMap.help, RunDetailScreen.keyMap.help,
            CallbackEditorScreen.keyMap.help, PromptScreen.generalHelp, DifferenceScreen.keyMap.help, PagerKeys.keyMap.help, WorkbenchKeys.keyMap.help,
        ]
        return HelpSection.allCases.compactMap { section in sections.first { $0.section == section } }
    }
}
