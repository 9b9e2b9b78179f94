import Foundation
import ReelModel

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
