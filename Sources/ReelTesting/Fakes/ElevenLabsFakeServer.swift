import Foundation
import ReelModel

/// ElevenLabs' text-to-speech, sound-effects and music protocol on loopback, signed with
/// `xi-api-key`: `POST /v1/text-to-speech/{voice_id}`, `POST /v1/sound-generation` (`text`,
/// and `duration_seconds` within 0.5…30 when given) and `POST /v1/music` (`prompt`, and
/// `music_length_ms` a whole number within 3000…600000 when given), each answering a real MP3
/// (half a second, whatever length was asked); `GET /v1/models`. Errors in ElevenLabs'
/// `{"detail": {"status", "message"}}` form: 401 without the key, 422 for a request ElevenLabs
/// would refuse. Faults per endpoint (`speech`, `effects`, `music`, `models`) through ``answers``.
public final class ElevenLabsFakeServer: Sendable {
    public let server: FakeHTTPServer
    public let apiKey: String
    public let answers: ScriptedAnswers

    public var baseURL: URL { server.baseURL }
    public var requests: [RecordedRequest] { server.requests }

    private init(server: FakeHTTPServer, apiKey: String, answers: ScriptedAnswers) {
        self.server = server
        self.apiKey = apiKey
        self.answers = answers
    }

    public static func start(apiKey: String = "xi-fake-elevenlabs-key-0123") async throws -> ElevenLabsFakeServer {
        let answers = ScriptedAnswers()
        let server = try await FakeHTTPServer.start { request in
            guard request.header("xi-api-key") == apiKey else {
                return ElevenLabsFakeServer.error(401, status: "invalid_api_key", message: "Invalid API key")
            }
            if request.method == "POST", request.path.hasPrefix("/v1/text-to-speech/") {
                guard let text = request.json?["text"]?.stringValue, !text.isEmpty else {
                    return ElevenLabsFakeServer.error(422, status: "invalid_request", message: "text is required")
                }
                return answers.next("speech") ?? .bytes((try? FixtureMedia.mp3()) ?? Data(), contentType: "audio/mpeg")
            }
            if request.method == "POST", request.path == "/v1/sound-generation" {
                guard let text = request.json?["text"]?.stringValue, !text.isEmpty else {
                    return ElevenLabsFakeServer.error(422, status: "invalid_request", message: "text is required")
                }
                if let seconds = request.json?["duration_seconds"], seconds != .null {
                    guard let value = seconds.doubleValue, (0.5...30).contains(value) else {
                        return ElevenLabsFakeServer.error(422, status: "invalid_request",
                                                          message: "duration_seconds must be at least 0.5 and at most 30")
                    }
                }
                return answers.next("effects") ?? .bytes((try? FixtureMedia.mp3()) ?? Data(), contentType: "audio/mpeg")
            }
            if request.method == "POST", request.path == "/v1/music" {
                guard let prompt = request.json?["prompt"]?.stringValue, !prompt.isEmpty else {
                    return ElevenLabsFakeServer.error(422, status: "invalid_request", message: "prompt is required")
                }
                if let length = request.json?["music_length_ms"], length != .null {
                    guard let value = length.intValue, (3_000...600_000).contains(value) else {
                        return ElevenLabsFakeServer.error(422, status: "invalid_request",
                                                          message: "music_length_ms must be at least 3000 and at most 600000")
                    }
                }
                return answers.next("music") ?? .bytes((try? FixtureMedia.mp3()) ?? Data(), contentType: "audio/mpeg")
            }
            if request.method == "GET", request.path == "/v1/models" {
                return answers.next("models") ?? .json([["model_id": "eleven_multilingual_v2"], ["model_id": "eleven_flash_v2_5"]])
            }
            return ElevenLabsFakeServer.error(404, status: "not_found", message: "no route")
        }
        return ElevenLabsFakeServer(server: server, apiKey: apiKey, answers: answers)
    }

    public func stop() async throws { try await server.stop() }

    /// ElevenLabs' error form.
    public static func error(_ code: Int, status: String, message: String, headers: [String: String] = [:]) -> FakeResponse {
        .json(["detail": ["status": .string(status), "message": .string(message)]], status: code, headers: headers)
    }
}
