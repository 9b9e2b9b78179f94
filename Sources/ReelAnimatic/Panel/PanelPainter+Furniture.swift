import Foundation
import ReelModel

extension PanelPainter {
    func paintCabinets(_ p: PanelPlane, from a: Double, to b: Double, bottom: Double, top: Double,
                       color: PanelColor, doors: Double) {
        inkRect(p.x(a), p.y(top), p.len(b - a), p.len(top - bottom), color)
        let count = max(1, Int(((b - a) / doors).rounded()))
        let dw = (b - a) / Double(count)
        for i in 0..<count {
            let x0 = a + dw * Double(i)
            if i > 0 { line(p.x(x0), p.y(top), p.x(x0), p.y(bottom), .ink, weight: 0.6) }
            svg.rect(p.x(x0 + 0.06), p.y(top - 0.07), p.len(dw - 0.12), p.len(top - bottom - 0.14),
                     stroke: color.darker(0.2), width: lw * 0.7)
            let hx = i % 2 == 0 ? x0 + dw - 0.1 : x0 + 0.1
            let hy = bottom < 1 ? top - 0.16 : bottom + 0.12
            line(p.x(hx), p.y(hy), p.x(hx), p.y(hy - 0.1), c(0xD6D2C8), weight: 1.6)
        }
    }

    func paintFridge(_ p: PanelPlane, x m: Double) {
        let body = c(0xDDE2E4)
        inkRect(p.x(m - 0.4), p.y(1.95), p.len(0.8), p.len(1.95), body, radius: p.len(0.05))
        line(p.x(m - 0.4), p.y(1.3), p.x(m + 0.4), p.y(1.3), .ink, weight: 0.8)
        for (y0, y1) in [(1.45, 1.8), (0.5, 1.15)] {
            line(p.x(m - 0.3), p.y(y0), p.x(m - 0.3), p.y(y1), c(0x9AA3A8), weight: 1.8)
        }
        svg.rect(p.x(m + 0.2), p.y(1.95), p.len(0.2), p.len(1.95), fill: body.darker(0.1), opacity: 0.5)
    }

    func paintKettle(_ p: PanelPlane, x m: Double, base: Double) {
        let body = c(0xD9583B)
        let x = p.x(m)
        let y = p.y(base)
        let k = p.len(0.1)
        ink(PanelPath().move(x - 1.3 * k, y).quad(x - 1.6 * k, y - 1.9 * k, x - 0.6 * k, y - 2.1 * k)
            .line(x + 0.6 * k, y - 2.1 * k).quad(x + 1.6 * k, y - 1.9 * k, x + 1.3 * k, y).close(), body)
        tube(PanelPath().move(x + 1.3 * k, y - 1.2 * k).line(x + 2.3 * k, y - 2.2 * k), body, width: k * 0.45)
        svg.path(PanelPath().move(x - 0.7 * k, y - 2.1 * k).quad(x, y - 3.2 * k, x + 0.7 * k, y - 2.1 * k),
                 stroke: .ink, width: lw * 1.4)
        svg.rect(x - 1.3 * k, y - 1.1 * k, 0.5 * k, 0.6 * k, fill: .white, opacity: 0.5)
    }

    func paintBowl(_ p: PanelPlane, x m: Double, base: Double) {
        let x = p.x(m)
        let y = p.y(base)
        let k = p.len(0.1)
        for (dx, color) in [(-0.7, 0xE8B33A), (0.1, 0x8DB33A), (0.8, 0xD64545), (-0.2, 0xE07A2E)] {
            inkEllipse(x + dx * k, y - 0.9 * k - (dx == -0.2 ? 0.5 * k : 0), 0.55 * k, 0.5 * k, c(UInt32(color)),
                       weight: 0.7)
        }
        ink(PanelPath().move(x - 1.6 * k, y - 0.8 * k).quad(x, y + 0.6 * k, x + 1.6 * k, y - 0.8 * k).close(),
            c(0xF2EEE6))
    }

    func paintPlant(_ p: PanelPlane, x m: Double, height: Double) {
        let x = p.x(m)
        let pot = p.len(0.22)
        let leaf = c(0x4E8F55)
        var r2 = SeededRandom(seed: spec.seed &+ UInt64(abs(Int(m * 10))), stream: "plant")
        for i in 0..<7 {
            let a = -Double.pi / 2 + (Double(i) - 3) * 0.38 + r2.double(in: -0.1...0.1)
            let len = p.len(height - 0.3) * r2.double(in: 0.6...1.0)
            let tip = (x + cos(a) * len * 0.7, p.y(0.45) + sin(a) * len)
            ink(PanelPath().move(x, p.y(0.45)).quad(tip.0 - len * 0.15, (p.y(0.45) + tip.1) / 2, tip.0, tip.1)
                .quad(tip.0 + len * 0.18, (p.y(0.45) + tip.1) / 2, x, p.y(0.45)).close(),
                i % 2 == 0 ? leaf : leaf.lighter(0.15), weight: 0.7)
        }
        ink(PanelPath.polygon([(x - pot, p.y(0.45)), (x + pot, p.y(0.45)), (x + pot * 0.75, p.y(0)),
                               (x - pot * 0.75, p.y(0))]), c(0xC0673F))
    }

    func paintFloorLamp(_ p: PanelPlane, x m: Double) {
        let x = p.x(m)
        line(x, p.y(0.02), x, p.y(1.45), .ink, weight: 1.6)
        inkEllipse(x, p.y(0.02), p.len(0.18), p.len(0.04), c(0x2F2B30))
        let shade = c(0xF1E2C0)
        ink(PanelPath.polygon([(x - p.len(0.16), p.y(1.75)), (x + p.len(0.16), p.y(1.75)), (x + p.len(0.26), p.y(1.4)),
                               (x - p.len(0.26), p.y(1.4))]), shade)
        if light.lampsOn { glow(x, p.y(1.5), p.len(1.3), light.glow, 0.55) }
    }

    func paintSofa(_ p: PanelPlane, x m: Double, color: PanelColor) {
        let w = 2.1
        let x0 = p.x(m - w / 2)
        inkRect(x0, p.y(0.85), p.len(w), p.len(0.5), color.darker(0.08), radius: p.len(0.1))
        for i in 0..<2 {
            inkRect(p.x(m - w / 2 + 0.2 + Double(i) * 0.86), p.y(0.8), p.len(0.84), p.len(0.42), color.lighter(0.06),
                    radius: p.len(0.08))
        }
        inkRect(x0, p.y(0.42), p.len(w), p.len(0.3), color, radius: p.len(0.06))
        for sgn in [-1.0, 1.0] {
            inkRect(p.x(m + sgn * (w / 2 - 0.1) - 0.13), p.y(0.62), p.len(0.26), p.len(0.55), color.darker(0.05),
                    radius: p.len(0.08))
        }
        inkRect(p.x(m - 0.55), p.y(0.78), p.len(0.34), p.len(0.28), c(0xE8C35A).hueShifted(hueShift * 4),
                radius: p.len(0.06))
    }

    func paintRug(_ room: Room) {
        let near = plane(1.35, room: room)
        let far = room.wall
        let a = -1.6
        let b = 1.6
        svg.path(PanelPath.polygon([(far.x(a), far.baseY + (near.baseY - far.baseY) * 0.25),
                                    (far.x(b), far.baseY + (near.baseY - far.baseY) * 0.25),
                                    (near.x(b), near.baseY), (near.x(a), near.baseY)]),
                 fill: w(0xB8574A).mix(c(0xE8D8B8), 0.3), stroke: .ink, width: lw * 0.7, opacity: 0.9)
    }
}
