import Foundation
import ReelMedia
import ReelTesting
import Testing

/// What the commands say about a small project is true and reads right: one shot is "1 shot",
/// a dry run names no provider called `reel`, `render` says it cut the film rather than
/// "rendered" takes, `stats` gives the yield as takes per picked shot, and `--json` dates are
/// ISO 8601.
@Suite struct CLIWordingTests {
    static let script = "Title: One Shot\n\nINT. KITCHEN - NIGHT\n\nA kettle starts to sing.\n"

    @Test func aSmallProjectIsDescribedTruly() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("one.fountain", Self.script)
        let root = dir.file("one")
        let env = ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path]
        func reel(_ arguments: [String]) async throws -> ProcessResult {
            let result = try await ReelBinary.run(arguments, environment: env, directory: root)
            #expect(result.status == 0, "reel \(arguments.joined(separator: " ")): \(result.stderrText)")
            return result
        }
        let created = try await ReelBinary.run(["init", root.path, "--script", script.path, "--size", "480p"], environment: env)
        #expect(created.status == 0, "\(created.stderrText)")

        let plan = try await reel(["plan"])
        #expect(plan.stdoutText.hasPrefix("One Shot — 1 shot, "), "\(plan.stdoutText)")

        let dryRun = try await reel(["generate", "--dry-run", "--takes", "2"])
        #expect(!dryRun.stdoutText.contains("\n  reel:"), "\(dryRun.stdoutText)")
        #expect(dryRun.stdoutText.contains("\n  Reel's own steps (caption layers, quality checks), on this machine: 3 to run"), "\(dryRun.stdoutText)")
        #expect(dryRun.stdoutText.contains("\n  animatic (built in), on this machine: 4 to run"), "\(dryRun.stdoutText)")

        let generated = try await reel(["generate", "--takes", "2"])
        #expect(generated.stdoutText == "2 takes on animatic: 2 ready, 0 failed\n")
        #expect(generated.stderrText.contains("2 takes made"), "\(generated.stderrText)")
        _ = try await reel(["pick", "S01-01", "2"])

        let stats = try await reel(["stats"])
        #expect(stats.stdoutText.contains("\nyield: 2.00 takes made per picked shot (1.00 would mean every first take was kept)\n"),
                "\(stats.stdoutText)")
        #expect(!stats.stdoutText.contains("1 : "))

        let takes = try await reel(["takes", "S01-01", "--json"])
        let dates = try #require(JSONSerialization.jsonObject(with: takes.stdout) as? [[String: Any]]).map { $0["createdAt"] }
        #expect(dates.count == 2)
        for date in dates {
            let text = try #require(date as? String, "createdAt is \(String(describing: date)), not an ISO 8601 string")
            #expect(ISO8601DateFormatter().date(from: text) != nil, "\(text)")
        }

        let render = try await reel(["render"])
        #expect(render.stdoutText.contains("s, 1 shot, "), "\(render.stdoutText)")
        #expect(!render.stderrText.contains("rendered"), "\(render.stderrText)")
        #expect(render.stderrText.contains("1 clip conformed"), "\(render.stderrText)")
        #expect(render.stderrText.contains("1 film cut"), "\(render.stderrText)")

        let unpicked = try await reel(["unpick", "S01-01"])
        #expect(unpicked.stdoutText == "S01-01: S01-01#2 is no longer picked; the cut uses the newest take that passed the check\n")
        let again = try await reel(["unpick", "S01-01", "--keyframe"])
        #expect(again.stdoutText == "S01-01: no keyframe was picked; nothing changed\n")
        let unknown = try await ReelBinary.run(["unpick", "S09-09"], environment: env, directory: root)
        #expect(unknown.status != 0 && unknown.stderrText.contains("S09-09"), "\(unknown.stderrText)")
    }
}
