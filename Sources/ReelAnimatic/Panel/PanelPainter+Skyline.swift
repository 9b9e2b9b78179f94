import Foundation
import ReelModel

extension PanelPainter {
    /// A row of towers standing on `baseY`, `k` times the set scale: the far layer takes
    /// the sky's colour, the near one has windows (lit after dark) and roof details.
    func paintSkyline(baseY: Double, k: Double, tall: Double, colors: [UInt32], windows: Bool, stream: String) {
        var r2 = SeededRandom(seed: spec.seed, stream: stream)
        let unit = s * k
        var x = bleed.minX - r2.double(in: 0...3) * unit
        while x < bleed.maxX {
            let bw = unit * r2.double(in: 5...11)
            let bh = unit * tall * r2.double(in: 0.35...1.0)
            let color = windows ? w(r2.pick(colors)) : distant(w(r2.pick(colors)), depth: 120)
            let top = baseY - bh
            svg.rect(x, top, bw, bh + unit, fill: color, stroke: windows ? .ink : nil, width: lw * 0.6)
            if windows {
                svg.rect(x + bw * 0.72, top, bw * 0.28, bh + unit, fill: color.darker(0.18))
                let rows = max(2, Int(bh / (unit * 2.2)))
                let cols = max(2, Int(bw / (unit * 1.6)))
                let glass = light.isNight ? PanelColor(0x1C2444) : color.mix(light.sky.middle, 0.55)
                for row in 0..<rows {
                    for col in 0..<cols {
                        let lit = light.lampsOn && r2.chance(0.42)
                        svg.rect(x + bw * (Double(col) + 0.25) / Double(cols), top + unit * 1.0 + Double(row) * unit * 2.2,
                                 bw / Double(cols) * 0.5, unit * 1.1, fill: lit ? light.glow : glass,
                                 opacity: lit ? 0.95 : 0.85)
                    }
                }
                if r2.chance(0.35) {
                    let ax = x + bw * r2.double(in: 0.3...0.7)
                    svg.stroke(PanelPath().move(ax, top).line(ax, top - unit * 3), .ink, width: lw * 0.8)
                    if light.lampsOn { svg.circle(ax, top - unit * 3, unit * 0.25, fill: PanelColor(0xFF5A4A)) }
                } else if r2.chance(0.3) {
                    inkRect(x + bw * 0.2, top - unit * 1.2, bw * 0.3, unit * 1.2, color.darker(0.1), weight: 0.6)
                }
            }
            x += bw + unit * r2.double(in: -1.5...1.0)
        }
    }

    /// A city seen from a promenade: two layers of towers beyond a railing.
    func paintCityView() {
        paintSkyAndGround(c(0x8D8A84))
        let hy = layout.horizon
        paintSkyline(baseY: hy, k: 0.09, tall: 70, colors: [0x8C9BB5, 0x9AA5BF, 0x7F8FAD], windows: false, stream: "far")
        paintSkyline(baseY: hy + s * 0.05, k: 0.16, tall: 45, colors: [0x6E7F9C, 0x8A8FA6, 0x5F708C, 0xA08F86],
                     windows: true, stream: "near")
        let water = light.isNight ? c(0x1D2C52) : c(0x5C86B0)
        let g = ground(1)
        svg.rect(bleed.x, hy + s * 0.05, bleed.w, g.baseY - hy, fill: water)
        paintRailing(g, color: c(0x3B3F48))
        paintStreetLamp(-streetHalfWidth, depth: 10, facing: 1)
    }

    /// A rail at 1.1 m across a plane, on balusters.
    func paintRailing(_ p: PanelPlane, color: PanelColor) {
        let top = p.y(1.1)
        svg.rect(bleed.x, p.y(0.05), bleed.w, bleed.maxY - p.y(0.05), fill: c(0xB5AFA4))
        svg.stroke(PanelPath().move(bleed.minX, p.baseY).line(bleed.maxX, p.baseY), .ink, width: lw)
        var x = bleed.minX
        while x < bleed.maxX {
            svg.rect(x, top, p.len(0.06), p.len(1.1), fill: color)
            x += p.len(0.25)
        }
        inkRect(bleed.minX - lw * 2, top - p.len(0.06), bleed.w + lw * 4, p.len(0.09), color)
        line(bleed.minX, p.y(0.55), bleed.maxX, p.y(0.55), color, weight: 1.4)
    }

