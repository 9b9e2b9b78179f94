import Foundation
import ReelModel

extension PanelPainter {
    /// Inside a car, seen through the windshield: the rear window shows the road behind,
    /// headrests behind the figures; the windshield frame and dashboard come in front.
    func paintCarInterior() {
        let lining = c(0x3A3D44)
        svg.rect(bleed.x, bleed.y, bleed.w, bleed.h, fill: lining)
        let rear = PanelBox(x: frame.xAt(0.08), y: frame.yAt(0.2), w: frame.w * 0.84, h: frame.h * 0.26)
        svg.beginClip(rear.x, rear.y, rear.w, rear.h)
        paintSky(rear, horizon: rear.yAt(0.75), detail: false)
        svg.rect(rear.x, rear.yAt(0.75), rear.w, rear.h * 0.25, fill: c(0x55585F))
        if light.lampsOn {
            for i in 0..<5 {
                let x = rear.xAt(0.1 + 0.2 * Double(i))
                glow(x, rear.yAt(0.62), rear.h * 0.25, light.glow, 0.6)
            }
        }
        svg.endGroup()
        svg.path(PanelPath.roundedRect(rear.x, rear.y, rear.w, rear.h, rear.h * 0.2), stroke: .ink, width: lw * 1.5)
        let seat = c(0x4A4F57)
        for p in layout.figures where p.view == .front {
            inkRect(p.x - p.radius * 1.15, p.y - p.radius * 1.3, p.radius * 2.3, p.radius * 1.3, seat, radius: p.radius * 0.4)
            inkRect(p.x - p.radius * 2.2, p.y + p.radius * 0.4, p.radius * 4.4, p.radius * 9, seat.darker(0.1),
                    radius: p.radius * 0.6)
        }
        hazeColor = lining
    }

    /// The car's windshield frame and dashboard, drawn over the figures.
    func paintCarForeground() {
        let body = c(0x2A2D33)
        let topBand = frame.yAt(0.08)
        svg.rect(bleed.x, bleed.y, bleed.w, topBand - bleed.y, fill: body)
        for sgn in [-1.0, 1.0] {
            let outer = sgn < 0 ? bleed.minX : bleed.maxX
            let inner = frame.midX + sgn * frame.w * 0.47
            ink(PanelPath.polygon([(outer, bleed.minY), (inner - sgn * frame.w * 0.05, topBand), (inner, frame.yAt(0.8)),
                                   (outer, frame.yAt(0.8))]), body)
        }
        let dash = frame.yAt(0.8)
        ink(PanelPath().move(bleed.minX, dash).quad(frame.midX, dash - frame.h * 0.03, bleed.maxX, dash)
            .line(bleed.maxX, bleed.maxY).line(bleed.minX, bleed.maxY).close(), c(0x24272C))
        if let driver = layout.figures.filter({ $0.view == .front }).min(by: { $0.x < $1.x }) {
            let r = driver.radius
            svg.ellipse(driver.x, dash + r * 0.2, r * 2.2, r * 1.0, stroke: .ink, width: r * 0.42 + 2 * lw)
            svg.ellipse(driver.x, dash + r * 0.2, r * 2.2, r * 1.0, stroke: c(0x3A3D44), width: r * 0.42)
        }
        svg.path(PanelPath.polygon([(frame.xAt(0.15), topBand), (frame.xAt(0.3), topBand), (frame.xAt(0.12), dash),
                                    (frame.xAt(0.04), dash)]), fill: .white, opacity: 0.1)
    }

    /// A subway or train car: a band of windows over the seats, poles and straps.
    func paintTrainInterior() {
        let room = paintRoom(wall: c(0xDFE3E6), floor: c(0x5F6770), style: .carpet, ceiling: c(0xEEF0F2), height: 2.4)
        let p = room.wall
        let tunnel = PanelPlace.isSubway(spec.location)
        let band = PanelBox(x: p.x(-room.halfWidth), y: p.y(2.0), w: p.len(room.halfWidth * 2), h: p.len(1.0))
        svg.beginClip(band.x, band.y, band.w, band.h)
        if tunnel {
            svg.rect(band.x, band.y, band.w, band.h, fill: c(0x23262C))
            for i in 0..<6 {
                let x = band.x + band.w * Double(i) / 5
                svg.rect(x, band.yAt(0.45), band.w * 0.08, band.h * 0.05, fill: light.glow, opacity: 0.7)
            }
        } else {
            paintSky(band, horizon: band.yAt(0.7), detail: false)
            svg.rect(band.x, band.yAt(0.7), band.w, band.h * 0.3, fill: c(0x6F9A58))
            for i in 0..<8 {
                let y = band.yAt(0.75 + Double(i % 3) * 0.07)
                svg.rect(band.x + band.w * Double(i) / 8, y, band.w * 0.1, lw, fill: .white, opacity: 0.6)
            }
        }
        svg.endGroup()
        var m = -room.halfWidth
        while m < room.halfWidth {
            inkRect(p.x(m), band.y, p.len(0.12), band.h, c(0xC9CDD2), weight: 0.6)
            m += 1.2
        }
        svg.rect(band.x, band.y, band.w, band.h, stroke: .ink, width: lw)
        svg.rect(p.x(-room.halfWidth), p.y(2.3), p.len(room.halfWidth * 2), p.len(0.25), fill: c(0xE8D8B8))
        let seat = c(0x3B73D9)
        inkRect(p.x(-room.halfWidth), p.y(0.95), p.len(room.halfWidth * 2), p.len(0.45), seat.darker(0.1))
        inkRect(p.x(-room.halfWidth), p.y(0.5), p.len(room.halfWidth * 2), p.len(0.12), seat)
        let near = plane(1.4, room: room)
        for sgn in [-1.0, 1.0] {
            let x = near.x(sgn * room.halfWidth * 0.9)
            tube(PanelPath().move(x, bleed.minY).line(x, near.baseY), c(0xC9CDD2), width: near.len(0.05))
        }
        let rail = near.y(2.15)
        line(bleed.minX, rail, bleed.maxX, rail, c(0xA8ADB3), weight: 1.6)
        var x = bleed.minX + near.len(0.3)
        while x < bleed.maxX {
            line(x, rail, x, rail + near.len(0.2), .ink, weight: 0.7)
            svg.ellipse(x, rail + near.len(0.26), near.len(0.06), near.len(0.07), stroke: .ink, width: lw * 1.2)
            x += near.len(0.7)
        }
    }
}
