import Foundation
import ReelAssistant
import ReelEngine
import ReelModel
import ReelProviders
import ReelStore

/// One question of the interview (`reel new --interview`), as the CLI, the API and agents ask
/// it: Studio's own value, so no surface reaches into the assistant.
public struct InterviewQuestion: Hashable, Sendable, Codable {
    /// `genre`, `audience`, `characters`, `ending`, `tone`, `length`.
    public var id: String
    /// The question, in the language asked for.
    public var ask: String
    /// An example answer.
    public var example: String
}

/// What a draft will ask before it asks: shown by `reel new --interview` before spending.
public struct DraftEstimate: Sendable, Codable, Hashable {
    public var provider: String
    public var model: String
    public var calls: Int
    /// Prompt and reply tokens at most (every reply at its limit).
    public var maxTokens: Int
    /// What that costs at the catalog's price; nil when the model has none.
    public var atMost: Money?
}

/// What `reel new "idea"` drafts from.
public struct IdeaRequest: Sendable {
    public var idea: String
    /// nil: the idea's own language.
    public var language: Language?
    /// The film's length in seconds.
    public var seconds: Int
    /// `provider` or `provider/model`; nil for `REEL_WRITER` (and `REEL_WRITER_MODEL`).
    public var writer: String?
    /// Another draft of the same idea: a new seed is a new call (the same seed is answered from the cache).
    public var seed: UInt64
    public var directory: URL?
    public var parent: URL
    public var format: VideoFormat
    /// The interview's answers by question id (``Interview``): written under the idea for the writer.
    public var answers: [String: String]
    /// What the writer must keep, written under the idea (a series' cast and rules: ``Series``).
    public var keep: [String] = []

    public init(idea: String, language: Language? = nil, seconds: Int = 60, writer: String? = nil, seed: UInt64 = 1,
                directory: URL? = nil, parent: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
                format: VideoFormat = .default, answers: [String: String] = [:]) {
        self.answers = answers
        self.idea = idea
        self.language = language
        self.seconds = seconds
        self.writer = writer
        self.seed = seed
        self.directory = directory
        self.parent = parent
        self.format = format
    }
}

extension Studio {
    /// A new project drafted from an idea by the configured language model: an outline,
    /// then the screenplay written from it (each a job: journaled, cached, costed), then the
    /// project around the script and its storyboard. A reply that cannot be used is sent
    /// back once with its problems; a second failure is an error naming them, and nothing
    /// is written.
    ///
    /// The writer's jobs are journaled in Reel's cache (`$REEL_HOME/assistant`), so the same
    /// idea asked again (after a crash, or into another directory) is answered without a call.
    public func draftProject(_ request: IdeaRequest) async throws -> NewProjectReport {
        let (idea, language, brief) = try Self.brief(request)
        let writer = try chooseWriter(request.writer)
        var session = try WriterSession.inCache(studio: self, writer: writer, seed: request.seed)
        defer { session.close() }
        let outline = try await session.ask("outline", WriterPrompts.outline(brief), beats: false, language: language,
                                            maxTokens: Self.outlineTokens(brief))
        let draft = try await session.ask("screenplay", WriterPrompts.screenplay(brief, outline: outline), beats: true,
                                          language: language, maxTokens: Self.screenplayTokens(brief))
            .keepingCast(of: outline)

        let credit = language == .chinese ? "Reel 写作助手（\(writer.provider)/\(writer.model)）"
                                          : "Reel's writer with \(writer.provider)/\(writer.model)"
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let outlineJSON = try encoder.encode(outline)
        var report = try await createProject(text: draft.script(language: language, credit: credit), title: draft.title,
                                             language: language, directory: request.directory, parent: request.parent,
                                             format: request.format, extraFiles: ["outline.json": outlineJSON],
                                             descriptions: Dictionary(draft.characters.map { ($0.name, $0.description) }) { a, _ in a },
                                             jobs: session.paid)
        report.idea = idea
        report.writer = WriterReport(writer: writer, calls: session.calls)
        return report
    }

