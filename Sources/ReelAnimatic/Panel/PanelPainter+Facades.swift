import Foundation
import ReelModel

extension PanelPainter {
    /// Which public building a façade shows.
    enum Facade { case office, hospital, school, church, temple, palace }

    /// A public building seen from its forecourt, recognisable by its silhouette: a glass
    /// tower, a red cross, a clock, a steeple, curved eaves.
    func paintFacade(_ kind: Facade) {
        paintSkyAndGround(kind == .temple || kind == .palace ? c(0xC9B99A) : c(0xA8A398))
        let g = ground(0.7)
        let half = max(6, frame.w * 0.6 / g.scale)
        switch kind {
        case .office:
            let glass = c(0x6F8FB0).mix(light.sky.middle, 0.3)
            inkRect(g.x(-half * 0.7), g.y(40), g.len(half * 1.4), g.len(40), glass)
            for h in stride(from: 3.5, to: 40, by: 3.5) {
                line(g.x(-half * 0.7), g.y(h), g.x(half * 0.7), g.y(h), c(0x3E4F66), weight: 0.6)
            }
            var r2 = SeededRandom(seed: spec.seed, stream: "office-windows")
            for m in stride(from: -half * 0.7 + 1.5, to: half * 0.7, by: 1.5) {
                line(g.x(m), g.y(40), g.x(m), g.baseY, c(0x3E4F66), weight: 0.5)
                if light.lampsOn {
                    for h in stride(from: 3.5, to: 40, by: 3.5) where r2.chance(0.35) {
                        svg.rect(g.x(m - 1.4), g.y(h + 3.4), g.len(1.3), g.len(3.3), fill: light.glow, opacity: 0.85)
                    }
                }
            }
            svg.path(PanelPath.polygon([(g.x(-half * 0.7), g.y(40)), (g.x(-half * 0.3), g.y(40)), (g.x(half * 0.1), g.baseY),
                                        (g.x(-half * 0.3), g.baseY)]), fill: .white, opacity: light.isNight ? 0.04 : 0.14)
            inkRect(g.x(-2), g.y(3.4), g.len(4), g.len(3.4), c(0x2E3445))
            inkRect(g.x(-2.6), g.y(3.8), g.len(5.2), g.len(0.4), c(0xC9CDD2))
        case .hospital:
            let wall = c(0xEEF1EE)
            inkRect(g.x(-half * 0.8), g.y(16), g.len(half * 1.6), g.len(16), wall)
            paintWindowGrid(g, from: -half * 0.8, to: half * 0.8, bottom: 4.5, top: 15, color: c(0x7FA6B8))
            inkRect(g.x(-0.9), g.y(15.4), g.len(1.8), g.len(1.8), .white)
            let red = c(0xD63A3A)
            svg.rect(g.x(-0.25), g.y(15.2), g.len(0.5), g.len(1.4), fill: red)
            svg.rect(g.x(-0.7), g.y(14.75), g.len(1.4), g.len(0.5), fill: red)
            inkRect(g.x(-3), g.y(3.6), g.len(6), g.len(0.5), red.mix(.white, 0.2))
            inkRect(g.x(-1.6), g.y(3.1), g.len(3.2), g.len(3.1), c(0x8FB8C8))
        case .school:
            let brick = w(0xB5573F)
            inkRect(g.x(-half * 0.8), g.y(11), g.len(half * 1.6), g.len(11), brick)
            ink(PanelPath.polygon([(g.x(-3), g.y(11)), (g.x(0), g.y(14.5)), (g.x(3), g.y(11))]), brick.darker(0.1))
            svg.circle(g.x(0), g.y(12.1), g.len(1.1), fill: c(0xF4F1EA), stroke: .ink, width: lw)
            line(g.x(0), g.y(12.1), g.x(0), g.y(12.8), .ink, weight: 1.2)
            line(g.x(0), g.y(12.1), g.x(0.5), g.y(12.1), .ink, weight: 1.2)
            paintWindowGrid(g, from: -half * 0.8, to: half * 0.8, bottom: 1.2, top: 10, color: c(0xCFE0E8))
            paintDoor(g, x: 0, color: c(0x2F4F3F), width: 1.8)
            let fx = g.x(half * 0.85)
            line(fx, g.baseY, fx, g.y(13), .ink, weight: 1.2)
            svg.path(PanelPath.polygon([(fx, g.y(13)), (fx + g.len(2.2), g.y(12.4)), (fx, g.y(11.8))]), fill: c(0xD64545),
                     stroke: .ink, width: lw * 0.6)
        case .church:
            let stone = w(0xCFC6B5)
            inkRect(g.x(-4), g.y(12), g.len(8), g.len(12), stone)
            ink(PanelPath.polygon([(g.x(-4.4), g.y(12)), (g.x(0), g.y(17)), (g.x(4.4), g.y(12))]), stone.darker(0.15))
            inkRect(g.x(-1.3), g.y(24), g.len(2.6), g.len(8), stone)
            ink(PanelPath.polygon([(g.x(-1.6), g.y(24)), (g.x(0), g.y(31)), (g.x(1.6), g.y(24))]), c(0x5B4A4A))
            line(g.x(0), g.y(31), g.x(0), g.y(33), .ink, weight: 1.6)
            line(g.x(-0.6), g.y(32.3), g.x(0.6), g.y(32.3), .ink, weight: 1.6)
            svg.circle(g.x(0), g.y(9), g.len(1.5), fill: light.lampsOn ? light.glow : c(0x7C6FB0), stroke: .ink, width: lw)
            for i in 0..<8 {
                let a = Double(i) * Double.pi / 4
                line(g.x(0), g.y(9), g.x(cos(a) * 1.5), g.y(9 + sin(a) * 1.5), .ink, weight: 0.6)
            }
            ink(PanelPath().move(g.x(-1.2), g.baseY).line(g.x(-1.2), g.y(3)).quad(g.x(0), g.y(5), g.x(1.2), g.y(3))
                .line(g.x(1.2), g.baseY).close(), c(0x6B4A35))
        case .temple, .palace:
            paintEastAsianHall(g, half: min(half, 9), palace: kind == .palace)
        }
        hazeColor = light.sky.middle
    }

