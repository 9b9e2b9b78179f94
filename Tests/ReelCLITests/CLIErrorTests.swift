import Foundation
import ReelMedia
import ReelTesting
import ReelSnapshot
import Testing

/// Bad input gets one clear message (what, where, what to do) and the right exit status.
@Suite struct CLIErrorTests {
    static let cases: [(name: String, file: String?, contents: [UInt8]?, extra: [String], status: Int32, message: String)] = [
        ("empty", "s.fountain", [], [], 65,
         "reel: error: DIR/s.fountain: the screenplay file is empty\n  → write the script in Fountain, starting with a scene heading such as INT. KITCHEN - NIGHT\n"),
        ("binary", "s.fountain", [0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00], [], 65,
         "reel: error: DIR/s.fountain: the file is binary data, not screenplay text (a NUL byte at offset 7)\n  → export the script from your writing app as Fountain (.fountain, plain UTF-8 text) and open that\n"),
        ("invalid UTF-8", "s.fountain", Array("INT. ROOM - DAY\n\nHi ".utf8) + [0xff, 0x0a], [], 65,
         "reel: error: DIR/s.fountain:3: the file is not valid UTF-8: byte 0xFF at offset 20 (line 3) cannot be decoded\n  → re-save the file as UTF-8; older Windows or Chinese editors often save Latin-1, Windows-1252 or GBK\n"),
        ("no scenes", "s.fountain", Array("Just some words.\n".utf8), [], 65,
         "reel: error: DIR/s.fountain: the script has no scenes\n  → start each scene with a heading such as `INT. KITCHEN - NIGHT` or `.内景 厨房 夜` (a leading dot forces one)\n"),
        ("missing", nil, nil, [], 66,
         "reel: error: DIR/s.fountain: no such file\n  → check the path; Reel reads Fountain screenplays (.fountain)\n"),
        ("a directory", "s.fountain/x", Array("x".utf8), [], 64,
         "reel: error: DIR/s.fountain: this is a directory, not a screenplay\n  → name the .fountain file inside it\n"),
        ("unwritable output", "s.fountain", Array("INT. A - DAY\n\nA clock.\n".utf8), ["--out", "/proc/film.mp4"], 73,
         "reel: error: /proc: cannot write in the output directory\n  → choose an output path in a directory you can write to (--out)\n"),
    ]

