import Foundation
import ReelModel

extension SimulatedRoutes {
    /// Model names `POST /v1/chat/completions` accepts.
    static let chatModels = ["sim-critic"]

    /// `POST /v1/chat/completions` as OpenAI's: the simulated critic. A request whose user
    /// message carries pictures (`image_url` parts with `data:` URIs) gets a critique as JSON
    /// — scores drawn from the pictures' bytes, so the same take always gets the same ones —
    /// with token counts to cost it. Text alone is refused: it is no writer.
    func chat(_ request: RecordedRequest) -> FakeResponse {
        if let refusal = authorize(request) { return refusal }
        guard let body = request.json, let model = body["model"]?.stringValue else {
            return Self.error(400, "invalid_request", "the body must be JSON with a model", param: "model")
        }
        guard Self.chatModels.contains(model) else {
            return Self.error(404, "model_not_found", "the simulator has no chat model \(model); it has \(Self.chatModels.joined(separator: ", "))",
                              param: "model")
        }
        let parts = (body["messages"]?.arrayValue ?? []).flatMap { $0["content"]?.arrayValue ?? [] }
        let pictures = parts.compactMap { $0["image_url"]?["url"]?.stringValue }
        guard !pictures.isEmpty, pictures.allSatisfy({ $0.hasPrefix("data:image/") && $0.contains(";base64,") }) else {
            books.with { $0.counters.invalid += 1 }
            return Self.error(400, "invalid_request", "the simulated critic needs pictures as data: URIs in image_url parts",
                              param: "messages")
        }
        var random = SeededRandom(seed: config.seed, stream: "critic|" + pictures[0].suffix(4096))
        var scores = (0..<3).map { _ in 5 + Int(random.unit() * 6) }
        // As the instructions say: with no reference to compare (the frames alone), subject is 10.
        if pictures.count == 1 { scores[0] = 10 }
        let instructions = (body["messages"]?.arrayValue ?? []).compactMap { $0["content"]?.stringValue }.joined()
        let note = instructions.contains("Simplified Chinese")
            ? "模拟评审：看了 \(pictures.count) 张图"
            : "a simulated critique, from \(pictures.count) picture\(pictures.count == 1 ? "" : "s")"
        let critique: JSONValue = ["subject": .int(Int64(scores[0])), "prompt": .int(Int64(scores[1])),
                                   "artifacts": .int(Int64(scores[2])), "notes": .array([.string(note)])]
        books.with { $0.counters.critiques += 1 }
        return .json(["id": "chatcmpl-sim", "object": "chat.completion", "model": .string(model),
                      "choices": [["index": 0, "message": ["role": "assistant", "content": .string(critique.canonical)],
                                   "finish_reason": "stop"]],
                      "usage": ["prompt_tokens": .int(Int64(300 * pictures.count)), "completion_tokens": 60,
                                "total_tokens": .int(Int64(300 * pictures.count + 60))]])
    }
}
