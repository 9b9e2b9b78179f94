import Foundation
import ReelModel

/// Paints one panel into an `SVGWriter`, layer by layer: set, figures, foreground, grade,
/// labels. The drawing helpers give every shape the same ink outline.
final class PanelPainter {
    let spec: PanelSpec
    let layout: PanelLayout
    let light: PanelLight
    let svg: SVGWriter
    /// Set dressing and small variations.
    var rng: SeededRandom
    /// Hue shift of walls and fabrics for this take.
    let hueShift: Double
    /// The colour close shots wash the background with: the wall or the sky.
    var hazeColor = PanelColor(0x9AA0AA)

    init(spec: PanelSpec, layout: PanelLayout) {
        self.spec = spec
        self.layout = layout
        light = PanelLight(time: spec.timeOfDay, exterior: layout.location.exterior)
        svg = SVGWriter(grade: PanelGrade.forMood(spec.mood))
        rng = SeededRandom(seed: spec.seed, stream: "dressing")
        var tint = SeededRandom(seed: spec.seed, stream: "palette")
        hueShift = tint.double(in: -14...14)
    }

    var frame: PanelBox { layout.frame }
    var bleed: PanelBox { layout.bleed }
    var lw: Double { layout.lineWidth }
    var s: Double { layout.setScale }

    func paint() {
        if layout.roll != 0 {
            svg.beginGroup(transform: "rotate(\(SVGWriter.num(layout.roll)) \(SVGWriter.num(frame.midX)) "
                + "\(SVGWriter.num(frame.midY)))")
        }
        if spec.angle == .overhead {
            paintTopDown()
        } else if spec.purpose == .insert {
            paintInsert()
        } else {
            paintSet()
            paintDepthHaze()
            for p in layout.figures { paintFigure(p) }
            paintForeground()
        }
        if layout.roll != 0 { svg.endGroup() }
        if spec.separateOverlay {
            svg.grade = .identity
            paintTags()
        } else {
            paintVignette()
            svg.grade = .identity
            paintLabels()
        }
    }

    /// The screen layer: vignette, caption band and slug, in frame coordinates.
    func paintOverlay() {
        svg.beginGroup(transform: "translate(\(SVGWriter.num(-frame.x)) \(SVGWriter.num(-frame.y)))")
        paintVignette(over: frame)
        svg.grade = .identity
        paintScreenText()
        svg.endGroup()
    }

    /// The place, by location keyword and inside/outside.
    func paintSet() {
        if layout.location.exterior {
            paintExterior()
        } else {
            paintInterior()
        }
    }

    // MARK: Colours

    /// A set colour in this panel's light.
    func c(_ hex: UInt32) -> PanelColor { light.tone(hex) }

    /// A wall or fabric colour: in this light, with this take's hue shift.
    func w(_ hex: UInt32) -> PanelColor { light.tone(PanelColor(hex).hueShifted(hueShift)) }

    // MARK: Shapes with ink

    func ink(_ p: PanelPath, _ fill: PanelColor, weight: Double = 1, opacity: Double = 1) {
        svg.path(p, fill: fill, stroke: .ink, width: lw * weight, opacity: opacity)
    }

    func inkRect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ fill: PanelColor, weight: Double = 1,
                 radius: Double = 0) {
        svg.rect(x, y, w, h, fill: fill, stroke: .ink, width: lw * weight, radius: radius)
    }

    func inkEllipse(_ cx: Double, _ cy: Double, _ rx: Double, _ ry: Double, _ fill: PanelColor, weight: Double = 1) {
        svg.ellipse(cx, cy, rx, ry, fill: fill, stroke: .ink, width: lw * weight)
    }

    func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, _ color: PanelColor = .ink,
              weight: Double = 1, opacity: Double = 1) {
        svg.stroke(PanelPath().move(x1, y1).line(x2, y2), color, width: lw * weight, opacity: opacity)
    }

    /// A limb or pipe: a thick stroke with an ink outline.
    func tube(_ p: PanelPath, _ color: PanelColor, width: Double) {
        svg.stroke(p, .ink, width: width + 2 * lw)
        svg.stroke(p, color, width: width)
    }

    /// A light's halo: four flat, faint discs, brighter toward the centre. Flat bands suit
    /// the cel look and rasterise far faster than a radial gradient.
    func glow(_ cx: Double, _ cy: Double, _ r: Double, _ color: PanelColor, _ strength: Double) {
        for (k, o) in [(1.0, 0.16), (0.72, 0.2), (0.48, 0.26), (0.28, 0.34)] {
            svg.circle(cx, cy, r * k, fill: color, opacity: strength * o)
        }
    }

    /// The point where the line from the vanishing point through (x, y) meets `edgeX`.
    func project(_ x: Double, _ y: Double, toX edgeX: Double) -> Double {
        let vx = layout.vanishingX
        let vy = layout.horizon
        guard abs(x - vx) > 0.001 else { return y }
        return vy + (y - vy) * (edgeX - vx) / (x - vx)
    }

    /// The point where the line from the vanishing point through (x, y) meets `edgeY`.
    func project(_ x: Double, _ y: Double, toY edgeY: Double) -> Double {
        let vx = layout.vanishingX
        let vy = layout.horizon
        guard abs(y - vy) > 0.001 else { return x }
        return vx + (x - vx) * (edgeY - vy) / (y - vy)
    }
}
