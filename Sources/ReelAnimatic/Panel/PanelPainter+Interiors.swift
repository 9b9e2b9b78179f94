import Foundation
import ReelModel

extension PanelPainter {
    /// An interior by place: the room shell, a window on the hour, and the two to four
    /// set pieces that say where we are.
    func paintInterior() {
        switch layout.location.place {
        case .kitchen: paintKitchen()
        case .home: paintLivingRoom()
        case .bedroom: paintBedroom()
        case .office: paintOffice()
        case .classroom: paintClassroom()
        case .lab: paintLab()
        case .hospital: paintHospitalRoom()
        case .cafe: paintCafe()
        case .restaurant: paintRestaurant()
        case .bar: paintBar()
        case .shop: paintShop()
        case .corridor: paintCorridor()
        case .stairs: paintStairwell()
        case .temple: paintTempleHall()
        case .church: paintChurch()
        case .palace: paintThroneRoom()
        case .car: paintCarInterior()
        case .train: paintTrainInterior()
        case .station: paintStationHall()
        case .city: paintLivingRoom(cityWindow: true)
        case .street, .rooftop, .park, .forest, .beach, .bridge, .river, .mountain, nil: paintGenericInterior()
        }
    }

    /// Which side of the back wall the window takes.
    var windowSide: Double { layout.windowSide }

    func paintGenericInterior() {
        let room = paintRoom(wall: w(0xD8CDBE), floor: c(0x9B7452), style: .planks)
        let p = room.wall
        let side = windowSide
        paintWindow(p, x: side * 1.0, width: 1.3, curtains: w(0x7C93B8))
        paintDoor(p, x: -side * 1.7, color: c(0x8A6244))
        paintPicture(p, x: -side * 0.35, y: 1.35, width: 0.6, height: 0.45, frameColor: c(0x3E3A3F))
        paintPlant(p, x: side * 2.1, height: 1.1)
        paintPendant(p, x: 0, ceilY: room.ceilY, drop: 0.5, color: w(0xE8E0D0))
    }

    func paintLivingRoom(cityWindow: Bool = false) {
        let wallColor = rng.chance(0.5) ? w(0xE4C9A8) : w(0xB9C6A8)
        let room = paintRoom(wall: wallColor, floor: c(0x9A6A45), style: .planks)
        let p = room.wall
        let side = windowSide
        paintWindow(p, x: side * 1.25, width: cityWindow ? 2.2 : 1.4, sill: cityWindow ? 0.5 : 0.9, top: 2.5,
                    curtains: w(0xB0574B), skyline: true)
        paintPicture(p, x: -side * 0.6, y: 1.3, width: 0.9, height: 0.6, frameColor: c(0x3A302C))
        paintSofa(p, x: -side * 0.5, color: w(0x4F67A3))
        paintFloorLamp(p, x: -side * 1.75)
        paintPlant(p, x: side * 2.3, height: 1.2)
        paintRug(room)
    }

