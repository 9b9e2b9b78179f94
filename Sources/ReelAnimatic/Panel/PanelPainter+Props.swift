import Foundation
import ReelModel

extension PanelPainter {
    /// A suitcase in the hand on the far side from the speaking gesture: its handle in the
    /// hand, its body hanging to the knee. Drawn before the arms, so the hand closes on it.
    func paintSuitcase(_ b: Body, look: PanelFigureLook, weight: Double) {
        let sgn = -b.side
        let hand = b.pt(sgn * (look.shoulders + 0.02), 6.25)
        let (width, height) = (b.r * 2.3, (b.y(10.2) - b.y(6.9)))
        let left = hand.0 + sgn * b.r * 0.2 - width / 2
        let top = hand.1 + b.r * 0.75
        let shell = c(0x3E5A78)
        svg.stroke(PanelPath.roundedRect(hand.0 - b.r * 0.45 + sgn * b.r * 0.2, hand.1 + b.r * 0.15, b.r * 0.9, b.r * 0.8, b.r * 0.3),
                   .ink, width: lw * 1.4 * weight)
        ink(PanelPath.roundedRect(left, top, width, height, b.r * 0.3), shell, weight: weight)
        for rib in [0.3, 0.5, 0.7] {
            line(left + width * rib, top + height * 0.08, left + width * rib, top + height * 0.92, shell.darker(0.3), weight: 0.7 * weight)
        }
        line(left + width * 0.08, top + height * 0.5, left + width * 0.92, top + height * 0.5, shell.darker(0.2), weight: 0.6 * weight)
    }

    /// An open umbrella over the head, its shaft to the hand on the far side from the speaking
    /// gesture: a dome of panels with a scalloped edge, in a colour of its own per character.
    func paintUmbrella(_ b: Body, look: PanelFigureLook, weight: Double, colorIndex: Int) {
        let sgn = -b.side
        let hand = b.pt(sgn * (look.shoulders + 0.02), 6.25)
        let cx = b.x(sgn * 0.45), rim = b.y(-1.9)
        let radius = b.r * 3.1, rise = b.r * 1.7
        let colours: [UInt32] = [0x1E2A44, 0xB8322E, 0x2E6B4A, 0x5B3C88, 0xC98A1C, 0x2D2D33]
        let canopy = c(colours[abs(colorIndex) % colours.count])
        line(hand.0, hand.1, cx, rim - rise, .ink, weight: 1.5 * weight)
        var edge = PanelPath().move(cx - radius, rim)
            .cubic(cx - radius, rim - rise * 1.25, cx + radius, rim - rise * 1.25, cx + radius, rim)
        let scallops = 5
        for i in stride(from: scallops, to: 0, by: -1) {
            let x0 = cx - radius + 2 * radius * Double(i - 1) / Double(scallops)
            let mid = cx - radius + 2 * radius * (Double(i) - 0.5) / Double(scallops)
            edge = edge.quad(mid, rim - rise * 0.28, x0, rim)
        }
        ink(edge.close(), canopy, weight: weight)
        for i in 1..<scallops {
            let x = cx - radius + 2 * radius * Double(i) / Double(scallops)
            svg.stroke(PanelPath().move(cx, rim - rise * 0.94).quad((cx + x) / 2, rim - rise * 0.8, x, rim),
                       canopy.darker(0.35), width: lw * 0.7 * weight)
        }
        inkEllipse(cx, rim - rise * 0.95, b.r * 0.16, b.r * 0.16, .ink, weight: weight)
        // The hooked handle in the hand.
        svg.stroke(PanelPath().move(hand.0, hand.1).quad(hand.0 - sgn * b.r * 0.1, hand.1 + b.r * 0.7, hand.0 - sgn * b.r * 0.5, hand.1 + b.r * 0.45),
                   .ink, width: lw * 1.5 * weight)
    }

