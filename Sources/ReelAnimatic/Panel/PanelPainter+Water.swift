import Foundation
import ReelModel

extension PanelPainter {
    /// The sea: water to the horizon, waves, the sun's path, sand in front, an umbrella.
    func paintBeach() {
        paintSkyAndGround(c(0xE6CF9C))
        let hy = layout.horizon
        let shore = proj(0, 0, 16).1
        let sea = light.isNight ? c(0x1B2A55) : c(0x3C8FC2)
        let id = svg.linearGradient(0, hy, 0, shore, [(0, sea.mix(light.sky.horizon, 0.4), 1), (1, sea, 1)])
        svg.rect(bleed.x, hy, bleed.w, shore - hy, gradient: id)
        var r2 = SeededRandom(seed: spec.seed, stream: "sea")
        for i in 0..<9 {
            let y = hy + (shore - hy) * pow(Double(i + 1) / 10, 1.6)
            let x = bleed.minX + r2.unit() * bleed.w
            line(x, y, x + frame.w * r2.double(in: 0.08...0.2), y, sea.lighter(0.35), weight: 0.8, opacity: 0.8)
        }
        if spec.timeOfDay != .day {
            let sx = frame.xAt(spec.seed & 4 == 0 ? 0.74 : 0.26)
            svg.path(PanelPath.polygon([(sx - frame.w * 0.01, hy), (sx + frame.w * 0.01, hy), (sx + frame.w * 0.06, shore),
                                        (sx - frame.w * 0.06, shore)]), fill: light.disc, opacity: 0.35)
        }
        // Foam line.
        var p = PanelPath().move(bleed.minX, shore)
        var x = bleed.minX
        while x < bleed.maxX {
            let step = frame.w * 0.12
            p = p.quad(x + step / 2, shore + frame.h * 0.012, x + step, shore)
            x += step
        }
        svg.path(p, stroke: PanelColor(0xF4F7F5), width: lw * 2.2)
        paintUmbrella(ground(1.2), x: windowSide * 2.8)
        hazeColor = light.sky.horizon
    }

    private func paintUmbrella(_ p: PanelPlane, x m: Double) {
        line(p.x(m), p.baseY, p.x(m), p.y(2.3), .ink, weight: 1.6)
        let cx = p.x(m)
        let cy = p.y(2.3)
        let r = p.len(1.3)
        let colors: [UInt32] = [0xE8566B, 0xF4F1EA]
        for i in 0..<6 {
            let a0 = Double.pi + Double.pi * Double(i) / 6
            let a1 = Double.pi + Double.pi * Double(i + 1) / 6
            ink(PanelPath().move(cx, cy - r * 0.5).line(cx + cos(a0) * r, cy + sin(a0) * r * 0.5 + r * 0.1)
                .line(cx + cos(a1) * r, cy + sin(a1) * r * 0.5 + r * 0.1).close(), c(colors[i % 2]), weight: 0.7)
        }
    }

    /// A river or lake: the far bank with trees on the horizon, water, reeds in front.
    func paintWaterside() {
        paintSkyAndGround(c(0x6F9A58))
        var r2 = SeededRandom(seed: spec.seed, stream: "river")
        paintHills(layers: 2, height: 6, color: 0x6F8F73, rng: &r2)
        let hy = layout.horizon
        let bank = proj(0, 0, 14).1
        let water = light.isNight ? c(0x1E2E58) : c(0x4F8DB8)
        let id = svg.linearGradient(0, hy, 0, bank, [(0, water.mix(light.sky.horizon, 0.45), 1), (1, water, 1)])
        svg.rect(bleed.x, hy + s * 0.05, bleed.w, bank - hy, gradient: id)
        var x = bleed.minX
        while x < bleed.maxX {
            let h = r2.double(in: 2.5...5)
            let tx = x + r2.double(in: 0...4) * s * 0.2
            let top = hy - s * 0.2 * h
            ink(PanelPath().move(tx - s * 0.2 * 1.2, hy + 2).quad(tx, top - s * 0.2 * h * 0.4, tx + s * 0.2 * 1.2, hy + 2)
                .close(), distant(c(0x3F6B45), depth: 70), weight: 0.5)
            x += s * 0.2 * r2.double(in: 2...4)
        }
        for i in 0..<7 {
            let y = hy + (bank - hy) * pow(Double(i + 1) / 8, 1.5)
            let x0 = bleed.minX + r2.unit() * bleed.w
            line(x0, y, x0 + frame.w * r2.double(in: 0.06...0.16), y, water.lighter(0.35), weight: 0.7, opacity: 0.8)
        }
        for _ in 0..<22 {
            let d = r2.double(in: 3...13)
            let m = (r2.chance(0.5) ? 1 : -1) * r2.double(in: 1.8...6) * d / 6
            let (rx, ry) = proj(m, 0, d)
            let h = s * 12 / d * r2.double(in: 0.6...1.1)
            svg.stroke(PanelPath().move(rx, ry).quad(rx + h * 0.1, ry - h * 0.6, rx + h * 0.05, ry - h), c(0x5C7A3A),
                       width: max(lw * 0.7, h * 0.04))
        }
        hazeColor = light.sky.horizon
    }

    /// A bridge deck: railing and lamps in front of the water and a far skyline.
    func paintBridge() {
        paintSkyAndGround(c(0x8A8580))
        let hy = layout.horizon
        paintSkyline(baseY: hy, k: 0.06, tall: 55, colors: [0x6E7F9C, 0x8C9BB5, 0x7F8FAD], windows: true, stream: "far")
        let water = light.isNight ? c(0x1B2A55) : c(0x4F86B5)
        svg.rect(bleed.x, hy, bleed.w, ground(1).baseY - hy, fill: water)
        // Suspension cables from a tower on one side.
        let side = windowSide
        let tower = ground(0.7)
        let tx = tower.x(side * streetHalfWidth * 0.8)
        let red = c(0xB5483A)
        inkRect(tx - tower.len(0.6), tower.y(26), tower.len(1.2), tower.len(26), red)
        inkRect(tx - tower.len(1.0), tower.y(24), tower.len(2.0), tower.len(0.8), red.darker(0.1))
        for i in 0..<8 {
            let end = tower.x(side * streetHalfWidth * 0.8 - side * Double(i + 1) * 2.2)
            svg.stroke(PanelPath().move(tx, tower.y(25)).line(end, tower.y(1.1)), red.darker(0.2), width: lw * 0.8)
        }
        paintRailing(ground(1), color: red.darker(0.15))
        paintStreetLamp(-side * streetHalfWidth, depth: 11, facing: side)
        hazeColor = light.sky.horizon
    }
}
