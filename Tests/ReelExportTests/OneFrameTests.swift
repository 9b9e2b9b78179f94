import Foundation
import ReelExport
import ReelModel
import Testing

/// A clip moved by one frame must change every timeline format, at exactly that clip, at
/// every rate; and the frame numbers and timecodes written are the exact ones.
struct OneFrameTests {
    static let formats: [ExportFormat] = [.otio, .fcpxml, .edl, .jianying]

    @Test(arguments: formats, ExportFixtures.rates)
    func aOneFrameMoveShows(_ format: ExportFormat, _ rate: FrameRate) {
        let before = ExportGoldenTests.write(format, ExportFixtures.timeline(rate: rate))
        let after = ExportGoldenTests.write(format, ExportFixtures.timeline(rate: rate, shift: 1))
        let a = before.components(separatedBy: "\n"), b = after.components(separatedBy: "\n")
        #expect(a.count == b.count)
        let changed = zip(a, b).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(!changed.isEmpty, "moving S01-02 by one frame changed nothing in \(format)")
        #expect(changed.count <= 4, "a one-frame move of one clip changed \(changed.count) lines of \(format)")
        // Every changed line belongs to S01-02's take (its clip, its file's range).
        let context = changed.map { i in a[max(0, i - 16)...min(a.count - 1, i + 16)].joined(separator: "\n") }
        for (line, text) in zip(changed, context) {
            #expect(text.contains("S01-02"), "line \(line + 1) of \(format) changed outside S01-02: \(a[line])")
        }
    }

    @Test(arguments: ExportFixtures.rates)
    func edlEventsAreExact(_ rate: FrameRate) {
        let edl = EDLWriter.edl(ExportFixtures.timeline(rate: rate, shift: 1))
        let tc = { (n: Int64) in Timecode(frames: n, rate: rate).description }
        let rec = { (n: Int64) in Timecode(time: rate.time(frames: n), rate: rate, startHour: 1).description }
        #expect(edl.contains("001  S0101T1  V     C        \(tc(0)) \(tc(48)) \(rec(0)) \(rec(48))"))
        #expect(edl.contains("002  S0102T2  V     C        \(tc(1)) \(tc(31)) \(rec(48)) \(rec(78))"))
        #expect(edl.contains("003  BL       V     C        \(tc(0)) \(tc(6)) \(rec(78)) \(rec(84))"))
        #expect(edl.contains("004  BL       V     C        \(tc(0)) \(tc(60)) \(rec(84)) \(rec(144))"))
        #expect(edl.contains("* COMMENT: S02-01: no take yet"))
        #expect(edl.contains(Timecode.isDropFrame(rate) ? "FCM: DROP FRAME" : "FCM: NON-DROP FRAME"))
    }

    @Test(arguments: ExportFixtures.rates)
    func fcpxmlTimesAreWholeFrames(_ rate: FrameRate) {
        let xml = FCPXMLWriter.fcpxml(ExportFixtures.timeline(rate: rate, shift: 1))
        let d = { (n: Int64) in "\(n * Int64(rate.denominator))/\(rate.numerator)s" }
        #expect(xml.contains("frameDuration=\"\(d(1))\""))
        #expect(xml.contains("offset=\"\(d(48))\" name=\"S01-02\" start=\"\(d(1))\" duration=\"\(d(30))\""))
        #expect(xml.contains("<gap name=\"Gap\" offset=\"\(d(84))\" start=\"0s\" duration=\"\(d(60))\">"))
    }

    @Test(arguments: ExportFixtures.rates)
    func jianyingMicrosecondsFollowFrames(_ rate: FrameRate) throws {
        let text = JianyingDraftWriter.draft(ExportFixtures.timeline(rate: rate))["draft_content.json"]!
        let json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        let tracks = json["tracks"] as! [[String: Any]]
        let video = (tracks[0]["segments"] as! [[String: Any]]).map { $0["target_timerange"] as! [String: Int64] }
        let us = { (n: Int64) in JianyingDraftWriter.microseconds(n, rate) }
        #expect(video.map { $0["start"]! } == [0, us(48)])
        #expect(video.map { $0["duration"]! } == [us(48), us(78) - us(48)])
    }
}