    func paintWindowGrid(_ p: PanelPlane, from a: Double, to b: Double, bottom: Double, top: Double, color: PanelColor) {
        var r2 = SeededRandom(seed: spec.seed, stream: "grid")
        var h = bottom
        while h + 1.6 < top {
            var m = a + 0.9
            while m + 1.0 < b {
                let lit = light.lampsOn && r2.chance(0.5)
                inkRect(p.x(m), p.y(h + 1.6), p.len(1.1), p.len(1.6), lit ? light.glow : color.mix(light.sky.middle, 0.3),
                        weight: 0.6)
                m += 2.0
            }
            h += 2.8
        }
    }

    /// A hall on a stone platform: red columns, curved eaves (two tiers for a palace), lanterns.
    func paintEastAsianHall(_ g: PanelPlane, half: Double, palace: Bool) {
        let red = c(0xA8322C)
        let roof = palace ? c(0xD9A93F) : c(0x3F4A4A)
        let stone = c(0xD8CCB2)
        inkRect(g.x(-half - 1), g.y(1.2), g.len(2 * half + 2), g.len(1.2), stone)
        for i in 0..<4 {
            inkRect(g.x(-2 + Double(i) * 0.2), g.y(1.2 - Double(i) * 0.3), g.len(4 - Double(i) * 0.4), g.len(0.3),
                    stone.lighter(0.1), weight: 0.6)
        }
        inkRect(g.x(-half), g.y(6.5), g.len(2 * half), g.len(5.3), red.darker(0.15))
        for m in stride(from: -half + 0.5, through: half - 0.4, by: (2 * half - 1) / 6) {
            inkRect(g.x(m - 0.3), g.y(6.5), g.len(0.6), g.len(5.3), red)
        }
        for m in stride(from: -half + 1.6, to: half - 1, by: (2 * half - 1) / 6) {
            svg.rect(g.x(m), g.y(5.6), g.len(1.2), g.len(3.6), fill: c(0x5A2A22), stroke: .ink, width: lw * 0.6)
        }
        func eave(_ base: Double, _ w2: Double, _ h: Double) {
            ink(PanelPath().move(g.x(-w2 - 1.4), g.y(base + 0.6)).quad(g.x(-w2), g.y(base), g.x(-w2 + 2), g.y(base + 0.4))
                .line(g.x(w2 - 2), g.y(base + 0.4)).quad(g.x(w2), g.y(base), g.x(w2 + 1.4), g.y(base + 0.6))
                .quad(g.x(w2 - 1), g.y(base + h * 0.6), g.x(w2 * 0.55), g.y(base + h))
                .line(g.x(-w2 * 0.55), g.y(base + h)).quad(g.x(-w2 + 1), g.y(base + h * 0.6), g.x(-w2 - 1.4),
                                                             g.y(base + 0.6)).close(), roof)
            for m in stride(from: -w2 + 1, to: w2 - 0.5, by: 0.6) {
                line(g.x(m), g.y(base + 0.45), g.x(m * 0.6), g.y(base + h * 0.95), roof.darker(0.2), weight: 0.5)
            }
        }
        eave(6.3, half + 1, 3)
        if palace {
            inkRect(g.x(-half * 0.6), g.y(10.6), g.len(half * 1.2), g.len(1.6), red.darker(0.1))
            eave(10.4, half * 0.75, 2.6)
        }
        for sgn in [-1.0, 1.0] {
            let lx = g.x(sgn * half * 0.45)
            line(lx, g.y(6.3), lx, g.y(5.6), .ink, weight: 0.8)
            inkEllipse(lx, g.y(5.1), g.len(0.4), g.len(0.55), c(0xE0423A))
            if light.lampsOn { glow(lx, g.y(5.1), g.len(1.6), PanelColor(0xFF8A5A), 0.55) }
        }
    }

