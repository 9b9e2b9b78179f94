import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `OpenAIChatModel` on every OpenAI-compatible entry, against the protocol on loopback.
@Suite struct OpenAIChatTests {
    static func withFake<T: Sendable>(_ body: (OpenAIFakeServer) async throws -> T) async throws -> T {
        let fake = try await OpenAIFakeServer.start()
        do {
            let result = try await body(fake)
            try await fake.stop()
            return result
        } catch {
            try? await fake.stop()
            throw error
        }
    }

    static func model(_ fake: OpenAIFakeServer, entry id: ProviderID = "openai", key: String? = nil) throws -> any LanguageModel {
        let entry = try #require(ProviderDirectory.entry(id))
        var credentials: [String: Secret] = [:]
        for name in entry.credentials + entry.optionalCredentials { credentials[name] = Secret(key ?? fake.apiKey) }
        let config = ProviderConfig(id: id, baseURL: fake.baseURL, credentials: credentials)
        return try #require(try entry.text?(config, try testSupport(probe: false)))
    }

    static let ask = ChatRequest(model: "default", messages: [ChatMessage(.system, "Answer in JSON."), ChatMessage(.user, "三个镜头")],
                                 temperature: 0.2, json: true, maxTokens: 400)

    @Test func jsonModeSendsTheDocumentedBodyAndChecksTheReply() async throws {
        try await Self.withFake { fake in
            let reply = try await Self.model(fake).complete(Self.ask)
            #expect(reply.text == #"{"shots": 3}"#)
            #expect(reply.promptTokens == 12 && reply.completionTokens == 5 && reply.finishReason == "stop")
            let sent = try #require(fake.requests("POST", "chat/completions").first)
            #expect(sent.bearerToken == fake.apiKey)
            let body = try #require(sent.json)
            #expect(body["model"] == "gpt-4.1-mini")
            #expect(body["response_format"] == ["type": "json_object"])
            #expect(body["temperature"] == .double(0.2))
            #expect(body["max_completion_tokens"] == .int(400))
            #expect(body["messages"]?.arrayValue?.last == ["role": "user", "content": "三个镜头"])
        }
    }

    @Test(arguments: [("deepseek", "deepseek-chat"), ("qwen", "qwen-plus"), ("moonshot", "moonshot-v1-8k")])
    func compatibleEntriesShareTheAdapterWithTheirOwnDefaults(id: String, model: String) async throws {
        try await Self.withFake { fake in
            _ = try await Self.model(fake, entry: ProviderID(id)).complete(Self.ask)
            let body = try #require(fake.requests("POST", "chat/completions").first?.json)
            #expect(body["model"]?.stringValue == model)
            #expect(body["max_tokens"] == .int(400))
            #expect(body["max_completion_tokens"] == nil)
        }
    }

    @Test func ollamaSendsNoKeyAndTheGenericEntryNeedsABaseURL() async throws {
        let ollama = try #require(ProviderDirectory.entry("ollama"))
        #expect(ollama.credentials.isEmpty && ollama.defaultBaseURL == "http://127.0.0.1:11434/v1")
        let compatible = try #require(ProviderDirectory.entry("openai-compatible"))
        #expect(compatible.credentials.isEmpty && compatible.optionalCredentials == ["OPENAI_COMPATIBLE_API_KEY"])
        let unset = ProviderConfig(id: "openai-compatible", baseURL: URL(string: compatible.defaultBaseURL)!, credentials: [:])
        #expect(throws: ReelError.self) { _ = try compatible.text?(unset, try testSupport(probe: false)) }
        try await Self.withFake { fake in
            let config = ProviderConfig(id: "ollama", baseURL: fake.baseURL, credentials: [:])
            let model = try #require(try ollama.text?(config, try testSupport(probe: false)))
            let error = await #expect(throws: JobFailure.self) { _ = try await model.complete(Self.ask) }
            #expect(error?.reason == .auth)  // the fake wants a key; Ollama sent none
            #expect(fake.requests.first?.header("authorization") == nil)
        }
    }

    @Test func aFilteredReplyIsAnErrorAndACutOrBrokenOneIsKeptForTheCallerToRead() async throws {
        try await Self.withFake { fake in
            fake.reply("I cannot help with that.", finish: "content_filter")
            let error = await #expect(throws: JobFailure.self) { _ = try await Self.model(fake).complete(Self.ask) }
            #expect(error?.reason == .moderation && error?.providerCode == "content_filter")
            // Paid for either way: returned with why it stopped, not thrown away.
            for (text, finish) in [(#"{"shots": [1, 2"#, "length"), ("Here are three shots.", "stop")] {
                fake.reply(text, finish: finish)
                let reply = try await Self.model(fake).complete(Self.ask)
                #expect(reply.text == text && reply.finishReason == finish)
            }
        }
    }

    static let envelopes: [(FakeResponse, JobFailure.Reason, Double?)] = [
        (OpenAIFakeServer.error(429, code: "rate_limit_exceeded", headers: ["retry-after-ms": "2500"]), .rateLimited, 2.5),
        (OpenAIFakeServer.error(429, code: "insufficient_quota", headers: ["Retry-After": "1"]), .budget, nil),
        (OpenAIFakeServer.error(400, code: "context_length_exceeded", message: "too long"), .invalidRequest, nil),
        (OpenAIFakeServer.error(503, code: "server_error"), .transient, nil),
        (ScriptedAnswers.malformedJSON, .transient, nil),
    ]

    @Test(arguments: envelopes)
    func errorEnvelopesAreClassified(answer: FakeResponse, reason: JobFailure.Reason, retryAfter: Double?) async throws {
        try await Self.withFake { fake in
            fake.answers.script("chat", answer)
            let error = await #expect(throws: JobFailure.self) { _ = try await Self.model(fake).complete(Self.ask) }
            #expect(error?.reason == reason)
            #expect(error?.retryAfter == retryAfter)
            #expect(error.map { !$0.description.contains(fake.apiKey) } == true)
        }
    }
}
