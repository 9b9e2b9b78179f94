import Foundation
import ReelModel

extension PanelPainter {
    /// Close shots push the set back: a wash of the wall or sky colour, like a shallow
    /// depth of field, so the face reads first.
    func paintDepthHaze() {
        let amount: Double
        switch layout.size {
        case .mediumCloseUp: amount = 0.2
        case .closeUp: amount = 0.32
        case .extremeCloseUp: amount = 0.45
        default: amount = spec.angle == .overShoulder ? 0.15 : 0
        }
        guard amount > 0 else { return }
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: hazeColor.lighter(0.1), opacity: amount)
    }

    /// The mood's vignette: dark edges around the frame, strongest for mysterious.
    func paintVignette(over area: PanelBox? = nil) {
        let grade = svg.grade
        guard grade.vignette > 0 else { return }
        let reach = (frame.w * frame.w + frame.h * frame.h).squareRoot() / 2
        let saved = svg.grade
        svg.grade = .identity
        let id = svg.radialGradient(frame.midX, frame.midY, reach * 1.05,
                                    [(0, grade.vignetteColor, 0), (0.55, grade.vignetteColor, 0),
                                     (0.82, grade.vignetteColor, grade.vignette * 0.45),
                                     (1, grade.vignetteColor, grade.vignette)])
        let box = area ?? layout.canvas
        svg.rect(box.x, box.y, box.w, box.h, gradient: id)
        svg.grade = saved
    }
}
