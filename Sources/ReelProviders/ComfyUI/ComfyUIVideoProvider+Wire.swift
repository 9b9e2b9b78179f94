import Foundation
import ReelEngine
import ReelModel

/// ComfyUI's answers: validation errors, history entries, the saved file.
///
/// What the sources leave open (reference §11): newer builds' client-chosen `prompt_id`
/// (not used: Reel finds a retried prompt by its `client_id` instead) and `progress_state`
/// events (progress is not read; `/history` is the source of truth); which output key a
/// node saves under (`videos`, `gifs`, `images` — all are read, a video file preferred).
extension ComfyUIVideoProvider {
    /// A stable client id for an idempotency key: the same take always has the same one.
    static func clientID(_ key: String) -> String {
        let hex = Array(Hashing.sha256("reel-comfyui|" + key).rawValue.prefix(32))
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(hex[$0]) }.joined(separator: "-")
    }

    /// What the slots receive.
    static func values(_ request: VideoRequest, images: [String: [String]]) -> ComfyUIWorkflow.Values {
        let fps = request.format.frameRate.framesPerSecond
        return ComfyUIWorkflow.Values(
            prompt: request.prompt, negative: request.negativePrompt ?? "", seed: Int64(request.seed % (1 << 53)),
            width: request.format.width, height: request.format.height,
            frames: max(1, Int((request.duration.seconds * fps).rounded())), fps: fps, images: images)
    }

    /// A refused workflow (`400 {error, node_errors}`) as an invalid request naming the node.
    static func refusal(_ response: HTTPResponse) -> JobFailure? {
        guard response.status == 400, let json = response.json else { return nil }
        let type = json["error"]?["type"]?.stringValue ?? "invalid_prompt"
        var said = json["error"]?["message"]?.stringValue ?? "the workflow is not valid"
        if let nodes = json["node_errors"]?.objectValue, let id = nodes.keys.sorted(by: ComfyUIWorkflow.nodeOrder).first {
            let node = nodes[id]
            let error = node?["errors"]?.arrayValue?.first
            let what = [error?["message"]?.stringValue, error?["details"]?.stringValue].compactMap { $0 }
                .filter { !$0.isEmpty }.joined(separator: ": ")
            said = "node \(id) (\(node?["class_type"]?.stringValue ?? "?")): \(what.isEmpty ? said : what)"
        } else if let details = json["error"]?["details"]?.stringValue, !details.isEmpty {
            said += ": \(details)"
        }
        return JobFailure(.invalidRequest, "ComfyUI refused the workflow: \(Redaction.message(said))",
                          providerCode: String(Redaction.message(type).prefix(64)))
    }

    /// What a finished history entry says.
    static func status(_ entry: JSONValue, promptID: String, view: URL, stills: Bool = false) throws -> JobStatus {
        let status = entry["status"]
        if status?["status_str"]?.stringValue == "error" {
            let error = (status?["messages"]?.arrayValue ?? []).first { at($0, 0)?.stringValue == "execution_error" }
            let data = at(error, 1)
            let node = data?["node_id"]?.stringValue.map { "node \($0) (\(data?["node_type"]?.stringValue ?? "?")): " } ?? ""
            let said = data?["exception_message"]?.stringValue.map(Redaction.message) ?? "no reason given"
            return .failed(JobFailure(.failed, "ComfyUI failed prompt \(promptID): \(node)\(said)",
                                      providerCode: data?["exception_type"]?.stringValue.map { String($0.prefix(64)) }))
        }
        guard let file = outputFile(entry["outputs"], stills: stills) else {
            if status?["completed"]?.boolValue == false { return .running(progress: nil) }
            if stills {
                return .failed(JobFailure(.invalidRequest, "ComfyUI ran prompt \(promptID) but it saved no picture (PNG, JPEG or WebP); "
                                          + "end the image workflow with a SaveImage node"))
            }
            return .failed(JobFailure(.invalidRequest, "ComfyUI ran prompt \(promptID) but it saved nothing; "
                                      + "end the workflow with a SaveVideo, VHS_VideoCombine or SaveImage node"))
        }
        var parts = URLComponents(url: view, resolvingAgainstBaseURL: false)!
        parts.queryItems = [URLQueryItem(name: "filename", value: file.filename),
                            URLQueryItem(name: "subfolder", value: file.subfolder),
                            URLQueryItem(name: "type", value: file.type)]
        return .succeeded(ResultLocator(url: parts.url!.absoluteString,
                                        details: ["prompt_id": .string(promptID), "node": .string(file.node),
                                                  "filename": .string(file.filename)]))
    }

    /// The file a prompt saved: a video when any node saved one, else the first image; with
    /// `stills`, the first picture (PNG, JPEG or WebP: a GIF is a moving image), else nothing.
    static func outputFile(_ outputs: JSONValue?, stills: Bool = false) -> (node: String, filename: String, subfolder: String, type: String)? {
        var found: [(node: String, filename: String, subfolder: String, type: String)] = []
        let nodes = outputs?.objectValue ?? [:]
        for id in nodes.keys.sorted(by: ComfyUIWorkflow.nodeOrder) {
            for key in ["videos", "gifs", "images"] {
                for item in nodes[id]?[key]?.arrayValue ?? [] {
                    guard let name = item["filename"]?.stringValue else { continue }
                    found.append((id, name, item["subfolder"]?.stringValue ?? "", item["type"]?.stringValue ?? "output"))
                }
            }
        }
        if stills {
            let still = ["image/png", "image/jpeg", "image/webp"]
            return found.first { TaskClient.mediaType(fileName: $0.filename).map(still.contains) == true }
        }
        let isVideo = { (name: String) in TaskClient.mediaType(fileName: name)?.hasPrefix("video/") == true }
        return found.first { isVideo($0.filename) } ?? found.first
    }
}
