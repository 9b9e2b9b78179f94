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

extension PanelSpec {
    /// How far down the action caption's band reaches on the panel's frame, as a share of the
    /// frame's height; nil when it has no caption. What a label burned in over the frame (the
    /// AI label) keeps clear of.
    /// Only the caption is laid out (figures and set are not needed for it), on the frame
    /// and unit ``PanelLayout/make(_:)`` uses.
    public var captionBandBottom: Double? {
        let frame = PanelLayout.frame(of: self)
        guard frame.h > 0, let band = CaptionLayout.make(self, frame: frame, unit: min(frame.w, frame.h) / 100)?.band else {
            return nil
        }
        return (band.maxY - frame.minY) / frame.h
    }
}
