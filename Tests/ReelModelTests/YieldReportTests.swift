import Foundation
import Testing

@testable import ReelModel

/// Yield from takes and picks alone: attempts per accepted shot, checks failed, cost per
/// accepted second in each currency, and spend on takes the cut does not use.
struct YieldReportTests {
    static func take(_ shot: ShotID, _ n: Int, provider: ProviderID = "kling", cost: Int64, currency: String = "USD",
                     passed: Bool? = true) -> Take {
        var t = Take(shot: shot, number: n, provider: provider, model: "m", seed: 1, fingerprint: "f",
                     node: NodeID("video:\(shot)#\(n)"), createdAt: Date(timeIntervalSince1970: 0))
        t.state = .succeeded(NodeOutput(asset: Asset(digest: Digest(rawValue: String(repeating: "a", count: 64))!, mediaType: "video/mp4", byteCount: 1),
                                        cost: Money(micros: cost, currency: currency)))
        t.verdict = passed.map { $0 ? TakeVerdict(problems: []) : TakeVerdict(problems: [
            ClipProblem(kind: .black, range: .between(0, 1), measure: 16, unit: .luma, summary: "black")]) }
        return t
    }

    static let shots = [
        Shot(id: "S01-01", scene: "S01", purpose: .action, duration: .seconds(4), size: .medium),
        Shot(id: "S02-01", scene: "S02", purpose: .action, duration: .seconds(2), size: .medium),
    ]

    @Test func acceptedShotsAttemptsAndMoneyAreCountedTruly() {
        let takes = [
            Self.take("S01-01", 1, cost: 1_000_000, passed: false), Self.take("S01-01", 2, cost: 1_000_000),
            Self.take("S02-01", 1, cost: 500_000, currency: "CNY"), Self.take("S02-01", 2, cost: 700_000, currency: "CNY"),
            Self.take("S09-01", 1, cost: 300_000),  // a shot no longer in the storyboard, picked
            Self.take("S01-01", 3, provider: "animatic", cost: 0),  // free and local: not an attempt
        ]
        let y = YieldReport(takes: takes, shots: Self.shots, picks: ["S01-01": "S01-01#2", "S02-01": "S02-01#2", "S09-01": "S09-01#1"],
                            automatic: ["S02-01"], local: ["animatic"])
        #expect(y.project.attempts == 5 && y.project.accepted == 3 && y.project.failedCheck == 1)
        #expect(y.scenes.map(\.group) == ["S01", "S02", "retired"])
        #expect(y.scenes.first?.attemptsPerAccepted == 2)
        #expect(y.costPerAcceptedSecond == [Money(micros: 350_000, currency: "CNY"), Money(micros: 250_000, currency: "USD")],
                "each currency over the seconds it paid for; the retired shot's pick fills none")
        #expect(y.unused == [Money(micros: 500_000, currency: "CNY"), Money(micros: 1_300_000, currency: "USD")])
    }

    @Test func aTakeTheCutShowsWithoutAPickIsUsedButNotAccepted() {
        let takes = [Self.take("S01-01", 1, cost: 1_000_000), Self.take("S01-01", 2, cost: 2_000_000),
                     Self.take("S09-01", 1, cost: 300_000)]
        let y = YieldReport(takes: takes, shots: Self.shots, picks: [:], automatic: [], local: [], cut: ["S01-01#2", "S09-01#1"])
        #expect(y.project.accepted == 0)
        #expect(y.unused == [Money(micros: 1_300_000, currency: "USD")], "the older take, and the retired shot's take")
    }

    @Test func anAutomaticPickOfAFailedTakeIsNotAccepted() {
        let takes = [Self.take("S01-01", 1, cost: 1_000_000, passed: false)]
        let y = YieldReport(takes: takes, shots: Self.shots, picks: ["S01-01": "S01-01#1"], automatic: ["S01-01"], local: [])
        #expect(y.project.accepted == 0 && y.project.attemptsPerAccepted == nil)
    }
}
