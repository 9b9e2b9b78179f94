import Foundation
import ReelModel

extension PanelPainter {
    /// A point in a corridor whose camera never rises above the ceiling.
    private func hallPoint(_ m: Double, _ h: Double, _ d: Double) -> (Double, Double) {
        let k = 12 / max(0.5, d)
        return (layout.vanishingX + m * s * k, layout.horizon + (roomCameraHeight - h) * s * k)
    }

    /// A long corridor in one-point perspective: doors down both walls, lights overhead.
    func paintCorridor() {
        let wall = w(0xD8D0C4)
        let half = 1.3
        let height = 2.8
        let far = 40.0
        let near = 1.0
        let P = hallPoint
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: wall.mix(PanelColor(0x3A3550), 0.2))
        svg.path(PanelPath.polygon([P(-half, 0, far), P(half, 0, far), P(half * 6, 0, near), P(-half * 6, 0, near)]),
                 fill: c(0x8F8578))
        svg.path(PanelPath.polygon([P(-half, 0, far), P(half, 0, far), P(half, 0, near), P(-half, 0, near)]),
                 fill: c(0x9C9284))
        for sgn in [-1.0, 1.0] {
            let shade = sgn < 0 ? wall : wall.darker(0.08)
            svg.path(PanelPath.polygon([P(sgn * half, height, far), P(sgn * half, 0, far), P(sgn * half, 0, near),
                                        P(sgn * half, height, near)]), fill: shade)
            svg.path(PanelPath.polygon([P(sgn * half, 0.12, far), P(sgn * half, 0, far), P(sgn * half, 0, near),
                                        P(sgn * half, 0.12, near)]), fill: shade.darker(0.3))
            svg.stroke(PanelPath().move(P(sgn * half, 0, far)).line(P(sgn * half, 0, near)), .ink, width: lw * 0.8)
            svg.stroke(PanelPath().move(P(sgn * half, height, far)).line(P(sgn * half, height, near)), .ink,
                       width: lw * 0.8)
            var d = far - 4
            while d > 2.5 {
                let door = c(0x7A5A43)
                ink(PanelPath.polygon([P(sgn * half, 2.1, d), P(sgn * half, 0, d), P(sgn * half, 0, d - 1.0),
                                       P(sgn * half, 2.1, d - 1.0)]), door, weight: 0.7)
                let knob = P(sgn * half, 1.0, d - 0.85)
                svg.circle(knob.0, knob.1, s * 12 / d * 0.05, fill: c(0xD9B45A))
                d -= 6
            }
        }
        svg.path(PanelPath.polygon([P(-half, height, far), P(half, height, far), P(half, 0, far), P(-half, 0, far)]),
                 fill: wall.darker(0.05), stroke: .ink, width: lw * 0.7)
        let endWindow = [P(-0.4, 2.2, far), P(0.4, 2.2, far), P(0.4, 1.0, far), P(-0.4, 1.0, far)]
        svg.path(PanelPath.polygon(endWindow), fill: light.isNight ? c(0x1A2245) : light.sky.horizon, stroke: .ink,
                 width: lw * 0.6)
        for d in stride(from: near + 1.5, to: far, by: 3.5) {
            let a = P(-0.3, height, d)
            let b = P(0.3, height, d + 0.8)
            svg.rect(a.0, b.1, b.0 - a.0, max(1, a.1 - b.1), fill: PanelColor(0xFFF8E4), opacity: 0.95)
            if light.lampsOn { glow((a.0 + b.0) / 2, a.1, s * 12 / d * 1.2, light.glow, 0.3) }
        }
        for d in stride(from: 3.0, to: far, by: 2.0) {
            svg.stroke(PanelPath().move(P(-half, 0, d)).line(P(half, 0, d)), c(0x7F776B), width: lw * 0.5)
        }
        hazeColor = wall
    }

    /// A stairwell: a flight rising across the back wall, handrail, a landing window.
    func paintStairwell() {
        let room = paintRoom(wall: w(0xD1C7B8), floor: c(0x9C8F80), style: .tiles)
        let p = room.wall
        let side = windowSide
        let steps = 12
        let rise = 0.2
        let run = 0.28
        let x0 = -side * 2.4
        let stepColor = c(0xB5A898)
        for i in 0..<steps {
            let m = x0 + side * Double(i) * run
            let a = min(m, m + side * run)
            inkRect(p.x(a), p.y(Double(i + 1) * rise), p.len(run), p.len(Double(i + 1) * rise), stepColor, weight: 0.6)
            svg.rect(p.x(a), p.y(Double(i + 1) * rise), p.len(run), p.len(0.04), fill: stepColor.lighter(0.2))
        }
        let top = Double(steps) * rise
        let x1 = x0 + side * Double(steps) * run
        svg.stroke(PanelPath().move(p.x(x0), p.y(0.95)).line(p.x(x1), p.y(top + 0.95)), .ink, width: lw * 2.4)
        for i in stride(from: 0, to: steps, by: 2) {
            let m = x0 + side * (Double(i) + 0.5) * run
            line(p.x(m), p.y(Double(i + 1) * rise), p.x(m), p.y(Double(i) * rise + rise + 0.9), .ink, weight: 0.8)
        }
        paintWindow(p, x: x1 + side * 0.7, width: 0.8, sill: top + 0.2, top: min(2.95, top + 1.2))
        let lampX = -side * 0.6
        inkEllipse(p.x(lampX), p.y(2.3), p.len(0.12), p.len(0.16), c(0xF1E2C0))
        if light.lampsOn { glow(p.x(lampX), p.y(2.3), p.len(1.5), light.glow, 0.55) }
        paintDoor(p, x: side * 1.9, color: c(0x6F7A84))
    }

    /// A temple hall: altar, a golden statue, red pillars and lanterns, smoke from incense.
    func paintTempleHall() {
        let room = paintRoom(wall: w(0x6B3A2A), floor: c(0x8A7A62), style: .stone, ceiling: c(0x3B2B24))
        let p = room.wall
        let gold = c(0xD9A93F)
        for m in stride(from: -room.halfWidth + 0.4, to: room.halfWidth, by: 0.5) {
            line(p.x(m), p.y(2.9), p.x(m), p.y(0.2), w(0x4A2A20), weight: 0.6)
        }
        svg.circle(p.x(0), p.y(2.0), p.len(0.75), fill: gold.lighter(0.2), opacity: 0.5)
        inkEllipse(p.x(0), p.y(1.35), p.len(0.6), p.len(0.45), gold)
        ink(PanelPath().move(p.x(-0.5), p.y(1.3)).quad(p.x(0), p.y(2.0), p.x(0.5), p.y(1.3)).close(), gold.lighter(0.05))
        inkEllipse(p.x(0), p.y(2.0), p.len(0.2), p.len(0.24), gold)
        inkRect(p.x(-1.1), p.y(1.0), p.len(2.2), p.len(0.25), c(0xA8322C))
        inkRect(p.x(-1.0), p.y(0.75), p.len(2.0), p.len(0.75), c(0x7A2A24))
        for dx in [-0.8, 0.8] {
            inkRect(p.x(dx - 0.04), p.y(1.3), p.len(0.08), p.len(0.2), c(0xF4E8D0), weight: 0.5)
            glow(p.x(dx), p.y(1.36), p.len(0.4), light.glow, 0.7)
        }
        inkEllipse(p.x(0), p.y(1.08), p.len(0.22), p.len(0.08), gold.darker(0.2))
        for dx in [-0.05, 0.05] {
            svg.stroke(PanelPath().move(p.x(dx), p.y(1.1)).quad(p.x(dx + 0.2), p.y(1.5), p.x(dx - 0.05), p.y(1.9)),
                       PanelColor(0xDDDDDD), width: lw * 0.8, opacity: 0.5)
        }
        let near = plane(1.3, room: room)
        for sgn in [-1.0, 1.0] {
            let m = sgn * room.halfWidth * 0.8
            inkRect(near.x(m - 0.2), bleed.minY - 2, near.len(0.4), near.baseY - bleed.minY + 2, c(0xA8322C))
            svg.rect(near.x(m + 0.05), bleed.minY, near.len(0.12), near.baseY - bleed.minY, fill: c(0x7A2A24), opacity: 0.6)
            let lx = near.x(m - sgn * 0.9)
            line(lx, room.ceilY, lx, near.y(2.5), .ink, weight: 0.7)
            inkEllipse(lx, near.y(2.3), near.len(0.14), near.len(0.18), c(0xE0423A))
            inkRect(lx - near.len(0.07), near.y(2.5), near.len(0.14), near.len(0.04), c(0xD9A93F), weight: 0.5)
            inkRect(lx - near.len(0.07), near.y(2.14), near.len(0.14), near.len(0.04), c(0xD9A93F), weight: 0.5)
            line(lx, near.y(2.1), lx, near.y(1.95), c(0xD9A93F), weight: 1.2)
            glow(lx, near.y(2.3), near.len(0.8), PanelColor(0xFF8A5A), light.lampsOn ? 0.55 : 0.3)
        }
    }

    /// A church: stained glass, an altar with candles, rows of pews.
    func paintChurch() {
        let room = paintRoom(wall: w(0xCFC6B5), floor: c(0x8A7E6E), style: .stone, height: 4.5)
        let p = room.wall
        for m in [-1.6, 1.6] {
            let x0 = p.x(m - 0.4)
            let x1 = p.x(m + 0.4)
            let win = PanelPath().move(x0, p.y(1.3)).line(x0, p.y(3.2)).quad(p.x(m), p.y(4.0), x1, p.y(3.2)).line(x1, p.y(1.3))
                .close()
            svg.path(win, fill: c(0x3B5FA8))
            let colors: [UInt32] = [0xD64545, 0xE3A21A, 0x2E9E6B, 0x8B56CC, 0x3BA3D9]
            for row in 0..<5 {
                for col in 0..<2 {
                    svg.rect(p.x(m - 0.38 + Double(col) * 0.38), p.y(1.3 + Double(row + 1) * 0.38), p.len(0.36),
                             p.len(0.36), fill: c(colors[(row + col * 2) % colors.count]), opacity: 0.9)
                }
            }
            svg.path(win, stroke: .ink, width: lw * 1.3)
            line(p.x(m), p.y(1.3), p.x(m), p.y(3.7), .ink, weight: 0.8)
        }
        let gold = c(0xD9A93F)
        inkRect(p.x(-0.04), p.y(2.9), p.len(0.08), p.len(1.0), gold)
        inkRect(p.x(-0.3), p.y(2.65), p.len(0.6), p.len(0.08), gold)
        inkRect(p.x(-0.9), p.y(0.95), p.len(1.8), p.len(0.95), c(0xF4F1EA))
        inkRect(p.x(-0.95), p.y(1.0), p.len(1.9), p.len(0.08), gold)
        for dx in [-0.6, 0.6] {
            inkRect(p.x(dx - 0.03), p.y(1.35), p.len(0.06), p.len(0.35), c(0xF4E8D0), weight: 0.5)
            glow(p.x(dx), p.y(1.4), p.len(0.35), light.glow, 0.7)
        }
        for k in [1.15, 1.35, 1.6] {
            let row = plane(k, room: room)
            for sgn in [-1.0, 1.0] {
                let a = sgn * 0.7
                let b = sgn * 2.6
                inkRect(row.x(min(a, b)), row.y(0.9), row.len(1.9), row.len(0.5), c(0x6B4A35), weight: 0.7)
                inkRect(row.x(min(a, b)), row.y(0.48), row.len(1.9), row.len(0.1), c(0x5A3A26), weight: 0.6)
            }
        }
    }

    /// A throne room: columns, a gold screen, the throne on its dais.
    func paintThroneRoom() {
        let room = paintRoom(wall: w(0x9E2B25), floor: c(0xCDBB98), style: .stone, ceiling: c(0x5A2A22), height: 4.2)
        let p = room.wall
        let gold = c(0xD9A93F)
        inkRect(p.x(-1.6), p.y(2.8), p.len(3.2), p.len(2.2), gold)
        for i in 1..<5 { line(p.x(-1.6 + Double(i) * 0.64), p.y(2.8), p.x(-1.6 + Double(i) * 0.64), p.y(0.6), .ink, weight: 0.6) }
        for i in 0..<3 {
            inkRect(p.x(-2.2 + Double(i) * 0.25), p.y(0.6 - Double(i) * 0.2), p.len(4.4 - Double(i) * 0.5), p.len(0.2),
                    c(0xB9A27A), weight: 0.6)
        }
        ink(PanelPath().move(p.x(-0.6), p.y(0.6)).line(p.x(-0.6), p.y(1.9)).quad(p.x(-0.6), p.y(2.3), p.x(0), p.y(2.3))
            .quad(p.x(0.6), p.y(2.3), p.x(0.6), p.y(1.9)).line(p.x(0.6), p.y(0.6)).close(), gold.lighter(0.1))
        inkRect(p.x(-0.75), p.y(1.1), p.len(1.5), p.len(0.5), c(0xC93A2E))
        for sgn in [-1.0, 1.0] {
            for k in [1.0, 1.35] {
                let row = plane(k, room: room)
                let m = sgn * (k == 1 ? 2.4 : 2.6)
                inkRect(row.x(m - 0.22), room.ceilY - 2, row.len(0.44), row.baseY - room.ceilY + 2, c(0xB5332B))
                inkRect(row.x(m - 0.3), row.y(0.25), row.len(0.6), row.len(0.25), gold, weight: 0.7)
            }
        }
    }

    /// A station concourse: departure board, a clock, benches.
    func paintStationHall() {
        let room = paintRoom(wall: w(0xCFD2CC), floor: c(0x9AA0A6), style: .stone, height: 5)
        let p = room.wall
        let side = windowSide
        let board = PanelBox(x: p.x(-1.4), y: p.y(3.4), w: p.len(2.8), h: p.len(1.0))
        inkRect(board.x, board.y, board.w, board.h, c(0x1C1F26))
        for i in 0..<5 {
            let y = board.y + board.h * (0.15 + Double(i) * 0.16)
            svg.rect(board.x + board.w * 0.06, y, board.w * 0.5, board.h * 0.08, fill: c(0xF2C43A), opacity: 0.9)
            svg.rect(board.x + board.w * 0.64, y, board.w * 0.26, board.h * 0.08, fill: c(0xF2C43A), opacity: 0.9)
        }
        paintWallClock(p, x: side * 2.0, y: 3.6)
        paintWindow(p, x: side * 2.0, width: 1.4, sill: 0.9, top: 2.9)
        paintBench(plane(1.15, room: room), x: -side * 1.8)
    }
}
