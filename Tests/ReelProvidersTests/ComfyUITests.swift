import Foundation
import ReelEngine
import ReelModel
import ReelProviders
import ReelTesting
import Testing

/// `ComfyUIVideoProvider` against a ComfyUI fake on loopback: slots, uploads, queueing,
/// history, validation errors and resumes.
@Suite struct ComfyUITests {
    /// A text/image-to-video graph in API format with every Reel slot.
    static let videoWorkflow: JSONValue = [
        "3": ["class_type": "KSampler", "_meta": ["title": "reel:seed"],
              "inputs": ["seed": 1, "steps": 20, "model": ["4", 0], "positive": ["6", 0], "negative": ["7", 0],
                         "latent_image": ["5", 0]]],
        "4": ["class_type": "CheckpointLoaderSimple", "inputs": ["ckpt_name": "wan2.1.safetensors"]],
        "5": ["class_type": "EmptyHunyuanLatentVideo", "_meta": ["title": "reel:width,height,frames"],
              "inputs": ["width": 512, "height": 512, "length": 25, "batch_size": 1]],
        "6": ["class_type": "CLIPTextEncode", "_meta": ["title": "reel:prompt"], "inputs": ["text": "", "clip": ["4", 1]]],
        "7": ["class_type": "CLIPTextEncode", "_meta": ["title": "reel:negative"], "inputs": ["text": "", "clip": ["4", 1]]],
        "8": ["class_type": "VAEDecode", "inputs": ["samples": ["3", 0], "vae": ["4", 2]]],
        "9": ["class_type": "VHS_VideoCombine", "_meta": ["title": "reel:fps.frame_rate"],
              "inputs": ["images": ["8", 0], "frame_rate": 16, "format": "video/h264-mp4"]],
        "10": ["class_type": "LoadImage", "_meta": ["title": "reel:image"], "inputs": ["image": "example.png"]],
    ]

    /// The same graph without its `LoadImage` node: for text-to-video takes (ComfyUI refuses
    /// a `LoadImage` whose file was never uploaded).
    static var textWorkflow: JSONValue {
        var graph = videoWorkflow.objectValue!
        graph["10"] = nil
        return .object(graph)
    }

    static func write(_ workflow: JSONValue, in h: AdapterHarness) throws -> String {
        let url = h.blobs.root.deletingLastPathComponent().appendingPathComponent("workflow-\(UUID().uuidString).json")
        try Data(workflow.canonical.utf8).write(to: url)
        return url.path
    }

    static func adapter(_ comfy: ComfyUIFakeServer, workflow: String, key: String? = nil, requestTimeout: Double = 5,
                        probe: Bool = false) throws -> ComfyUIVideoProvider {
        let config = Hosted.config("comfyui", baseURL: comfy.baseURL,
                                   credentials: key.map { ["COMFYUI_API_KEY": $0] } ?? [:], options: ["workflow": workflow],
                                   model: "default", perSecond: "0")
        return try ComfyUIVideoProvider(config: config, support: try Hosted.support(requestTimeout: requestTimeout, probe: probe))
    }

    static func withComfy(apiKey: String = "", _ body: (ComfyUIFakeServer, AdapterHarness, String) async throws -> Void)
        async throws {
        let comfy = try await ComfyUIFakeServer.start(apiKey: apiKey)
        try await Hosted.with(comfy.core) { h in try await body(comfy, h, try write(textWorkflow, in: h)) }
    }

