import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

@Suite("Panel layout")
struct PanelLayoutTests {
    static let frames: [(Int, Int)] = [(720, 1280), (1280, 720), (1080, 1080), (400, 1600), (1600, 400)]

    @Test(arguments: frames.map { "\($0.0)x\($0.1)" })
    func headRadiusGrowsFromExtremeWideToExtremeCloseUp(frame: String) {
        let parts = frame.split(separator: "x").compactMap { Double($0) }
        let box = PanelBox(x: 0, y: 0, w: parts[0], h: parts[1])
        let radii = ShotSize.allCases.map { PanelLayout.headRadius($0, frame: box) }
        for (a, b) in zip(radii, radii.dropFirst()) { #expect(a < b) }
    }

    @Test(arguments: [CameraAngle.eyeLevel, .high, .low, .dutch])
    func aSingleFigureGrowsWithTheShotSize(angle: CameraAngle) throws {
        var previous = 0.0
        for size in ShotSize.allCases {
            let spec = PanelSpec(width: 720, height: 1280, setting: .exterior, location: "PARK", size: size, angle: angle,
                                 purpose: .dialogue, figures: [PanelGallery.maya])
            let figure = try #require(PanelLayout.make(spec).figures.first)
            #expect(figure.radius > previous, "\(size) is not closer than the size before it")
            previous = figure.radius
        }
    }

    @Test func wideShotsShowWholeBodiesAboutAThirdOfTheFrame() throws {
        let spec = PanelSpec(width: 720, height: 1280, setting: .exterior, location: "STREET", size: .wide,
                             figures: [PanelGallery.maya])
        let layout = PanelLayout.make(spec)
        let figure = try #require(layout.figures.first)
        let height = 15.4 * figure.radius
        #expect(height > layout.frame.h * 0.25 && height < layout.frame.h * 0.42)
        #expect(figure.headTop > layout.frame.minY && figure.y + 14.3 * figure.radius < layout.frame.maxY)
    }

    @Test func extremeCloseUpsFillTheFrameWidthWithTheFace() throws {
        let spec = PanelSpec(width: 720, height: 1280, size: .extremeCloseUp, figures: [PanelGallery.maya])
        let layout = PanelLayout.make(spec)
        let figure = try #require(layout.figures.first)
        #expect(2 * figure.radius >= layout.frame.w)
    }

    @Test func aTwoShotFacesEachOtherAndKeepsCharactersOnTheirSides() throws {
        let spec = PanelSpec(width: 1280, height: 720, size: .medium, figures: [PanelGallery.ben, PanelGallery.maya])
        let layout = PanelLayout.make(spec)
        let maya = try #require(layout.figures.first { $0.figure == 1 })
        let ben = try #require(layout.figures.first { $0.figure == 0 })
        // Maya's colour index is lower: she stays screen left whoever is listed first.
        #expect(maya.x < ben.x)
        #expect(maya.facing > 0 && ben.facing < 0)
    }

    @Test func theSpeakerIsNotDimmedAndTheListenerIs() throws {
        let spec = PanelSpec(width: 1280, height: 720, size: .medium, figures: [PanelGallery.maya, PanelGallery.ben])
        let layout = PanelLayout.make(spec)
        #expect(try #require(layout.figures.first { $0.figure == 0 }).dim == 0)
        #expect(try #require(layout.figures.first { $0.figure == 1 }).dim > 0)
    }

    @Test func angles() throws {
        func make(_ angle: CameraAngle) -> PanelLayout {
            PanelLayout.make(PanelSpec(width: 720, height: 1280, size: .medium, angle: angle,
                                       figures: [PanelGallery.maya, PanelGallery.ben]))
        }
        let eye = make(.eyeLevel)
        #expect(make(.low).horizon > eye.horizon)
        #expect(make(.high).horizon < eye.horizon)
        #expect(make(.dutch).roll != 0 && eye.roll == 0)
        #expect(make(.overhead).figures.allSatisfy { $0.view == .top })
        let ots = make(.overShoulder)
        let shoulder = try #require(ots.figures.first { $0.view == .back })
        let speaker = try #require(ots.figures.first { $0.view == .front })
        #expect(shoulder.radius > speaker.radius)
        #expect(speaker.figure == 0)
    }

    @Test(arguments: PanelGallery.cases.map(\.0))
    func textStaysInsideTheFrame(name: String) throws {
        let spec = try #require(PanelGallery.cases.first { $0.0 == name }?.1)
        let layout = PanelLayout.make(spec)
        var boxes = layout.tags.map(\.box)
        if let caption = layout.caption {
            boxes.append(caption.band)
            boxes += caption.lineBoxes
        }
        if let slug = layout.slug { boxes.append(slug.box) }
        for box in boxes {
            #expect(layout.frame.contains(box), "\(box) leaves the frame \(layout.frame) in \(name)")
        }
    }

    @Test(arguments: PanelGallery.cases.map(\.0))
    func tagsDoNotOverlap(name: String) throws {
        let spec = try #require(PanelGallery.cases.first { $0.0 == name }?.1)
        let tags = PanelLayout.make(spec).tags
        for (i, a) in tags.enumerated() {
            for b in tags.dropFirst(i + 1) { #expect(!a.box.intersects(b.box), "\(a.text) overlaps \(b.text)") }
        }
    }

    /// Where the caption band ends, for what is burned in over the panel (the AI label): more
    /// lines reach further down; no caption, no band.
    @Test func theCaptionBandsBottomIsAShareOfTheFrame() throws {
        let one = try #require(PanelSpec(width: 480, height: 854, caption: "Rain.", slug: "S01-01").captionBandBottom)
        let three = try #require(PanelSpec(width: 480, height: 854, caption: String(repeating: "Rain hammers the platform. ", count: 8),
                                           slug: "S01-01").captionBandBottom)
        #expect(one > 0.03 && one < three && three < 0.25, "\(one) \(three)")
        #expect(PanelSpec(width: 480, height: 854, slug: "S01-01").captionBandBottom == nil)
    }

