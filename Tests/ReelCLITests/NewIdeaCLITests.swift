import Foundation
import ReelMedia
import ReelModel
import ReelTesting
import Testing

/// `reel new "idea"` as a user runs it: the binary, a language model on loopback (OpenAI's
/// chat protocol), the report it prints; and the one clear message when no model is set.
@Suite struct NewIdeaCLITests {
    @Test func anIdeaBecomesAProjectAndTheReportSaysWhatEachCallCost() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        fake.transcript([WriterTranscripts.englishOutline, WriterTranscripts.englishScreenplay])
        let environment = ["REEL_CONFIG_DIR": dir.file("config").path, "REEL_WRITER": "openai",
                           "REEL_OPENAI_BASE_URL": fake.baseURL.absoluteString, "OPENAI_API_KEY": fake.apiKey]
        let result = try await ReelBinary.run(["new", "A courier's last delivery", "--length", "30", "--dir", dir.file("film").path],
                                              home: dir.file("home"), environment: environment, directory: dir.url)
        let text = try await ReelBinary.run(["new", "A courier's last delivery", "--length", "30", "--dir", dir.file("again").path, "--json"],
                                            home: dir.file("home"), environment: environment, directory: dir.url)
        try await fake.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stdoutText.hasPrefix("\(dir.file("film").path)  drafted (en): 2 scenes"))
        #expect(result.stdoutText.contains("  outline: openai/gpt-4.1-mini, "))
        #expect(result.stdoutText.contains("  screenplay: openai/gpt-4.1-mini, "))
        #expect(!result.stdoutText.contains(fake.apiKey) && !result.stderrText.contains(fake.apiKey))
        let report = try JSONDecoder().decode(JSONValue.self, from: Data(text.stdoutText.utf8))
        #expect(report["writer"]?["calls"]?.arrayValue?.allSatisfy { $0["cached"] == true } == true, "the second run made no call")
        #expect(FileManager.default.fileExists(atPath: dir.file("film/outline.json").path))
        #expect(fake.requests("POST", "chat/completions").count == 2)
    }

    @Test func withoutAModelTheMessageSaysHowToSetOneAndThatTemplatesWorkOffline() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await ReelBinary.run(["new", "外卖员在暴雨夜送最后一单"], home: dir.file("home"),
                                              environment: ["REEL_CONFIG_DIR": dir.file("config").path, "REEL_WRITER": ""],
                                              directory: dir.url)
        #expect(result.status == 78)
        #expect(result.stderrText.contains("drafting from an idea needs a language model, and none is configured"))
        #expect(result.stderrText.contains("REEL_WRITER=deepseek") && result.stderrText.contains("reel new --template reversal"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).isEmpty)
    }
}

/// `reel revise --dry-run` then `reel revise` as a user runs them: the diff first, nothing
/// written, then the same answer (from the journal) written with the old script kept.
@Suite struct ReviseCLITests {
    @Test func aDryRunShowsTheDiffAndTheRealRunAsksNothingMore() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let environment = ["REEL_CONFIG_DIR": dir.file("config").path, "REEL_WRITER": "openai",
                           "REEL_OPENAI_BASE_URL": fake.baseURL.absoluteString, "OPENAI_API_KEY": fake.apiKey]
        let made = try await ReelBinary.run(["new", "--template", "trailer", "--dir", dir.file("film").path], home: dir.file("home"),
                                            environment: environment, directory: dir.url)
        #expect(made.status == 0, "\(made.stderrText)")
        let original = try String(contentsOf: dir.file("film/script.fountain"), encoding: .utf8)
        let revised = original.replacingOccurrences(of: "EXT. SKYLINE - NIGHT", with: "EXT. SKYLINE - DAWN")
        let answer = String(decoding: try JSONEncoder().encode(["script": revised]), as: UTF8.self)
        fake.transcript([answer])
        let dry = try await ReelBinary.run(["revise", "open", "at", "dawn", "--dry-run"], home: dir.file("home"),
                                           environment: environment, directory: dir.file("film"))
        #expect(dry.status == 0, "\(dry.stderrText)")
        #expect(dry.stdoutText.contains("-EXT. SKYLINE - NIGHT\n+EXT. SKYLINE - DAWN"))
        #expect(dry.stdoutText.contains("dry run: nothing written"))
        #expect(try String(contentsOf: dir.file("film/script.fountain"), encoding: .utf8) == original)
        let real = try await ReelBinary.run(["revise", "open", "at", "dawn"], home: dir.file("home"),
                                            environment: environment, directory: dir.file("film"))
        try await fake.stop()
        #expect(real.status == 0, "\(real.stderrText)")
        #expect(real.stdoutText.contains("(1 call, from the cache)"))
        #expect(real.stdoutText.contains("the old script is revisions/001-script.fountain, the diff revisions/001.diff"))
        #expect(try String(contentsOf: dir.file("film/script.fountain"), encoding: .utf8) == revised)
        #expect(fake.requests("POST", "chat/completions").count == 1)
    }
}

