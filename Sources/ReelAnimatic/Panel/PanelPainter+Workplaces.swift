import Foundation
import ReelModel

extension PanelPainter {
    func paintOffice() {
        let room = paintRoom(wall: w(0xD7DBE0), floor: c(0x6B7686), style: .carpet, ceiling: c(0xC9CDD2))
        let p = room.wall
        let side = windowSide
        paintCeilingPanels(room)
        paintWindow(p, x: side * 1.1, width: 1.9, sill: 0.8, top: 2.5, frameColor: c(0x9AA3AD), blinds: true, skyline: true)
        paintBookshelf(p, x: -side * 1.9)
        // A desk against the wall with a monitor and a chair.
        let desk = c(0xC8B08A)
        inkRect(p.x(-side * 0.45 - 0.8), p.y(0.76), p.len(1.6), p.len(0.06), desk)
        for dx in [-0.7, 0.7] { inkRect(p.x(-side * 0.45 + dx - 0.04), p.y(0.72), p.len(0.08), p.len(0.72), c(0x55565C)) }
        paintMonitor(p, x: -side * 0.45, base: 0.82)
        paintPlant(p, x: side * 2.45, height: 1.3)
        paintWallClock(p, x: -side * 0.45, y: 2.3)
    }

    func paintCeilingPanels(_ room: Room) {
        guard layout.horizon > frame.minY else { return }
        for k in [1.15, 1.5] {
            let pl = plane(k, room: room)
            let y = layout.horizon - (3.0 - roomCameraHeight) * pl.scale
            for m in [-1.2, 1.2] {
                let x0 = pl.x(m - 0.5)
                let x1 = pl.x(m + 0.5)
                let depth = pl.len(0.18)
                svg.path(PanelPath.polygon([(x0, y), (x1, y), (x1 + (x1 - layout.vanishingX) * 0.1, y - depth),
                                            (x0 + (x0 - layout.vanishingX) * 0.1, y - depth)]),
                         fill: PanelColor(0xF8F6EE), stroke: .ink, width: lw * 0.6)
            }
        }
    }

    func paintBookshelf(_ p: PanelPlane, x m: Double, width: Double = 1.1) {
        let wood = c(0x7A5236)
        inkRect(p.x(m - width / 2), p.y(2.0), p.len(width), p.len(2.0), wood)
        var r2 = SeededRandom(seed: spec.seed, stream: "books")
        for shelf in 0..<4 {
            let base = 0.1 + Double(shelf) * 0.48
            svg.rect(p.x(m - width / 2 + 0.05), p.y(base + 0.42), p.len(width - 0.1), p.len(0.42), fill: wood.darker(0.35))
            var x = m - width / 2 + 0.07
            while x < m + width / 2 - 0.12 {
                let bw = r2.double(in: 0.05...0.1)
                let bh = r2.double(in: 0.26...0.38)
                svg.rect(p.x(x), p.y(base + bh), p.len(bw), p.len(bh),
                         fill: c(r2.pick([0xB5483A, 0x3B73D9, 0xE3A21A, 0x2E9E6B, 0xE8E2D0, 0x6B4A8A])),
                         stroke: .ink, width: lw * 0.4)
                x += bw + 0.01
            }
            line(p.x(m - width / 2), p.y(base), p.x(m + width / 2), p.y(base), .ink, weight: 0.7)
        }
    }

    func paintMonitor(_ p: PanelPlane, x m: Double, base: Double) {
        inkRect(p.x(m - 0.05), p.y(base + 0.15), p.len(0.1), p.len(0.15), c(0x3A3D44))
        inkRect(p.x(m - 0.32), p.y(base + 0.52), p.len(0.64), p.len(0.38), c(0x24272E), radius: p.len(0.02))
        svg.rect(p.x(m - 0.28), p.y(base + 0.48), p.len(0.56), p.len(0.3), fill: c(0x4A90C8))
        svg.rect(p.x(m - 0.24), p.y(base + 0.44), p.len(0.25), p.len(0.04), fill: .white, opacity: 0.7)
        svg.rect(p.x(m - 0.24), p.y(base + 0.37), p.len(0.4), p.len(0.03), fill: .white, opacity: 0.5)
    }

    func paintWallClock(_ p: PanelPlane, x m: Double, y h: Double) {
        svg.circle(p.x(m), p.y(h), p.len(0.17), fill: c(0xF7F4EE), stroke: .ink, width: lw * 1.2)
        line(p.x(m), p.y(h), p.x(m), p.y(h + 0.11), .ink, weight: 1)
        line(p.x(m), p.y(h), p.x(m + 0.08), p.y(h), .ink, weight: 1)
    }