    /// What a draft will ask, before anything is asked: the model, the calls, and at most
    /// what they cost (every reply at its token limit) — what the interview shows before spending.
    public func draftEstimate(_ request: IdeaRequest) throws -> DraftEstimate {
        let (_, _, brief) = try Self.brief(request)
        let writer = try chooseWriter(request.writer)
        // Each step may be asked twice (one retry, with the first reply in its prompt), and the
        // screenplay's prompt carries the outline: every reply at its limit, at the most.
        let outline = Self.outlineTokens(brief), screenplay = Self.screenplayTokens(brief)
        let prompts = 1500 + (1500 + outline) + (1500 + outline) + (1500 + outline + screenplay)
        let tokens = prompts + 2 * outline + 2 * screenplay
        return DraftEstimate(provider: writer.provider.rawValue, model: writer.model, calls: 4, maxTokens: tokens,
                             atMost: writer.prices.first { $0.id == writer.model }?.cost(tokens: tokens))
    }

    /// The interview's questions the idea leaves open (``Interview``), for the CLI's terminal,
    /// the API or an agent to ask.
    public static func interviewQuestions(for idea: String, language: Language) -> [InterviewQuestion] {
        Interview.questions(for: idea, language: language).map { InterviewQuestion(id: $0.id, ask: $0.ask, example: $0.example) }
    }

    /// A film length the idea names (`90s`, `2分钟`), in seconds.
    public static func seconds(namedIn idea: String) -> Int? { Interview.seconds(in: idea) }

    /// An answer to the interview's length question (`90`, `2 minutes`, `90秒`), in seconds.
    public static func seconds(answer: String) -> Int? { Interview.seconds(answer: answer) }

    /// The idea, its language and the writer's brief (the interview's answers under the idea).
    static func brief(_ request: IdeaRequest) throws -> (String, Language, WriterBrief) {
        let idea = request.idea.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !idea.isEmpty else {
            throw ReelError(.usage, "the idea is empty", hint: "say it in a sentence, or start from a template with --template")
        }
        // Everything sent is paid for: an idea is a few sentences, an answer a few words.
        guard idea.count <= 2000 else {
            throw ReelError(.usage, "the idea is \(idea.count) characters; 2000 at most", hint: "say it in a few sentences; `reel revise` refines the script later")
        }
        if let long = request.answers.first(where: { $0.value.count > 500 }) {
            throw ReelError(.usage, "the answer to \(long.key) is \(long.value.count) characters; 500 at most", hint: "a few words are enough")
        }
        let language = request.language ?? Language.detect(idea)
        let kept = request.keep.isEmpty ? "" : "\n" + request.keep.joined(separator: "\n")
        return (idea, language, WriterBrief(idea: Interview.brief(idea: idea, answers: request.answers) + kept, language: language,
                                            seconds: request.seconds, aspect: request.format.aspect.rawValue))
    }

    static func outlineTokens(_ brief: WriterBrief) -> Int { 2000 + 120 * brief.sceneCount }

    /// About 60 tokens a line of JSON (more in Chinese), and room to spare: a reply cut off is paid for.
    static func screenplayTokens(_ brief: WriterBrief) -> Int { min(16_000, max(6000, 3000 + 150 * brief.lineCount)) }

