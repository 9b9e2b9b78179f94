import Foundation
import ReelModel
import Testing
@testable import ReelAnimatic
@testable import ReelMedia

/// Compares SVG output with files under `__Snapshots__/Panel/`. Re-record them with
/// `REEL_RECORD_SNAPSHOTS=1 swift test --filter PanelSnapshot` and look at the change
/// (e.g. with the gallery) before committing.
@Suite("Panel snapshots")
struct PanelSnapshotTests {
    static let cases: [(String, PanelSpec)] = [
        ("kitchen-night-cu", PanelSpec(width: 720, height: 1280, timeOfDay: .night, location: "KITCHEN", mood: .tense,
                                       size: .closeUp, purpose: .dialogue,
                                       figures: [PanelGallery.maya, PanelGallery.ben],
                                       caption: "Maya slams the mug down. \"You knew?\"",
                                       slug: "S03-07 · CU · push in · 3.5s", seed: 7)),
        ("cafe-day-ms-landscape", PanelSpec(width: 1280, height: 720, timeOfDay: .day, location: "COFFEE SHOP",
                                            mood: .warm, size: .medium, purpose: .dialogue,
                                            figures: [PanelGallery.maya, PanelGallery.ben],
                                            caption: "Maya slides the envelope across.", slug: "S02-03 · MS", seed: 3)),
        ("rooftop-night-zh-mcu", PanelSpec(width: 720, height: 1280, setting: .exterior, timeOfDay: .night, location: "天台",
                                           mood: .romantic, size: .mediumCloseUp, angle: .overShoulder, purpose: .dialogue,
                                           figures: [PanelGallery.lin, PanelGallery.chen],
                                           caption: "林晓望着城市的灯火，轻声说：“我们明天就要离开这里了。”",
                                           slug: "S05-02 · MCU · 过肩", seed: 11)),
        ("street-dusk-ws-dutch-square", PanelSpec(width: 1080, height: 1080, setting: .exterior, timeOfDay: .dusk,
                                                  location: "BACK ALLEY", mood: .action, size: .wide, angle: .dutch,
                                                  purpose: .action,
                                                  figures: [PanelGallery.maya, PanelGallery.ben, PanelGallery.kai],
                                                  slug: "S07-01 · WS · dutch", seed: 5)),
    ]

    @Test(arguments: cases.map(\.0))
    func panel(name: String) throws {
        let spec = try #require(Self.cases.first { $0.0 == name }?.1)
        try assertSnapshot(PanelRenderer.svg(spec), named: name)
    }

    /// A tiny snapshot helper (to move to ReelTesting): records when asked to or when the
    /// file is missing (and then fails, so a missing baseline is never silently accepted).
    private func assertSnapshot(_ text: String, named name: String, filePath: String = #filePath,
                                sourceLocation: SourceLocation = #_sourceLocation) throws {
        let dir = URL(fileURLWithPath: filePath).deletingLastPathComponent()
            .appendingPathComponent("__Snapshots__/Panel")
        let url = dir.appendingPathComponent("\(name).svg")
        let record = ProcessInfo.processInfo.environment["REEL_RECORD_SNAPSHOTS"] == "1"
        guard !record, let stored = try? String(contentsOf: url, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
            if !record {
                Issue.record("Recorded a new snapshot at \(url.path); run again to compare.", sourceLocation: sourceLocation)
            }
            return
        }
        if stored != text {
            let a = stored.split(separator: ">", omittingEmptySubsequences: false)
            let b = text.split(separator: ">", omittingEmptySubsequences: false)
            let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
            let expected = index < a.count ? String(a[index]) : "(end)"
            let actual = index < b.count ? String(b[index]) : "(end)"
            Issue.record("""
                Snapshot \(name) differs at element \(index):
                  expected: \(expected.prefix(200))
                  actual:   \(actual.prefix(200))
                Re-record with REEL_RECORD_SNAPSHOTS=1 if the change is intended.
                """, sourceLocation: sourceLocation)
        }
    }
}
