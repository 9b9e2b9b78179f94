import Foundation
import ReelModel

extension PanelPainter {
    /// A park or garden: lawn, a path to the horizon, trees at several depths, a bench
    /// and a lamp; flower beds in a garden.
    func paintPark(garden: Bool) {
        paintSkyAndGround(c(0x6FA85A), far: c(0x8DB87A).mix(light.sky.horizon, 0.3))
        var r2 = SeededRandom(seed: spec.seed, stream: "park")
        paintHills(layers: 1, height: 4, color: 0x7FA37A, rng: &r2)
        let path = c(0xD8C7A3)
        svg.path(PanelPath.polygon([proj(-0.3, 0, 200), proj(0.3, 0, 200), proj(1.6, 0, 1.5), proj(-1.6, 0, 1.5)]),
                 fill: path)
        for depth in stride(from: 80.0, through: 10, by: -10) {
            let m = (r2.chance(0.5) ? 1 : -1) * r2.double(in: 3...9)
            paintTreeAt(m, depth: depth, height: r2.double(in: 5...8))
        }
        let side = windowSide
        paintBench(ground(1.1), x: side * 2.6)
        paintStreetLamp(-side * 2.4, depth: 10, facing: side)
        if garden {
            for sgn in [-1.0, 1.0] {
                let bed = PanelPath.polygon([proj(sgn * 1.8, 0, 25), proj(sgn * 3.5, 0, 25), proj(sgn * 3.5, 0, 5),
                                             proj(sgn * 1.8, 0, 5)])
                ink(bed, c(0x5E4632), weight: 0.6)
                for _ in 0..<26 {
                    let d = r2.double(in: 5.5...24)
                    let m = sgn * r2.double(in: 1.9...3.4)
                    let (x, y) = proj(m, 0.25, d)
                    svg.circle(x, y, s * 12 / d * 0.14,
                               fill: c(r2.pick([0xE8566B, 0xF2C14E, 0xF4F1EA, 0xC774E0, 0xF08A3C])))
                }
            }
        }
        hazeColor = c(0x9CC48A)
    }

    /// A tree whose foot is `m` metres off the centre line at `depth`.
    func paintTreeAt(_ m: Double, depth: Double, height: Double) {
        let k = 12 / depth
        let p = PanelPlane(scale: s * k, baseY: proj(0, 0, depth).1, originX: layout.vanishingX)
        paintTree(p, x: m, height: height)
    }

    /// Rolling hills on the horizon, paler with distance.
    func paintHills(layers: Int, height: Double, color: UInt32, rng: inout SeededRandom) {
        let hy = layout.horizon
        for i in 0..<layers {
            let k = 0.3 + 0.15 * Double(i)
            let fill = distant(c(color), depth: 160 - Double(i) * 40)
            var p = PanelPath().move(bleed.minX, hy + 1)
            var x = bleed.minX
            while x < bleed.maxX {
                let step = s * k * rng.double(in: 8...16)
                p = p.quad(x + step / 2, hy - s * k * height * rng.double(in: 0.6...1.4), x + step, hy - s * k * height * 0.3)
                x += step
            }
            svg.path(p.line(x, hy + 1).close(), fill: fill)
        }
    }

    /// A forest: trunks at many depths, a dark canopy, ferns, shafts of light by day.
    func paintForest() {
        paintSkyAndGround(c(0x4E6B3F), far: c(0x6F8A5A))
        var r2 = SeededRandom(seed: spec.seed, stream: "forest")
        let canopy = c(0x2F5A3A)
        for depth in stride(from: 70.0, through: 3.5, by: -2.6) {
            let m = r2.double(in: -14...14) * depth / 12
            if abs(m) < 1.4 && depth < 14 { continue }
            let k = 12 / depth
            let base = proj(m, 0, depth)
            let trunkW = s * k * r2.double(in: 0.35...0.6)
            let color = distant(c(0x5A4232), depth: depth * 1.6)
            svg.rect(base.0 - trunkW / 2, bleed.minY, trunkW, base.1 - bleed.minY, fill: color,
                     stroke: depth < 30 ? .ink : nil, width: lw * 0.7)
            if depth < 30 {
                svg.rect(base.0 + trunkW * 0.15, bleed.minY, trunkW * 0.3, base.1 - bleed.minY, fill: color.darker(0.2),
                         opacity: 0.6)
            }
        }
        // Canopy across the top.
        var p = PanelPath().move(bleed.minX, bleed.minY)
        var x = bleed.minX
        let drop = frame.yAt(0.16)
        while x < bleed.maxX {
            let step = frame.w * r2.double(in: 0.12...0.22)
            p = p.quad(x + step / 2, drop + frame.h * r2.double(in: 0.02...0.12), x + step, drop)
            x += step
        }
        ink(p.line(x, bleed.minY).close(), canopy, weight: 0.8)
        if !light.isNight {
            for _ in 0..<3 {
                let x0 = frame.xAt(r2.double(in: 0.1...0.8))
                svg.path(PanelPath.polygon([(x0, drop), (x0 + frame.w * 0.08, drop), (x0 + frame.w * 0.3, frame.maxY),
                                            (x0 + frame.w * 0.15, frame.maxY)]), fill: light.disc, opacity: 0.16)
            }
        }
        for _ in 0..<16 {
            let d = r2.double(in: 3...20)
            let (fx, fy) = proj(r2.double(in: -6...6) * d / 12, 0, d)
            let size = s * 12 / d * r2.double(in: 0.4...0.7)
            paintFern(fx, fy, size, c(0x3F7A45))
        }
        hazeColor = c(0x5F7F5A)
    }