    /// Where the hand on the facing side holds an e-bike's handlebar, in body coordinates.
    static let handlebar = (x: 2.45, y: 5.3)

    /// An e-bike under a rider, seen from the side and heading where the figure faces: two
    /// wheels at the feet, a step-through deck across the shins with the battery under the
    /// seat, a front column in its fairing up to the handlebar, the lamp lit after dusk.
    /// Drawn after the legs and before the body, so the rider stands on it, astride the seat.
    func paintBike(_ b: Body, look: PanelFigureLook, weight: Double) {
        let sgn = b.side
        let body = c(0x4FB3F6)
        let dark = c(0x2A2D33)
        let wheel = 1.45
        let axleY = 14.2 - wheel
        let axles = (rear: b.pt(-sgn * 2.9, axleY), front: b.pt(sgn * 3.0, axleY))
        for (cx, cy) in [axles.rear, axles.front] {
            inkEllipse(cx, cy, b.r * wheel, b.r * wheel, dark, weight: weight)
            inkEllipse(cx, cy, b.r * wheel * 0.6, b.r * wheel * 0.6, c(0xC9CED6), weight: 0.6 * weight)
            inkEllipse(cx, cy, b.r * 0.2, b.r * 0.2, dark, weight: 0.6 * weight)
        }
        // The seat and its post behind the hips, the battery under it, the rear guard.
        tube(PanelPath().move(axles.rear).line(b.pt(-sgn * 0.9, 7.2)), dark, width: b.r * 0.3)
        ink(PanelPath.polygon([b.pt(-sgn * 2.2, 6.6), b.pt(sgn * 0.2, 6.6), b.pt(sgn * 0.1, 7.3), b.pt(-sgn * 2.0, 7.3)]),
            c(0x1E1F24), weight: weight)
        ink(PanelPath.polygon([b.pt(-sgn * 2.0, 7.3), b.pt(-sgn * 0.5, 7.3), b.pt(-sgn * 0.6, 10.6), b.pt(-sgn * 1.9, 10.6)]),
            body.darker(0.25), weight: weight)
        ink(PanelPath().move(b.pt(-sgn * 4.5, axleY - 0.2)).quad(b.pt(-sgn * 3.9, axleY - wheel - 0.9), b.pt(-sgn * 1.8, 10.2))
            .line(b.pt(-sgn * 1.8, 10.8)).quad(b.pt(-sgn * 3.6, axleY - wheel - 0.3), b.pt(-sgn * 4.1, axleY)).close(),
            body, weight: weight)
        // The deck across the shins, from the battery to the front column.
        ink(PanelPath.polygon([b.pt(-sgn * 2.0, 10.5), b.pt(sgn * 2.2, 10.5), b.pt(sgn * 2.0, 11.6), b.pt(-sgn * 1.8, 11.6)]),
            body, weight: weight)
        // The front column, its fairing and the handlebar in the hand.
        let bar = PanelPainter.handlebar
        tube(PanelPath().move(axles.front).line(b.pt(sgn * bar.x, bar.y)), dark, width: b.r * 0.3)
        ink(PanelPath.polygon([b.pt(sgn * 1.9, 7.2), b.pt(sgn * 2.8, 6.6), b.pt(sgn * 3.1, 10.2), b.pt(sgn * 2.1, 11.0)]),
            body, weight: weight)
        let (l0, l1) = (b.pt(sgn * (bar.x - 0.6), bar.y - 0.15), b.pt(sgn * (bar.x + 0.4), bar.y + 0.05))
        line(l0.0, l0.1, l1.0, l1.1, .ink, weight: 2.4 * weight)
        let (lx, ly) = b.pt(sgn * 3.0, 6.5)
        inkEllipse(lx, ly, b.r * 0.3, b.r * 0.24, light.lampsOn ? light.glow : c(0xE8E4D8), weight: 0.7 * weight)
        if light.lampsOn { glow(lx, ly, b.r * 1.1, light.glow, 0.7) }
    }
}
