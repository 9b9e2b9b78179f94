import Foundation

/// A name tag: a small pill with the character's name.
struct TagLayout: Hashable, Sendable {
    var figure: Int
    var text: String
    var box: PanelBox
    var fontSize: Double
    var speaking: Bool
    var voiceOver: Bool
    /// The point the tag's pointer touches (above a head), if any.
    var pointer: (Double, Double)? {
        get { pointerX.map { ($0, pointerY) } }
        set {
            pointerX = newValue?.0
            pointerY = newValue?.1 ?? 0
        }
    }
    private var pointerX: Double?
    private var pointerY: Double = 0

    init(figure: Int, text: String, box: PanelBox, fontSize: Double, speaking: Bool, voiceOver: Bool) {
        self.figure = figure
        self.text = text
        self.box = box
        self.fontSize = fontSize
        self.speaking = speaking
        self.voiceOver = voiceOver
    }
}
