import Foundation
import ReelModel

extension PanelPainter {
    /// The sky over `box`, graded from zenith to `horizon`, with sun or moon, stars and
    /// clouds as the hour has them. Also used inside windows (`detail: false`).
    func paintSky(_ box: PanelBox, horizon: Double, detail: Bool = true) {
        let sky = light.sky
        let span = max(frame.h * 0.8, horizon - box.minY)
        let id = svg.linearGradient(0, horizon - span, 0, horizon,
                                    [(0, sky.top, 1), (0.6, sky.middle, 1), (1, sky.horizon, 1)])
        svg.rect(box.x, box.y, box.w, max(0, min(box.maxY, horizon + 2) - box.y), gradient: id)
        var sky2 = SeededRandom(seed: spec.seed, stream: "sky")
        let side = sky2.chance(0.5) ? 0.74 : 0.26
        let u = layout.unit
        switch spec.timeOfDay {
        case .night:
            let count = detail ? 46 : 10
            for _ in 0..<count {
                let x = box.minX + sky2.unit() * box.w
                let y = box.minY + sky2.unit() * max(0, min(box.maxY, horizon) - box.minY) * 0.85
                svg.circle(x, y, u * sky2.double(in: 0.12...0.32), fill: PanelColor(0xF4F1DE), opacity: sky2.double(in: 0.45...0.95))
            }
            let mx = detail ? frame.xAt(side) : box.xAt(0.7)
            let my = detail ? max(frame.yAt(0.14), min(horizon - u * 14, frame.yAt(0.3))) : box.yAt(0.3)
            let mr = detail ? u * 4.2 : min(box.w, box.h) * 0.1
            glow(mx, my, mr * 4, light.disc, 0.22)
            svg.circle(mx, my, mr, fill: light.disc)
            svg.circle(mx + mr * 0.35, my - mr * 0.15, mr * 0.2, fill: PanelColor(0xD9D4BC), opacity: 0.7)
            svg.circle(mx - mr * 0.3, my + mr * 0.35, mr * 0.14, fill: PanelColor(0xD9D4BC), opacity: 0.6)
        case .dawn, .dusk:
            let sx = detail ? frame.xAt(side) : box.xAt(0.35)
            let sy = horizon - (detail ? u * 3 : box.h * 0.1)
            let sr = detail ? u * 7 : min(box.w, box.h) * 0.14
            glow(sx, sy, sr * 5, light.disc, 0.5)
            svg.circle(sx, sy, sr, fill: light.disc)
            paintClouds(box, horizon: horizon, count: detail ? 4 : 1, rng: &sky2,
                        color: sky.horizon.mix(.white, 0.25), shade: sky.middle)
        case .day, .unspecified:
            if detail, spec.timeOfDay == .day {
                let sx = frame.xAt(side)
                let sy = max(box.minY + u * 10, frame.yAt(0.16))
                if sy < horizon - u * 8 {
                    glow(sx, sy, u * 22, light.disc, 0.55)
                    svg.circle(sx, sy, u * 4.5, fill: light.disc)
                }
            }
            paintClouds(box, horizon: horizon, count: detail ? 4 : 1, rng: &sky2,
                        color: PanelColor(0xFFFFFF), shade: sky.middle.lighter(0.45))
        }
    }

    /// Flat comic clouds: a row of bumps on a flat base with a shaded underside.
    private func paintClouds(_ box: PanelBox, horizon: Double, count: Int, rng: inout SeededRandom,
                             color: PanelColor, shade: PanelColor) {
        let top = box.minY
        let bottom = min(box.maxY, horizon) - layout.unit * 4
        guard bottom > top + layout.unit * 6 else { return }
        for _ in 0..<count {
            let w = box.w * rng.double(in: 0.16...0.3) * (count == 1 ? 1.6 : 1)
            let cx = box.minX + rng.unit() * box.w
            let cy = top + (bottom - top) * rng.double(in: 0.15...0.8)
            cloud(cx, cy, w, color: color, shade: shade, rng: &rng)
        }
    }

    func cloud(_ cx: Double, _ cy: Double, _ w: Double, color: PanelColor, shade: PanelColor,
               rng: inout SeededRandom) {
        // Five bumps of different widths, the middle ones tallest, on a flat base.
        let weights = (0..<5).map { _ in rng.double(in: 0.7...1.3) }
        let total = weights.reduce(0, +)
        var p = PanelPath().move(cx - w / 2, cy)
        var x = cx - w / 2
        for (i, weight) in weights.enumerated() {
            let bw = w * weight / total
            let bh = bw * (i == 0 || i == 4 ? 0.45 : 0.75) * rng.double(in: 0.85...1.15)
            p = p.cubic(x - bw * 0.1, cy - bh * 1.3, x + bw * 1.1, cy - bh * 1.3, x + bw, cy)
            x += bw
        }
        svg.path(p.close(), fill: color, opacity: 0.92)
        svg.path(PanelPath().move(cx - w * 0.45, cy).quad(cx, cy - w * 0.09, cx + w * 0.45, cy).close(),
                 fill: shade, opacity: 0.4)
    }
}
