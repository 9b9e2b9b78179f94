import Foundation
import ReelModel

extension PanelPainter {
    /// A plane of the ground `k` times the set scale (k > 1 is nearer the camera).
    func ground(_ k: Double) -> PanelPlane {
        PanelPlane(scale: s * k, baseY: layout.horizon + layout.cameraHeight * s * k, originX: layout.vanishingX)
    }

    /// An exterior by place: sky of the hour, ground, and the silhouettes of the place.
    func paintExterior() {
        switch layout.location.place {
        case .street: paintStreet(alley: PanelPlace.isAlley(spec.location))
        case .car: paintStreet(alley: false)
        case .city: paintCityView()
        case .rooftop: paintRooftop()
        case .park: paintPark(garden: PanelPlace.isGarden(spec.location))
        case .forest: paintForest()
        case .beach: paintBeach()
        case .river: paintWaterside()
        case .mountain: paintMountains()
        case .bridge: paintBridge()
        case .station: paintPlatform(train: spec.seed % 2 == 0)
        case .train: paintPlatform(train: true)
        case .cafe: paintStorefront(.cup)
        case .restaurant: paintStorefront(.cutlery)
        case .bar: paintStorefront(.glass)
        case .shop: paintStorefront(.bag)
        case .home, .kitchen, .bedroom: paintHouse()
        case .office, .lab: paintFacade(.office)
        case .hospital: paintFacade(.hospital)
        case .classroom: paintFacade(.school)
        case .church: paintFacade(.church)
        case .temple: paintFacade(.temple)
        case .palace: paintFacade(.palace)
        case .corridor, .stairs, nil: paintGenericExterior()
        }
        paintLandmarks(afterSet: true)
    }

    /// Sky down to the horizon and a ground fill below it.
    func paintSkyAndGround(_ groundColor: PanelColor, far: PanelColor? = nil) {
        let hy = layout.horizon
        paintSky(PanelBox(x: bleed.x, y: bleed.y, w: bleed.w, h: hy - bleed.y + 2), horizon: hy)
        let id = svg.linearGradient(0, hy, 0, max(hy + 1, frame.maxY),
                                    [(0, far ?? groundColor.mix(light.sky.horizon, 0.35), 1), (1, groundColor, 1)])
        svg.rect(bleed.x, hy, bleed.w, max(0, bleed.maxY - hy), gradient: id)
        hazeColor = light.sky.middle
        paintLandmarks(afterSet: false)
    }

    /// Anywhere outdoors: a low town on the horizon, trees, a road.
    func paintGenericExterior() {
        paintSkyAndGround(c(0x86A56A))
        var r2 = SeededRandom(seed: spec.seed, stream: "generic-ext")
        paintHills(layers: 1, height: 3, color: 0x8AA37A, rng: &r2)
        let far = ground(0.35)
        var x = bleed.minX
        while x < bleed.maxX {
            let bw = far.len(r2.double(in: 5...9))
            let bh = far.len(r2.double(in: 4...10))
            svg.rect(x, far.baseY - bh, bw, bh + far.len(0.5), fill: distant(w(r2.pick([0xD9B99A, 0xB5A89A, 0xC9A27A])),
                                                                              depth: 40),
                     stroke: .ink, width: lw * 0.5)
            x += bw + far.len(r2.double(in: 1...6))
        }
        svg.path(PanelPath.polygon([proj(-1.5, 0, 300), proj(1.5, 0, 300), proj(3, 0, 1.5), proj(-3, 0, 1.5)]),
                 fill: c(0x8C877E))
        for depth in [14.0, 22, 34, 50] {
            paintTreeAt((r2.chance(0.5) ? 1 : -1) * r2.double(in: 5...10), depth: depth, height: r2.double(in: 5...8))
        }
    }

    func paintTree(_ p: PanelPlane, x m: Double, height: Double) {
        let x = p.x(m)
        let trunk = c(0x6B4A35)
        inkRect(x - p.len(0.15), p.y(height * 0.45), p.len(0.3), p.len(height * 0.45), trunk, weight: 0.8)
        let crown = c(0x4F8F4E)
        let r = p.len(height * 0.28)
        let cy = p.y(height * 0.66)
        ink(PanelPath().move(x - r, cy + r * 0.4).cubic(x - r * 1.5, cy - r * 0.5, x - r * 0.6, cy - r * 1.5, x, cy - r * 1.2)
            .cubic(x + r * 0.7, cy - r * 1.6, x + r * 1.5, cy - r * 0.4, x + r, cy + r * 0.4)
            .quad(x, cy + r * 1.0, x - r, cy + r * 0.4).close(), crown, weight: 0.8)
        svg.path(PanelPath().move(x + r * 0.1, cy - r * 1.05).cubic(x + r * 0.8, cy - r * 1.2, x + r * 1.2, cy - r * 0.3,
                                                                    x + r * 0.85, cy + r * 0.35)
            .quad(x + r * 0.5, cy - r * 0.2, x + r * 0.1, cy - r * 1.05).close(), fill: crown.darker(0.25), opacity: 0.6)
    }
}
