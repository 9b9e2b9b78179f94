import Foundation
import ReelModel

extension PanelPainter {
    /// A point `m` metres right of the centre line, `h` metres up, `d` metres from the
    /// camera; the set plane is 12 m away.
    func proj(_ m: Double, _ h: Double, _ d: Double) -> (Double, Double) {
        let k = 12 / max(0.5, d)
        return (layout.vanishingX + m * s * k, layout.horizon + (layout.cameraHeight - h) * s * k)
    }

    /// A wall running away from the camera at `m` metres from the centre line.
    func sideWall(_ m: Double, from d0: Double, to d1: Double, bottom: Double, top: Double) -> PanelPath {
        PanelPath.polygon([proj(m, top, d0), proj(m, bottom, d0), proj(m, bottom, d1), proj(m, top, d1)])
    }

    /// Atmospheric perspective: far things take the colour of the sky.
    func distant(_ color: PanelColor, depth: Double) -> PanelColor {
        color.mix(light.sky.horizon.mix(light.sky.middle, 0.5), min(0.65, max(0, (depth - 14) / 90)))
    }

    /// Half the street's width in metres, narrower in tall frames so the buildings show.
    var streetHalfWidth: Double { min(6, max(2.4, frame.w * 0.42 / s)) }

    /// A street in one-point perspective: façades on both sides, sidewalks, a lamp row.
    func paintStreet(alley: Bool) {
        paintSkyAndGround(c(0x55585F))
        let sw = streetHalfWidth
        var r2 = SeededRandom(seed: spec.seed, stream: "street")
        let palette: [UInt32] = alley ? [0x8C6B5A, 0x7A7268, 0x9A8270, 0x6E665F]
            : [0xC98D6B, 0xD9C3A0, 0x8FA3B5, 0xB56F5E, 0xE0D4BE, 0x9C8FB0]
        // The far end: a block across the street.
        let endDepth = 90.0
        let (ex0, ey0) = proj(-sw * 3, 14, endDepth)
        let (ex1, ey1) = proj(sw * 3, 0, endDepth)
        svg.rect(ex0, ey0, ex1 - ex0, ey1 - ey0, fill: distant(w(palette[0]), depth: endDepth))
        // Road and sidewalks.
        let walk = alley ? 0.0 : 1.6
        for sgn in [-1.0, 1.0] where walk > 0 {
            svg.path(PanelPath.polygon([proj(sgn * sw, 0, endDepth), proj(sgn * (sw - walk), 0, endDepth),
                                        proj(sgn * (sw - walk), 0, 1.5), proj(sgn * sw, 0, 1.5)]), fill: c(0xA29C92))
            svg.stroke(PanelPath().move(proj(sgn * (sw - walk), 0, endDepth)).line(proj(sgn * (sw - walk), 0, 1.5)),
                       .ink, width: lw * 0.8)
        }
        if !alley {
            var d = 4.0
            while d < endDepth {
                svg.path(PanelPath.polygon([proj(-0.08, 0, d), proj(0.08, 0, d), proj(0.08, 0, d + 2.5),
                                            proj(-0.08, 0, d + 2.5)]), fill: c(0xE8E2CF), opacity: 0.8)
                d += 6
            }
        } else {
            svg.stroke(PanelPath().move(proj(0, 0, endDepth)).line(proj(0, 0, 1.5)), c(0x3F4248), width: lw * 1.5)
        }
        // Façades, far to near, one building at a time on each side.
        for sgn in [-1.0, 1.0] {
            var segments: [(Double, Double, Double, UInt32)] = []
            var d = endDepth
            while d > 2 {
                let len = r2.double(in: 9...16)
                segments.append((max(1.5, d - len), d, r2.double(in: (alley ? 7 : 9)...(alley ? 11 : 20)), r2.pick(palette)))
                d -= len
            }
            for (d0, d1, height, color) in segments {
                let wall = distant(w(color), depth: (d0 + d1) / 2)
                ink(sideWall(sgn * sw, from: d0, to: d1, bottom: 0, top: height), wall, weight: 0.7)
                svg.path(sideWall(sgn * sw, from: d0, to: d1, bottom: 0, top: 0.5), fill: wall.darker(0.25))
                paintFacadeWindows(sgn * sw, from: d0, to: d1, height: height, wall: wall, rng: &r2)
                if alley, r2.chance(0.5) {
                    let pd = d0 + (d1 - d0) * 0.5
                    svg.stroke(PanelPath().move(proj(sgn * (sw - 0.15), 0, pd)).line(proj(sgn * (sw - 0.15), height, pd)),
                               c(0x4A4E55), width: max(lw, s * 12 / pd * 0.1))
                }
            }
        }
        // Street lamps down both kerbs.
        var d = 7.0
        var sgn = 1.0
        while d < 60 {
            paintStreetLamp(sgn * (sw - walk - 0.3 + (alley ? 0.5 : 0)), depth: d, facing: -sgn)
            d += alley ? 14 : 9
            sgn = -sgn
        }
    }

    private func paintFacadeWindows(_ m: Double, from d0: Double, to d1: Double, height: Double, wall: PanelColor,
                                    rng: inout SeededRandom) {
        let glass = light.isNight ? c(0x2A3350) : c(0x6E8AA6).mix(light.sky.middle, 0.3)
        var floorH = 1.2
        while floorH + 2 < height {
            var d = d0 + 1
            while d + 1.4 < d1 {
                let lit = light.lampsOn && rng.chance(0.4)
                svg.path(PanelPath.polygon([proj(m, floorH + 1.6, d), proj(m, floorH, d), proj(m, floorH, d + 1.3),
                                            proj(m, floorH + 1.6, d + 1.3)]),
                         fill: lit ? light.glow : glass, stroke: .ink, width: lw * 0.5)
                d += 2.6
            }
            floorH += 3.2
        }
    }

    /// A street lamp on the ground at (`m`, `depth`), its arm over the street.
    func paintStreetLamp(_ m: Double, depth: Double, facing: Double) {
        let k = 12 / depth
        let base = proj(m, 0, depth)
        let top = proj(m, 4.6, depth)
        let head = proj(m + facing * 0.9, 4.5, depth)
        svg.stroke(PanelPath().move(base).line(top).quad(proj(m, 4.9, depth), head), .ink,
                   width: max(lw * 0.8, s * k * 0.12) + lw)
        svg.stroke(PanelPath().move(base).line(top).quad(proj(m, 4.9, depth), head), c(0x3B3F48),
                   width: max(lw * 0.5, s * k * 0.12))
        let hr = s * k * 0.22
        svg.path(PanelPath().move(head.0 - hr, head.1).line(head.0 + hr, head.1)
            .line(head.0 + hr * 0.6, head.1 + hr * 0.6).line(head.0 - hr * 0.6, head.1 + hr * 0.6).close(),
                 fill: c(0x2D3038), stroke: .ink, width: lw * 0.6)
        if light.lampsOn {
            svg.ellipse(head.0, head.1 + hr * 0.6, hr * 0.6, hr * 0.2, fill: light.glow)
            glow(head.0, head.1 + hr, s * k * 1.4, light.glow, 0.5)
            let pool = proj(m + facing * 0.9, 0, depth)
            svg.ellipse(pool.0, pool.1, s * k * 1.6, s * k * 0.35, fill: light.glow, opacity: 0.22)
        }
    }
}
