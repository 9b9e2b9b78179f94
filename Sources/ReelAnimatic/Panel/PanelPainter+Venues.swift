import Foundation
import ReelModel

extension PanelPainter {
    func paintCafe() {
        let room = paintRoom(wall: w(0xD9B48F), floor: c(0x7A5136), style: .planks)
        let p = room.wall
        let side = windowSide
        // Brick on one side of the back wall.
        let brick = w(0xA65A3F)
        let b0 = side > 0 ? -room.halfWidth : 0.2
        let b1 = side > 0 ? -0.2 : room.halfWidth
        svg.rect(p.x(b0), p.y(3.0), p.len(b1 - b0), p.len(3.0), fill: brick)
        var row = 0
        for h in stride(from: 0.0, to: 3.0, by: 0.16) {
            line(p.x(b0), p.y(h), p.x(b1), p.y(h), brick.darker(0.25), weight: 0.4)
            var m = b0 + (row % 2 == 0 ? 0 : 0.15)
            while m < b1 {
                line(p.x(m), p.y(h), p.x(m), p.y(h + 0.16), brick.darker(0.25), weight: 0.4)
                m += 0.3
            }
            row += 1
        }
        paintWindow(p, x: side * 1.6, width: 1.7, sill: 0.7, top: 2.5, frameColor: c(0x2F6B57), skyline: true)
        // Counter, espresso machine, menu board, pendants.
        let counterX = -side * 1.0
        let wood = c(0x5A3A26)
        inkRect(p.x(counterX - 1.3), p.y(1.0), p.len(2.6), p.len(1.0), wood)
        for i in 0..<5 { line(p.x(counterX - 1.3 + Double(i) * 0.52), p.y(0.95), p.x(counterX - 1.3 + Double(i) * 0.52),
                              p.y(0.05), wood.lighter(0.15), weight: 0.6) }
        inkRect(p.x(counterX - 1.35), p.y(1.05), p.len(2.7), p.len(0.07), c(0xE9E4DA))
        let mx = counterX + side * 0.6
        inkRect(p.x(mx - 0.3), p.y(1.55), p.len(0.6), p.len(0.5), c(0xB9C2C8), radius: p.len(0.04))
        inkRect(p.x(mx - 0.3), p.y(1.6), p.len(0.6), p.len(0.1), c(0x2F3338))
        line(p.x(mx - 0.1), p.y(1.3), p.x(mx - 0.1), p.y(1.18), .ink, weight: 1.4)
        for i in 0..<3 { paintCup(p.x(counterX - side * (0.3 + Double(i) * 0.2)), p.y(1.05), p.len(0.1)) }
        let board = c(0x2C3330)
        inkRect(p.x(counterX - 0.9), p.y(2.6), p.len(1.8), p.len(0.8), c(0x7A5236))
        svg.rect(p.x(counterX - 0.85), p.y(2.55), p.len(1.7), p.len(0.7), fill: board)
        for i in 0..<4 {
            let y = p.y(2.4 - Double(i) * 0.14)
            line(p.x(counterX - 0.7), y, p.x(counterX + (i % 2 == 0 ? 0.3 : 0.1)), y, PanelColor(0xEDEDE4), weight: 0.8,
                 opacity: 0.8)
            line(p.x(counterX + 0.5), y, p.x(counterX + 0.7), y, PanelColor(0xF2C46D), weight: 0.8)
        }
        for dx in [-0.9, 0.0, 0.9] {
            paintPendant(p, x: counterX + dx, ceilY: room.ceilY, drop: 0.45, color: c(0x2F6B57))
        }
        paintPlant(p, x: side * 2.7, height: 1.3)
    }

