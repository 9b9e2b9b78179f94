import Foundation
import ReelModel
import ReelScript
import Testing

/// Parse throughput on a ~20 MB script, run by hand:
///
///     REEL_BENCH=1 swift test -c release --filter FountainBenchmarkTests
///
/// It prints MB/s and asserts nothing about time (machines differ); it only checks that the
/// big script parsed into the expected number of elements.
@Suite(.enabled(if: ProcessInfo.processInfo.environment["REEL_BENCH"] == "1", "set REEL_BENCH=1 to run the benchmark"))
struct FountainBenchmarkTests {
    /// A varied sample (English and Chinese, every element) repeated to about 20 MB.
    static func bigScript() -> (text: String, copies: Int) {
        let sample = [FountainFixtures.everything, FountainFixtures.nightShift, FountainFixtures.teahouse]
            .map { Fountain.write(Screenplay(elements: Fountain.parse($0).elements)) }
            .joined(separator: "\n")
        let copies = 20_000_000 / sample.utf8.count + 1
        var text = ""
        text.reserveCapacity(copies * (sample.utf8.count + 1))
        for _ in 0..<copies { text += sample + "\n" }
        return (text, copies)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test func parseThroughput() throws {
        let (text, copies) = Self.bigScript()
        let data = Data(text.utf8)
        let perCopy = Fountain.parse(String(text.prefix(text.count / copies))).elements.count
        let megabytes = Double(data.count) / 1_000_000
        let clock = ContinuousClock()

        // The result is kept past the timed block so that freeing it is not counted.
        var best = Duration.seconds(1000)
        var elements = 0
        for _ in 0..<5 {
            var kept: Screenplay?
            best = min(best, clock.measure { kept = Fountain.parse(text) })
            elements = kept?.elements.count ?? 0
        }
        var bestData = Duration.seconds(1000)
        for _ in 0..<5 {
            var kept: Screenplay?
            bestData = min(bestData, try clock.measure { kept = try Fountain.parse(data: data, path: "bench.fountain") })
            #expect(kept?.elements.count == elements)
        }
        let screenplay = Fountain.parse(text)
        var written = ""
        let writing = clock.measure { written = Fountain.write(screenplay) }
        print(String(format: "Fountain.parse: %.1f MB in %.3f s = %.0f MB/s (String), %.3f s = %.0f MB/s (Data, checked)",
                     megabytes, Self.seconds(best), megabytes / Self.seconds(best),
                     Self.seconds(bestData), megabytes / Self.seconds(bestData)))
        print(String(format: "Fountain.write: %.1f MB in %.3f s = %.0f MB/s",
                     Double(written.utf8.count) / 1_000_000, Self.seconds(writing),
                     Double(written.utf8.count) / 1_000_000 / Self.seconds(writing)))
        #expect(elements == perCopy * copies)
    }
}
