import Foundation
import ReelEngine
import ReelModel

/// ComfyUI's HTTP calls beyond queueing: uploads, history, and finding a prompt already queued.
extension ComfyUIVideoProvider {
    /// The workflow slot an image of `role` goes to; nil for none (an overlay stays here).
    static func slot(for role: ImageInput.Role) -> String? {
        switch role {
        case .firstFrame: "image"
        case .lastFrame: "last_image"
        case .reference: "reference"
        case .overlay: nil
        }
    }

    /// Uploads the take's images (`POST /upload/image`, multipart) and returns the names
    /// ComfyUI gave them (it may rename), by slot — once `workflow` is known to have a slot
    /// for each: an image it would refuse never leaves the machine.
    func upload(_ images: InputImages, for workflow: ComfyUIWorkflow) async throws -> [String: [String]] {
        var counts: [String: Int] = [:]
        for input in images.images { if let slot = Self.slot(for: input.role) { counts[slot, default: 0] += 1 } }
        try workflow.check(images: counts)
        var names: [String: [String]] = [:]
        for image in try images.all() {
            guard let slot = Self.slot(for: image.input.role) else { continue }
            let digest = Hashing.sha256(image.data).rawValue.prefix(16)
            var form = MultipartForm(boundary: "reel-\(digest)")
            form.add("image", file: image.data, fileName: "reel-\(digest).\(Asset.fileExtension(for: image.mediaType))",
                     type: image.mediaType)
            form.add("type", "input")
            form.add("overwrite", "true")
            let response = try await client.exchange("POST", client.url("upload/image"), data: form.data, contentType: form.contentType)
            try client.check(response, doing: "upload an input image")
            let answer = try client.object(response, doing: "upload an input image")
            guard let name = answer["name"]?.stringValue else {
                throw JobFailure(.transient, "ComfyUI took the image upload but did not say its name")
            }
            let subfolder = answer["subfolder"]?.stringValue ?? ""
            names[slot, default: []].append(subfolder.isEmpty ? name : "\(subfolder)/\(name)")
        }
        return names
    }

    /// The status `/history/{id}` gives, or nil while the prompt has not finished.
    /// - Parameter stills: a still is wanted: the first picture saved, not the first video.
    func history(_ id: String, stills: Bool = false) async throws -> JobStatus? {
        let answer = try await client.call("GET", client.url("history").appendingPathComponent(id), doing: "report on prompt \(id)")
        guard let entry = answer[id], entry.objectValue != nil else { return nil }
        return try Self.status(entry, promptID: id, view: client.url("view"), stills: stills)
    }

    /// A prompt this client id already queued or ran (a retried submit), if any.
    func existingPrompt(clientID: String) async throws -> String? {
        let queue = try await client.call("GET", client.url("queue"), doing: "list the queue")
        for item in (queue["queue_running"]?.arrayValue ?? []) + (queue["queue_pending"]?.arrayValue ?? []) {
            if Self.at(item, 3)?["client_id"]?.stringValue == clientID { return Self.at(item, 1)?.stringValue }
        }
        var parts = URLComponents(url: client.url("history"), resolvingAgainstBaseURL: false)!
        parts.queryItems = [URLQueryItem(name: "max_items", value: "64")]
        let history = try await client.call("GET", parts.url!, doing: "read the history")
        for (id, entry) in history.objectValue ?? [:]
        where Self.at(entry["prompt"], 3)?["client_id"]?.stringValue == clientID {
            return id
        }
        return nil
    }

    /// Prompt ids of `/queue` items (`[number, prompt_id, prompt, extra_data, outputs]`).
    static func ids(_ items: JSONValue?) -> [String] {
        (items?.arrayValue ?? []).compactMap { at($0, 1)?.stringValue }
    }

    /// Element `index` of a JSON array, or nil.
    static func at(_ array: JSONValue?, _ index: Int) -> JSONValue? {
        guard let items = array?.arrayValue, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
