import ArgumentParser
import Foundation
import ReelEngine
import ReelModel
@testable import ReelCLI
import Testing

/// The pieces of the CLI's text, tested without running the binary: the nearest command,
/// how any error becomes a `ReelError`, JSON dates, and what a run's last line says it did.
@Suite struct CLIOutputTests {
    @Test(arguments: [
        ("genrate", "generate"), ("mke", "make"), ("stat", "stats"), ("stauts", "status"), ("provider", "providers"),
        ("MAKE", "make"), ("exprot", "export"),
    ])
    func theNearestCommandIsSuggested(typed: String, meant: String) {
        #expect(Spelling.nearest(to: typed, among: Self.commands) == meant)
    }

    @Test(arguments: ["NOSUCHCOMMAND", "frobnicate", "x", "zz"])
    func farWordsSuggestNothing(typed: String) {
        #expect(Spelling.nearest(to: typed, among: Self.commands) == nil)
    }

    static let commands = ["make", "init", "plan", "generate", "takes", "pick", "render", "export", "status", "stats", "board",
                           "providers", "doctor"]

    @Test func editDistanceCountsInsertionsDeletionsAndSubstitutions() {
        #expect(Spelling.editDistance("kitten", "sitting") == 3)
        #expect(Spelling.editDistance("", "make") == 4)
        #expect(Spelling.editDistance("make", "make") == 0)
    }

    @Test func unknownCommandWordsThrowBeforeArgumentParserSeesThem() throws {
        #expect(throws: ReelError.self) { try CommandPath.resolve(["nosuch", "--help"], root: ReelCommand.self, strict: true) }
        #expect(throws: ReelError.self) { try CommandPath.resolve(["providers", "lst"], root: ReelCommand.self, strict: true) }
        let path = try CommandPath.resolve(["providers", "explain", "S01-01"], root: ReelCommand.self, strict: true)
        #expect(path.name == "reel providers explain")
        #expect(try CommandPath.resolve(["--version"], root: ReelCommand.self, strict: true).name == "reel")
        #expect(try CommandPath.resolve(["help", "make"], root: ReelCommand.self, strict: true).name == "reel")
        #expect(try CommandPath.resolve(["make", "nosuch.fountain"], root: ReelCommand.self, strict: true).name == "reel make")
    }

    struct Surprise: Error, CustomStringConvertible {
        var description: String { "the disk said no" }
    }

    @Test func anUnexpectedErrorIsReportedAsABugWithStatus70() {
        guard case .error(let error) = CommandOutcome.of(Surprise(), arguments: ["make", "x.fountain"]) else {
            Issue.record("an unexpected error became something other than an error")
            return
        }
        #expect(error.code.exitStatus == 70)
        #expect(error.message == "the disk said no")
        #expect(error.hint?.contains("`reel make`") == true)
    }

    @Test func validationErrorsBecomeUsageErrorsNamingTheCommandsHelp() {
        guard case .error(let error) = CommandOutcome.of(ValidationError("--takes must be from 1 to 20 (got 99)"),
                                                         arguments: ["generate", "--takes", "99"]) else {
            Issue.record("a validation error became something other than an error")
            return
        }
        #expect(error.code.exitStatus == 64)
        #expect(error.message == "--takes must be from 1 to 20 (got 99)")
        #expect(error.hint == "`reel generate --help` shows how to use it")
    }

    @Test func aThrownExitCodeExitsQuietly() {
        #expect(CommandOutcome.of(ExitCode(3), arguments: []) == .exit(3))
    }

    @Test func jsonDatesAreISO8601() throws {
        struct Stamped: Encodable { var createdAt: Date }
        let data = try Terminal.jsonEncoder().encode(Stamped(createdAt: Date(timeIntervalSince1970: 1_796_428_800)))
        #expect(String(decoding: data, as: UTF8.self) == "{\n  \"createdAt\" : \"2026-12-05T00:00:00Z\"\n}")
    }

    @Test func aRenderSaysWhatItDidNotThatItRenderedTakes() {
        var tally = JobTally()
        for id in ["video:S01-01#animatic", "video:S01-02#animatic", "clip:S01-01", "clip:S01-02", "clip:S01-03", "mix",
                   "subtitles:srt", "film"] { tally.add(NodeID(id)) }
        var summary = RunSummary()
        summary.total = 11
        summary.ran = 8
        summary.cached = 3
        summary.seconds = 1.5
        #expect(ProgressDisplay.finishedLine(summary, tally: tally)
                == "11 jobs: 2 shots drawn by the animatic, 3 clips conformed, 1 soundtrack mixed, 1 subtitle file written, 1 film cut; "
                + "3 reused from earlier runs (1.5s)")
    }

    @Test func aGenerateCountsTakesAndOneOfAKindIsSingular() {
        var tally = JobTally()
        for id in ["panel:S01-01#1", "overlay:S01-01", "video:S01-01#1", "video:S01-02#1", "check:S01-01#1", "odd"] {
            tally.add(NodeID(id))
        }
        #expect(tally.text == "1 panel drawn, 1 overlay drawn, 2 takes made, 1 take checked, 1 other job run")
    }

    /// The files a graph is given (the cast's references for keyframes) are no jobs and were not reused.
    @Test func givenFilesAreNotCountedAsJobs() {
        var tally = JobTally()
        for id in ["keyframe:S01-02#k1", "keyframe:S01-02#k2"] { tally.add(NodeID(id)) }
        var summary = RunSummary(total: 5, ran: 2, seconds: 0.3)
        summary.given = 3
        #expect(ProgressDisplay.finishedLine(summary, tally: tally)
                == "2 jobs: 2 keyframes made; 0 reused from earlier runs; 3 files taken from the store (0.3s)")
    }

    /// `--keyframe` takes the number as `reel shot` lists it.
    @Test(arguments: [("3", 3), ("k3", 3), ("#k3", 3), ("K12", 12)])
    func aKeyframeIsNamedAsReelShotListsIt(text: String, number: Int) {
        #expect(KeyframeNumber(argument: text)?.number == number)
    }

    @Test func aKeyframeNumberMustBeOne() {
        #expect(KeyframeNumber(argument: "k0") == nil && KeyframeNumber(argument: "#x") == nil && KeyframeNumber(argument: "") == nil)
    }

    @Test func nothingRunSaysSo() {
        var summary = RunSummary()
        summary.total = 1
        summary.cached = 1
        #expect(ProgressDisplay.finishedLine(summary, tally: JobTally()) == "1 job: nothing to run; 1 reused from earlier runs (0.0s)")
    }

    @Test(arguments: [(0, "0 shots"), (1, "1 shot"), (2, "2 shots")])
    func countsAgreeWithTheirNouns(n: Int, text: String) {
        #expect(Plural.count(n, "shot") == text)
    }
}
