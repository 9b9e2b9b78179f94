import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

/// Renders a grid of representative panels for people to look at:
///
///     REEL_PANEL_GALLERY=/tmp/panel-gallery swift test --filter PanelGallery
///
/// writes one SVG per case there, a PNG next to it when ffmpeg is installed, and
/// `index.html` showing them all.
@Suite("Panel gallery")
struct PanelGalleryTests {
    static let directory = ProcessInfo.processInfo.environment["REEL_PANEL_GALLERY"]

    @Test(.enabled(if: directory != nil))
    func renderGallery() throws {
        let dir = URL(fileURLWithPath: Self.directory!)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var html = "<!doctype html><meta charset=utf-8><title>Reel panels</title><style>body{background:#222;"
            + "color:#ddd;font:13px sans-serif}figure{display:inline-block;margin:6px;vertical-align:top}"
            + "img{height:360px;display:block}</style>\n"
        let ffmpeg = ["/usr/bin/ffmpeg", "/usr/local/bin/ffmpeg"].first { FileManager.default.isExecutableFile(atPath: $0) }
        for (name, spec) in PanelGallery.cases {
            let svg = PanelRenderer.svg(spec)
            let svgURL = dir.appendingPathComponent("\(name).svg")
            try svg.write(to: svgURL, atomically: true, encoding: .utf8)
            var shown = "\(name).svg"
            if let ffmpeg {
                let png = dir.appendingPathComponent("\(name).png")
                let process = ChildProcess()
                process.executableURL = URL(fileURLWithPath: ffmpeg)
                process.arguments = ["-v", "error", "-y", "-i", svgURL.path, png.path]
                try process.run()
                process.waitUntilExit()
                if process.terminationStatus == 0 { shown = "\(name).png" }
            }
            html += "<figure><img src=\"\(shown)\"><figcaption>\(name)</figcaption></figure>\n"
        }
        try html.write(to: dir.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
    }
}

/// The gallery's cases: every size, angle and mood, 0–3 figures, places in English and
/// Chinese, day and night, three canvas shapes and a canvas larger than its frame.
enum PanelGallery {
    static let maya = PanelFigure(name: "MAYA", colorIndex: 0, gender: .female, speaking: true)
    static let ben = PanelFigure(name: "BEN", colorIndex: 1, gender: .male)
    static let kai = PanelFigure(name: "KAI", colorIndex: 2, gender: .unknown)
    static let lin = PanelFigure(name: "林晓", colorIndex: 3, gender: .female, speaking: true)
    static let chen = PanelFigure(name: "陈默", colorIndex: 4, gender: .male)

    static func vertical(_ location: String, _ time: TimeOfDay = .day, setting: Setting = .interior,
                         size: ShotSize = .medium, angle: CameraAngle = .eyeLevel, mood: Mood = .calm,
                         purpose: ShotPurpose = .dialogue, figures: [PanelFigure] = [maya, ben],
                         caption: String? = nil, seed: UInt64 = 1) -> PanelSpec {
        PanelSpec(width: 720, height: 1280, setting: setting, timeOfDay: time, location: location, mood: mood,
                  size: size, angle: angle, purpose: purpose, figures: figures, caption: caption,
                  slug: "S01-\(seed) · \(size.rawValue) · \(angle.rawValue)", seed: seed)
    }

    static let places: [(String, Setting, TimeOfDay)] = [
        ("KITCHEN", .interior, .night), ("厨房", .interior, .day), ("STREET", .exterior, .night),
        ("BACK ALLEY", .exterior, .day), ("OFFICE", .interior, .day), ("办公室", .interior, .night),
        ("COFFEE SHOP", .interior, .day), ("DINER", .interior, .night), ("BAR", .interior, .night),
        ("BEDROOM", .interior, .night), ("LIVING ROOM", .interior, .day), ("公寓", .interior, .dusk),
        ("HOSPITAL ROOM", .interior, .day), ("CLASSROOM", .interior, .day), ("天台", .exterior, .night),
        ("ROOFTOP", .exterior, .dusk), ("CAR", .interior, .night), ("SUBWAY CAR", .interior, .day),
        ("CITY PARK", .exterior, .day), ("花园", .exterior, .dawn), ("FOREST", .exterior, .day),
        ("BEACH", .exterior, .dusk), ("CITY SKYLINE", .exterior, .night), ("HALLWAY", .interior, .day),
        ("STAIRWELL", .interior, .night), ("CORNER STORE", .interior, .day), ("TRAIN STATION", .exterior, .day),
        ("BRIDGE", .exterior, .night), ("LAB", .interior, .day), ("TEMPLE", .interior, .day),
        ("CHURCH", .interior, .dusk), ("PALACE", .interior, .day), ("MOUNTAIN PASS", .exterior, .dawn),
        ("RIVER BANK", .exterior, .day), ("湖边", .exterior, .dusk), ("WAREHOUSE", .interior, .day),
        ("OPEN FIELD", .exterior, .unspecified), ("SMITH HOUSE - BACK PORCH", .exterior, .dusk),
        ("WAREHOUSE YARD", .exterior, .night), ("CAFE", .exterior, .day),
    ]

