import Foundation
import ReelEngine
import ReelModel

/// A ComfyUI workflow in API format (`{"<node id>": {"class_type", "inputs", "_meta"}}`)
/// with Reel's named slots filled in: nodes whose `_meta.title` is `reel:<slot>` (or
/// `reel:<slot>.<input>` to name the input, or `reel:<slot>,<slot>` for a node that takes
/// several) receive the take's prompt, seed, size, length and uploaded images. The
/// convention is documented in docs/COMFYUI.md.
public struct ComfyUIWorkflow: Sendable, Hashable {
    /// What the slots receive.
    public struct Values: Sendable, Hashable {
        public var prompt: String
        public var negative: String
        public var seed: Int64
        public var width: Int
        public var height: Int
        public var frames: Int
        public var fps: Double
        /// Uploaded image names by slot: `image`, `last_image`, and each `reference`.
        public var images: [String: [String]]
    }

    public var graph: [String: JSONValue]

    /// The inputs each slot fills when the title names none: the first one the node has,
    /// else the first of the list.
    static let defaultInputs: [String: [String]] = [
        "prompt": ["text", "prompt", "positive", "string", "value"],
        "negative": ["text", "prompt", "negative", "string", "value"],
        "seed": ["seed", "noise_seed", "value"],
        "width": ["width", "value"], "height": ["height", "value"],
        "frames": ["length", "frames", "frame_count", "num_frames", "batch_size", "value"],
        "fps": ["fps", "frame_rate", "value"],
        "image": ["image"], "last_image": ["image"], "reference": ["image"],
    ]

    /// Reads a workflow file; a UI-format file (with `nodes` and `links`) is refused with a hint.
    public init(contentsOf url: URL) throws {
        guard let data = try? Data(contentsOf: url) else {
            throw JobFailure(.invalidRequest, "ComfyUI: cannot read the workflow file \(url.lastPathComponent)")
        }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: data), let graph = json.objectValue else {
            throw JobFailure(.invalidRequest, "ComfyUI: the workflow \(url.lastPathComponent) is not a JSON object")
        }
        if graph["nodes"]?.arrayValue != nil {
            throw JobFailure(.invalidRequest, "ComfyUI: \(url.lastPathComponent) is a UI workflow; "
                             + "export it with \"Export (API)\" and point options.workflow at that file")
        }
        self.graph = graph
    }

    public init(graph: [String: JSONValue]) { self.graph = graph }

    /// The slots the workflow has, by name, with the node ids and the input each fills.
    public var slots: [String: [(node: String, input: String?)]] {
        var out: [String: [(node: String, input: String?)]] = [:]
        for id in graph.keys.sorted(by: Self.nodeOrder) {
            guard let title = graph[id]?["_meta"]?["title"]?.stringValue, title.hasPrefix("reel:") else { continue }
            for item in title.dropFirst(5).split(separator: ",") {
                let parts = item.trimmingCharacters(in: .whitespaces).split(separator: ".", maxSplits: 1).map(String.init)
                guard let slot = parts.first else { continue }
                out[slot, default: []].append((id, parts.count > 1 ? parts[1] : nil))
            }
        }
        return out
    }

    /// The graph with every slot filled. Unknown slots and images without a slot are refused.
    /// (An adapter asks before uploading anything: ``check(images:)``.)
    public func filled(with values: Values) throws -> JSONValue {
        var graph = self.graph
        let slots = self.slots
        for name in slots.keys.sorted() where Self.defaultInputs[name] == nil {
            throw JobFailure(.invalidRequest, "ComfyUI: the workflow has a node titled reel:\(name), which is not a Reel slot "
                             + "(see docs/COMFYUI.md)")
        }
        for (slot, names) in values.images where !names.isEmpty && (slots[slot]?.isEmpty ?? true) {
            throw JobFailure(.invalidRequest, "ComfyUI: the take has a \(slot) image but the workflow has no node titled reel:\(slot)")
        }
        // More images than slots for them: refused, never made without the rest.
        for (slot, names) in values.images where names.count > (slots[slot]?.count ?? 0) {
            throw JobFailure(.invalidRequest, "ComfyUI: the take has \(names.count) \(slot) images but the workflow has "
                             + "\(slots[slot]?.count ?? 0) node\(slots[slot]?.count == 1 ? "" : "s") titled reel:\(slot)")
        }
        for (slot, targets) in slots {
            for (i, target) in targets.enumerated() {
                guard let value = Self.value(slot, index: i, values: values) else { continue }
                guard var node = graph[target.node]?.objectValue else { continue }
                var inputs = node["inputs"]?.objectValue ?? [:]
                let candidates = target.input.map { [$0] } ?? Self.defaultInputs[slot]!
                let key = candidates.first { inputs[$0] != nil } ?? candidates[0]
                inputs[key] = value
                node["inputs"] = .object(inputs)
                graph[target.node] = .object(node)
            }
        }
        return .object(graph)
    }

    /// Refuses, before any image leaves the machine, images the workflow has too few slots for.
    public func check(images: [String: Int]) throws {
        let slots = self.slots
        for (slot, count) in images where count > 0 && (slots[slot]?.isEmpty ?? true) {
            throw JobFailure(.invalidRequest, "ComfyUI: the take has a \(slot) image but the workflow has no node titled reel:\(slot)")
        }
        for (slot, count) in images where count > (slots[slot]?.count ?? 0) {
            throw JobFailure(.invalidRequest, "ComfyUI: the take has \(count) \(slot) image\(count == 1 ? "" : "s") but the workflow has "
                             + "\(slots[slot]?.count ?? 0) node\(slots[slot]?.count == 1 ? "" : "s") titled reel:\(slot)")
        }
    }

    static func value(_ slot: String, index: Int, values: Values) -> JSONValue? {
        switch slot {
        case "prompt": .string(values.prompt)
        case "negative": .string(values.negative)
        case "seed": .int(values.seed)
        case "width": .int(Int64(values.width))
        case "height": .int(Int64(values.height))
        case "frames": .int(Int64(values.frames))
        case "fps": .double(values.fps)
        default: values.images[slot].flatMap { $0.indices.contains(index) ? .string($0[index]) : nil }
        }
    }

    /// Numeric node ids in numeric order, others after.
    static func nodeOrder(_ a: String, _ b: String) -> Bool {
        switch (Int(a), Int(b)) {
        case let (x?, y?): x < y
        case (_?, nil): true
        case (nil, _?): false
        default: a < b
        }
    }
}
