import ReelModel
import Testing

/// Exact time: frame rates as fractions, times that never drift, SMPTE timecode.
@Suite struct TimeTests {
    @Test(arguments: [("24", FrameRate.fps24), ("23.976", .fps23_976), ("23.98", .fps23_976), ("29.97", .fps29_97),
                      ("30000/1001", .fps29_97), ("25", .fps25), ("60/2", .fps30)])
    func frameRatesParse(_ text: String, _ rate: FrameRate) {
        #expect(FrameRate(parsing: text) == rate)
    }

    @Test(arguments: ["", "0", "-24", "24/0", "abc", "500"])
    func badFrameRatesAreRefused(_ text: String) {
        #expect(FrameRate(parsing: text) == nil)
    }

    @Test func ntscFramesAddUpWithoutDrift() {
        let rate = FrameRate.fps23_976
        var total = RationalTime.zero
        for _ in 0..<24_000 { total = total + rate.time(frames: 1) }
        #expect(total == RationalTime(value: 1001, timescale: 1))
        #expect(rate.frames(in: total) == 24_000)
    }

    @Test func framesRoundToTheNearest() {
        #expect(FrameRate.fps24.frames(in: .milliseconds(1_020)) == 24)   // 24.48 frames
        #expect(FrameRate.fps24.frames(in: .milliseconds(1_021)) == 25)   // 24.504 frames
        #expect(FrameRate.fps25.frames(seconds: 0.001) == 1)              // never fewer than one
    }

    @Test func timesCompareAcrossTimescales() {
        #expect(RationalTime(value: 1, timescale: 2) == RationalTime(value: 500, timescale: 1000))
        #expect(RationalTime(value: 1, timescale: 3) < RationalTime(value: 334, timescale: 1000))
        #expect(RationalTime.seconds(3) - .milliseconds(500) == RationalTime(value: 5, timescale: 2))
        let range = TimeRange(start: .seconds(1), duration: .seconds(2))
        #expect(range.contains(.seconds(1)) && !range.contains(.seconds(3)))
    }

    @Test(arguments: [
        (Int64(0), FrameRate.fps29_97, "00:00:00;00"),
        (1_800, .fps29_97, "00:01:00;02"),       // frames 00 and 01 are skipped at minute 1
        (17_982, .fps29_97, "00:10:00;00"),      // but not at minute 10
        (107_892, .fps29_97, "01:00:00;00"),
        (86_400, .fps24, "01:00:00:00"),
        (86_400, .fps23_976, "01:00:00:00"),     // 23.976 counts 24-frame timecode, non-drop
        (90_000, .fps25, "01:00:00:00"),
    ])
    func timecode(_ frames: Int64, _ rate: FrameRate, _ text: String) {
        #expect(Timecode(frames: frames, rate: rate).description == text)
    }
}