    func paintClassroom() {
        let room = paintRoom(wall: w(0xEFE3C4), floor: c(0xB88A5A), style: .planks)
        let p = room.wall
        let side = windowSide
        svg.rect(p.x(-room.halfWidth), p.y(0.9), p.len(room.halfWidth * 2), p.len(0.9), fill: w(0xA8B88A))
        line(p.x(-room.halfWidth), p.y(0.9), p.x(room.halfWidth), p.y(0.9), .ink, weight: 0.7)
        let board = c(0x2F4F3F)
        let b0 = -side * 0.5 - 1.5
        inkRect(p.x(b0), p.y(2.2), p.len(3.0), p.len(1.2), c(0x8A6244))
        svg.rect(p.x(b0 + 0.06), p.y(2.14), p.len(2.88), p.len(1.08), fill: board)
        var r2 = SeededRandom(seed: spec.seed, stream: "chalk")
        for i in 0..<4 {
            let y = p.y(1.95 - Double(i) * 0.22)
            let x0 = p.x(b0 + 0.25)
            svg.stroke(PanelPath().move(x0, y).quad(x0 + p.len(0.4), y - p.len(0.06), x0 + p.len(r2.double(in: 0.9...2.2)), y),
                       PanelColor(0xEDEDE4), width: lw * 0.9, opacity: 0.8)
        }
        inkRect(p.x(b0 + 0.2), p.y(1.06), p.len(2.6), p.len(0.05), c(0x8A6244), weight: 0.6)
        paintWallClock(p, x: b0 + 1.5, y: 2.55)
        paintWindow(p, x: side * 2.0, width: 1.0, sill: 1.0, top: 2.4)
        for k in [1.25, 1.6] {
            let row = plane(k, room: room)
            for m in [-1.6, 0.0, 1.6] where abs(m) > 0.1 || k < 1.3 {
                paintSchoolDesk(row, x: m)
            }
        }
    }

    private func paintSchoolDesk(_ p: PanelPlane, x m: Double) {
        let wood = c(0xC9A06A)
        for dx in [-0.28, 0.28] { line(p.x(m + dx), p.baseY, p.x(m + dx), p.y(0.72), .ink, weight: 1.1) }
        inkRect(p.x(m - 0.35), p.y(0.76), p.len(0.7), p.len(0.06), wood)
        inkRect(p.x(m - 0.3), p.y(0.7), p.len(0.6), p.len(0.16), c(0x55565C), weight: 0.6)
    }

    func paintLab() {
        let room = paintRoom(wall: c(0xE3ECEF), floor: c(0xB7C2C8), style: .tiles, ceiling: c(0xD0D8DC))
        let p = room.wall
        let side = windowSide
        paintCeilingPanels(room)
        paintCabinets(p, from: -2.4, to: 1.6, bottom: 0, top: 0.88, color: c(0xDDE3E6), doors: 0.55)
        inkRect(p.x(-2.45), p.y(0.94), p.len(4.1), p.len(0.06), c(0x2E3138))
        var r2 = SeededRandom(seed: spec.seed, stream: "flasks")
        var m = -2.2
        while m < 1.4 {
            paintFlask(p, x: m, base: 0.94, color: c(r2.pick([0x3FA3A8, 0xE3A21A, 0x8B56CC, 0x2E9E6B, 0xD64545])),
                       tall: r2.chance(0.5))
            m += r2.double(in: 0.25...0.55)
        }
        inkRect(p.x(-side * 0.4 - 1.0), p.y(2.3), p.len(2.0), p.len(0.95), c(0xF8F8F5))
        svg.stroke(PanelPath().move(p.x(-side * 0.4 - 0.8), p.y(1.8)).quad(p.x(-side * 0.4), p.y(2.2),
                                                                             p.x(-side * 0.4 + 0.7), p.y(1.7)),
                   c(0x3B73D9), width: lw)
        paintWindow(p, x: side * 2.2, width: 0.9, sill: 1.2, top: 2.4, blinds: true)
    }