    @Test func textStaysInsideASmallerFrameOnABiggerCanvas() {
        let frame = PanelRect.centred(width: 600, height: 1066, inCanvasWidth: 720, canvasHeight: 1280)
        let crowd = (0..<6).map { PanelFigure(name: "CHARACTER \($0)", colorIndex: $0) }
        for size in ShotSize.allCases {
            let spec = PanelSpec(width: 720, height: 1280, frame: frame, location: "OFFICE", size: size, figures: crowd,
                                 caption: String(repeating: "A long line of action. ", count: 12), slug: "S01-01 · \(size)")
            let layout = PanelLayout.make(spec)
            #expect(layout.tags.count == crowd.count)
            for tag in layout.tags { #expect(layout.frame.contains(tag.box), "\(tag.text) at \(size)") }
        }
    }

    @Test(arguments: [
        ("KITCHEN", PanelPlace.kitchen), ("厨房", .kitchen), ("COFFEE SHOP", .cafe), ("咖啡馆", .cafe),
        ("JOE'S DINER", .restaurant), ("饭店", .restaurant), ("TRAIN STATION", .station), ("地铁站", .station),
        ("SUBWAY CAR", .train), ("TAXI", .car), ("出租车", .car), ("SMITH HOUSE - BACK PORCH", .home), ("公寓", .home),
        ("天台", .rooftop), ("ROOFTOP BAR", .bar), ("BACK ALLEY", .street), ("老街", .street), ("胡同", .street),
        ("CITY SKYLINE", .city), ("HOSPITAL ROOM", .hospital), ("病房", .hospital), ("CLASSROOM", .classroom),
        ("教室", .classroom), ("FOREST", .forest), ("树林", .forest), ("BEACH", .beach), ("海边", .beach),
        ("BROOKLYN BRIDGE", .bridge), ("桥上", .bridge), ("LAB", .lab), ("实验室", .lab), ("TEMPLE", .temple),
        ("寺庙", .temple), ("皇宫", .palace), ("MOUNTAIN PASS", .mountain), ("山顶", .mountain), ("RIVER BANK", .river),
        ("湖边", .river), ("HALLWAY", .corridor), ("走廊", .corridor), ("STAIRWELL", .stairs), ("楼梯", .stairs),
        ("CORNER STORE", .shop), ("超市", .shop), ("BEDROOM", .bedroom), ("卧室", .bedroom), ("OFFICE", .office),
        ("办公室", .office), ("PARK", .park), ("花园", .park), ("CHURCH", .church), ("CARDIFF", nil), ("SCARF SHOP", .shop),
    ])
    func locationKeywords(location: String, place: PanelPlace?) {
        #expect(PanelPlace.match(location) == place)
    }

    @Test func outdoorPlacesAreExteriorsWhateverTheHeading() {
        #expect(PanelLocation("FOREST", setting: .interior).exterior)
        #expect(!PanelLocation("KITCHEN", setting: .interior).exterior)
        #expect(PanelLocation("KITCHEN", setting: .exterior).exterior)
    }
}
