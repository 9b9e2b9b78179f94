import Foundation
import ReelModel

/// The action caption: a translucent band across the top of the frame.
struct CaptionLayout: Hashable, Sendable {
    var band: PanelBox
    var lines: [String]
    var fontSize: Double
    var x: Double
    var baselines: [Double]

    /// The box each line's text occupies (estimated).
    var lineBoxes: [PanelBox] {
        zip(lines, baselines).map { line, base in
            PanelBox(x: x, y: base - fontSize * 0.92, w: PanelText.width(line, size: fontSize), h: fontSize * 1.15)
        }
    }

    static let maxLines = 3

    static func make(_ spec: PanelSpec, frame: PanelBox, unit: Double) -> CaptionLayout? {
        guard let text = spec.caption?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
            return nil
        }
        let size = max(12, unit * 3.5)
        let pad = max(8, unit * 2.2)
        let slugSpace = spec.slug?.isEmpty == false ? SlugLayout.fontSize(unit) * 1.7 : 0
        let lines = PanelText.wrap(text, size: size, maxWidth: frame.w - 2 * pad, maxLines: maxLines)
        let leading = size * 1.34
        let top = frame.minY + pad * 0.8 + slugSpace
        let baselines = lines.indices.map { top + size * 0.98 + leading * Double($0) }
        let height = pad * 0.8 + slugSpace + leading * Double(lines.count) + pad * 0.7
        return CaptionLayout(band: PanelBox(x: frame.minX, y: frame.minY, w: frame.w, h: min(height, frame.h)),
                             lines: lines, fontSize: size, x: frame.minX + pad, baselines: baselines)
    }
}

/// The shot slug, small in the top-left corner: inside the caption band when there is one,
/// on its own small plate otherwise.
struct SlugLayout: Hashable, Sendable {
    var text: String
    var fontSize: Double
    var x: Double
    var baseline: Double
    /// The plate behind the slug when there is no caption band.
    var plate: PanelBox?
    var box: PanelBox {
        PanelBox(x: x, y: baseline - fontSize * 0.92, w: PanelText.width(text, size: fontSize), h: fontSize * 1.15)
    }

    static func fontSize(_ unit: Double) -> Double { max(10, unit * 2.3) }

    static func make(_ spec: PanelSpec, frame: PanelBox, unit: Double, captionBand: CaptionLayout?) -> SlugLayout? {
        guard let slug = spec.slug?.trimmingCharacters(in: .whitespacesAndNewlines), !slug.isEmpty else { return nil }
        let size = fontSize(unit)
        let pad = max(8, unit * 2.2)
        let text = PanelText.fitted(slug, size: size, maxWidth: frame.w - 2 * pad)
        if captionBand != nil {
            return SlugLayout(text: text, fontSize: size, x: frame.minX + pad, baseline: frame.minY + pad * 0.8 + size,
                              plate: nil)
        }
        let inset = unit * 1.6
        let plate = PanelBox(x: frame.minX + inset, y: frame.minY + inset,
                             w: min(frame.w - 2 * inset, PanelText.width(text, size: size) + size * 1.2),
                             h: size * 1.7)
        return SlugLayout(text: text, fontSize: size, x: plate.minX + size * 0.6, baseline: plate.minY + size * 1.2,
                          plate: plate)
    }
}

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
