import Foundation
import ReelModel

/// The body of `POST /v1/generations`, read strictly: a field of the wrong JSON type is
/// refused with 400 and the field's name, the way real providers refuse a `duration` sent
/// as a string. That is what makes the simulation catch adapter bugs.
public struct SimulatedGenerationRequest: Sendable, Hashable {
    public var model: String
    public var prompt: String
    /// Whole milliseconds (a JSON integer).
    public var durationMilliseconds: Int64
    public var width: Int
    public var height: Int
    /// Sent as `"24"` or `"24000/1001"`.
    public var frameRate: FrameRate
    /// Sent as a string of digits: a UInt64 does not fit a JSON number safely.
    public var seed: UInt64
    /// Drawn on the clip; optional.
    public var label: String?
    /// The still the clip starts on (`first_frame`, a PNG or JPEG data URI); the clip is
    /// drawn from it.
    public var firstFrame: Data?
    /// The still it ends on (`last_frame`); kept, not drawn.
    public var lastFrame: Data?
    /// The clip's own soundtrack asked for (`audio: true`): a tone as long as the picture.
    public var audio = false

    /// The frame rates accepted, as sent.
    public static let frameRates = ["24", "25", "30", "24000/1001", "30000/1001"]
    public static let durations: ClosedRange<Int64> = 500...20_000
    public static let sides: ClosedRange<Int> = 64...4096

    /// A field that is missing, of the wrong type or out of range.
    public struct Invalid: Error, Sendable, Hashable {
        public var field: String
        public var message: String
    }

    /// Reads and checks a request body against `models`.
    public init(json: JSONValue?, models: [String]) throws {
        guard let body = json, body.objectValue != nil else {
            throw Invalid(field: "body", message: "the body must be a JSON object")
        }
        model = try Self.string(body, "model")
        guard models.contains(model) else {
            throw Invalid(field: "model", message: "unknown model '\(model.prefix(40))'; use one of \(models.joined(separator: ", "))")
        }
        prompt = try Self.string(body, "prompt")
        guard prompt.count <= 4000 else { throw Invalid(field: "prompt", message: "prompt is longer than 4000 characters") }
        durationMilliseconds = try Self.integer(body, "duration_ms", in: Self.durations)
        width = Int(try Self.integer(body, "width", in: Int64(Self.sides.lowerBound)...Int64(Self.sides.upperBound)))
        height = Int(try Self.integer(body, "height", in: Int64(Self.sides.lowerBound)...Int64(Self.sides.upperBound)))
        guard width % 2 == 0, height % 2 == 0 else {
            throw Invalid(field: width % 2 == 0 ? "height" : "width", message: "width and height must be even")
        }
        let fps = try Self.string(body, "fps")
        guard Self.frameRates.contains(fps), let rate = FrameRate(parsing: fps) else {
            throw Invalid(field: "fps", message: "fps must be a string, one of \(Self.frameRates.joined(separator: ", "))")
        }
        frameRate = rate
        let seedText = try Self.string(body, "seed")
        guard seedText.allSatisfy(\.isASCII), let seed = UInt64(seedText) else {
            throw Invalid(field: "seed", message: "seed must be a string of digits (an unsigned 64-bit integer)")
        }
        self.seed = seed
        switch body["label"] {
        case nil, .null?: label = nil
        case .string(let text)?: label = String(text.prefix(80))
        default: throw Invalid(field: "label", message: "label must be a string")
        }
        firstFrame = try Self.image(body, "first_frame")
        lastFrame = try Self.image(body, "last_frame")
        switch body["audio"] {
        case nil, .null?: audio = false
        case .bool(let asked)?: audio = asked
        default: throw Invalid(field: "audio", message: "audio must be true or false")
        }
    }

    /// An optional image sent as a `data:image/png;base64,…` or `data:image/jpeg;base64,…` URI,
    /// whose bytes must be a PNG or JPEG.
    static func image(_ body: JSONValue, _ field: String) throws -> Data? {
        guard let value = body[field], value != .null else { return nil }
        guard let uri = value.stringValue, uri.hasPrefix("data:image/"), let comma = uri.firstIndex(of: ","),
              uri[..<comma].hasSuffix(";base64"), let data = Data(base64Encoded: String(uri[uri.index(after: comma)...])) else {
            throw Invalid(field: field, message: "\(field) must be a data URI: data:image/png;base64,…")
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47], jpeg: [UInt8] = [0xFF, 0xD8, 0xFF]
        guard data.starts(with: png) || data.starts(with: jpeg) else {
            throw Invalid(field: field, message: "\(field) is not a PNG or JPEG image")
        }
        guard data.count <= 30_000_000 else { throw Invalid(field: field, message: "\(field) is larger than 30 MB") }
        return data
    }

    /// Frames in the clip: the duration at the rate, to the nearest frame, at least one.
    public var frames: Int64 { max(1, frameRate.frames(in: .milliseconds(durationMilliseconds))) }

    /// The canonical body, to tell a replay with the same idempotency key from a different request.
    var fingerprint: String {
        JSONValue.object([
            "model": .string(model), "prompt": .string(prompt), "duration_ms": .int(durationMilliseconds),
            "width": .int(Int64(width)), "height": .int(Int64(height)), "fps": .string(String(describing: frameRate)),
            "seed": .string(String(seed)), "label": label.map(JSONValue.string) ?? .null,
            "first_frame": firstFrame.map { .string(Self.digest($0)) } ?? .null,
            "last_frame": lastFrame.map { .string(Self.digest($0)) } ?? .null,
            "audio": .bool(audio),
        ]).canonical
    }

    /// A short stand-in for an image's bytes in fingerprints and cache names.
    static func digest(_ data: Data) -> String {
        String(SeededRandom.fnv1a(data.base64EncodedString()), radix: 16) + "-\(data.count)"
    }

    static func string(_ body: JSONValue, _ field: String) throws -> String {
        guard let value = body[field] else { throw Invalid(field: field, message: "\(field) is required") }
        guard let text = value.stringValue else { throw Invalid(field: field, message: "\(field) must be a string") }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Invalid(field: field, message: "\(field) must not be empty")
        }
        return text
    }

    static func integer(_ body: JSONValue, _ field: String, in range: ClosedRange<Int64>) throws -> Int64 {
        guard let value = body[field] else { throw Invalid(field: field, message: "\(field) is required") }
        guard case .int(let number) = value else { throw Invalid(field: field, message: "\(field) must be an integer") }
        guard range.contains(number) else {
            throw Invalid(field: field, message: "\(field) must be between \(range.lowerBound) and \(range.upperBound)")
        }
        return number
    }
}
