import Foundation
import ReelModel

/// The geometry of a panel, decided before anything is drawn: where the horizon is, how
/// big the set and each figure are, where the labels go. Tests check it directly.
struct PanelLayout: Sendable {
    /// How a figure is seen.
    enum View: Hashable, Sendable {
        /// Face toward the camera, turned by `facing`.
        case front
        /// The back of the head and shoulders: the foreground of an over-the-shoulder shot.
        case back
        /// From above.
        case top
    }

    /// One figure on screen. Lengths are in pixels; the head radius is the unit of the body.
    struct Placement: Hashable, Sendable {
        /// Index into `PanelSpec.figures`.
        var figure: Int
        /// Head centre.
        var x: Double
        var y: Double
        var radius: Double
        /// -1 turned to screen left … 0 to the camera … 1 to screen right.
        var facing: Double
        var view: View = .front
        /// 0 normal; up to 1 darker (listeners, out-of-focus foreground).
        var dim: Double = 0
        /// Vertical stretch of the body: above 1 from a low camera, below 1 from a high one.
        var stretch: Double = 1
        /// Sitting: no legs drawn, a table or seat hides them.
        var seated: Bool = false
        /// For the top view: the direction the figure faces, in radians (0 = screen right).
        var heading: Double = 0

        var headTop: Double { y - 1.2 * radius }
        var chin: Double { y + 1.08 * radius }
    }

    var canvas: PanelBox
    var frame: PanelBox
    /// The canvas grown so that a rolled (dutch) scene still covers it.
    var bleed: PanelBox
    /// One hundredth of the frame's shorter side: the unit of text and line weight.
    var unit: Double
    var lineWidth: Double
    var location: PanelLocation
    /// Vanishing line of the set at eye level.
    var horizon: Double
    var vanishingX: Double
    /// The side of the set (-1 left, 1 right) its window or signature piece is on.
    var windowSide: Double
    /// Camera height above the floor, metres.
    var cameraHeight: Double
    /// Pixels per metre at the back of the set.
    var setScale: Double
    /// Degrees of dutch roll, about the frame centre.
    var roll: Double
    /// On-screen figures, back to front.
    var figures: [Placement]
    /// The top of a table or counter in front of seated figures.
    var tableTop: Double?
    var caption: CaptionLayout?
    var slug: SlugLayout?
    var tags: [TagLayout]

    /// The y of the floor (or ground) at the back of the set.
    var floorY: Double { horizon + cameraHeight * setScale }
    /// The y of the ground under something at `scale` pixels per metre.
    func groundY(scale: Double) -> Double { horizon + cameraHeight * scale }
    /// The effective shot size after the purpose is taken into account.
    var size: ShotSize

    /// The film frame of `spec` on its canvas, at least 16 px each way.
    static func frame(of spec: PanelSpec) -> PanelBox {
        clampedFrame(spec.frame, canvas: canvas(of: spec))
    }

    private static func canvas(of spec: PanelSpec) -> PanelBox {
        PanelBox(x: 0, y: 0, w: Double(max(16, spec.width)), h: Double(max(16, spec.height)))
    }

    static func make(_ spec: PanelSpec) -> PanelLayout {
        let canvas = canvas(of: spec)
        let frame = clampedFrame(spec.frame, canvas: canvas)
        let unit = min(frame.w, frame.h) / 100
        var location = PanelLocation(spec.location, setting: spec.setting)
        // A heading that names no place, over action at the sea: the beach.
        if location.place == nil, location.exterior, spec.landmarks.contains(.sea) { location.place = .beach }
        var rng = SeededRandom(seed: spec.seed, stream: "layout")
        let roll = spec.angle == .dutch ? (spec.seed & 1 == 0 ? 10.0 : -10.0) : 0
        var size = spec.size
        if spec.purpose == .establishing { size = min(size, .wide) }
        if location.place == .car, !location.exterior { size = max(size, .medium) }

        var layout = PanelLayout(
            canvas: canvas, frame: frame, bleed: bleedBox(canvas, frame, roll), unit: unit,
            lineWidth: max(1.4, unit * 0.34), location: location, horizon: frame.yAt(0.5),
            vanishingX: frame.midX + frame.w * rng.double(in: -0.12...0.12), windowSide: spec.seed & 2 == 0 ? 1 : -1,
            cameraHeight: 1.5,
            setScale: 100, roll: roll, figures: [], tableTop: nil, caption: nil, slug: nil, tags: [], size: size)
        layout.caption = CaptionLayout.make(spec, frame: frame, unit: unit)
        layout.slug = SlugLayout.make(spec, frame: frame, unit: unit, captionBand: layout.caption)
        layout.placeFigures(spec, size: size)
        layout.placeSet(spec, size: size)
        layout.tags = TagLayout.make(spec, layout: layout)
        return layout
    }