    /// A rooftop: the city beyond the parapet, a water tank, string lights after dark.
    func paintRooftop() {
        paintSkyAndGround(c(0x9A958C))
        let hy = layout.horizon
        paintSkyline(baseY: hy + s * 0.3, k: 0.09, tall: 80, colors: [0x8C9BB5, 0x9AA5BF, 0x7F8FAD], windows: false,
                     stream: "far")
        paintSkyline(baseY: hy + s * 0.8, k: 0.17, tall: 50, colors: [0x6E7F9C, 0x8A8FA6, 0x5F708C, 0xA08F86],
                     windows: true, stream: "near")
        let g = ground(1)
        let roof = c(0x9A958C)
        svg.rect(bleed.x, g.baseY, bleed.w, bleed.maxY - g.baseY, fill: roof)
        // Parapet.
        let wall = w(0xB9AFA2)
        inkRect(bleed.minX - lw * 2, g.y(1.0), bleed.w + lw * 4, g.len(1.0), wall)
        inkRect(bleed.minX - lw * 2, g.y(1.08), bleed.w + lw * 4, g.len(0.12), wall.lighter(0.15))
        var x = bleed.minX
        while x < bleed.maxX {
            line(x, g.y(1.0), x, g.baseY, wall.darker(0.15), weight: 0.5)
            x += g.len(1.2)
        }
        let side = windowSide
        paintWaterTank(ground(0.85), x: side * streetHalfWidth * 1.1)
        for i in 0..<3 {
            let m = -side * (1.5 + Double(i) * 0.7)
            tube(PanelPath().move(g.x(m), g.baseY).line(g.x(m), g.y(0.6 + Double(i) * 0.2)), c(0x8C9096),
                 width: g.len(0.14))
        }
        if light.lampsOn { paintStringLights(g) }
        hazeColor = light.sky.middle
    }

    func paintWaterTank(_ p: PanelPlane, x m: Double) {
        let wood = c(0x8A5A3C)
        for dx in [-0.8, 0.8] {
            tube(PanelPath().move(p.x(m + dx), p.baseY).line(p.x(m + dx * 0.9), p.y(3)), c(0x4A4A50), width: p.len(0.12))
        }
        inkRect(p.x(m - 1.1), p.y(5.4), p.len(2.2), p.len(2.5), wood)
        for h in [3.6, 4.4, 5.1] { line(p.x(m - 1.1), p.y(h), p.x(m + 1.1), p.y(h), .ink, weight: 0.7) }
        ink(PanelPath.polygon([(p.x(m - 1.25), p.y(5.4)), (p.x(m + 1.25), p.y(5.4)), (p.x(m), p.y(6.4))]), wood.darker(0.2))
    }

    /// Two sagging strings of warm bulbs.
    private func paintStringLights(_ g: PanelPlane) {
        for (y0, sag) in [(2.9, 0.5), (2.5, 0.35)] {
            let a = (bleed.minX, g.y(y0))
            let b = (bleed.maxX, g.y(y0 - 0.3))
            let mid = ((a.0 + b.0) / 2, g.y(y0 - sag - 0.5))
            svg.path(PanelPath().move(a).quad(mid, b), stroke: .ink, width: lw * 0.6)
            for i in 1..<14 {
                let t = Double(i) / 14
                let x = (1 - t) * (1 - t) * a.0 + 2 * (1 - t) * t * mid.0 + t * t * b.0
                let y = (1 - t) * (1 - t) * a.1 + 2 * (1 - t) * t * mid.1 + t * t * b.1
                glow(x, y + g.len(0.06), g.len(0.35), light.glow, 0.5)
                svg.circle(x, y + g.len(0.06), g.len(0.06), fill: light.glow)
            }
        }
    }
}