    static var cases: [(String, PanelSpec)] {
        var out: [(String, PanelSpec)] = []
        out.append(("00-kitchen-night-cu-maya-to-ben", vertical("KITCHEN", .night, size: .closeUp,
                                                                  caption: "Maya slams the mug down. \"You knew?\"")))
        for (i, size) in ShotSize.allCases.enumerated() {
            out.append(("size-\(i)-\(size.rawValue)", vertical("KITCHEN", size: size, seed: UInt64(i))))
        }
        for angle in CameraAngle.allCases {
            out.append(("angle-\(angle.rawValue)", vertical("LIVING ROOM", .day, size: .medium, angle: angle)))
        }
        for mood in Mood.allCases {
            out.append(("mood-\(mood.rawValue)", vertical("STREET", .dusk, setting: .exterior, size: .wide, mood: mood)))
        }
        let crowds: [[PanelFigure]] = [[], [maya], [maya, ben], [ben, maya, kai]]
        for (n, figures) in crowds.enumerated() {
            out.append(("count-\(n)", vertical("OFFICE", size: .full, purpose: n == 0 ? .establishing : .dialogue,
                                               figures: figures)))
        }
        for (i, place) in places.enumerated() {
            let name = "place-\(i)-" + place.0.lowercased().filter { $0.isLetter || $0.isNumber }
            out.append((name, vertical(place.0, place.2, setting: place.1, size: .wide,
                                       seed: UInt64(i))))
        }
        let heard = PanelFigure(name: "BEN", colorIndex: 1, gender: .male, offScreen: true)
        for (i, place) in places.enumerated() where i % 5 == 0 {
            let name = "close-\(i)-" + place.0.lowercased().filter { $0.isLetter || $0.isNumber }
            out.append((name, vertical(place.0, place.2, setting: place.1, size: .mediumCloseUp, figures: [maya, heard],
                                       seed: UInt64(i))))
        }
        for (i, place) in [("BEACH", TimeOfDay.dawn), ("MOUNTAIN", .day), ("城市", .night), ("FOREST ROAD", .dusk)].enumerated() {
            out.append(("ews-\(i)", PanelSpec(width: 1280, height: 720, setting: .exterior, timeOfDay: place.1,
                                               location: place.0, mood: .calm, size: .extremeWide, purpose: .action,
                                               figures: [maya, ben], slug: "S0\(i)-01 · EWS", seed: UInt64(i))))
        }
        var sheltering = ben, travelling = maya
        sheltering.prop = .umbrella
        travelling.prop = .suitcase
        out.append(("props-station-night-ms", vertical("TRAIN STATION", .night, setting: .exterior, size: .medium, mood: .sad,
                                                       figures: [travelling, sheltering],
                                                       caption: "Maya drags her suitcase. Ben holds an umbrella over her.")))
        out.append(("props-street-full", vertical("STREET", .day, setting: .exterior, size: .full, figures: [sheltering, travelling],
                                                  seed: 4)))
        var rider = chen
        rider.prop = .bike
        out.append(("zh-ebike-street-night-full", vertical("街道", .night, setting: .exterior, size: .full, mood: .tense,
                                                           figures: [rider], caption: "暴雨如注。外卖员陈默骑着电动车穿过空荡荡的街道。",
                                                           seed: 2)))
        var lighthouse = vertical("LIGHTHOUSE", .dusk, setting: .exterior, size: .wide, figures: [maya],
                                  caption: "Maya walks the path to the lighthouse.", seed: 3)
        lighthouse.landmarks = [.lighthouse]
        out.append(("landmark-lighthouse-dusk", lighthouse))
        var cliff = vertical("CLIFF TOP", .night, setting: .exterior, size: .wide, figures: [ben], seed: 6)
        cliff.landmarks = [.lighthouse]
        out.append(("landmark-lighthouse-cliff-night", cliff))
        var shore = vertical("OUTSIDE", .day, setting: .exterior, size: .wide, figures: [maya, ben], seed: 7)
        shore.landmarks = [.sea]
        out.append(("landmark-sea-day", shore))
        out.append(("zh-rooftop-night", vertical("天台", .night, setting: .exterior, size: .mediumCloseUp, mood: .romantic,
                                                 figures: [lin, chen],
                                                 caption: "林晓望着城市的灯火，轻声说：“我们明天就要离开这里了，你真的想好了吗？我一直在等你的回答，等了整整三年。”")))
        out.append(("landscape-cafe-ms", PanelSpec(width: 1280, height: 720, timeOfDay: .day, location: "COFFEE SHOP",
                                                   mood: .warm, size: .medium, purpose: .dialogue,
                                                   figures: [maya, ben], caption: "Maya slides the envelope across.",
                                                   slug: "S02-03 · MS · static · 4.0s", seed: 3)))
        out.append(("square-street-ws", PanelSpec(width: 1080, height: 1080, setting: .exterior, timeOfDay: .night,
                                                  location: "STREET", mood: .tense, size: .wide,
                                                  figures: [maya, ben, kai], slug: "S05-01 · WS", seed: 5)))
        out.append(("canvas-1.2x", PanelSpec(width: 864, height: 1536,
                                             frame: .centred(width: 720, height: 1280, inCanvasWidth: 864,
                                                             canvasHeight: 1536),
                                             timeOfDay: .dusk, location: "BEDROOM", mood: .sad, size: .mediumCloseUp,
                                             purpose: .dialogue, figures: [ben, maya], caption: "Ben turns away.",
                                             slug: "S04-02 · MCU · push in · 3.5s", seed: 9)))
        let big = PanelRect.centred(width: 1080, height: 1920, inCanvasWidth: 1296, canvasHeight: 2304)
        out.append(("big-1296x2304-bar", PanelSpec(width: 1296, height: 2304, frame: big, timeOfDay: .night, location: "BAR",
                                                   mood: .mysterious, size: .medium, purpose: .dialogue,
                                                   figures: [maya, ben], caption: "Ben orders another round.",
                                                   slug: "S06-04 · MS · pull out · 5.0s", seed: 4)))
        out.append(("big-1296x2304-city", PanelSpec(width: 1296, height: 2304, frame: big, setting: .exterior,
                                                    timeOfDay: .night, location: "CITY SKYLINE", mood: .romantic,
                                                    size: .wide, purpose: .dialogue, figures: [lin, chen], seed: 2)))
        out.append(("insert-kitchen", vertical("KITCHEN", .night, size: .closeUp, purpose: .insert, figures: [],
                                               caption: "The phone buzzes on the counter.")))
        out.append(("insert-office-hand", vertical("OFFICE", .day, size: .closeUp, purpose: .insert, figures: [maya],
                                                   caption: "Maya's hand hovers over the phone.", seed: 3)))
        out.append(("insert-bar-landscape", PanelSpec(width: 1280, height: 720, timeOfDay: .night, location: "BAR",
                                                      mood: .tense, size: .extremeCloseUp, purpose: .insert,
                                                      figures: [ben], slug: "S06-09 · ECU · insert", seed: 2)))
        out.append(("establishing-city", vertical("CITY", .dawn, setting: .exterior, size: .extremeWide,
                                                  purpose: .establishing, figures: [])))
        out.append(("vo-ecu", vertical("BEDROOM", .night, size: .extremeCloseUp, mood: .mysterious,
                                       figures: [PanelFigure(name: "MAYA", colorIndex: 0, gender: .female),
                                                 PanelFigure(name: "BEN", colorIndex: 1, gender: .male, speaking: true,
                                                             offScreen: true)])))
        return out
    }
}
