import Foundation
import ReelExport
import ReelModel
import ReelSnapshot
import Testing

/// Every format at every rate, as golden files: a change in what editors read shows up
/// as a diff (re-record with REEL_RECORD_SNAPSHOTS=1 when intended).
struct ExportGoldenTests {
    static let formats: [ExportFormat] = [.otio, .fcpxml, .edl, .srt, .vtt, .jianying]

    static func write(_ format: ExportFormat, _ timeline: Timeline) -> String {
        switch format {
        case .otio: OTIOWriter.otio(timeline)
        case .fcpxml: FCPXMLWriter.fcpxml(timeline)
        case .edl: EDLWriter.edl(timeline)
        case .srt: SubtitleExport.srt(timeline)
        case .vtt: SubtitleExport.vtt(timeline)
        case .jianying: JianyingDraftWriter.draft(timeline, folder: "/drafts/Two-Rooms")["draft_content.json"]!
        case .board: ""
        }
    }

    @Test(arguments: formats, ExportFixtures.rates)
    func golden(_ format: ExportFormat, _ rate: FrameRate) {
        let text = Self.write(format, ExportFixtures.timeline(rate: rate))
        expectSnapshot(text, group: "golden", name: "two-rooms-\(ExportFixtures.name(rate)).\(format.rawValue)")
    }

    @Test(arguments: formats)
    func chinese(_ format: ExportFormat) {
        let timeline = ExportFixtures.timeline(rate: .fps25, language: "zh", text: ["你回来了。", "我从来没有离开过，一直在这里等你。"])
        let text = Self.write(format, timeline)
        if format != .edl { #expect(text.contains("你回来了"), "CJK text kept as it is") }
        expectSnapshot(text, group: "golden", name: "zh-25.\(format.rawValue)")
    }

    @Test func jianyingMeta() {
        let files = JianyingDraftWriter.draft(ExportFixtures.timeline(rate: .fps24), folder: "/drafts/Two-Rooms")
        expectSnapshot(files["draft_meta_info.json"]!, group: "golden", name: "two-rooms-24.draft_meta_info.json")
    }
}
