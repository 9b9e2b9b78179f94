import Foundation
import ReelEngine
import ReelModel

/// What a critic is asked of one take: the node's params. Its pictures are the node's
/// inputs (a strip of the take's frames, then the subjects' reference images), so a new
/// take or a new reference is a new job.
public struct CritiqueParams: Hashable, Sendable, Codable {
    /// Goes up whenever the question asked changes.
    public static let kindVersion = 1
    /// The details of a critique that was not asked for: the take failed its quality check
    /// (its verdict, a JSON input, says `"passed": false`), so no critic is paid to look at it.
    public static let withheldForFailedCheck: JSONValue = ["withheld": "the take failed its quality check"]
    /// The model's name, never `default`.
    public var model: String
    public var take: String
    /// What the video model was asked for.
    public var prompt: String
    /// Who or what each reference image after the strip shows, in order.
    public var references: [String]
    /// The language the notes are written in: `en` or `zh`.
    public var language: String

    public init(model: String, take: String, prompt: String, references: [String], language: String) {
        self.model = model
        self.take = take
        self.prompt = prompt
        self.references = references
        self.language = language
    }
}

/// Asks a vision model (any OpenAI-compatible chat endpoint that takes images: GPT-4o-class,
/// Qwen-VL, GLM-4V, a local Ollama model) to score a take against its prompt and its
/// subjects' references, as a ``TakeCritique``. Given the take's quality check as an input
/// (its verdict's JSON), it waits for it and asks nothing of a take that failed. A reply that cannot be read is sent back
/// once with its problems; a second one fails the job (`failed`, not tried again) — the take keeps
/// its check, and the review says the critique is missing. Both calls are paid for and
/// counted in the job's cost — a failed job's too (``JobFailure/cost``).
public struct CritiqueRunner: NodeRunner {
    public let model: any LanguageModel
    public let provider: ProviderID
    /// The provider's models from the catalog, for their prices.
    public let prices: [ModelCapabilities]

    public init(_ model: any LanguageModel, provider: ProviderID, prices: [ModelCapabilities] = []) {
        self.model = model
        self.provider = provider
        self.prices = prices
    }

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let params: CritiqueParams
        do {
            params = try node.spec.params.decode(CritiqueParams.self)
        } catch {
            throw JobFailure(.invalidRequest, "the job's request is not a critique: \(error)")
        }
        var images: [String] = []
        for (i, input) in context.inputs.enumerated() {
            let data = try Data(contentsOf: context.inputURL(i))
            if input.mediaType == "application/json" {
                // The take's quality check, waited for: a take that failed it is not worth a paid look.
                struct Verdict: Decodable { var passed: Bool }
                if (try? JSONDecoder().decode(Verdict.self, from: data))?.passed == false {
                    let json = CritiqueParams.withheldForFailedCheck
                    return NodeOutput(asset: try context.blobs.put(Data(json.canonical.utf8), mediaType: "application/json"),
                                      details: json)
                }
                continue
            }
            images.append("data:\(input.mediaType);base64,\(data.base64EncodedString())")
        }
        guard !images.isEmpty else { throw JobFailure(.invalidRequest, "a critique needs the take's frames") }
        var messages = Self.messages(params, images: images)
        var tokens = 0
        var problems: [String] = []
        let cost = { [prices] in prices.first { $0.id == params.model }?.cost(tokens: tokens) }
        for attempt in 1...2 {
            let reply: ChatReply
            do {
                reply = try await model.complete(ChatRequest(model: params.model, messages: messages, temperature: 0, json: true,
                                                             maxTokens: 600))
            } catch where tokens > 0 {
                // The first reply was paid for: its cost goes with the failure.
                var failure = JobFailure.classify(error)
                failure.cost = cost()
                throw failure
            }
            tokens += (reply.promptTokens ?? 0) + (reply.completionTokens ?? 0)
            let read = TakeCritique.read(reply.text, critic: "\(provider)/\(params.model)")
            if let critique = read.critique {
                let json = try JSONValue(encoding: critique)
                let asset = try context.blobs.put(Data(json.canonical.utf8), mediaType: "application/json")
                return NodeOutput(asset: asset, cost: cost(), details: json)
            }
            problems = read.problems
            if attempt == 1 {
                messages += [ChatMessage(.assistant, String(reply.text.prefix(2000))),
                             ChatMessage(.user, "That reply cannot be used: \(problems.joined(separator: "; ")). "
                                         + "Answer again with only the JSON object \(TakeCritique.schema).")]
            }
        }
        throw JobFailure(.failed, "the critic's reply could not be read, even after sending its problems back: "
                            + problems.prefix(3).joined(separator: "; "), cost: cost())
    }

    /// The instructions and the question, with the pictures: the strip first, then the references.
    static func messages(_ params: CritiqueParams, images: [String]) -> [ChatMessage] {
        let notesLanguage = params.language == "zh" ? "Simplified Chinese" : "English"
        let system = """
            You review takes from AI video models for a film director. You see one picture with three frames \
            of a take (beginning, middle, end), then reference images of who or what should appear. Score the take \
            from 0 to 10 on: subject (do the people, props and places look like their references; 10 if there are none \
            to compare), prompt (does it show what was asked), artifacts (10 means none: no warped hands or faces, \
            no garbled text, no melting objects). Answer with only a JSON object: \(TakeCritique.schema). \
            Notes: at most five short sentences in \(notesLanguage), each about something visible.
            """
        var question = "Take \(params.take). The video model was asked for:\n\(params.prompt)"
        if !params.references.isEmpty {
            question += "\nAfter the frames, the references, in order: " + params.references.joined(separator: ", ") + "."
        }
        return [ChatMessage(.system, system), ChatMessage(.user, question, images: images)]
    }
}