    func paintRestaurant() {
        let diner = PanelPlace.isDiner(spec.location)
        let wall = diner ? w(0x8FC7C0) : w(0xE6D3B3)
        let room = paintRoom(wall: wall, floor: diner ? c(0xE8E2D6) : c(0x6B4A35), style: diner ? .tiles : .planks)
        let p = room.wall
        let side = windowSide
        let lower = diner ? c(0xD64545) : w(0x8A2F2A)
        svg.rect(p.x(-room.halfWidth), p.y(1.0), p.len(room.halfWidth * 2), p.len(1.0), fill: lower)
        line(p.x(-room.halfWidth), p.y(1.0), p.x(room.halfWidth), p.y(1.0), .ink, weight: 0.8)
        if diner {
            paintWindow(p, x: 0, width: 3.2, sill: 1.1, top: 2.3, frameColor: c(0xC9CDD2), skyline: true)
            for m in stride(from: -2.4, through: 2.4, by: 1.6) {
                inkRect(p.x(m - 0.6), p.y(1.3), p.len(1.2), p.len(0.35), c(0xC93A3A), radius: p.len(0.1))
            }
        } else {
            paintWindow(p, x: side * 1.7, width: 1.2, curtains: w(0xC9A14A))
            paintPicture(p, x: -side * 0.3, y: 1.3, width: 0.9, height: 0.65, frameColor: c(0xC9A14A))
            paintPicture(p, x: -side * 1.6, y: 1.4, width: 0.5, height: 0.5, frameColor: c(0xC9A14A))
        }
        let tables = plane(0.95, room: room)
        for m in diner ? [] : [-side * 2.2, side * 0.4] {
            for dx in [-0.55, 0.55] {
                inkRect(tables.x(m + dx - 0.18), tables.y(0.95), tables.len(0.36), tables.len(0.95), c(0x5A3A26))
            }
            ink(PanelPath.polygon([(tables.x(m - 0.6), tables.y(0.75)), (tables.x(m + 0.6), tables.y(0.75)),
                                   (tables.x(m + 0.7), tables.y(0.35)), (tables.x(m - 0.7), tables.y(0.35))]),
                c(0xF7F4EE))
            paintCup(tables.x(m - 0.2), tables.y(0.75), tables.len(0.12))
        }
        for dx in [-1.2, 1.2] { paintPendant(p, x: dx, ceilY: room.ceilY, drop: 0.5, color: c(0xC9A14A)) }
    }

    func paintBar() {
        let room = paintRoom(wall: w(0x5A3A52), floor: c(0x3B2A2E), style: .planks, ceiling: c(0x2A2028))
        let p = room.wall
        let side = windowSide
        // Back bar: mirror, shelves of bottles.
        let b0 = -2.6
        let b1 = 1.2
        inkRect(p.x(b0), p.y(2.4), p.len(b1 - b0), p.len(1.3), c(0x5A6A7A).mix(light.glow, 0.15))
        glow(p.x((b0 + b1) / 2), p.y(1.7), p.len(2.2), light.glow, 0.45)
        var r2 = SeededRandom(seed: spec.seed, stream: "bottles")
        for shelf in [1.25, 1.75] {
            inkRect(p.x(b0), p.y(shelf), p.len(b1 - b0), p.len(0.04), c(0x5A3A26), weight: 0.6)
            var m = b0 + 0.1
            while m < b1 - 0.1 {
                let color = c(r2.pick([0x2E9E6B, 0xC98A2E, 0x8A2F2A, 0xD9D4BC, 0x3B5FA8]))
                let h = r2.double(in: 0.28...0.4)
                let x = p.x(m)
                let bw = p.len(0.08)
                ink(PanelPath().move(x - bw, p.y(shelf)).line(x - bw, p.y(shelf + h * 0.6))
                    .quad(x - bw, p.y(shelf + h * 0.75), x - bw * 0.35, p.y(shelf + h * 0.8))
                    .line(x - bw * 0.35, p.y(shelf + h)).line(x + bw * 0.35, p.y(shelf + h))
                    .line(x + bw * 0.35, p.y(shelf + h * 0.8)).quad(x + bw, p.y(shelf + h * 0.75), x + bw, p.y(shelf + h * 0.6))
                    .line(x + bw, p.y(shelf)).close(), color, weight: 0.5)
                m += r2.double(in: 0.16...0.24)
            }
        }
        inkRect(p.x(b0 - 0.1), p.y(1.05), p.len(b1 - b0 + 0.2), p.len(1.05), c(0x5A3322))
        // Neon sign.
        let nx = side * 2.0
        let neon = PanelColor(0xFF4FA3)
        glow(p.x(nx), p.y(1.9), p.len(1.2), neon, 0.55)
        svg.path(PanelPath().move(p.x(nx - 0.4), p.y(1.7)).quad(p.x(nx - 0.4), p.y(2.2), p.x(nx), p.y(2.1))
            .quad(p.x(nx + 0.4), p.y(2.2), p.x(nx + 0.4), p.y(1.7)).quad(p.x(nx), p.y(1.9), p.x(nx - 0.4), p.y(1.7)),
                 stroke: neon, width: lw * 2.2)
        svg.path(PanelPath().move(p.x(nx - 0.2), p.y(1.55)).line(p.x(nx + 0.2), p.y(1.55)), stroke: PanelColor(0x6FE3FF),
                 width: lw * 2.2)
        for dx in [-1.8, -0.6, 0.6] { paintPendant(p, x: dx, ceilY: room.ceilY, drop: 0.6, color: c(0xC98A2E)) }
        for dx in [-1.9, -1.2, -0.5, 0.2] {
            paintBarStool(plane(1.1, room: room), x: dx)
        }
        if !light.lampsOn {
            for dx in [-1.8, -0.6, 0.6] {
                glow(p.x(dx), room.ceilY + p.len(0.85), p.len(1.0), light.glow, 0.35)
            }
        }
    }

