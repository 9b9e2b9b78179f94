import Foundation
import ReelModel

extension PanelPainter {
    /// The overhead shot: the floor or ground seen from straight above, a table or rug in
    /// the middle, figures as heads and shoulders with soft shadows.
    func paintTopDown() {
        let unit = (layout.figures.first?.radius ?? min(frame.w, frame.h) * 0.06) * 10
        let place = layout.location.place
        if layout.location.exterior {
            switch place {
            case .park, .forest, .mountain, .river, nil: paintTopGrass(unit)
            case .beach: paintTopSand(unit)
            default: paintTopPavement(unit)
            }
        } else {
            let tiles = place == .kitchen || place == .hospital || place == .lab || place == .shop
            svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: tiles ? c(0xCBC2B2) : c(0x9A6A45))
            let step = tiles ? unit * 0.5 : unit * 0.18
            var x = bleed.minX
            while x < bleed.maxX {
                line(x, bleed.minY, x, bleed.maxY, (tiles ? c(0xCBC2B2) : c(0x9A6A45)).darker(0.2), weight: 0.5)
                x += step
            }
            if tiles {
                var y = bleed.minY
                while y < bleed.maxY {
                    line(bleed.minX, y, bleed.maxX, y, c(0xCBC2B2).darker(0.2), weight: 0.5)
                    y += step
                }
            }
        }
        let centre = (frame.midX, frame.midY)
        if layout.figures.count > 1 {
            if !layout.location.exterior || place?.hasTable == true {
                let nearest = layout.figures.map { hypot($0.x - centre.0, $0.y - centre.1) }.min() ?? unit
                let tr = max(unit * 0.2, nearest - 1.7 * (layout.figures.first?.radius ?? 0))
                svg.circle(centre.0 + tr * 0.1, centre.1 + tr * 0.12, tr, fill: .black, opacity: 0.18)
                svg.circle(centre.0, centre.1, tr, fill: c(0x7A5236), stroke: .ink, width: lw)
                svg.circle(centre.0, centre.1, tr * 0.85, stroke: c(0x7A5236).lighter(0.15), width: lw)
                for p in layout.figures {
                    let a = atan2(p.y - centre.1, p.x - centre.0)
                    let cx = centre.0 + cos(a) * tr * 0.6
                    let cy = centre.1 + sin(a) * tr * 0.6
                    svg.circle(cx, cy, unit * 0.05, fill: c(0xF3EFE6), stroke: .ink, width: lw * 0.8)
                    svg.circle(cx, cy, unit * 0.035, fill: c(0x6B4226))
                }
            }
        } else if !layout.location.exterior {
            let rw = unit * 1.6
            svg.rect(centre.0 - rw, centre.1 - rw * 0.7, rw * 2, rw * 1.4, fill: w(0xB8574A).mix(c(0xE8D8B8), 0.3),
                     stroke: .ink, width: lw * 0.8, radius: unit * 0.1)
        }
        for p in layout.figures {
            svg.ellipse(p.x + p.radius * 0.5, p.y + p.radius * 0.6, p.radius * 2.1, p.radius * 1.3, fill: .black,
                        opacity: 0.18)
            paintFigure(p)
        }
        hazeColor = c(0x9A6A45)
    }

    /// A figure from above: hair, shoulders in the costume colour, hands, the nose's tip
    /// showing which way the face turns.
    func paintTopFigure(_ p: PanelLayout.Placement, figure: PanelFigure, look: PanelFigureLook) {
        let r = p.radius
        let deg = p.heading * 180 / .pi
        svg.beginGroup(transform: "translate(\(SVGWriter.num(p.x)) \(SVGWriter.num(p.y))) rotate(\(SVGWriter.num(deg)))")
        for sgn in [-1.0, 1.0] {
            let hand = figure.speaking && sgn > 0 ? (r * 1.7, sgn * r * 1.3) : (r * 0.9, sgn * r * 2.05)
            tube(PanelPath().move(r * 0.1, sgn * r * 1.7).line(hand.0 - r * 0.3, hand.1), look.costume.darker(0.08),
                 width: r * 0.6)
            svg.circle(hand.0, hand.1, r * 0.3, fill: look.skin, stroke: .ink, width: lw)
        }
        inkEllipse(0, 0, r * 0.95, r * 2.0, look.costume)
        svg.ellipse(-r * 0.3, r * 0.4, r * 0.5, r * 1.4, fill: look.costumeShade, opacity: 0.5)
        svg.circle(r * 0.72, 0, r * 0.22, fill: look.skin, stroke: .ink, width: lw)
        svg.circle(0, 0, r * 0.9, fill: look.hair, stroke: .ink, width: lw)
        if look.hairStyle == .bun { svg.circle(-r * 0.35, 0, r * 0.4, fill: look.hair, stroke: .ink, width: lw) }
        svg.stroke(PanelPath().move(-r * 0.3, -r * 0.5).quad(r * 0.2, -r * 0.7, r * 0.5, -r * 0.2), look.hairLight,
                   width: r * 0.12, opacity: 0.7)
        svg.endGroup()
    }

    private func paintTopGrass(_ unit: Double) {
        let grass = c(0x6FA85A)
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: grass)
        var r2 = SeededRandom(seed: spec.seed, stream: "grass")
        for _ in 0..<80 {
            let x = bleed.minX + r2.unit() * bleed.w
            let y = bleed.minY + r2.unit() * bleed.h
            let k = unit * 0.06
            svg.stroke(PanelPath.polyline([(x - k, y), (x - k * 0.4, y - k * 1.4), (x, y), (x + k * 0.5, y - k * 1.3), (x + k, y)]),
                       grass.darker(0.18), width: lw * 0.7)
        }
        svg.path(PanelPath().move(bleed.minX, frame.yAt(0.15)).quad(frame.midX, frame.yAt(0.05), bleed.maxX, frame.yAt(0.2))
            .line(bleed.maxX, frame.yAt(0.2) + unit * 0.8).quad(frame.midX, frame.yAt(0.05) + unit * 0.8, bleed.minX,
                                                                 frame.yAt(0.15) + unit * 0.8).close(),
                 fill: c(0xD8C7A3), stroke: .ink, width: lw * 0.7)
    }

    private func paintTopSand(_ unit: Double) {
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: c(0xE6CF9C))
        let sea = light.isNight ? c(0x1B2A55) : c(0x3C8FC2)
        svg.path(PanelPath().move(bleed.minX, bleed.minY).line(bleed.maxX, bleed.minY).line(bleed.maxX, frame.yAt(0.22))
            .quad(frame.midX, frame.yAt(0.3), bleed.minX, frame.yAt(0.18)).close(), fill: sea)
        svg.path(PanelPath().move(bleed.minX, frame.yAt(0.18)).quad(frame.midX, frame.yAt(0.3), bleed.maxX, frame.yAt(0.22)),
                 stroke: PanelColor(0xF4F7F5), width: lw * 2.5)
    }

    private func paintTopPavement(_ unit: Double) {
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: c(0x6A6C72))
        let walk = frame.xAt(0.12)
        svg.rect(bleed.x, bleed.y, walk - bleed.x, bleed.h, fill: c(0xA29C92), stroke: .ink, width: lw)
        var y = bleed.minY
        while y < bleed.maxY {
            svg.rect(frame.xAt(0.35), y, frame.w * 0.5, unit * 0.18, fill: c(0xE8E2CF), opacity: 0.85)
            y += unit * 0.36
        }
    }
}
