import Foundation
import ReelModel

extension PanelPainter {
    /// How a floor is finished.
    enum FloorStyle { case planks, tiles, carpet, stone }

    /// A box room in one-point perspective: the back wall, side walls, floor and ceiling.
    struct Room {
        var left: Double
        var right: Double
        var floorY: Double
        var ceilY: Double
        /// The back wall plane.
        var wall: PanelPlane
        /// Half the back wall's width in metres.
        var halfWidth: Double
    }

    /// A plane `k` times nearer than the back wall (k > 1 is in front of it).
    func plane(_ k: Double, room: Room) -> PanelPlane {
        let camH = roomCameraHeight
        return PanelPlane(scale: s * k, baseY: layout.horizon + camH * s * k, originX: layout.vanishingX)
    }

    var roomCameraHeight: Double { min(layout.cameraHeight, 2.5) }

    @discardableResult
    func paintRoom(wall: PanelColor, floor: PanelColor, style: FloorStyle, ceiling: PanelColor? = nil,
                   trim: PanelColor? = nil, height: Double = 3.0) -> Room {
        let hy = layout.horizon
        let vx = layout.vanishingX
        let camH = roomCameraHeight
        let floorY = hy + camH * s
        let ceilY = hy - (height - camH) * s
        let half = max(1.6 * s, frame.w * 0.4)
        let room = Room(left: vx - half, right: vx + half, floorY: floorY, ceilY: ceilY,
                        wall: PanelPlane(scale: s, baseY: floorY, originX: vx), halfWidth: half / s)
        let ceilingColor = ceiling ?? wall.mix(PanelColor(0x3A3550), 0.22)
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: ceilingColor)
        svg.rect(bleed.x, hy, bleed.w, bleed.maxY - hy, fill: floor)
        paintFloorPattern(room, floor: floor, style: style)
        // Ceiling panels converge too.
        for m in stride(from: -room.halfWidth, through: room.halfWidth + 0.01, by: room.halfWidth / 2) {
            let x = room.wall.x(m)
            line(x, ceilY, project(x, ceilY, toY: bleed.minY), bleed.minY, ceilingColor.darker(0.18), weight: 0.6)
        }
        let sideShade = wall.mix(PanelColor(0x2A2540), 0.14)
        svg.rect(room.left, ceilY, room.right - room.left, floorY - ceilY, fill: wall)
        for (edge, corner) in [(bleed.minX, room.left), (bleed.maxX, room.right)] {
            let wallPath = PanelPath.polygon([(corner, ceilY), (corner, floorY), (edge, project(corner, floorY, toX: edge)),
                                              (edge, project(corner, ceilY, toX: edge))])
            svg.path(wallPath, fill: sideShade)
            line(corner, ceilY, corner, floorY, .ink, weight: 0.8)
        }
        let t = trim ?? wall.darker(0.3)
        let skirt = 0.12 * s
        svg.rect(room.left, floorY - skirt, room.right - room.left, skirt, fill: t)
        for (edge, corner) in [(bleed.minX, room.left), (bleed.maxX, room.right)] {
            svg.path(PanelPath.polygon([(corner, floorY - skirt), (corner, floorY),
                                        (edge, project(corner, floorY, toX: edge)),
                                        (edge, project(corner, floorY - skirt, toX: edge))]), fill: t.darker(0.1))
            line(corner, floorY, edge, project(corner, floorY, toX: edge), .ink, weight: 0.8)
            line(corner, ceilY, edge, project(corner, ceilY, toX: edge), .ink, weight: 0.8)
        }
        line(room.left, floorY, room.right, floorY, .ink, weight: 0.8)
        line(room.left, ceilY, room.right, ceilY, .ink, weight: 0.8)
        hazeColor = wall
        return room
    }

    private func paintFloorPattern(_ room: Room, floor: PanelColor, style: FloorStyle) {
        let hy = layout.horizon
        let bottom = bleed.maxY
        let seam = floor.darker(0.2)
        let vx = layout.vanishingX
        guard bottom > room.floorY + 1 else { return }
        // Lines that reach the bottom corners of the bleed.
        let reachL = vx + (bleed.minX - vx) * (room.floorY - hy) / (bottom - hy)
        let reachR = vx + (bleed.maxX - vx) * (room.floorY - hy) / (bottom - hy)
        let step: Double
        switch style {
        case .planks: step = 0.36 * s
        case .tiles: step = 0.6 * s
        case .stone: step = 0.9 * s
        case .carpet: step = 0
        }
        if step > 0 {
            var x = vx - (((vx - reachL) / step).rounded(.up)) * step
            while x <= reachR {
                line(x, room.floorY, project(x, room.floorY, toY: bottom), bottom, seam, weight: 0.55)
                x += step
            }
        }
        if style == .tiles || style == .stone {
            let depth = style == .tiles ? 7.0 : 5.0
            for i in 1..<Int(depth) {
                let k = depth / (depth - Double(i))
                let y = hy + (room.floorY - hy) * k
                if y > bottom { break }
                line(bleed.minX, y, bleed.maxX, y, seam, weight: 0.55)
            }
        }
        if style == .planks {
            // Staggered plank ends.
            var r2 = SeededRandom(seed: spec.seed, stream: "planks")
            for i in 1..<5 {
                let k = 6.0 / (6.0 - Double(i))
                let y = hy + (room.floorY - hy) * k
                if y > bottom { break }
                for _ in 0..<6 {
                    let m = r2.double(in: -room.halfWidth * 2...room.halfWidth * 2)
                    let x = vx + m * s * k
                    line(x, y, x + 0.36 * s * k, y, seam, weight: 0.5)
                }
            }
        }
    }

    /// A window on a plane, showing the sky of the hour; optional curtains or blinds.
    func paintWindow(_ p: PanelPlane, x m: Double, width: Double, sill: Double = 0.9, top: Double = 2.3,
                     frameColor: PanelColor? = nil, curtains: PanelColor? = nil, blinds: Bool = false,
                     skyline: Bool = false) {
        let x0 = p.x(m - width / 2)
        let y0 = p.y(top)
        let ww = p.len(width)
        let wh = p.len(top - sill)
        let glass = PanelBox(x: x0, y: y0, w: ww, h: wh)
        let fc = frameColor ?? c(0xF4F1EA)
        svg.rect(x0 - p.len(0.08), y0 - p.len(0.08), ww + p.len(0.16), wh + p.len(0.16), fill: fc, stroke: .ink,
                 width: lw)
        svg.beginClip(glass.x, glass.y, glass.w, glass.h)
        paintSky(glass, horizon: glass.maxY + glass.h * 0.15, detail: false)
        if skyline { paintWindowSkyline(glass) }
        svg.endGroup()
        if blinds {
            let slats = max(4, Int(wh / (lw * 7)))
            for i in 0..<slats {
                let y = y0 + wh * (Double(i) + 0.5) / Double(slats)
                line(x0, y, x0 + ww, y, fc.darker(0.1), weight: 0.9, opacity: 0.85)
            }
        }
        svg.rect(x0, y0, ww, wh, stroke: .ink, width: lw)
        line(x0 + ww / 2, y0, x0 + ww / 2, y0 + wh, fc, weight: 2.2)
        line(x0, y0 + wh * 0.45, x0 + ww, y0 + wh * 0.45, fc, weight: 2.2)
        svg.rect(x0 - p.len(0.14), y0 + wh, ww + p.len(0.28), p.len(0.07), fill: fc.darker(0.05), stroke: .ink,
                 width: lw)
        if let curtains {
            for sgn in [-1.0, 1.0] {
                let cx = sgn < 0 ? x0 - p.len(0.12) : x0 + ww + p.len(0.12)
                let cw = p.len(0.38)
                let outer = cx + sgn * cw * 0.35
                let inner = cx - sgn * cw * 0.65
                ink(PanelPath().move(outer, y0 - p.len(0.2)).line(inner, y0 - p.len(0.2))
                    .quad(inner + sgn * cw * 0.3, y0 + wh * 0.5, inner - sgn * cw * 0.05, y0 + wh + p.len(0.35))
                    .line(outer, y0 + wh + p.len(0.35)).close(), curtains)
                line(cx, y0 - p.len(0.1), cx, y0 + wh + p.len(0.25), curtains.darker(0.25), weight: 0.6)
            }
            line(x0 - p.len(0.6), y0 - p.len(0.2), x0 + ww + p.len(0.6), y0 - p.len(0.2), .ink, weight: 1.4)
        }
    }

    /// Distant towers in a window, lit at night.
    private func paintWindowSkyline(_ box: PanelBox) {
        var r2 = SeededRandom(seed: spec.seed, stream: "window-skyline")
        var x = box.minX - box.w * 0.05
        let far = light.isNight ? PanelColor(0x1A2245) : light.tone(PanelColor(0x8FA3BF))
        while x < box.maxX {
            let bw = box.w * r2.double(in: 0.12...0.24)
            let bh = box.h * r2.double(in: 0.2...0.55)
            svg.rect(x, box.maxY - bh, bw, bh + 1, fill: far)
            if light.lampsOn {
                for row in stride(from: box.maxY - bh + bh * 0.12, to: box.maxY, by: bh * 0.16) {
                    for col in stride(from: x + bw * 0.15, to: x + bw * 0.85, by: bw * 0.25) where r2.chance(0.45) {
                        svg.rect(col, row, bw * 0.1, bh * 0.06, fill: light.glow, opacity: 0.85)
                    }
                }
            }
            x += bw + box.w * r2.double(in: 0.0...0.05)
        }
    }

    /// A door on a plane.
    func paintDoor(_ p: PanelPlane, x m: Double, color: PanelColor, width: Double = 0.92) {
        let x0 = p.x(m - width / 2)
        let y0 = p.y(2.1)
        let dw = p.len(width)
        let dh = p.len(2.1)
        svg.rect(x0 - p.len(0.07), y0 - p.len(0.07), dw + p.len(0.14), dh + p.len(0.07), fill: color.lighter(0.35),
                 stroke: .ink, width: lw)
        inkRect(x0, y0, dw, dh, color)
        for (fy, fh) in [(0.12, 0.36), (0.56, 0.36)] {
            svg.rect(x0 + dw * 0.16, y0 + dh * fy, dw * 0.68, dh * fh, stroke: color.darker(0.25), width: lw * 0.8)
        }
        svg.circle(x0 + dw * 0.84, y0 + dh * 0.53, p.len(0.045), fill: c(0xD9B45A), stroke: .ink, width: lw * 0.6)
    }

    /// A framed picture: a tiny landscape.
    func paintPicture(_ p: PanelPlane, x m: Double, y h: Double, width: Double, height: Double, frameColor: PanelColor) {
        let x0 = p.x(m - width / 2)
        let y0 = p.y(h + height)
        let pw = p.len(width)
        let ph = p.len(height)
        inkRect(x0, y0, pw, ph, frameColor)
        let inset = p.len(0.06)
        svg.rect(x0 + inset, y0 + inset, pw - 2 * inset, ph - 2 * inset, fill: c(0xBFD8E0).hueShifted(hueShift * 3))
        svg.path(PanelPath.polygon([(x0 + inset, y0 + ph - inset), (x0 + pw * 0.4, y0 + ph * 0.45),
                                    (x0 + pw * 0.62, y0 + ph * 0.7), (x0 + pw * 0.75, y0 + ph * 0.55),
                                    (x0 + pw - inset, y0 + ph - inset)]), fill: c(0x6F9A7A))
        svg.circle(x0 + pw * 0.72, y0 + ph * 0.3, p.len(0.05), fill: c(0xF2C46D))
    }

    /// A pendant lamp hanging from the ceiling; lit after dark.
    func paintPendant(_ p: PanelPlane, x m: Double, ceilY: Double, drop: Double, color: PanelColor) {
        let x = p.x(m)
        let y = ceilY + p.len(drop)
        line(x, ceilY, x, y, .ink, weight: 0.7)
        let w = p.len(0.22)
        ink(PanelPath().move(x - w * 0.3, y).line(x + w * 0.3, y).line(x + w, y + w * 0.8).line(x - w, y + w * 0.8)
            .close(), color)
        if light.lampsOn {
            svg.ellipse(x, y + w * 0.8, w * 0.8, w * 0.18, fill: light.glow)
            glow(x, y + w, p.len(1.1), light.glow, 0.4)
        }
    }
}
