import Foundation
import ReelModel

extension PanelLayout {
    /// Head radius of a standing figure for a shot size, in pixels: grows strictly from
    /// EWS to ECU for any frame shape.
    static func headRadius(_ size: ShotSize, frame: PanelBox) -> Double {
        let w = frame.w
        let h = frame.h
        var r = 0.0
        for s in ShotSize.allCases {
            let base: Double
            switch s {
            case .extremeWide: base = min(0.0055 * h, 0.012 * w)
            case .wide: base = min(0.021 * h, 0.05 * w)
            case .full: base = min(0.05 * h, 0.11 * w)
            case .medium: base = min(0.1 * h, 0.19 * w)
            case .mediumCloseUp: base = min(0.145 * h, 0.26 * w)
            case .closeUp: base = min(0.23 * h, 0.35 * w)
            case .extremeCloseUp: base = max(0.62 * w, 0.3 * h)
            }
            r = max(base, r * 1.2)
            if s == size { break }
        }
        return r
    }

    /// The y of the head centre for a standing figure of radius `r`.
    static func headY(_ size: ShotSize, r: Double, frame: PanelBox) -> Double {
        switch size {
        case .extremeWide: frame.yAt(0.8) - 14.3 * r
        case .wide: frame.yAt(0.86) - 14.3 * r
        case .full: frame.yAt(0.94) - 14.3 * r
        case .medium: frame.yAt(0.35)
        case .mediumCloseUp: frame.yAt(0.38)
        case .closeUp: frame.yAt(0.43)
        case .extremeCloseUp: frame.yAt(0.48)
        }
    }

    /// The figure the shot is about: the speaker if one is visible, else the first.
    static func primary(_ spec: PanelSpec) -> Int? {
        let visible = spec.figures.indices.filter { !spec.figures[$0].offScreen }
        return visible.first { spec.figures[$0].speaking } ?? visible.first
    }

    /// True when `a` stands screen-left of `b` (the 180° rule: a stable side per character).
    static func isLeft(_ a: Int, of b: Int, in spec: PanelSpec) -> Bool {
        let fa = spec.figures[a]
        let fb = spec.figures[b]
        return fa.colorIndex != fb.colorIndex ? fa.colorIndex < fb.colorIndex : a < b
    }

    mutating func placeFigures(_ spec: PanelSpec, size: ShotSize) {
        let visible = spec.figures.indices.filter { !spec.figures[$0].offScreen }
        guard let lead = Self.primary(spec) else { return }
        if spec.purpose == .insert { return }
        switch spec.angle {
        case .overhead:
            placeTop(spec, visible: visible, size: size)
        case .overShoulder:
            placeOverShoulder(spec, lead: lead, visible: visible, size: size)
        default:
            placeFront(spec, lead: lead, visible: visible, size: size)
            placeTable(size: size)
        }
    }

    private mutating func placeFront(_ spec: PanelSpec, lead: Int, visible: [Int], size: ShotSize) {
        var r = Self.headRadius(size, frame: frame)
        if size == .extremeWide, !location.exterior {
            // A room is never a landscape: keep people readable in an interior's widest shot.
            r = max(r, 0.6 * Self.headRadius(.wide, frame: frame))
        }
        var stretch = 1.0
        var shift = 0.0
        switch spec.angle {
        case .low: r *= 1.08; stretch = 1.08; shift = size >= .medium ? -0.05 : 0
        case .high: r *= 0.85; stretch = 0.9; shift = size >= .medium ? 0.06 : 0
        default: break
        }
        let seated = location.seated && size <= .medium
        let speaking = visible.contains { spec.figures[$0].speaking }
        let others = spec.figures.indices.filter { $0 != lead }
        func make(_ i: Int, x: Double, r: Double, facing: Double) -> Placement {
            var y = Self.headY(size, r: r, frame: frame) + shift * frame.h
            if seated && size <= .full { y += 4.2 * r }
            let dim = speaking && !spec.figures[i].speaking ? 0.16 : 0
            return Placement(figure: i, x: x, y: y, radius: r, facing: facing, dim: dim, stretch: stretch,
                             seated: seated)
        }
        // Close sizes and singles: one figure on a third, looking across the frame.
        if visible.count == 1 || size >= .closeUp {
            let partner = others.first
            let right = partner.map { Self.isLeft(lead, of: $0, in: spec) } ?? (spec.figures[lead].colorIndex % 2 == 0)
            let sign = right ? 1.0 : -1.0
            let offset = size == .extremeCloseUp ? frame.w * 0.03 : min(frame.w / 6, max(0, frame.w / 2 - 2.1 * r))
            let main = make(lead, x: frame.midX - sign * offset, r: r, facing: sign * (size == .extremeCloseUp ? 0.25 : 0.55))
            if size == .closeUp, let second = visible.first(where: { $0 != lead }) {
                // A "dirty" single: the other character's shoulder at the edge, out of focus.
                var dirty = make(second, x: frame.midX + sign * (frame.w * 0.5 + r * 0.5), r: r * 1.2, facing: -sign)
                dirty.view = .back
                dirty.y = main.y + frame.h * 0.3
                dirty.dim = 0.5
                figures = [main, dirty]
            } else {
                figures = [main]
            }
            return
        }
        // Groups: ordered left to right by the 180° rule, the lead in front.
        let n = visible.count
        if size >= .medium {
            let overlap = size >= .mediumCloseUp ? 1.15 : 1.5
            r = min(r, frame.w * 0.5 / (Double(n) * overlap + 0.3))
        }
        if size <= .full { r = min(r, frame.w * 0.9 / (Double(n) * 4.6)) }
        let order = visible.sorted { Self.isLeft($0, of: $1, in: spec) }
        let spacing: Double
        switch size {
        case .extremeWide: spacing = 5 * r
        case .wide, .full: spacing = max(min(frame.w * 0.36, 12 * r), 4.4 * r)
        default: spacing = max(min(frame.w * 0.4, 5 * r), 2.2 * r) * (n > 2 ? 0.8 : 1)
        }
        let total = spacing * Double(n - 1)
        var placed: [Placement] = []
        for (k, i) in order.enumerated() {
            let x = frame.midX - total / 2 + spacing * Double(k)
            let facing: Double
            if n == 2 {
                facing = k == 0 ? 0.8 : -0.8
            } else if i == lead {
                facing = 0
            } else {
                facing = x < frame.midX ? 0.6 : -0.6
            }
            let depth = i == lead ? 1.0 : (n > 2 ? 0.9 : 0.95)
            placed.append(make(i, x: x, r: r * depth, facing: facing))
        }
        // Back to front: smaller (further) first, the lead last.
        figures = placed.sorted { ($0.radius, $0.figure == lead ? 1 : 0) < ($1.radius, $1.figure == lead ? 1 : 0) }
    }

