import Foundation
import ReelModel

extension SimulatedRoutes {
    /// Model names `POST /v1/images` accepts.
    static let imageModels = ["sim-image-1"]

    /// `POST /v1/images`: a still, made at once and sent in the answer as base64, the way
    /// OpenAI's and Gemini's image APIs answer. Strict about its body like the video endpoint:
    /// `width` and `height` are JSON integers (64–4096, even), `seed` a string of digits. A
    /// call sent again with the same `Idempotency-Key` gets the same still and pays nothing.
    /// `references` (data URIs) are the cast's images the still is made from.
    func image(_ request: RecordedRequest) async -> FakeResponse {
        if let refusal = authorize(request) { return refusal }
        let clip: SimulatedClip
        do {
            clip = try Self.still(request.json)
        } catch let invalid as SimulatedGenerationRequest.Invalid {
            books.with { $0.counters.invalid += 1 }
            return Self.error(400, "invalid_request", invalid.message, param: invalid.field)
        } catch {
            return Self.error(400, "invalid_request", "the body cannot be read")
        }
        let key = request.header("idempotency-key")?.trimmingCharacters(in: .whitespaces)
        let fingerprint = (try? JSONValue(encoding: clip).canonical) ?? ""
        if let key, let seen = books.with({ $0.imagesByKey[key] }) {
            guard seen.body == fingerprint else {
                books.with { $0.counters.invalid += 1 }
                return Self.error(422, "idempotency_mismatch", "this Idempotency-Key was used with different parameters",
                                  param: "Idempotency-Key")
            }
            books.with { $0.counters.idempotentReplays += 1 }
            return await answer(clip, number: seen.number)
        }
        let number = books.with { state in
            state.counters.images += 1
            if let key { state.imagesByKey[key] = (fingerprint, state.counters.images) }
            return state.counters.images
        }
        return await answer(clip, number: number)
    }

    /// The still's answer: the picture inline, with what it cost.
    private func answer(_ clip: SimulatedClip, number: Int) async -> FakeResponse {
        let data: Data
        do {
            data = try Data(contentsOf: try await renderer.still(for: clip))
        } catch {
            return Self.error(500, "render_failed", "the simulated still could not be made: \(error)")
        }
        let cost = config.pricePerImage
        return .json([
            "id": .string("img_\(number)"), "object": "image", "model": .string(clip.model),
            "width": .int(Int64(clip.width)), "height": .int(Int64(clip.height)), "seed": .string(String(clip.seed)),
            "cost": .object(["amount": .string(SimulatedJob.amount(cost)), "currency": .string(cost.currency)]),
            "data": .object(["media_type": "image/png", "b64": .string(data.base64EncodedString())]),
        ], status: 201)
    }

    /// The still a body asks for.
    static func still(_ json: JSONValue?) throws -> SimulatedClip {
        typealias R = SimulatedGenerationRequest
        guard let body = json, body.objectValue != nil else {
            throw R.Invalid(field: "body", message: "the body must be a JSON object")
        }
        let model = try R.string(body, "model")
        guard imageModels.contains(model) else {
            throw R.Invalid(field: "model", message: "unknown model '\(model.prefix(40))'; use one of \(imageModels.joined(separator: ", "))")
        }
        let prompt = try R.string(body, "prompt")
        guard prompt.count <= 4000 else { throw R.Invalid(field: "prompt", message: "prompt is longer than 4000 characters") }
        let sides = Int64(R.sides.lowerBound)...Int64(R.sides.upperBound)
        let width = Int(try R.integer(body, "width", in: sides)), height = Int(try R.integer(body, "height", in: sides))
        guard width % 2 == 0, height % 2 == 0 else {
            throw R.Invalid(field: width % 2 == 0 ? "height" : "width", message: "width and height must be even")
        }
        let seedText = try R.string(body, "seed")
        guard seedText.allSatisfy(\.isASCII), let seed = UInt64(seedText) else {
            throw R.Invalid(field: "seed", message: "seed must be a string of digits (an unsigned 64-bit integer)")
        }
        let label = body["label"]?.stringValue.map { String($0.prefix(80)) } ?? ""
        let references = try Self.references(body)
        // The prompt's start, wrapped to the still's width (the text is drawn at a 24th of its short side).
        let columns = max(12, Int(Double(width) / (Double(max(16, min(width, height) / 24)) * 0.6)) - 2)
        let lines = wrap(String(prompt.prefix(140)), columns: columns).prefix(4)
        // The references it was made from, drawn as a line of their digests: a still from other
        // references is another still (and another idempotency fingerprint).
        let from = references.isEmpty ? [] : ["from \(references.count) reference\(references.count == 1 ? "" : "s"): "
                                               + references.map { R.digest($0).prefix(8) }.joined(separator: " ")]
        return SimulatedClip(width: width, height: height, frameRate: FrameRate(24), frames: 1, seed: seed,
                             label: (["keyframe \(label)"] + from + lines).joined(separator: "\n"), model: model)
    }

    /// The most reference images a still is made from.
    static let maxReferences = 4

    /// `references`: an optional array of PNG or JPEG data URIs, at most ``maxReferences``.
    static func references(_ body: JSONValue) throws -> [Data] {
        typealias R = SimulatedGenerationRequest
        guard let value = body["references"], value != .null else { return [] }
        guard let list = value.arrayValue else {
            throw R.Invalid(field: "references", message: "references must be an array of data URIs")
        }
        guard list.count <= maxReferences else {
            throw R.Invalid(field: "references", message: "at most \(maxReferences) references, not \(list.count)")
        }
        return try list.indices.map { i in
            try R.image(["references[\(i)]": list[i]], "references[\(i)]") ?? Data()
        }
    }

    /// `text` in lines of at most `columns` (a CJK character counts two), broken at spaces
    /// where there are some.
    static func wrap(_ text: String, columns: Int) -> [String] {
        var lines: [String] = [], line = "", width = 0
        for character in text {
            let w = character.unicodeScalars.first.map { $0.value >= 0x2E80 ? 2 : 1 } ?? 1
            if width + w > columns {
                if let space = line.lastIndex(of: " "), line.distance(from: space, to: line.endIndex) < columns / 2 {
                    lines.append(String(line[..<space]))
                    line = String(line[line.index(after: space)...])
                } else {
                    lines.append(line)
                    line = ""
                }
                width = line.reduce(0) { $0 + (($1.unicodeScalars.first?.value ?? 0) >= 0x2E80 ? 2 : 1) }
            }
            line.append(character)
            width += w
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { $0.trimmingCharacters(in: .whitespaces) }
    }
}
