import Foundation
import ReelModel
import Testing

/// SMPTE timecode at every rate Reel renders: drop-frame at 29.97, non-drop elsewhere.
struct TimecodeTests {
    @Test(arguments: [
        (FrameRate.fps24, Int64(0), "00:00:00:00"),
        (.fps24, 23, "00:00:00:23"),
        (.fps24, 24, "00:00:01:00"),
        (.fps24, 86_400, "01:00:00:00"),
        (.fps25, 1_499, "00:00:59:24"),
        (.fps30, 1_800, "00:01:00:00"),
        (.fps23_976, 24, "00:00:01:00"),
        (.fps23_976, 1_439, "00:00:59:23"),
        (.fps29_97, 1_799, "00:00:59;29"),
        (.fps29_97, 1_800, "00:01:00;02"),
        (.fps29_97, 3_598, "00:02:00;02"),
        (.fps29_97, 17_981, "00:09:59;29"),
        (.fps29_97, 17_982, "00:10:00;00"),
        (.fps29_97, 107_892, "01:00:00;00"),
    ])
    func framesBecomeTimecode(_ rate: FrameRate, _ frames: Int64, _ expected: String) {
        #expect(Timecode(frames: frames, rate: rate).description == expected)
    }

    @Test(arguments: ExportFixtures.rates)
    func reelsStartAtOneHour(_ rate: FrameRate) {
        let tc = Timecode(time: rate.time(frames: 5), rate: rate, startHour: 1).description
        #expect(tc == (Timecode.isDropFrame(rate) ? "01:00:00;05" : "01:00:00:05"))
    }

    @Test func dropFrameKeepsUpWithTheClock() {
        // An hour of 29.97 film is 107 892 frames: drop-frame timecode reads exactly one hour.
        let rate = FrameRate.fps29_97
        let hour = rate.frames(in: .seconds(3600))
        #expect(Timecode(frames: hour, rate: rate).description == "01:00:00;00")
    }
}
