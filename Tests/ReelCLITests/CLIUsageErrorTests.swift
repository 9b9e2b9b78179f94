import Foundation
import ReelMedia
import ReelSnapshot
import ReelTesting
import Testing

/// Every error the CLI prints has one shape — `reel: error: what`, `  → what to do` — and
/// the sysexits status; a mistyped command is an error that names the nearest command, even
/// with `--help` after it. Help and the version still print on stdout with status 0.
@Suite struct CLIUsageErrorTests {
    static let cases: [(name: String, arguments: [String])] = [
        ("unknown-command-help", ["NOSUCHCOMMAND", "--help"]),
        ("unknown-command", ["frobnicate"]),
        ("typo-command", ["genrate", "--dry-run"]),
        ("typo-subcommand", ["providers", "explian", "S01-01"]),
        ("unknown-option", ["make", "x.fountain", "--sparkle"]),
        ("option-typo", ["make", "x.fountain", "--jsn"]),
        ("bad-aspect", ["make", "x.fountain", "--aspect", "4:3"]),
        ("bad-out", ["render", "--out", "film.mov"]),
        ("missing-argument", ["takes"]),
        ("bad-value", ["pick", "S01-01", "first"]),
        ("bad-takes", ["generate", "--takes", "99"]),
    ]

    @Test(arguments: cases.indices)
    func usageErrorsHaveOneFormatAndExit64(index: Int) async throws {
        let c = Self.cases[index]
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await ReelBinary.run(c.arguments, home: dir.file("home"), directory: dir.url)
        #expect(result.status == 64, "\(c.name): \(result.stderrText)")
        #expect(result.stdout.isEmpty, "\(c.name): \(result.stdoutText)")
        #expect(result.stderrText.hasPrefix("reel: error: "), "\(c.name)")
        #expect(!result.stderrText.contains("Error:") && !result.stderrText.contains("Usage:"), "\(c.name)")
        expectSnapshot(result.stderrText, group: "errors", name: "\(c.name).txt")
    }

    @Test func aMistypedCommandSuggestsTheNearestOne() async throws {
        let result = try await ReelBinary.run(["stauts"])
        #expect(result.status == 64)
        #expect(result.stderrText == "reel: error: there is no command 'stauts'\n  → did you mean `reel status`? (`reel --help` lists the commands)\n")
    }

    @Test(arguments: [["--help"], ["help", "make"], ["make", "--help"], ["providers", "--help"]])
    func helpStillPrintsOnStdoutWithStatus0(arguments: [String]) async throws {
        let result = try await ReelBinary.run(arguments)
        #expect(result.status == 0)
        #expect(result.stdoutText.hasPrefix("OVERVIEW: "), "\(arguments): \(result.stdoutText.prefix(80))")
        #expect(result.stderr.isEmpty)
    }

    @Test func versionPrintsOnStdoutWithStatus0() async throws {
        let result = try await ReelBinary.run(["--version"])
        #expect(result.status == 0)
        #expect(result.stdoutText == "0.1.0\n")
        #expect(result.stderr.isEmpty)
    }

    @Test func reelsOwnErrorsKeepTheirStatusAndShape() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await ReelBinary.run(["make", "nosuch.fountain"], home: dir.file("home"), directory: dir.url)
        #expect(result.status == 66)
        #expect(result.stderrText.hasPrefix("reel: error: "))
        #expect(result.stderrText.contains("\n  → "))
    }
}