    private func paintFern(_ x: Double, _ y: Double, _ size: Double, _ color: PanelColor) {
        for a in [-2.4, -1.9, -1.57, -1.2, -0.7] {
            let tip = (x + cos(a) * size, y + sin(a) * size)
            ink(PanelPath().move(x, y).quad((x + tip.0) / 2 - size * 0.12, (y + tip.1) / 2, tip.0, tip.1)
                .quad((x + tip.0) / 2 + size * 0.12, (y + tip.1) / 2, x, y).close(), color, weight: 0.5)
        }
    }

    /// Mountains: three ranges, paler with distance, snow on the farthest, pines in front.
    func paintMountains() {
        paintSkyAndGround(c(0x7A8A5E))
        var r2 = SeededRandom(seed: spec.seed, stream: "mountain")
        let hy = layout.horizon
        let ranges: [(Double, Double, UInt32, Double)] = [(0.32, 0.42, 0x8A94B5, 120), (0.2, 0.3, 0x6C7A99, 60),
                                                           (0.08, 0.22, 0x55644F, 25)]
        for (i, (height, width, color, depth)) in ranges.enumerated() {
            var peaks: [(Double, Double)] = [(bleed.minX, hy + 2)]
            var x = bleed.minX - frame.w * r2.double(in: 0...0.2)
            while x < bleed.maxX {
                let step = frame.w * width * r2.double(in: 0.7...1.3)
                peaks.append((x + step / 2, hy - frame.h * height * r2.double(in: 0.6...1.0)))
                peaks.append((x + step, hy - frame.h * height * r2.double(in: 0.15...0.35)))
                x += step
            }
            peaks.append((x, hy + 2))
            svg.path(PanelPath.polygon(peaks), fill: distant(c(color), depth: depth), stroke: i == 2 ? .ink : nil,
                     width: lw * 0.7)
            if i == 0 {
                for j in stride(from: 1, to: peaks.count - 1, by: 2) {
                    let (px, py) = peaks[j]
                    let (lx, ly) = peaks[j - 1]
                    let (rx, ry) = peaks[j + 1]
                    let t = 0.28
                    let a = (px + (lx - px) * t, py + (ly - py) * t)
                    let b = (px + (rx - px) * t, py + (ry - py) * t)
                    svg.path(PanelPath.polygon([(px, py), b, ((px + b.0) / 2, b.1 - (b.1 - py) * 0.2),
                                                (px, (py + a.1) / 2 + (b.1 - py) * 0.1),
                                                ((px + a.0) / 2, a.1 - (a.1 - py) * 0.15), a]),
                             fill: PanelColor(0xF4F6FA).mix(light.sky.horizon, 0.2))
                }
            }
        }
        for _ in 0..<9 {
            let d = r2.double(in: 6...30)
            let m = (r2.chance(0.5) ? 1 : -1) * r2.double(in: 3...12)
            paintPine(m, depth: d, height: r2.double(in: 4...7))
        }
        hazeColor = light.sky.horizon
    }

    func paintPine(_ m: Double, depth: Double, height: Double) {
        let (x, y) = proj(m, 0, depth)
        let k = s * 12 / depth
        let color = distant(c(0x2F5A3F), depth: depth)
        svg.rect(x - k * 0.12, y - k * 0.6, k * 0.24, k * 0.6, fill: c(0x5A4232))
        ink(PanelPath.polygon([(x, y - k * height), (x + k * height * 0.28, y - k * 0.5), (x - k * height * 0.28,
                                                                                          y - k * 0.5)]),
            color, weight: 0.6)
    }

    func paintBench(_ p: PanelPlane, x m: Double) {
        let wood = c(0x9A6A42)
        for dx in [-0.8, 0.8] {
            line(p.x(m + dx), p.baseY, p.x(m + dx), p.y(0.45), .ink, weight: 1.6)
        }
        inkRect(p.x(m - 1.0), p.y(0.48), p.len(2.0), p.len(0.08), wood)
        for h in [0.6, 0.78] { inkRect(p.x(m - 1.0), p.y(h + 0.08), p.len(2.0), p.len(0.08), wood) }
    }
}
