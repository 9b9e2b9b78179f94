extension BuiltinCatalog {
    /// A few video models on fal.ai (any fal app path works as a model id; these are the ones
    /// with an input shape in `FalVideoProvider.shapes`). Prices are fal's per-clip list
    /// prices as remembered, divided per second: estimates.
    static let fal = #"""
    schema: reel.models/1
    models:
      - provider: fal
        id: fal-ai/kling-video/lipsync/audio-to-video
        name: Kling LipSync on fal (a take's mouths moved to its voices)
        medium: lipsync
        quality: 7
        price: { amount: "0.014", currency: USD, per: second, source: "fal.ai model page, 2026-12" }
        notes: billed by the second of video, rounded up to 5 s; takes 2–10 s of 720p or 1080p video.
      - provider: fal
        id: fal-ai/kling-video/v2.1/master/text-to-video
        name: Kling 2.1 Master on fal (text)
        modes: [text]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [1080p]
        quality: 8
        price: { amount: "0.28", currency: USD, per: second, source: estimate }
        notes: fal answers carry no cost; the catalog price is recorded.
      - provider: fal
        id: fal-ai/kling-video/v2.1/pro/image-to-video
        name: Kling 2.1 Pro on fal (image, first and last frame)
        modes: [image, first-last]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [1080p]
        quality: 8
        price: { amount: "0.09", currency: USD, per: second, source: estimate }
      - provider: fal
        id: fal-ai/veo3/fast
        name: Veo 3 Fast on fal
        modes: [text]
        durations: [8]
        aspects: ["16:9", "9:16"]
        sizes: [720p, 1080p]
        native_audio: true
        quality: 9
        price: { amount: "0.40", currency: USD, per: second, source: estimate }
      - provider: fal
        id: fal-ai/minimax/hailuo-02/standard/image-to-video
        name: Hailuo 02 Standard on fal
        modes: [image]
        durations: [6, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p]
        quality: 7
        price: { amount: "0.045", currency: USD, per: second, source: estimate }
      - provider: fal
        id: flux
        name: FLUX on fal (keyframes; dev from words, Kontext Pro from one reference, Kontext multi from more)
        medium: image
        max_references: 4
        quality: 8
        price: { amount: "0.04", currency: USD, per: image, source: estimate }
        notes: Reel picks the FLUX model by the references a keyframe carries; each is priced below.
      - provider: fal
        id: fal-ai/flux/dev
        name: FLUX.1 dev on fal (keyframes from words)
        medium: image
        max_references: 0
        quality: 7
        price: { amount: "0.025", currency: USD, per: image, source: estimate }
        notes: fal prices it per megapixel; a 720p frame is about one.
      - provider: fal
        id: fal-ai/flux-pro/kontext
        name: FLUX.1 Kontext Pro on fal (one reference)
        medium: image
        max_references: 1
        quality: 8
        price: { amount: "0.04", currency: USD, per: image, source: estimate }
      - provider: fal
        id: fal-ai/flux-pro/kontext/multi
        name: FLUX.1 Kontext Pro on fal (several references)
        medium: image
        max_references: 4
        quality: 8
        price: { amount: "0.04", currency: USD, per: image, source: estimate }
        notes: How many images the multi-image endpoint takes is not documented; Reel sends at most 4.
    """#
}
