extension DesignerScreen {
    /// A click selects a card (a second click opens it); a `+` between cards inserts there; the wheel scrolls.
    mutating func click(x: Int, y: Int, button: MouseButton, _ context: inout WorkbenchContext) -> [WorkbenchEffect] {
        switch button {
        case .wheelDown:
            canvasScroll = max(0, min(canvasScroll + 3, layout.height - pageHeight))
        case .wheelUp:
            canvasScroll = max(0, canvasScroll - 3)
        case .left:
            guard area.contains(x: x, y: y) else { return [] }
            let canvasX = x - area.x, canvasY = y - area.y + canvasScroll
            if let point = layout.insertPoint(atX: canvasX, y: canvasY) {
                select(.step(point.predecessor))
                context.show(PaletteScreen(Palette(placement: Self.placement(after: point.predecessor))))
                return []
            }
            guard let item = layout.item(atX: canvasX, y: canvasY) else { return [] }
            if item.selection == selection {
                open(selection, &context)
            } else {
                select(item.selection)
            }
        default:
            break
        }
        return []
    }
}