/// `reel new --interview`: the questions the idea leaves open, asked in the terminal; the
/// answers in the writer's brief; what drafting costs at most, and nothing spent on a no.
@Suite struct InterviewCLITests {
    static func environment(_ dir: TemporaryDirectory, _ fake: OpenAIFakeServer) -> [String: String] {
        ["REEL_CONFIG_DIR": dir.file("config").path, "REEL_WRITER": "openai",
         "REEL_OPENAI_BASE_URL": fake.baseURL.absoluteString, "OPENAI_API_KEY": fake.apiKey]
    }

    @Test func theAnswersReachTheWriterAndTheCostIsShownFirst() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        fake.transcript([WriterTranscripts.chineseOutline, WriterTranscripts.chineseScreenplay])
        // Genre, audience (skipped), characters, ending, tone; the length is in the idea; then yes.
        let result = try await ReelBinary.run(["new", "--interview", "外卖员在暴雨夜送最后一单，90秒"], home: dir.file("home"),
                                              environment: Self.environment(dir, fake), directory: dir.url,
                                              input: "悬疑\n\n林晚，28岁，外卖员；母亲，60岁\n两人没说出口，却和好了\n温暖\ny\n")
        try await fake.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("什么类型的故事？") && !result.stderrText.contains("多长？"), "the length was in the idea")
        #expect(result.stderrText.contains("the writer will ask openai/gpt-4.1-mini for an outline, then the 90-second screenplay "
                                           + "(4 calls at most, with a retry each) — at most"))
        let asked = try #require(fake.requests("POST", "chat/completions").first?.json?["messages"]?.arrayValue?.last?["content"]?.stringValue)
        #expect(asked.contains("Genre: 悬疑\nMain characters: 林晚，28岁，外卖员；母亲，60岁\nEnding: 两人没说出口，却和好了\nTone: 温暖"))
        #expect(!asked.contains("Audience"), "a skipped question is left out")
        #expect(asked.contains("Outline a 90-second film"))
    }

    @Test func anInterviewThatRunsOutOfAnswersIsAnErrorAndSpendsNothing() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await ReelBinary.run(["new", "--interview", "a courier's last delivery"], home: dir.file("home"),
                                              environment: Self.environment(dir, fake), directory: dir.url, input: "suspense\n")
        try await fake.stop()
        #expect(result.status == 64)
        #expect(result.stderrText.contains("reel: error: the interview ran out of answers (the input ended)"))
        #expect(fake.requests.isEmpty)
    }

    @Test func withoutAWriterTheInterviewDoesNotStart() async throws {
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await ReelBinary.run(["new", "--interview", "a courier's last delivery"], home: dir.file("home"),
                                              environment: ["REEL_CONFIG_DIR": dir.file("config").path, "REEL_WRITER": ""],
                                              directory: dir.url, input: "suspense\n")
        #expect(result.status == 78)
        #expect(!result.stderrText.contains("What kind of story"), "no question is asked first")
    }

    @Test func sayingNoSpendsNothing() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let result = try await ReelBinary.run(["new", "--interview"], home: dir.file("home"), environment: Self.environment(dir, fake),
                                              directory: dir.url, input: "A night-shift nurse finds her own name on a chart\n\n\n\n\n\n\nn\n")
        try await fake.stop()
        #expect(result.status == 0, "\(result.stderrText)")
        #expect(result.stderrText.contains("What is your film about?") && result.stderrText.contains("How long, in seconds?"))
        #expect(result.stderrText.hasSuffix("nothing asked, nothing spent\n"))
        #expect(fake.requests.isEmpty)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0 != "home" && $0 != "config" }.isEmpty)
    }
}

/// `reel plan --planner llm` when the model's answer cannot be used: the rule plan is saved
/// and printed (valid JSON on stdout), the reason is said once, and the status is 75.
@Suite struct ModelPlanCLITests {
    @Test func aPlannerThatCannotBeUsedLeavesTheRulePlanAndExits75() async throws {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        let environment = ["REEL_CONFIG_DIR": dir.file("config").path, "REEL_WRITER": "openai",
                           "REEL_OPENAI_BASE_URL": fake.baseURL.absoluteString, "OPENAI_API_KEY": fake.apiKey]
        let made = try await ReelBinary.run(["new", "--template", "trailer", "--dir", dir.file("film").path], home: dir.file("home"),
                                            environment: environment, directory: dir.url)
        #expect(made.status == 0, "\(made.stderrText)")
        let unusable = #"{"shots": [{"id": "S99-01", "size": "huge"}]}"#
        fake.transcript([unusable, unusable])
        let result = try await ReelBinary.run(["plan", "--planner", "llm", "--json"], home: dir.file("home"),
                                              environment: environment, directory: dir.file("film"))
        try await fake.stop()
        #expect(result.status == 75, "\(result.stderrText)")
        let board = try JSONDecoder().decode(JSONValue.self, from: result.stdout)
        #expect(board["schema"] == "reel.storyboard" && board["shots"]?.arrayValue?.isEmpty == false, "the rule plan is printed")
        #expect(result.stderrText.components(separatedBy: "could not be used").count == 2, "said once: \(result.stderrText)")
        #expect(result.stderrText.contains("S99-01") && result.stderrText.contains("--seed 2"))
        #expect(fake.requests("POST", "chat/completions").count == 2, "asked, then sent its problems back once")
    }
}

