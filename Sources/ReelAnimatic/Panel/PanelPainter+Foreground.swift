import Foundation
import ReelModel

extension PanelPainter {
    /// What stands between the camera and the figures: the windshield of a car, or the
    /// table, desk or counter that seated figures sit at.
    func paintForeground() {
        if !layout.location.exterior, layout.location.place == .car {
            paintCarForeground()
            return
        }
        if let top = layout.tableTop, top < bleed.maxY { paintTable(top: top) }
    }

    /// A table seen from slightly above: its top, its front down to the floor, and what
    /// is on it (cups, a laptop, papers, glasses) in front of each figure.
    private func paintTable(top: Double) {
        let front = layout.figures.filter { $0.view == .front }
        guard let lead = front.last else { return }
        let r = lead.radius
        let place = layout.location.place
        let wood: PanelColor
        switch place {
        case .office: wood = c(0xC8B08A)
        case .classroom: wood = c(0xC9A06A)
        case .bar: wood = c(0x5A3322)
        case .restaurant: wood = PanelPlace.isDiner(spec.location) ? c(0xB5483A) : c(0xF4F1EA)
        default: wood = c(0x7A5236)
        }
        let full = place == .bar || place == .classroom
        let minX = full ? bleed.minX - 10 : (front.map(\.x).min() ?? lead.x) - 3.2 * r
        let maxX = full ? bleed.maxX + 10 : (front.map(\.x).max() ?? lead.x) + 3.2 * r
        let depth = r * 0.9
        let floor = layout.size <= .full ? lead.y + 10.1 * r : bleed.maxY + 10
        let inset = (maxX - minX) * 0.04
        let edge = r * 0.3
        ink(PanelPath.polygon([(minX + inset, top - depth), (maxX - inset, top - depth), (maxX, top), (minX, top)]), wood)
        if layout.size <= .full {
            // A front panel hides the sitters' laps; legs and floor show below it.
            let panelBottom = min(floor - r * 0.8, lead.y + 7.2 * r)
            svg.rect(minX + r * 0.5, panelBottom, maxX - minX - r, (floor - panelBottom) * 0.6, fill: .black, opacity: 0.18)
            for x in [minX + r * 0.3, maxX - r * 0.7] {
                inkRect(x, top + edge, r * 0.4, floor - top - edge, wood.darker(0.3))
            }
            inkRect(minX + r * 0.3, top + edge, maxX - minX - r * 0.6, max(0, panelBottom - top - edge), wood.darker(0.2))
        } else {
            // The front of the counter or table: panelled, in shade.
            let face = wood.darker(0.22)
            let id = svg.linearGradient(0, top, 0, bleed.maxY, [(0, face.darker(0.25), 1), (0.25, face, 1), (1, face.darker(0.1), 1)])
            svg.rect(minX, top, maxX - minX, bleed.maxY - top, gradient: id, stroke: .ink, width: lw)
            let panel = r * 3.2
            var x = minX + panel * 0.15
            while x + panel * 0.85 < maxX {
                svg.rect(x, top + r * 0.8, panel * 0.85, bleed.maxY - top, stroke: face.darker(0.3), width: lw * 0.8)
                x += panel
            }
            if place == .bar {
                let rail = top + r * 4
                svg.stroke(PanelPath().move(minX, rail).line(maxX, rail), .ink, width: r * 0.22 + 2 * lw)
                svg.stroke(PanelPath().move(minX, rail).line(maxX, rail), c(0xC9A14A), width: r * 0.22)
            }
        }
        svg.rect(minX, top, maxX - minX, edge, fill: wood.darker(0.08), stroke: .ink, width: lw)
        if place == .restaurant, !PanelPlace.isDiner(spec.location) {
            svg.path(PanelPath().move(minX, top + r * 0.3).line(maxX, top + r * 0.3).line(maxX, top + r * 2.2)
                .quad((minX + maxX) / 2, top + r * 2.6, minX, top + r * 2.2).close(), fill: c(0xF7F4EE), stroke: .ink,
                width: lw)
        }
        for p in front {
            let x = p.x + p.facing * r * 1.6
            let y = top - depth * 0.45
            switch place {
            case .office:
                ink(PanelPath.polygon([(x - r * 0.9, y), (x + r * 0.9, y), (x + r * 0.8, y - r * 1.3),
                                       (x - r * 0.8, y - r * 1.3)]), c(0xB9C0C8))
                svg.circle(x, y - r * 0.65, r * 0.12, fill: .white, opacity: 0.8)
            case .classroom:
                svg.path(PanelPath.polygon([(x - r * 0.7, y + r * 0.2), (x + r * 0.7, y + r * 0.2), (x + r * 0.6, y - r * 0.4),
                                            (x - r * 0.6, y - r * 0.4)]), fill: c(0xF7F4EE), stroke: .ink, width: lw * 0.7)
            case .bar:
                paintGlass(x, y, r * 0.55)
            default:
                paintCup(x, y, r * 0.45)
            }
        }
    }

    /// A cup on a surface whose top edge is at `y`.
    func paintCup(_ x: Double, _ y: Double, _ size: Double) {
        let cup = c(0xF3EFE6)
        ink(PanelPath().move(x - size * 0.5, y - size).line(x + size * 0.5, y - size).line(x + size * 0.4, y)
            .line(x - size * 0.4, y).close(), cup)
        svg.path(PanelPath().move(x + size * 0.45, y - size * 0.8).quad(x + size * 0.9, y - size * 0.6, x + size * 0.42,
                                                                        y - size * 0.3),
                 stroke: .ink, width: lw * 1.2)
        svg.ellipse(x, y - size, size * 0.5, size * 0.1, fill: c(0x6B4226), stroke: .ink, width: lw * 0.7)
    }

    /// A short glass with amber drink.
    func paintGlass(_ x: Double, _ y: Double, _ size: Double) {
        let body = PanelPath.polygon([(x - size * 0.4, y - size), (x + size * 0.4, y - size), (x + size * 0.35, y),
                                      (x - size * 0.35, y)])
        svg.path(body, fill: PanelColor(0xE8F2F4), opacity: 0.6)
        svg.rect(x - size * 0.37, y - size * 0.55, size * 0.74, size * 0.55, fill: c(0xC98A2E), opacity: 0.9)
        svg.path(body, stroke: .ink, width: lw * 0.8)
    }
}
