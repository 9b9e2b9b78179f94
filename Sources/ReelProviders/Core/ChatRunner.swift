import Foundation
import ReelEngine
import ReelModel

/// Runs a language model as a job (``NodeKind/chat``): the request is the node's params,
/// the answer is stored as a text file, the cost comes from the provider's token counts at
/// the catalog's price.
///
/// Like every job, a chat is journaled and cached: the same model, messages and seed are
/// answered from the store, never asked (and paid for) twice. A refusal, a reply cut off
/// at the token limit, or a 429 are classified failures (see ``OpenAIChatModel``), and the
/// executor retries the ones that may pass.
public struct ChatRunner: NodeRunner {
    public let model: any LanguageModel
    /// The provider's models from the catalog, for their prices.
    public let prices: [ModelCapabilities]

    public init(_ model: any LanguageModel, prices: [ModelCapabilities] = []) {
        self.model = model
        self.prices = prices
    }

    /// The job of asking `request` (its model named, not `default`).
    public static func spec(_ request: ChatRequest, provider: ProviderID, seed: UInt64? = nil) throws -> JobSpec {
        JobSpec(kind: .chat, kindVersion: 1, provider: provider, model: request.model, params: try JSONValue(encoding: request),
                seed: seed, deterministic: false)
    }

    public func run(_ node: GraphNode, context: JobContext) async throws -> NodeOutput {
        let request: ChatRequest
        do {
            request = try node.spec.params.decode(ChatRequest.self)
        } catch {
            throw JobFailure(.invalidRequest, "the job's request is not a chat request: \(error)")
        }
        let reply = try await model.complete(request)
        let asset = try context.blobs.put(Data(reply.text.utf8), mediaType: "text/plain")
        let tokens = (reply.promptTokens ?? 0) + (reply.completionTokens ?? 0)
        var details: [String: JSONValue] = [:]
        if let n = reply.promptTokens { details["prompt_tokens"] = .int(Int64(n)) }
        if let n = reply.completionTokens { details["completion_tokens"] = .int(Int64(n)) }
        if let finish = reply.finishReason { details["finish_reason"] = .string(finish) }
        return NodeOutput(asset: asset, cost: prices.first { $0.id == request.model }?.cost(tokens: tokens),
                          details: .object(details))
    }
}
