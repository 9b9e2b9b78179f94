import ReelProviders
import Testing

/// When a running job is looked at again (issue 14: a job done between two polls waited up
/// to a whole interval before anyone knew).
@Suite struct PollPacerTests {
    @Test func withoutProgressItWaitsTheInterval() {
        var pacer = PollPacer(interval: 2)
        #expect(pacer.wait(progress: nil, at: 0) == 2)
        #expect(pacer.wait(progress: nil, at: 2) == 2)
        #expect(pacer.wait(progress: 0, at: 4) == 2)
    }

    @Test func oneReadingIsNotARate() {
        // A job that spent 8 s queued and reports 10% tells nothing of its speed yet.
        var pacer = PollPacer(interval: 2)
        #expect(pacer.wait(progress: 0.1, at: 10) == 2)
    }

    @Test func itLooksJustAfterTheAnnouncedFinish() {
        // 10% a second: at 2 s it is at 40%, at 4 s at 60%... until 8.5 s, the last wait is
        // the 0.5 s left plus a twentieth of the interval, not a whole interval.
        var pacer = PollPacer(interval: 2)
        #expect(pacer.wait(progress: 0.2, at: 0) == 2)
        #expect(pacer.wait(progress: 0.4, at: 2) == 2)
        #expect(pacer.wait(progress: 0.6, at: 4) == 2)
        #expect(pacer.wait(progress: 0.8, at: 6) == 2)
        let last = pacer.wait(progress: 0.95, at: 7.5)
        #expect(abs(last - (0.5 + 0.1)) < 1e-9)
    }

    @Test func aJobThatOverrunsIsLookedAtAFewTimesNotHammered() {
        // The simulator (like many providers) holds 99% until the end: a job announced for
        // about 1 s that runs 60 s is polled twice early, then once a second.
        var pacer = PollPacer(interval: 1)
        var t = 0.0
        var polls = 0
        var progress = 0.5
        while t < 60 {
            let wait = pacer.wait(progress: progress, at: t)
            #expect(wait >= 0.1 && wait <= 1)
            t += wait
            polls += 1
            progress = 0.99
        }
        #expect(polls <= 60 + PollPacer.earlyLooks, "\(polls) polls in 60 s at a 1 s interval")
    }

    @Test func readingsTooCloseTogetherAreNotARate() {
        // Two polls a few milliseconds apart (a retry) would make the rate noise.
        var pacer = PollPacer(interval: 2)
        #expect(pacer.wait(progress: 0.5, at: 0) == 2)
        #expect(pacer.wait(progress: 0.51, at: 0.01) == 2)
    }

    @Test func progressGoingBackStartsAgain() {
        var pacer = PollPacer(interval: 2)
        _ = pacer.wait(progress: 0.5, at: 0)
        _ = pacer.wait(progress: 0.9, at: 2)
        // Restarted by the provider: back to 10%; no rate until a second reading after it,
        // then the rate since the restart (40% a second), not since the first reading.
        #expect(pacer.wait(progress: 0.1, at: 4) == 2)
        let next = pacer.wait(progress: 0.9, at: 6)
        #expect(abs(next - (0.1 / 0.4 + 0.1)) < 1e-9)
    }

    @Test func onlyTwoWaitsOfAJobAreShortened() {
        var pacer = PollPacer(interval: 2)
        _ = pacer.wait(progress: 0.2, at: 0)
        #expect(pacer.wait(progress: 0.9, at: 7) < 2)
        #expect(pacer.wait(progress: 0.95, at: 7.5) < 2)
        #expect(pacer.wait(progress: 0.97, at: 7.7) == 2, "a third early look is not taken")
    }
}