    func paintFlask(_ p: PanelPlane, x m: Double, base: Double, color: PanelColor, tall: Bool) {
        let x = p.x(m)
        let y = p.y(base)
        let k = p.len(0.1)
        if tall {
            inkRect(x - k * 0.3, y - k * 2.6, k * 0.6, k * 2.6, PanelColor(0xEEF5F7), weight: 0.6)
            svg.rect(x - k * 0.3, y - k * 1.3, k * 0.6, k * 1.3, fill: color, opacity: 0.85)
        } else {
            let body = PanelPath().move(x - k * 0.25, y - k * 2.0).line(x - k * 0.25, y - k * 1.2)
                .line(x - k * 0.9, y).line(x + k * 0.9, y).line(x + k * 0.25, y - k * 1.2).line(x + k * 0.25, y - k * 2.0)
                .close()
            svg.path(body, fill: PanelColor(0xEEF5F7))
            svg.path(PanelPath.polygon([(x - k * 0.6, y - k * 0.5), (x + k * 0.6, y - k * 0.5), (x + k * 0.9, y),
                                        (x - k * 0.9, y)]), fill: color, opacity: 0.85)
            svg.path(body, stroke: .ink, width: lw * 0.6)
        }
    }

    func paintHospitalRoom() {
        let room = paintRoom(wall: c(0xD6E8E2), floor: c(0xC7CCD1), style: .tiles, ceiling: c(0xE2ECE8))
        let p = room.wall
        let side = windowSide
        paintCeilingPanels(room)
        paintWindow(p, x: side * 1.6, width: 1.2, sill: 1.0, top: 2.3, blinds: true)
        let bed = -side * 0.5
        let frameColor = c(0xB9C2C8)
        for dx in [-0.95, 0.95] { line(p.x(bed + dx), p.baseY, p.x(bed + dx), p.y(0.55), .ink, weight: 1.4) }
        inkRect(p.x(bed - 1.0), p.y(0.62), p.len(2.0), p.len(0.12), frameColor)
        inkRect(p.x(bed - 1.05), p.y(1.25), p.len(0.12), p.len(0.7), frameColor)
        inkRect(p.x(bed - 0.95), p.y(0.78), p.len(1.9), p.len(0.18), c(0xF7F9FA))
        inkRect(p.x(bed - 0.9), p.y(0.95), p.len(0.55), p.len(0.18), .white, radius: p.len(0.06))
        ink(PanelPath.polygon([(p.x(bed - 0.4), p.y(0.85)), (p.x(bed + 1.0), p.y(0.85)), (p.x(bed + 1.02), p.y(0.6)),
                               (p.x(bed - 0.42), p.y(0.6))]), c(0x8FC1D9))
        let iv = bed - side * 1.35
        line(p.x(iv), p.baseY, p.x(iv), p.y(1.9), c(0x8C9096), weight: 1.4)
        line(p.x(iv - 0.15), p.y(1.9), p.x(iv + 0.15), p.y(1.9), c(0x8C9096), weight: 1.4)
        inkRect(p.x(iv + 0.05), p.y(1.85), p.len(0.18), p.len(0.28), c(0xE8F4F8), radius: p.len(0.04))
        svg.stroke(PanelPath().move(p.x(iv + 0.14), p.y(1.57)).quad(p.x(iv + 0.3), p.y(1.0), p.x(bed - 0.5), p.y(0.9)),
                   .ink, width: lw * 0.5)
        let mon = bed + side * 1.3
        inkRect(p.x(mon - 0.3), p.y(1.95), p.len(0.6), p.len(0.42), c(0x2A2E35), radius: p.len(0.03))
        svg.rect(p.x(mon - 0.26), p.y(1.91), p.len(0.52), p.len(0.34), fill: c(0x10241C))
        let y0 = p.y(1.74)
        svg.stroke(PanelPath.polyline([(p.x(mon - 0.24), y0), (p.x(mon - 0.1), y0), (p.x(mon - 0.06), y0 - p.len(0.12)),
                                       (p.x(mon - 0.02), y0 + p.len(0.08)), (p.x(mon + 0.02), y0), (p.x(mon + 0.24), y0)]),
                   PanelColor(0x5CFF9A), width: lw)
        // A privacy curtain on its rail.
        let cx = -side * 2.3
        line(p.x(cx - 0.6), p.y(2.7), p.x(cx + 0.6), p.y(2.7), .ink, weight: 1.2)
        var path = PanelPath().move(p.x(cx - 0.5), p.y(2.65))
        for i in 0..<5 {
            let x0 = cx - 0.5 + Double(i) * 0.2
            path = path.quad(p.x(x0 + 0.1), p.y(2.55), p.x(x0 + 0.2), p.y(2.65))
        }
        ink(path.line(p.x(cx + 0.5), p.y(0.3)).line(p.x(cx - 0.5), p.y(0.3)).close(), c(0x8FC1C9))
    }
}
