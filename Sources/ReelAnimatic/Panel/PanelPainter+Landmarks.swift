import Foundation
import ReelModel

extension PanelPainter {
    /// Places open to the horizon: a landmark is painted over their set (their hills and
    /// trees would hide it), not behind it as among buildings.
    static let openPlaces: Set<PanelPlace?> = [.beach, .river, .mountain, .park, .forest, .bridge, nil]

    /// The landmarks outdoors, on the horizon: behind a built-up place's set (painted with the
    /// sky and the ground, so its buildings stand in front), or over an open place's.
    func paintLandmarks(afterSet: Bool) {
        guard layout.location.exterior, afterSet == Self.openPlaces.contains(layout.location.place) else { return }
        if spec.landmarks.contains(.lighthouse) { paintLighthouse() }
    }

    /// A white lighthouse with red bands on a dark headland, on the side away from the
    /// beach umbrella; its lantern lit and its beam sweeping out from dusk to dawn.
    func paintLighthouse() {
        let hy = layout.horizon
        let height = min(frame.w, frame.h) * 0.24
        let x = frame.xAt(windowSide > 0 ? 0.2 : 0.8)
        let base = height * 0.2
        let rock = distant(c(0x5B5650), depth: 60)
        ink(PanelPath().move(x - height * 0.9, hy).quad(x - height * 0.35, hy - base * 1.3, x, hy - base)
            .quad(x + height * 0.4, hy - base * 0.9, x + height * 0.8, hy).close(), rock, weight: 0.7)
        let foot = hy - base * 0.95
        let top = foot - height * 0.72
        let (bottomHalf, topHalf) = (height * 0.075, height * 0.05)
        func half(_ y: Double) -> Double { bottomHalf + (topHalf - bottomHalf) * (foot - y) / (foot - top) }
        let white = distant(c(0xF2EEE6), depth: 50)
        let red = distant(c(0xC23B2E), depth: 50)
        ink(PanelPath.polygon([(x - bottomHalf, foot), (x + bottomHalf, foot), (x + topHalf, top), (x - topHalf, top)]), white,
            weight: 0.7)
        for band in [0.2, 0.55] {
            let y0 = foot - (foot - top) * band
            let y1 = foot - (foot - top) * (band + 0.17)
            svg.path(PanelPath.polygon([(x - half(y0), y0), (x + half(y0), y0), (x + half(y1), y1), (x - half(y1), y1)]), fill: red)
        }
        // Gallery, lantern room and cap.
        inkRect(x - topHalf * 1.5, top - height * 0.025, topHalf * 3, height * 0.025, c(0x2D2D33), weight: 0.6)
        let lanternTop = top - height * 0.13
        let lit = light.lampsOn
        inkRect(x - topHalf * 0.9, lanternTop, topHalf * 1.8, height * 0.105, lit ? light.glow : c(0xA9C4D6), weight: 0.6)
        ink(PanelPath().move(x - topHalf * 1.2, lanternTop).quad(x, lanternTop - height * 0.09, x + topHalf * 1.2, lanternTop).close(),
            red, weight: 0.6)
        guard lit else { return }
        let ly = lanternTop + height * 0.05
        let toward = windowSide > 0 ? 1.0 : -1.0
        svg.path(PanelPath.polygon([(x, ly - height * 0.01), (x + toward * frame.w * 0.9, ly - height * 0.2),
                                    (x + toward * frame.w * 0.9, ly + height * 0.14), (x, ly + height * 0.01)]),
                 fill: light.glow, opacity: 0.22)
        glow(x, ly, height * 0.14, light.glow, 0.9)
    }
}