    @Test(arguments: cases.indices)
    func badInput(index: Int) async throws {
        let c = Self.cases[index]
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        if let file = c.file, let contents = c.contents {
            let url = dir.file(file)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contents).write(to: url)
        }
        let result = try await ReelBinary.run(["make", dir.file("s.fountain").path, "-q"] + c.extra,
                                              home: dir.file("home"))
        #expect(result.status == c.status, "\(c.name)")
        #expect(result.stderrText.replacingOccurrences(of: dir.url.path, with: "DIR") == c.message, "\(c.name)")
        #expect(result.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: dir.file("renders").path), "nothing is written for bad input")
    }

    @Test func missingToolsAreNamedWithTheCommandThatInstallsThem() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let script = try dir.write("s.fountain", "INT. A - DAY\n\nA clock.\n")
        let result = try await ReelBinary.run(["make", script.path, "-q"], home: dir.file("home"),
                                              environment: ["PATH": "/nonexistent"])
        #expect(result.status == 69)
        #expect(result.stderrText.hasPrefix("reel: error: ffmpeg is not installed (not found on PATH)\n  → install it with `sudo apt-get install ffmpeg`"))
    }

    @Test(arguments: [
        (["make", "x.fountain", "--sparkle"], "reel: error: unknown option '--sparkle'\n  → `reel make --help` shows how to use it\n"),
        (["make", "x.fountain", "--aspect", "4:3"], "reel: error: --aspect must be 9:16, 16:9 or 1:1 (got '4:3')\n"),
        (["make", "x.fountain", "--size", "4k"], "reel: error: --size must be 480p, 720p or 1080p (got '4k')\n"),
        (["make", "x.fountain", "--out", "film.mov"], "reel: error: --out must name an .mp4 file (got 'film.mov')\n"),
        (["frobnicate"], "reel: error: there is no command 'frobnicate'\n"),
        (["pick", "S01-01"], "reel: error: say which take (`reel pick S01-01 3`) or which keyframe (`reel pick S01-01 --keyframe 2`)\n"),
        (["pick", "S01-01", "2", "--keyframe", "1"], "reel: error: give a take or --keyframe, not both\n"),
        (["keyframes", "--takes", "40"], "reel: error: --takes must be from 1 to 12 (got 40)\n"),
        (["pick", "S01-01", "--auto"], "reel: error: --auto picks by the quality check: name shots with --shots, not a take"),
        (["pick"], "reel: error: say which shot and take (`reel pick S01-02 3`), or pick by the check with --auto\n"),
        (["note", "S01-01", "2", "--box", "0.8,0,0.5,1", "x"], "reel: error: --box 0.8,0,0.5,1 is not a box inside the frame"),
        (["note", "S01-01", "--at", "1"], "reel: error: say what should change"),
        (["note", "S01-01", "2"], "reel: error: say what should change on take 2"),
        (["note", "S01-01", "--withdraw", "1", "x"], "reel: error: --withdraw takes only the shot and the note's id: `reel note S01-01 --withdraw 1`"),
        (["note", "S01-01", "--from-critic"], "reel: error: --from-critic takes the shot and the take's number only: `reel note S01-01 2 --from-critic`"),
        (["note", "S01-01", "2", "x", "--from-critic"], "reel: error: --from-critic takes the shot and the take's number only"),
        (["new"], "reel: error: give an idea (`reel new \"a courier's last delivery…\"`) or a template (`reel new --template reversal`; `reel templates` lists them)\n"),
        (["new", "an idea", "--template", "reversal"], "reel: error: give an idea or --template, not both\n"),
        (["revise"], "reel: error: say what to change: `reel revise \"move scene 2 to night\"`\n"),
        (["new", "an idea", "--length", "5"], "reel: error: --length is in seconds, 10 to 600 (got 5)\n"),
        (["new", "--template", "reversal", "--set", "hero"], "reel: error: --set takes name=value (got 'hero')"),
        (["new", "--template", "reversal", "--lang", "fr"], "reel: error: --lang must be en or zh (got 'fr')\n"),
        (["dev", "simulate", "--broken-clips", "2"], "reel: error: --broken-clips is a probability between 0 and 1 (got 2.0)\n"),
        (["voices", "--lang", "fr"], "reel: error: \"fr\" is not a language (--lang)\n"),
        (["voices", "--provider", "kling"], "reel: error: kling is not a speech provider (--provider)\n"),
    ])
    func usageErrorsExitWith64(arguments: [String], message: String) async throws {
        let result = try await ReelBinary.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderrText.hasPrefix(message))
    }
}

/// The help people read, kept as snapshots.
@Suite struct CLIHelpTests {
    @Test(arguments: ["", "make", "new", "revise", "templates", "series", "series add-episode", "init", "plan", "shot", "cast", "cast voice", "voices", "consent", "keyframes", "generate", "takes", "review", "note", "pick", "unpick", "render", "export", "status", "stats", "board", "serve", "users", "users add", "project", "project import", "worker", "workers", "budget", "mcp",
                          "doctor"])
    func help(command: String) async throws {
        let words = command.split(separator: " ").map(String.init)
        let result = try await ReelBinary.run(words + ["--help"])
        #expect(result.status == 0)
        expectSnapshot(result.stdoutText, group: "help", name: "\(command.isEmpty ? "reel" : words.joined(separator: "-")).txt")
    }
}

/// A reader that goes away (`reel stats | head -2`) ends the command quietly, as SIGPIPE would.
@Suite struct CLIClosedPipeTests {
    @Test func aReaderThatGoesAwayEndsTheCommandQuietly() async throws {
        // As a process that uses the network does (SwiftNIO ignores SIGPIPE; a child inherits
        // it): a write to the closed pipe then fails instead of killing the process.
        signal(SIGPIPE, SIG_IGN)
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let errors = Pipe()
        let process = ChildProcess()
        process.executableURL = ReelBinary.url
        process.arguments = ["providers", "catalog"]
        process.standardOutput = .handle(pipe.fileHandleForWriting)
        process.standardError = .pipe(errors)
        try process.run()
        try pipe.fileHandleForWriting.close()
        let said = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationReason == .exit && process.terminationStatus == 141, "\(process.terminationStatus) \(said)")
        #expect(!said.contains("Fatal error"), "\(said)")
    }
}
