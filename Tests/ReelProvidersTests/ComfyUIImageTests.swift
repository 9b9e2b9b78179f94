import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `ComfyUIImageProvider` (keyframes from the user's ComfyUI image workflow) against the
/// ComfyUI fake on loopback, through the executor: the slots filled from the still asked
/// for, references uploaded into `reel:reference` slots, the saved PNG stored; a provider
/// without an image workflow makes no images, and says how to give it one when named.
@Suite struct ComfyUIImageTests {
    static let node = AdapterHarness.node(.image)

    /// A text-to-image graph in API format with Reel's slots, and a `LoadImage` per reference.
    static func workflow(references: Int = 0) -> JSONValue {
        var graph: [String: JSONValue] = [
            "3": ["class_type": "KSampler", "_meta": ["title": "reel:seed"],
                  "inputs": ["seed": 1, "steps": 20, "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
                             "latent_image": ["5", 0]]],
            "4": ["class_type": "CheckpointLoaderSimple", "inputs": ["ckpt_name": "flux1-dev.safetensors"]],
            "5": ["class_type": "EmptyLatentImage", "_meta": ["title": "reel:width,height"],
                  "inputs": ["width": 512, "height": 512, "batch_size": 1]],
            "6": ["class_type": "CLIPTextEncode", "_meta": ["title": "reel:prompt"], "inputs": ["text": "", "clip": ["4", 1]]],
            "7": ["class_type": "CLIPTextEncode", "inputs": ["text": "blurry", "clip": ["4", 1]]],
            "8": ["class_type": "VAEDecode", "inputs": ["samples": ["3", 0], "vae": ["4", 2]]],
            "9": ["class_type": "SaveImage", "inputs": ["images": ["8", 0], "filename_prefix": "reel"]],
        ]
        for n in 0..<references {
            graph["\(20 + n)"] = ["class_type": "LoadImage", "_meta": ["title": "reel:reference"], "inputs": ["image": "example.png"]]
        }
        return .object(graph)
    }

    static func config(_ comfy: ComfyUIFakeServer, imageWorkflow: String?) -> ProviderConfig {
        ProviderConfig(id: "comfyui", baseURL: comfy.baseURL, credentials: [:],
                       options: imageWorkflow.map { ["image_workflow": $0] } ?? [:])
    }

    static func comfyui(_ comfy: ComfyUIFakeServer, imageWorkflow: String?) throws -> any ImageGenerator {
        let make = try #require(ComfyUIVideoProvider.entry.image)
        return try make(config(comfy, imageWorkflow: imageWorkflow), try Hosted.support())
    }

    static func withComfy(_ body: (ComfyUIFakeServer, AdapterHarness) async throws -> Void) async throws {
        let comfy = try await ComfyUIFakeServer.start()
        try await Hosted.with(comfy.core) { h in try await body(comfy, h) }
    }

    @Test func theStillAskedForFillsTheSlotsAndTheSavedPNGIsStored() async throws {
        try await Self.withComfy { comfy, h in
            let path = try ComfyUITests.write(Self.workflow(), in: h)
            let provider = try Self.comfyui(comfy, imageWorkflow: path)
            let summary = try await h.run(provider, request: imageRequest(), kind: .image, inputs: [])
            #expect(summary.succeeded, "\(summary.failures)")
            let output = try #require(summary.outputs[Self.node])
            #expect(output.asset.mediaType == "image/png" && output.cost == nil, "self-hosted: nothing paid")
            let queued = try #require(comfy.core.requests("POST", "/prompt").first?.json)
            let graph = try #require(queued["prompt"])
            #expect(graph["6"]?["inputs"]?["text"]?.stringValue == imageRequest().prompt)
            #expect(graph["3"]?["inputs"]?["seed"] == .int(7))
            #expect(graph["5"]?["inputs"]?["width"] == .int(720) && graph["5"]?["inputs"]?["height"] == .int(1280))
            #expect(graph["7"]?["inputs"]?["text"] == "blurry", "an unslotted node is left as it is")
            #expect(queued["client_id"]?.stringValue?.count == 36)
            #expect(comfy.core.requests("GET", "/view").first?.query["filename"]?.hasSuffix(".png") == true)
            // The workflow is the model: editing it makes a new still, never the old one again.
            let before = provider.normalize(imageRequest()).model
            #expect(before.hasPrefix("workflow:"))
            var edited = Self.workflow().objectValue!
            edited["3"] = ["class_type": "KSampler", "_meta": ["title": "reel:seed"], "inputs": ["seed": 1, "steps": 30]]
            try Data(JSONValue.object(edited).canonical.utf8).write(to: URL(fileURLWithPath: path))
            #expect(provider.normalize(imageRequest()).model != before)
        }
    }

    @Test func referencesAreUploadedIntoTheReferenceSlotsInOrder() async throws {
        try await Self.withComfy { comfy, h in
            let provider = try Self.comfyui(comfy, imageWorkflow: try ComfyUITests.write(Self.workflow(references: 2), in: h))
            var request = imageRequest()
            request.references = (0..<2).map { ImageInput(input: $0, role: .reference, subject: SubjectID("char:\($0)")) }
            let summary = try await h.run(provider, request: request, kind: .image, inputs: [try h.image(4), try h.image(5)])
            #expect(summary.succeeded, "\(summary.failures)")
            let uploads = comfy.core.requests("POST", "/upload/image")
            #expect(uploads.count == 2)
            let (four, five) = (try FixtureMedia.png(4), try FixtureMedia.png(5))
            #expect(uploads[0].body.range(of: four) != nil && uploads[1].body.range(of: five) != nil)
            let graph = try #require(comfy.core.requests("POST", "/prompt").first?.json?["prompt"])
            #expect([graph["20"]?["inputs"]?["image"]?.stringValue, graph["21"]?["inputs"]?["image"]?.stringValue] == comfy.uploads.map { $0 },
                    "each reference in its slot, in order")
        }
    }

    /// Without an image workflow ComfyUI is no image model (a project with it for video keeps
    /// its keyframes where they were); named anyway, the still fails saying what to set.
    @Test func withoutAnImageWorkflowItMakesNoImages() async throws {
        try await Self.withComfy { comfy, h in
            let entry = ComfyUIVideoProvider.entry
            #expect(entry.makesImages?(Self.config(comfy, imageWorkflow: nil)) == false)
            #expect(entry.makesImages?(Self.config(comfy, imageWorkflow: "/x.json")) == true)
            let summary = try await h.run(try Self.comfyui(comfy, imageWorkflow: nil), request: imageRequest(), kind: .image, inputs: [])
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .invalidRequest && failure.message.contains("options.image_workflow"), "\(failure)")
            #expect(comfy.core.requests("POST", "/prompt").isEmpty)
        }
    }

    /// A workflow that saves a video is not a keyframe: refused, not stored as a still. More
    /// references than the workflow has slots for: refused before any is uploaded.
    @Test func aWorkflowThatSavesAVideoIsRefused() async throws {
        try await Self.withComfy { comfy, h in
            let provider = try Self.comfyui(comfy, imageWorkflow: try ComfyUITests.write(ComfyUITests.textWorkflow, in: h))
            let summary = try await h.run(provider, request: imageRequest(), kind: .image, inputs: [])
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.message.contains("saved no picture") && failure.message.contains("SaveImage"), "\(failure)")
        }
        try await Self.withComfy { comfy, h in
            let provider = try Self.comfyui(comfy, imageWorkflow: try ComfyUITests.write(Self.workflow(references: 1), in: h))
            var request = imageRequest()
            request.references = (0..<2).map { ImageInput(input: $0, role: .reference, subject: SubjectID("char:\($0)")) }
            let summary = try await h.run(provider, request: request, kind: .image, inputs: [try h.image(4), try h.image(5)])
            let failure = try #require(summary.failures[Self.node])
            #expect(failure.reason == .invalidRequest && failure.message.contains("2 reference images"), "\(failure)")
            #expect(comfy.core.requests("POST", "/upload/image").isEmpty, "nothing left the machine")
        }
    }
}