    private func paintBarStool(_ p: PanelPlane, x m: Double) {
        line(p.x(m), p.baseY, p.x(m), p.y(0.72), .ink, weight: 1.4)
        inkEllipse(p.x(m), p.baseY, p.len(0.2), p.len(0.04), c(0x3A3D44), weight: 0.6)
        inkEllipse(p.x(m), p.y(0.76), p.len(0.2), p.len(0.06), c(0xA8322C), weight: 0.8)
        line(p.x(m - 0.12), p.y(0.3), p.x(m + 0.12), p.y(0.3), .ink, weight: 1)
    }

    func paintShop() {
        let room = paintRoom(wall: w(0xF1EDE4), floor: c(0xD8D4CB), style: .tiles, ceiling: c(0xE4E2DC))
        let p = room.wall
        let side = windowSide
        paintCeilingPanels(room)
        var r2 = SeededRandom(seed: spec.seed, stream: "products")
        for unit in [-2.0, -0.7, 0.6] {
            let m = unit * side
            inkRect(p.x(m - 0.6), p.y(2.1), p.len(1.2), p.len(2.1), c(0xC9A27A))
            for shelf in [0.2, 0.7, 1.2, 1.7] {
                inkRect(p.x(m - 0.6), p.y(shelf), p.len(1.2), p.len(0.04), c(0x9A7452), weight: 0.5)
                var x = m - 0.55
                while x < m + 0.5 {
                    let bw = r2.double(in: 0.1...0.18)
                    let bh = r2.double(in: 0.18...0.34)
                    svg.rect(p.x(x), p.y(shelf + bh), p.len(bw), p.len(bh),
                             fill: c(r2.pick([0xD64545, 0x3B73D9, 0xE3A21A, 0x2E9E6B, 0xEB7434, 0x8B56CC, 0xF4F1EA])),
                             stroke: .ink, width: lw * 0.4)
                    x += bw + 0.02
                }
            }
        }
        // Drinks fridge, counter with till.
        let fx = side * 1.95
        inkRect(p.x(fx - 0.45), p.y(2.0), p.len(0.9), p.len(2.0), c(0x3B73D9))
        svg.rect(p.x(fx - 0.38), p.y(1.85), p.len(0.76), p.len(1.5), fill: c(0xDDF0F5))
        for shelf in [0.55, 0.95, 1.35] {
            for i in 0..<5 {
                svg.rect(p.x(fx - 0.33 + Double(i) * 0.14), p.y(shelf + 0.25), p.len(0.08), p.len(0.25),
                         fill: c([0xD64545, 0x2E9E6B, 0xE3A21A][(i + Int(shelf * 10)) % 3]))
            }
        }
        let counter = plane(1.2, room: room)
        let cx = side * 2.2
        inkRect(counter.x(cx - 0.8), counter.y(1.0), counter.len(1.6), counter.len(1.0), c(0xE8E2D6))
        inkRect(counter.x(cx - 0.25), counter.y(1.3), counter.len(0.5), counter.len(0.3), c(0x2F3338))
    }
}