    @Test func theSlotsAreFilledAndTheImageUploaded() async throws {
        try await Self.withComfy { comfy, h, _ in
            let workflow = try Self.write(Self.videoWorkflow, in: h)
            var request = AdapterHarness.request(mode: .imageToVideo)
            request.negativePrompt = "blurry, text"
            let summary = try await h.run(try Self.adapter(comfy, workflow: workflow, probe: true), request: request,
                                          inputs: try Hosted.inputs(h, .imageToVideo))
            #expect(summary.succeeded)
            let upload = try #require(comfy.core.requests("POST", "/upload/image").first)
            #expect(upload.header("content-type")?.hasPrefix("multipart/form-data; boundary=") == true)
            #expect(upload.body.range(of: try FixtureMedia.png(0)) != nil)
            #expect(upload.header("authorization") == nil)
            let queued = try #require(comfy.core.requests("POST", "/prompt").first?.json)
            let graph = try #require(queued["prompt"])
            #expect(graph["6"]?["inputs"]?["text"]?.stringValue == request.prompt)
            #expect(graph["7"]?["inputs"]?["text"] == "blurry, text")
            #expect(graph["3"]?["inputs"]?["seed"] == .int(7))
            #expect(graph["5"]?["inputs"]?["width"] == .int(720))
            #expect(graph["5"]?["inputs"]?["height"] == .int(1280))
            #expect(graph["5"]?["inputs"]?["length"] == .int(120))
            #expect(graph["9"]?["inputs"]?["frame_rate"]?.doubleValue == 24)
            #expect(graph["10"]?["inputs"]?["image"]?.stringValue == comfy.uploads.first)
            #expect(graph["3"]?["inputs"]?["model"] == ["4", 0])
            let clientID = try #require(queued["client_id"]?.stringValue)
            #expect(clientID.count == 36)
            let handle = try #require(await Hosted.handle(h))
            #expect(handle.extra?["client_id"]?.stringValue == clientID)
            #expect(comfy.core.requests("GET", "/history/\(handle.jobID)").count == 2)
            let view = try #require(comfy.core.requests("GET", "/view").first)
            #expect(view.query == ["filename": "reel_00001.mp4", "subfolder": "video", "type": "output"])
            let output = try #require(summary.outputs[Hosted.node])
            #expect(output.asset.mediaType == "video/mp4")
            #expect(output.asset.media?.hasVideo == true)
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func theSameTakeKeepsItsClientIDAndAnImageWorkflowSavesAPNG() async throws {
        try await Self.withComfy { comfy, h, _ in
            let image: JSONValue = [
                "1": ["class_type": "EmptyImage", "_meta": ["title": "reel:width,height"],
                      "inputs": ["width": 64, "height": 64, "batch_size": 1, "color": 0]],
                "2": ["class_type": "SaveImage", "inputs": ["images": ["1", 0], "filename_prefix": "reel"]],
            ]
            let summary = try await h.run(try Self.adapter(comfy, workflow: try Self.write(image, in: h)))
            let output = try #require(summary.outputs[Hosted.node])
            #expect(output.asset.mediaType == "image/png")
            #expect(comfy.core.requests("GET", "/view").first?.query["filename"] == "reel_00001_.png")
        }
    }

    @Test func aWorkflowComfyUIRefusesNamesTheNode() async throws {
        try await Self.withComfy { comfy, h, _ in
            var broken = Self.videoWorkflow.objectValue!
            broken["8"] = ["class_type": "VAEDecode", "inputs": ["samples": ["3", 0], "vae": ["40", 2]]]
            let summary = try await h.run(try Self.adapter(comfy, workflow: try Self.write(.object(broken), in: h)))
            let failure = try #require(summary.failures[Hosted.node])
            #expect(failure.reason == .invalidRequest)
            #expect(failure.message.contains("node 8 (VAEDecode): Bad linked input: vae"))
            #expect(failure.providerCode == "prompt_outputs_failed_validation")
            #expect(comfy.core.requests("POST", "/prompt").count == 1)
        }
    }

    @Test(arguments: [
        (["1": ["class_type": "SaveImage", "_meta": ["title": "reel:colour"], "inputs": [:]]] as JSONValue, "reel:colour"),
        (["nodes": [], "links": []] as JSONValue, "Export (API)"),
    ])
    func aWorkflowReelCannotFillIsRefusedBeforeQueueing(workflow: JSONValue, says: String) async throws {
        try await Self.withComfy { comfy, h, _ in
            let summary = try await h.run(try Self.adapter(comfy, workflow: try Self.write(workflow, in: h)))
            let failure = try #require(summary.failures[Hosted.node])
            #expect(failure.reason == .invalidRequest)
            #expect(failure.message.contains(says))
            #expect(comfy.core.requests("POST", "/prompt").isEmpty)
        }
    }

    @Test func aFirstFrameWithoutAnImageSlotIsRefused() async throws {
        try await Self.withComfy { comfy, h, _ in
            let summary = try await h.run(try Self.adapter(comfy, workflow: try Self.write(Self.textWorkflow, in: h)),
                                          request: AdapterHarness.request(mode: .imageToVideo),
                                          inputs: try Hosted.inputs(h, .imageToVideo))
            #expect(summary.failures[Hosted.node]?.message.contains("no node titled reel:image") == true)
        }
    }

    @Test func aFailedRunNamesTheNode() async throws {
        try await Self.withComfy { comfy, h, workflow in
            comfy.core.scriptNextJob(.fails(code: "OutOfMemoryError", message: "Allocation on device failed"))
            let summary = try await h.run(try Self.adapter(comfy, workflow: workflow))
            let failure = try #require(summary.failures[Hosted.node])
            #expect(failure.reason == .failed)
            #expect(failure.message.contains("node 3 (KSampler): Allocation on device failed"))
            #expect(failure.providerCode == "OutOfMemoryError")
            #expect(comfy.core.jobs.count == 1)
        }
    }

    @Test func aHungQueueRequestIsRetriedWithoutQueueingTwice() async throws {
        try await Self.withComfy { comfy, h, workflow in
            comfy.core.script(.hang(seconds: 30), on: .create)
            let summary = try await h.run(try Self.adapter(comfy, workflow: workflow, requestTimeout: 4))
            #expect(summary.succeeded)
            #expect(comfy.core.requests("POST", "/prompt").count == 1)
            #expect(comfy.core.jobs.count == 1)
        }
    }

    @Test(arguments: [FakeTaskCore.Fault.status(500, ["error": "boom"]), .malformedJSON, .hang(seconds: 30)])
    func aBadHistoryAnswerIsRetriedByPollingTheSamePrompt(fault: FakeTaskCore.Fault) async throws {
        try await Self.withComfy { comfy, h, workflow in
            comfy.core.script(fault, on: .poll)
            let ran = try await h.run(try Self.adapter(comfy, workflow: workflow, requestTimeout: 4))
            #expect(ran.succeeded)
            #expect(comfy.core.jobs.count == 1)
        }
    }

    @Test func aPromptTheServerLostIsQueuedAgain() async throws {
        try await Self.withComfy { comfy, h, workflow in
            comfy.core.forget("5f0e1c2a-prompt-1")
            let ran = try await h.run(try Self.adapter(comfy, workflow: workflow))
            #expect(ran.succeeded)
            #expect(comfy.core.jobs.count == 2)
            let ids = comfy.core.jobs.compactMap { $0.body["client_id"]?.stringValue }
            #expect(Set(ids).count == 2)
        }
    }

    @Test func aDeletedOutputMakesTheTakeAgainAndATruncatedOneIsNeverStored() async throws {
        try await Self.withComfy { comfy, h, workflow in
            comfy.core.script(.expiredLink(status: 404), on: .download)
            comfy.core.script(.truncated, on: .download)
            let ran = try await h.run(try Self.adapter(comfy, workflow: workflow))
            #expect(ran.succeeded)
            #expect(comfy.core.jobs.count == 2)
            #expect(comfy.core.downloads == (3, 1))
            #expect(try h.scratchFiles.isEmpty)
        }
    }

    @Test func editingTheWorkflowChangesTheCacheKey() async throws {
        try await Self.withComfy { comfy, h, workflow in
            let adapter = try Self.adapter(comfy, workflow: workflow)
            let before = adapter.normalize(AdapterHarness.request())
            try Data(#"{"1": {"class_type": "SaveImage", "inputs": {}}}"#.utf8).write(to: URL(fileURLWithPath: workflow))
            let after = adapter.normalize(AdapterHarness.request())
            #expect(before.options?["workflow_sha256"] != nil)
            #expect(before != after)
        }
    }

    @Test func theEntryBuildsFromConfigAndChecksTheServerAndAProxyKey() async throws {
        try await Self.withComfy(apiKey: "proxy-secret-31") { comfy, h, workflow in
            let support = try Hosted.support(probe: false)
            let good = Hosted.config("comfyui", baseURL: comfy.baseURL, credentials: ["COMFYUI_API_KEY": "proxy-secret-31"],
                                     model: "m")
            #expect(try ComfyUIVideoProvider.entry.video?(good, support).descriptor.id == "comfyui")
            #expect(try await ComfyUIVideoProvider.entry.check(good, support) == "ComfyUI 0.3.60 reachable")
            let bad = Hosted.config("comfyui", baseURL: comfy.baseURL, credentials: ["COMFYUI_API_KEY": "nope"], model: "m")
            let failure = await #expect(throws: JobFailure.self) { try await ComfyUIVideoProvider.entry.check(bad, support) }
            #expect(failure?.reason == .auth)
            let adapter = try Self.adapter(comfy, workflow: workflow, key: "proxy-secret-31")
            let summary = try await h.run(adapter)
            #expect(summary.succeeded)
            #expect(comfy.core.requests("POST", "/prompt").first?.header("authorization") == "Bearer proxy-secret-31")
            try await Hosted.expectNoSecret("proxy-secret-31", adapter: adapter, summary: summary, h: h)
        }
    }
}