    func paintKitchen() {
        let room = paintRoom(wall: w(0xEDE3CB), floor: c(0xCBC2B2), style: .tiles)
        let p = room.wall
        let side = windowSide
        let cabinet = w(0x5F8F8A)
        let run = (-2.6, 1.3)
        // Tiled splash-back behind the counter.
        let splash = PanelBox(x: p.x(run.0), y: p.y(1.55), w: p.len(run.1 - run.0), h: p.len(0.65))
        svg.rect(splash.x, splash.y, splash.w, splash.h, fill: c(0xF7F3EA))
        for i in 1..<4 {
            line(splash.minX, splash.y + splash.h * Double(i) / 4, splash.maxX, splash.y + splash.h * Double(i) / 4,
                 c(0xD5CFC2), weight: 0.5)
        }
        var x = run.0
        while x < run.1 - 0.01 {
            line(p.x(x), splash.minY, p.x(x), splash.maxY, c(0xD5CFC2), weight: 0.5)
            x += 0.3
        }
        let sink = side * 0.45
        paintWindow(p, x: sink, width: 1.05, sill: 1.25, top: 2.15, frameColor: c(0xF4F1EA))
        paintCabinets(p, from: run.0, to: run.1, bottom: 0, top: 0.9, color: cabinet, doors: 0.6)
        inkRect(p.x(run.0 - 0.03), p.y(0.95), p.len(run.1 - run.0 + 0.06), p.len(0.06), c(0xE9E4DA))
        for (a, b2) in [(run.0, sink - 0.7), (sink + 0.7, run.1)] where b2 - a > 0.3 {
            paintCabinets(p, from: a, to: b2, bottom: 1.6, top: 2.35, color: cabinet.lighter(0.08), doors: 0.5)
        }
        paintFridge(p, x: run.1 + 0.45)
        paintKettle(p, x: sink + side * 1.05, base: 0.95)
        paintBowl(p, x: sink - side * 1.1, base: 0.95)
        paintPendant(p, x: sink, ceilY: room.ceilY, drop: 0.35, color: c(0x2F3A3A))
    }

    func paintBedroom() {
        let room = paintRoom(wall: w(0xC9D6E3), floor: c(0xA97D58), style: .planks)
        let p = room.wall
        let side = windowSide
        paintWindow(p, x: side * 1.7, width: 1.1, curtains: w(0xE8D6B0))
        paintPicture(p, x: -side * 0.4, y: 1.35, width: 0.8, height: 0.5, frameColor: c(0xF4F1EA))
        paintBed(p, x: -side * 0.4, color: w(0x6A7FB3))
        for sgn in [-1.0, 1.0] {
            let m = -side * 0.4 + sgn * 1.25
            inkRect(p.x(m - 0.25), p.y(0.55), p.len(0.5), p.len(0.55), c(0x8A6244))
            line(p.x(m - 0.2), p.y(0.32), p.x(m + 0.2), p.y(0.32), .ink, weight: 0.6)
            paintTableLamp(p, x: m, base: 0.55)
        }
        paintRug(room)
    }

    func paintBed(_ p: PanelPlane, x m: Double, color: PanelColor) {
        let wood = c(0x7A5236)
        inkRect(p.x(m - 1.0), p.y(1.15), p.len(2.0), p.len(1.15), wood, radius: p.len(0.1))
        inkRect(p.x(m - 1.05), p.y(0.55), p.len(2.1), p.len(0.3), c(0xF2EEE6))
        for sgn in [-1.0, 1.0] {
            inkRect(p.x(m + sgn * 0.48 - 0.38), p.y(0.85), p.len(0.76), p.len(0.3), c(0xF7F4EE), radius: p.len(0.1))
        }
        ink(PanelPath().move(p.x(m - 1.1), p.y(0.62)).line(p.x(m + 1.1), p.y(0.62)).line(p.x(m + 1.15), p.y(0.15))
            .line(p.x(m - 1.15), p.y(0.15)).close(), color)
        svg.stroke(PanelPath().move(p.x(m - 1.1), p.y(0.5)).line(p.x(m + 1.1), p.y(0.5)), color.lighter(0.25),
                   width: lw * 1.5)
    }

    func paintTableLamp(_ p: PanelPlane, x m: Double, base: Double) {
        line(p.x(m), p.y(base), p.x(m), p.y(base + 0.3), .ink, weight: 1.2)
        ink(PanelPath.polygon([(p.x(m - 0.12), p.y(base + 0.52)), (p.x(m + 0.12), p.y(base + 0.52)),
                               (p.x(m + 0.18), p.y(base + 0.3)), (p.x(m - 0.18), p.y(base + 0.3))]), c(0xF1E2C0))
        if light.lampsOn { glow(p.x(m), p.y(base + 0.4), p.len(1.0), light.glow, 0.6) }
    }
}