    /// The language model that writes: `--writer provider[/model]`, else `REEL_WRITER`
    /// (and `REEL_WRITER_MODEL`); there is no default, since every call costs.
    func chooseWriter(_ choice: String?) throws -> Writer {
        let chatIDs = ProviderDirectory.all.filter { $0.text != nil }.map(\.id.rawValue)
        guard let choice = (choice ?? environment["REEL_WRITER"]).flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ReelError(.configuration, "drafting from an idea needs a language model, and none is configured",
                            hint: "set REEL_WRITER to one of \(chatIDs.joined(separator: ", ")) with its key "
                                + "(e.g. REEL_WRITER=deepseek and DEEPSEEK_API_KEY; `reel providers` shows what is set), "
                                + "or start offline from a template: `reel new --template reversal` (`reel templates` lists them)")
        }
        return try chatModel(choice, at: request(choice), setup: try providerSetup(config: ProjectConfig(), projectDirectory: nil),
                             modelVariable: "REEL_WRITER_MODEL", option: "--writer")
    }

    /// The project's critic: `critic:` in reel.yaml, else `REEL_CRITIC`; nil for none.
    func chooseCritic(_ config: ProjectConfig, setup: ProviderSetup) throws -> Writer? {
        let named = config.critic ?? environment["REEL_CRITIC"].flatMap { $0.isEmpty || $0 == "none" ? nil : $0 }
        guard let choice = named else { return nil }
        return try chatModel(choice, at: config.critic != nil ? "reel.yaml critic" : "REEL_CRITIC", setup: setup,
                             modelVariable: nil, option: config.critic != nil ? "critic:" : "REEL_CRITIC=")
    }

    /// A language model named `provider[/model]` (at `at`), ready to call.
    func chatModel(_ choice: String, at: String, setup: ProviderSetup, modelVariable: String?, option: String) throws -> Writer {
        let chatIDs = ProviderDirectory.all.filter { $0.text != nil }.map(\.id.rawValue)
        let parts = choice.split(separator: "/", maxSplits: 1).map(String.init)
        let id = ProviderID(parts[0])
        guard let status = setup.providers.first(where: { $0.entry.id == id }), let make = status.entry.text else {
            // A key pasted into the wrong variable is not echoed.
            let shown = Self.looksLikeKey(parts[0]) ? "that value" : "'\(parts[0])'"
            throw ReelError(.usage, "\(shown) is not a language model Reel can use", at: at,
                            hint: "use one of \(chatIDs.joined(separator: ", "))")
        }
        guard let config = status.config else {
            throw ReelError(.configuration, "\(status.entry.name) is not configured: \(status.missing ?? "")", at: at,
                            hint: "keys go in the environment or ~/.config/reel/credentials (chmod 600); `reel providers` shows what is set")
        }
        let model = try make(config, adapterSupport)
        let variable = modelVariable.flatMap { environment[$0] }.flatMap { $0.isEmpty ? nil : $0 }
        // `default` is the provider's default model, named: a model's name is part of each call's cache key.
        let named = parts.count > 1 ? parts[1] : variable
        let name = named == nil || named == "default" ? model.defaultModel : named
        let naming = "\(option) \(id)/MODEL" + (modelVariable.map { " or \($0)" } ?? "")
        if let name, Self.looksLikeKey(name) {
            throw ReelError(.usage, "the model name looks like a key, so it is not used (or shown)", at: at,
                            hint: "name a model (\(naming)); keys go in \(status.entry.credentials.first ?? "the environment")")
        }
        guard let name else {
            throw ReelError(.configuration, "\(status.entry.name) has no default model", at: at, hint: "name one: \(naming)")
        }
        return Writer(chat: model, provider: id, model: name, prices: setup.catalog.models(of: id))
    }

    /// A value pasted in the wrong place that is probably a key: long, or with a key's prefix.
    static func looksLikeKey(_ text: String) -> Bool {
        (text.count > 40 && !text.contains("/") && !text.contains("."))
            || ["sk-", "aiza", "sess-", "key-"].contains { text.lowercased().hasPrefix($0) }
    }

    private func request(_ choice: String) -> String { environment["REEL_WRITER"] == choice ? "REEL_WRITER" : "--writer" }

    /// A chosen language model.
    struct Writer: Sendable {
        var chat: any LanguageModel
        var provider: ProviderID
        /// The model's name, never `default`: it is part of each call's cache key.
        var model: String
        var prices: [ModelCapabilities]
    }
}
