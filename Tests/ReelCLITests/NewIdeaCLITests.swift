import Foundation
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
