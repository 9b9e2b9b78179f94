import Foundation
import ReelEngine
import ReelModel

/// How one model on a hosted runner (fal, Replicate) names its inputs. Runners host many
/// video models, each with its own flat input schema; most differ only in a few names
/// (`image_url` vs `start_image`) and in how the length is written (`5`, `"5"`, `"5s"`).
/// A small table maps model-id prefixes to shapes; anything else gets the runner's default,
/// and `options.extra` fields are sent as they are (over Reel's).
///
/// ```swift
/// let shape = ModelInputShape.find(model, in: FalVideoProvider.shapes, default: .fal)
/// let input = try shape.input(request, images: InputImages(request: request, context: context))
/// ```
public struct ModelInputShape: Sendable, Hashable {
    /// How the length is written.
    public enum Duration: Sendable, Hashable {
        case integer, string
        /// `"8s"`.
        case secondsSuffix
        case omitted
    }

    public var duration: Duration
    public var durationKey = "duration"
    public var aspectKey: String? = "aspect_ratio"
    public var imageKey: String?
    public var lastImageKey: String?
    /// Reference images as an array of data URIs.
    public var referencesKey: String?
    public var negativeKey: String? = "negative_prompt"
    public var seedKey: String? = "seed"
    /// `"720p"`, when the model takes a resolution.
    public var resolutionKey: String?

    public init(duration: Duration, durationKey: String = "duration", aspectKey: String? = "aspect_ratio",
                imageKey: String?, lastImageKey: String? = nil, referencesKey: String? = nil,
                negativeKey: String? = "negative_prompt", seedKey: String? = "seed", resolutionKey: String? = nil) {
        self.duration = duration
        self.durationKey = durationKey
        self.aspectKey = aspectKey
        self.imageKey = imageKey
        self.lastImageKey = lastImageKey
        self.referencesKey = referencesKey
        self.negativeKey = negativeKey
        self.seedKey = seedKey
        self.resolutionKey = resolutionKey
    }

    /// The shape of the first prefix `model` starts with, else `fallback`.
    public static func find(_ model: String, in table: [(prefix: String, shape: ModelInputShape)],
                            default fallback: ModelInputShape) -> ModelInputShape {
        table.filter { model.hasPrefix($0.prefix) }.max { $0.prefix.count < $1.prefix.count }?.shape ?? fallback
    }

    /// The model's input object. Images are data URIs; an image the model has no field for
    /// is an invalid request (never silently dropped).
    public func input(_ request: VideoRequest, images: InputImages, runner: String) throws -> [String: JSONValue] {
        var input: [String: JSONValue] = ["prompt": .string(request.prompt)]
        switch duration {
        case .integer: input[durationKey] = .int(request.wholeSeconds)
        case .string: input[durationKey] = .string(String(request.wholeSeconds))
        case .secondsSuffix: input[durationKey] = .string("\(request.wholeSeconds)s")
        case .omitted: break
        }
        if let aspectKey { input[aspectKey] = .string(request.format.aspect.rawValue) }
        if let resolutionKey { input[resolutionKey] = .string(request.format.size.rawValue) }
        if let seedKey { input[seedKey] = .int(request.seed32) }
        if let negativeKey, let negative = request.negativePrompt, !negative.isEmpty { input[negativeKey] = .string(negative) }
        let slots: [(ImageInput.Role, String?)] = [(.firstFrame, imageKey), (.lastFrame, lastImageKey)]
        for (role, key) in slots {
            guard let image = try images.first(role) else { continue }
            guard let key else { throw unsupported(role.rawValue, model: request.model, runner: runner) }
            input[key] = .string(image.dataURI)
        }
        let references = try images.references()
        if !references.isEmpty {
            guard let referencesKey else { throw unsupported("reference", model: request.model, runner: runner) }
            input[referencesKey] = .array(references.map { .string($0.dataURI) })
        }
        input.merge(request.extraFields) { _, extra in extra }
        return input
    }

    private func unsupported(_ role: String, model: String, runner: String) -> JobFailure {
        JobFailure(.invalidRequest, "\(runner) model \(model) has no input for a \(role) image in Reel's table; "
                   + "name the field with options.extra or pick another model")
    }
}
