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
}