    /// The frame inside the canvas, at least 16 px each way.
    private static func clampedFrame(_ rect: PanelRect, canvas: PanelBox) -> PanelBox {
        let w = min(canvas.w, max(16, Double(rect.width)))
        let h = min(canvas.h, max(16, Double(rect.height)))
        let x = min(canvas.w - w, max(0, Double(rect.x)))
        let y = min(canvas.h - h, max(0, Double(rect.y)))
        return PanelBox(x: x, y: y, w: w, h: h)
    }

    /// The region that, rolled by `roll` degrees about the frame centre, still covers the canvas.
    private static func bleedBox(_ canvas: PanelBox, _ frame: PanelBox, _ roll: Double) -> PanelBox {
        guard roll != 0 else { return canvas }
        let a = abs(roll) * .pi / 180
        let corners = [(canvas.minX, canvas.minY), (canvas.maxX, canvas.minY), (canvas.minX, canvas.maxY),
                       (canvas.maxX, canvas.maxY)]
        var dx = 0.0
        var dy = 0.0
        for (x, y) in corners {
            let px = x - frame.midX
            let py = y - frame.midY
            dx = max(dx, abs(px * cos(a)) + abs(py * sin(a)))
            dy = max(dy, abs(px * sin(a)) + abs(py * cos(a)))
        }
        return PanelBox(x: frame.midX - dx - 2, y: frame.midY - dy - 2, w: 2 * dx + 4, h: 2 * dy + 4)
    }

    /// Where a point of the rolled scene lands on the canvas.
    func rolled(_ x: Double, _ y: Double) -> (Double, Double) {
        guard roll != 0 else { return (x, y) }
        let a = roll * .pi / 180
        let px = x - frame.midX
        let py = y - frame.midY
        return (frame.midX + px * cos(a) - py * sin(a), frame.midY + px * sin(a) + py * cos(a))
    }

    /// Horizon, camera height and set scale for the angle and size.
    private mutating func placeSet(_ spec: PanelSpec, size: ShotSize) {
        let h = frame.h
        let mean = (frame.w * frame.h).squareRoot()
        let fractions: [ShotSize: Double] = [.extremeWide: 0.045, .wide: 0.12, .full: 0.15, .medium: 0.19,
                                             .mediumCloseUp: 0.22, .closeUp: 0.25, .extremeCloseUp: 0.29]
        var scale = mean * (fractions[size] ?? 0.19)
        if !location.exterior { scale = max(scale, frame.w / 9, frame.h / 5.5) }
        if let nearest = figures.map(\.radius).min(), figures.contains(where: { $0.view == .front }),
           size <= .full {
            // The set stands behind the figures, so it is drawn smaller than they are.
            scale = min(scale, 0.8 * nearest / 0.11)
        }
        setScale = scale
        // In close singles the set turns so that its window (or its signature piece) sits in
        // the lead room, where the face does not hide it.
        if size >= .mediumCloseUp, let lead = figures.first(where: { $0.view == .front }), lead.facing != 0,
           !location.exterior, let offset = location.place == nil ? 1.0 : location.place?.windowOffset {
            let side: Double = lead.facing > 0 ? 1 : -1
            windowSide = side
            vanishingX = frame.xAt(side > 0 ? 0.8 : 0.2) - side * offset * scale
        }
        switch spec.angle {
        case .low:
            cameraHeight = 0.5
            horizon = frame.yAt(0.84)
        case .high:
            cameraHeight = 4.5
            horizon = frame.yAt(size <= .full ? 0.1 : 0.04)
        case .overhead:
            cameraHeight = 8
            horizon = frame.minY - h
        case .eyeLevel, .dutch, .overShoulder:
            cameraHeight = size == .full ? 1.1 : 1.5
            if let lead = figures.last(where: { $0.view == .front }) {
                // The horizon runs through the eyes at eye level; in wide shots it sits at
                // the camera's height on the figures' bodies.
                let metre = lead.radius / 0.11
                let eye = size >= .medium ? lead.y + 0.1 * lead.radius : lead.y + (1.6 - cameraHeight) * metre
                horizon = min(frame.yAt(0.68), max(frame.yAt(0.28), eye))
            } else {
                let empty: [ShotSize: Double] = [.extremeWide: 0.64, .wide: 0.56, .full: 0.5]
                horizon = frame.yAt(empty[size] ?? 0.46)
            }
        }
    }
}
