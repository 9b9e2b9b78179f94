import Foundation
import ReelAssistant
import ReelEngine
import ReelModel
import ReelStore
import ReelTesting
import Testing

@testable import ReelStudio

/// `reel new "idea"` against OpenAI's chat protocol on loopback: the outline, then the
/// screenplay, each a cached and costed job; replies as models really write them; a reply
/// that cannot be used sent back once; and the film made from the draft.
@Suite(.serialized) struct DraftProjectTests {
    static func environment(_ dir: TemporaryDirectory, _ fake: OpenAIFakeServer) -> [String: String] {
        ["REEL_HOME": dir.file("home").path, "REEL_CONFIG_DIR": dir.file("config").path,
         "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "", "REEL_WRITER": "openai",
         "REEL_OPENAI_BASE_URL": fake.baseURL.absoluteString, "OPENAI_API_KEY": fake.apiKey]
    }

    static func withFake<T: Sendable>(_ body: (OpenAIFakeServer, TemporaryDirectory) async throws -> T) async throws -> T {
        let fake = try await OpenAIFakeServer.start()
        let dir = TemporaryDirectory()
        defer { dir.remove() }
        do {
            let result = try await body(fake, dir)
            try await fake.stop()
            return result
        } catch {
            try? await fake.stop()
            throw error
        }
    }

    static let idea = "A courier's last delivery on a stormy night is to the mother she has not seen in ten years"