    /// Seated figures get a table, desk or counter in front of them at waist height.
    mutating func placeTable(size: ShotSize) {
        guard location.seated, location.place?.hasTable == true, size <= .medium,
              let front = figures.last(where: { $0.view == .front && $0.seated }) else { return }
        tableTop = front.y + (size <= .full ? 4.4 : 5.2) * front.radius
    }

    private mutating func placeOverShoulder(_ spec: PanelSpec, lead: Int, visible: [Int], size: ShotSize) {
        let clamped = min(max(size, .medium), .closeUp)
        let r = Self.headRadius(clamped, frame: frame) * 0.85
        let listener = visible.first { $0 != lead }
        let listenerLeft = listener.map { Self.isLeft($0, of: lead, in: spec) } ?? true
        let sign = listenerLeft ? 1.0 : -1.0
        let speaker = Placement(figure: lead, x: frame.midX + sign * frame.w / 6,
                                y: Self.headY(clamped, r: r, frame: frame) + frame.h * 0.02,
                                radius: r, facing: -sign * 0.6)
        let fgRadius = min(2 * r, 0.24 * frame.w, 0.24 * frame.h)
        var shoulder = Placement(figure: listener ?? -1, x: frame.midX - sign * frame.w * 0.42,
                                 y: frame.yAt(0.56), radius: fgRadius, facing: sign)
        shoulder.view = .back
        shoulder.dim = 0.55
        figures = [speaker, shoulder]
    }

    private mutating func placeTop(_ spec: PanelSpec, visible: [Int], size: ShotSize) {
        let fractions: [ShotSize: Double] = [.extremeWide: 0.02, .wide: 0.04, .full: 0.06, .medium: 0.085,
                                             .mediumCloseUp: 0.11, .closeUp: 0.14, .extremeCloseUp: 0.19]
        let n = visible.count
        let ringFactor = n == 1 ? 0 : 4.6 + 0.6 * Double(n)
        let long = max(frame.w, frame.h)
        let short = min(frame.w, frame.h)
        let r = min(short * (fractions[size] ?? 0.055) / max(1, Double(n).squareRoot() * 0.8),
                    long * 0.42 / (ringFactor + 2.4), short * 0.42 / 2.4)
        let ring = r * ringFactor
        // Round the table along the frame's long side.
        let start = frame.h > frame.w ? Double.pi / 2 : Double.pi
        let order = visible.sorted { Self.isLeft($0, of: $1, in: spec) }
        figures = order.enumerated().map { k, i in
            let a = start + 2 * Double.pi * Double(k) / Double(max(1, n))
            let x = frame.midX + ring * cos(a) * (frame.w > frame.h ? 1 : 0.8)
            let y = frame.midY + ring * sin(a) * (frame.h > frame.w ? 1 : 0.8)
            var p = Placement(figure: i, x: x, y: y, radius: r, facing: 0)
            p.view = .top
            p.heading = n == 1 ? Double.pi / 2 : a + Double.pi
            return p
        }
    }
}
