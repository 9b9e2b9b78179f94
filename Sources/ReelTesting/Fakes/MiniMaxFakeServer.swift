import Foundation
import ReelModel

/// MiniMax's documented v1 video API as a ``FakeTaskDialect``: `POST /v1/video_generation`,
/// `GET /v1/query/video_generation?task_id=` (`Queueing` → `Processing` → `Success` with a
/// `file_id`, or `Fail`), `GET /v1/files/retrieve?file_id=` (`file.download_url`), and every
/// error as `base_resp.status_code` inside HTTP 200, bad keys (1004) included. Speech on the
/// same host and key: `POST /v1/t2a_v2` answers a real MP3, hex-encoded in `data.audio`
/// (2013 for a missing text or voice, or a system voice id that does not exist). Music:
/// `POST /v1/music_generation` answers a four-second MP3, hex-encoded in `data.audio` (2013 for
/// a song without lyrics, an instrumental without a prompt, or either over its limit).
public struct MiniMaxFakeServer: FakeTaskDialect {
    public var key: String

    public init(key: String = "eyJhbGciOi-minimax-key-4471") { self.key = key }

    /// A business error inside HTTP 200 (or `status`).
    public static func error(_ code: Int, _ message: String, status: Int = 200, headers: [String: String] = [:]) -> FakeResponse {
        .json(["base_resp": ["status_code": .int(Int64(code)), "status_msg": .string(message)]], status: status, headers: headers)
    }

    static let ok: JSONValue = ["status_code": 0, "status_msg": "success"]

    public func authorize(_ request: RecordedRequest) -> FakeResponse? {
        request.bearerToken == key ? nil : Self.error(1004, "login fail: Please carry the API secret key in the 'Authorization' field")
    }

    public func route(_ request: RecordedRequest) -> FakeTaskServer.Route {
        switch (request.method, request.path) {
        case ("POST", "/v1/video_generation"): return .create(key: nil)
        case ("GET", "/v1/query/video_generation"): return .poll(id: request.query["task_id"] ?? "")
        case ("GET", "/v1/files/retrieve"): return .file(id: String((request.query["file_id"] ?? "").dropFirst("file-".count)))
        case ("POST", "/v1/t2a_v2"): return .other(Self.speech(request))
        case ("POST", "/v1/music_generation"): return .other(Self.music(request))
        default: return .other(.status(404))
        }
    }

    /// The system voices the fake knows; ids with `moss_audio_` or `clone-` stand for an
    /// account's own voices.
    public static let systemVoices: Set<String> = [
        "female-shaonv", "female-yujie", "female-chengshu", "female-tianmei", "presenter_female", "audiobook_female_1",
        "audiobook_female_2", "male-qn-qingse", "male-qn-jingying", "male-qn-badao", "male-qn-daxuesheng", "presenter_male",
        "audiobook_male_1", "audiobook_male_2", "clever_boy", "lovely_girl",
    ]

    static func speech(_ request: RecordedRequest) -> FakeResponse {
        guard let text = request.json?["text"]?.stringValue, !text.isEmpty else { return error(2013, "invalid params: text") }
        guard let voice = request.json?["voice_setting"]?["voice_id"]?.stringValue,
              systemVoices.contains(voice) || voice.hasPrefix("moss_audio_") || voice.hasPrefix("clone-") else {
            return error(2013, "invalid params: voice_id")
        }
        let mp3 = (try? FixtureMedia.mp3()) ?? Data()
        let hex = mp3.map { String(format: "%02x", $0) }.joined()
        return .json(["data": ["audio": .string(hex), "status": 2],
                      "extra_info": ["audio_length": 500, "audio_sample_rate": 32000, "audio_size": .int(Int64(mp3.count)),
                                     "audio_format": "mp3", "usage_characters": .int(Int64(text.count))],
                      "trace_id": "fake-trace", "base_resp": ok])
    }

    static func music(_ request: RecordedRequest) -> FakeResponse {
        guard request.json?["model"]?.stringValue?.hasPrefix("music-") == true else { return error(2013, "invalid params: model") }
        let prompt = request.json?["prompt"]?.stringValue ?? ""
        let lyrics = request.json?["lyrics"]?.stringValue ?? ""
        let instrumental = request.json?["is_instrumental"]?.boolValue == true
        guard prompt.count <= 2_000, instrumental ? !prompt.isEmpty : (1...3_500).contains(lyrics.count) else {
            return error(2013, instrumental ? "invalid params: prompt" : "invalid params: lyrics")
        }
        let mp3 = (try? FixtureMedia.song()) ?? Data()
        let hex = mp3.map { String(format: "%02x", $0) }.joined()
        return .json(["data": ["audio": .string(hex), "status": 2],
                      "extra_info": ["music_duration": 4000, "music_sample_rate": 44100, "music_channel": 2, "bitrate": 256000,
                                     "music_size": .int(Int64(mp3.count))],
                      "trace_id": "fake-trace", "base_resp": ok])
    }

    public func created(_ task: FakeTask) -> FakeResponse { .json(["task_id": .string(task.id), "base_resp": Self.ok]) }

    public func report(_ task: FakeTask, resultURL: String) -> FakeResponse {
        var json: [String: JSONValue] = ["task_id": .string(task.id), "base_resp": Self.ok]
        switch task.phase {
        case .queued: json["status"] = "Queueing"
        case .running: json["status"] = "Processing"
        case .succeeded:
            json["status"] = "Success"
            json["file_id"] = .string("file-\(task.id)")
            json["video_width"] = 64
            json["video_height"] = 112
        case .failed: json["status"] = "Fail"
        }
        return .json(.object(json))
    }

    public func file(_ task: FakeTask, resultURL: String) -> FakeResponse {
        .json(["file": ["file_id": .string("file-\(task.id)"), "bytes": 0, "created_at": 1_760_000_000, "filename": "output.mp4",
                        "purpose": "video_generation", "download_url": .string(resultURL)], "base_resp": Self.ok])
    }

    public func unknownTask(_ id: String) -> FakeResponse { Self.error(2013, "invalid params: task_id") }
}