    @Test func anIdeaBecomesAnOutlineAScriptAStoryboardAndAFilm() async throws {
        try await Self.withFake { fake, dir in
            fake.transcript([WriterTranscripts.englishOutline, WriterTranscripts.englishScreenplay])
            let studio = Studio(environment: Self.environment(dir, fake))
            let report = try await studio.draftProject(IdeaRequest(idea: Self.idea, seconds: 40, parent: dir.url,
                                                                   format: VideoFormat(aspect: .vertical, size: .p480)))
            #expect(report.directory == dir.file("The-Last-Delivery").path && report.script == "script.fountain")
            #expect(report.idea == Self.idea && report.template == nil && report.language == .english)
            #expect(report.scenes == 2 && report.shots >= 4)
            #expect(report.files.contains("outline.json"))
            let writer = try #require(report.writer)
            #expect(writer.provider == "openai" && writer.model == "gpt-4.1-mini")
            #expect(writer.calls.map(\.step) == ["outline", "screenplay"] && writer.calls.allSatisfy { !$0.cached })
            #expect(writer.calls[1].repairs.contains("fence") && writer.calls[1].repairs.contains("trailing-comma"))
            #expect(writer.spent.first?.currency == "USD" && (writer.spent.first?.micros ?? 0) > 0, "costed from the token counts")

            // What the model was sent: JSON mode, the idea, then the accepted outline.
            let sent = fake.requests("POST", "chat/completions").compactMap(\.json)
            #expect(sent.count == 2)
            #expect(sent.allSatisfy { $0["response_format"] == ["type": "json_object"] && $0["model"] == "gpt-4.1-mini" })
            let second = sent[1]["messages"]?.arrayValue?.last?["content"]?.stringValue ?? ""
            #expect(second.contains(Self.idea) && second.contains("Rose's doorway"))

            let project = URL(fileURLWithPath: report.directory)
            let script = try String(contentsOf: project.appendingPathComponent("script.fountain"), encoding: .utf8)
            #expect(script.contains("Credit: Reel's writer with openai/gpt-4.1-mini"), "the script says who wrote it")
            #expect(script.contains("EXT. CITY STREET - NIGHT") && script.contains("ROSE\nMaya?"))
            let outline = try JSONDecoder().decode(DraftScreenplay.self, from: Data(contentsOf: project.appendingPathComponent("outline.json")))
            #expect(outline.characters.map(\.name) == ["MAYA", "ROSE"])
            let production = try Production.open(try Project.find(project), lockFor: nil)
            let board = try #require(try await production.repository.loadStoryboard())
            // What writing it cost is the project's spend: in its ledger, and its two jobs in its journal.
            #expect(try await production.repository.spent() == writer.spent, "the writer's calls are in the project's ledger")
            #expect(try await studio.stats(production).jobsByState["succeeded"] == 2)
            production.close()
            #expect(board.subjects.contains { $0.name == "ROSE" && $0.description.contains("grey cardigan") },
                    "the outline's description reaches the cast: \(board.subjects)")

            // The film, offline, from the drafted project (written in the test's folder: without
            // --out a film goes to renders/ under the working directory, the repository here).
            let made = try await Studio(environment: ProcessInfo.processInfo.environment.merging(["REEL_HOME": dir.file("home").path]) { $1 })
                .make(MakeRequest(script: project.appendingPathComponent("script.fountain"), output: dir.file("cut.mp4"),
                                  format: VideoFormat(aspect: .vertical, size: .p480)))
            #expect(FileManager.default.fileExists(atPath: made.film.path))
        }
    }

    @Test func theSameIdeaAgainIsAnsweredFromTheCacheAndANewSeedAsksAgain() async throws {
        try await Self.withFake { fake, dir in
            fake.transcript([WriterTranscripts.chineseOutline, WriterTranscripts.chineseScreenplay])
            let studio = Studio(environment: Self.environment(dir, fake))
            let idea = "外卖员在暴雨夜送最后一单，收件人是十年未见的母亲"
            let first = try await studio.draftProject(IdeaRequest(idea: idea, parent: dir.url))
            #expect(first.language == .chinese && first.script == "script.txt" && first.directory.hasSuffix("最后一单"))
            let script = try String(contentsOf: URL(fileURLWithPath: first.directory).appendingPathComponent("script.txt"), encoding: .utf8)
            #expect(script.hasPrefix("剧名：最后一单\n编剧：Reel 写作助手（openai/gpt-4.1-mini）\n人物：林晚（女，28岁，外卖员，湿透的黄色雨衣）"))
            #expect(script.contains("1-1 夜 外 街道") && script.contains("林晚（哽咽）：您的外卖。"))
            #expect(first.writer?.calls.first?.repairs.contains("full-width") == true)

            let again = try await studio.draftProject(IdeaRequest(idea: idea, directory: dir.file("again"), parent: dir.url))
            #expect(again.writer?.calls.allSatisfy(\.cached) == true && again.writer?.spent == [])
            let copy = try Production.open(try Project.find(URL(fileURLWithPath: again.directory)), lockFor: nil)
            #expect(try await copy.repository.spent().isEmpty, "answered from the cache: nothing paid for this project")
            copy.close()
            #expect(fake.requests("POST", "chat/completions").count == 2, "no second call for the same idea")

            fake.transcript([WriterTranscripts.chineseOutline, WriterTranscripts.chineseScreenplay])
            let other = try await studio.draftProject(IdeaRequest(idea: idea, seed: 2, directory: dir.file("seed2"), parent: dir.url))
            #expect(other.writer?.calls.contains(where: \.cached) == false)
            #expect(fake.requests("POST", "chat/completions").count == 4)
        }
    }

    @Test func anUnusableReplyIsSentBackOnceWithItsProblems() async throws {
        try await Self.withFake { fake, dir in
            fake.transcript([WriterTranscripts.englishOutline, WriterTranscripts.unusableScreenplay, WriterTranscripts.englishScreenplay])
            let report = try await Studio(environment: Self.environment(dir, fake)).draftProject(IdeaRequest(idea: Self.idea, parent: dir.url))
            #expect(report.writer?.calls.map(\.attempt) == [1, 1, 2])
            #expect(report.writer?.calls[1].problems.contains("scenes[0].place is missing") == true)
            let retry = try #require(fake.requests("POST", "chat/completions").last?.json?["messages"]?.arrayValue)
            #expect(retry.dropLast().last?["role"] == "assistant", "the unusable reply goes back as the model's turn")
            #expect(retry.last?["content"]?.stringValue?.contains("- scenes[0].beats is missing or empty") == true)
        }
    }

    @Test func aReplyCutOffAtTheTokenLimitIsKeptAndSentBackOnce() async throws {
        try await Self.withFake { fake, dir in
            fake.transcript([WriterTranscripts.englishOutline])
            let cut = String(WriterTranscripts.englishScreenplay.prefix(400))
            fake.answers.script("chat", OpenAIFakeServer.chatAnswer(cut, finish: "length", promptTokens: 900, completionTokens: 4000))
            fake.transcript([WriterTranscripts.englishScreenplay])
            let report = try await Studio(environment: Self.environment(dir, fake)).draftProject(IdeaRequest(idea: Self.idea, seconds: 300,
                                                                                                                  parent: dir.url))
            let calls = try #require(report.writer?.calls)
            #expect(calls.map(\.attempt) == [1, 1, 2])
            #expect(calls[1].problems.first?.hasPrefix("the answer was cut off before its end") == true)
            #expect(calls[1].tokens == 4900 && calls[1].cost != nil, "the cut reply was paid for, and is counted")
            let sent = try #require(fake.requests("POST", "chat/completions")[1].json?["max_completion_tokens"]?.intValue)
            #expect(sent == 12_000, "the token limit grows with the film's length: 60 lines for 300 s")
        }
    }

    @Test func aSecondUnusableReplyIsAnErrorAndWritesNothing() async throws {
        try await Self.withFake { fake, dir in
            fake.transcript([WriterTranscripts.englishOutline, WriterTranscripts.unusableScreenplay, WriterTranscripts.unusableScreenplay])
            let error = await #expect(throws: ReelError.self) {
                try await Studio(environment: Self.environment(dir, fake)).draftProject(IdeaRequest(idea: Self.idea, parent: dir.url))
            }
            #expect(error?.code == .invalidInput && error?.location == "openai/gpt-4.1-mini")
            #expect(error?.message.hasPrefix("the writer's screenplay could not be used, even after sending its problems back: scenes[0].place is missing") == true)
            #expect(error?.hint?.contains("--template") == true)
            let left = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).sorted()
            #expect(left == ["home"], "no project written")
        }
    }

    @Test func aRateLimitWaitsAndARefusalSaysWhatToDo() async throws {
        try await Self.withFake { fake, dir in
            let sleeper = RecordingSleeper()
            var studio = Studio(environment: Self.environment(dir, fake))
            studio.sleeper = sleeper
            fake.answers.script("chat", OpenAIFakeServer.error(429, code: "rate_limit_exceeded", headers: ["Retry-After": "7"]))
            fake.transcript([WriterTranscripts.englishOutline, WriterTranscripts.englishScreenplay])
            _ = try await studio.draftProject(IdeaRequest(idea: Self.idea, parent: dir.url))
            let waits = await sleeper.waits
            #expect(waits.contains { $0 >= 7 && $0 < 8 }, "Retry-After is honoured (with jitter): \(waits)")

            fake.answers.script("chat", OpenAIFakeServer.chatAnswer("I can't help with that.", finish: "content_filter"))
            let error = await #expect(throws: ReelError.self) {
                try await studio.draftProject(IdeaRequest(idea: "something else entirely", parent: dir.url))
            }
            #expect(error?.code == .refused && error?.message.contains("content filter") == true)
            #expect(error?.hint == "reword the idea, or try another model with --writer")
        }
    }

    @Test(arguments: [
        ([:], "drafting from an idea needs a language model, and none is configured"),
        (["REEL_WRITER": "kling"], "'kling' is not a language model Reel can use"),
        (["OPENAI_API_KEY": ""], "OpenAI is not configured: set OPENAI_API_KEY"),
    ])
    func aWriterThatCannotBeUsedIsRefusedBeforeAnyCall(change: [String: String], message: String) async throws {
        try await Self.withFake { fake, dir in
            var environment = Self.environment(dir, fake)
            if change.isEmpty { environment["REEL_WRITER"] = nil }
            for (k, v) in change { environment[k] = v.isEmpty ? nil : v }
            let error = await #expect(throws: ReelError.self) {
                try await Studio(environment: environment).draftProject(IdeaRequest(idea: Self.idea, parent: dir.url))
            }
            #expect(error?.message == message)
            #expect(error?.code == (change["REEL_WRITER"] == nil ? .configuration : .usage))
            #expect(fake.requests.isEmpty && !FileManager.default.fileExists(atPath: dir.file("home").path))
        }
    }
}