    /// A station platform: canopy on pillars, the yellow edge, rails below, maybe a train.
    func paintPlatform(train: Bool) {
        paintSkyAndGround(c(0x9C9A94))
        let side = windowSide
        let edge = side * 1.3
        let far = 160.0
        // Track bed lower than the platform.
        svg.path(PanelPath.polygon([proj(edge, 0, far), proj(edge + side * 6, -1.1, far), proj(edge + side * 6, -1.1, 1.5),
                                    proj(edge, 0, 1.5)]), fill: c(0x5E5A55))
        svg.path(PanelPath.polygon([proj(edge, 0, far), proj(edge, -1.1, far), proj(edge, -1.1, 1.5), proj(edge, 0, 1.5)]),
                 fill: c(0x7A766F))
        for rail in [2.2, 3.7] {
            svg.stroke(PanelPath().move(proj(side * rail, -1.0, far)).line(proj(side * rail, -1.0, 1.5)), c(0xC8C4BC),
                       width: lw * 1.2)
        }
        svg.path(PanelPath.polygon([proj(edge - side * 0.5, 0, far), proj(edge, 0, far), proj(edge, 0, 1.5),
                                    proj(edge - side * 0.5, 0, 1.5)]), fill: c(0xF2C43A))
        if train {
            let body = w(0xD9DEE2)
            ink(sideWall(side * 2.2, from: 6, to: 60, bottom: -0.7, top: 3.2), body)
            ink(sideWall(side * 2.2, from: 6, to: 60, bottom: 0.3, top: 0.8), w(0x3B73D9))
            var d = 7.0
            while d < 58 {
                ink(sideWall(side * 2.2, from: d, to: d + 1.8, bottom: 1.3, top: 2.5),
                    light.lampsOn ? light.glow : c(0x4F6478), weight: 0.6)
                d += 2.6
            }
        }
        // Canopy and pillars.
        let roof = c(0x55606A)
        svg.path(PanelPath.polygon([proj(-side * 6, 4.2, far), proj(edge + side * 0.8, 4.2, far),
                                    proj(edge + side * 0.8, 4.2, 1.5), proj(-side * 6, 4.2, 1.5)]), fill: roof.lighter(0.2))
        svg.path(PanelPath.polygon([proj(-side * 6, 4.6, far), proj(edge + side * 0.8, 4.6, far),
                                    proj(edge + side * 0.8, 4.2, far), proj(-side * 6, 4.2, far)]), fill: roof)
        svg.stroke(PanelPath().move(proj(edge + side * 0.8, 4.2, far)).line(proj(edge + side * 0.8, 4.2, 1.5)), .ink,
                   width: lw)
        var d = 6.0
        while d < 90 {
            let a = proj(-side * 1.6, 0, d)
            let b = proj(-side * 1.6, 4.2, d)
            svg.stroke(PanelPath().move(a).line(b), .ink, width: s * 12 / d * 0.22 + lw)
            svg.stroke(PanelPath().move(a).line(b), c(0x3B73D9).darker(0.2), width: s * 12 / d * 0.22)
            if light.lampsOn {
                let l = proj(-side * 0.2, 4.1, d)
                glow(l.0, l.1, s * 12 / d * 1.5, light.glow, 0.45)
            }
            d += 9
        }
        let sign = proj(-side * 0.2, 3.4, 10)
        let k = s * 1.2
        inkRect(sign.0 - k * 0.9, sign.1 - k * 0.3, k * 1.8, k * 0.55, c(0x1F4E8C))
        svg.rect(sign.0 - k * 0.7, sign.1 - k * 0.12, k * 1.4, k * 0.12, fill: .white, opacity: 0.85)
        svg.circle(sign.0 + k * 1.3, sign.1 - k * 0.05, k * 0.3, fill: .white, stroke: .ink, width: lw)
        line(sign.0 + k * 1.3, sign.1 - k * 0.05, sign.0 + k * 1.3, sign.1 - k * 0.25, .ink, weight: 1.2)
        line(sign.0 + k * 1.3, sign.1 - k * 0.05, sign.0 + k * 1.45, sign.1 - k * 0.05, .ink, weight: 1.2)
        hazeColor = c(0xB5B8BC)
    }
}
