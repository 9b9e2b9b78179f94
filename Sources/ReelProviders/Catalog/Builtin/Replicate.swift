extension BuiltinCatalog {
    /// A few official video models on Replicate (any `owner/name` or `owner/name:version`
    /// works as a model id). The adapter multiplies a per-second price by the prediction's
    /// `metrics.predict_time` (run time); models Replicate bills per output should be priced
    /// `per: clip`. Figures are estimates.
    static let replicate = #"""
    schema: reel.models/1
    models:
      - provider: replicate
        id: kwaivgi/kling-v2.1-master
        name: Kling 2.1 Master on Replicate
        modes: [text, image]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [1080p]
        quality: 8
        price: { amount: "1.40", currency: USD, per: clip, source: estimate }
        notes: Outputs are deleted an hour after the prediction; Reel downloads at once.
      - provider: replicate
        id: kwaivgi/kling-v2.1
        name: Kling 2.1 on Replicate (image, first and last frame)
        modes: [image, first-last]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 7
        price: { amount: "0.25", currency: USD, per: clip, source: estimate }
      - provider: replicate
        id: bytedance/seedance-1-pro
        name: Seedance 1 Pro on Replicate
        modes: [text, image, first-last]
        duration_range: [2, 12]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 1080p]
        quality: 7
        price: { amount: "0.03", currency: USD, per: second, source: estimate }
        notes: Priced per second of run time (metrics.predict_time) by the adapter.
      - provider: replicate
        id: minimax/hailuo-02
        name: Hailuo 02 on Replicate
        modes: [text, image, first-last]
        durations: [6, 10]
        aspects: ["16:9"]
        sizes: [720p, 1080p]
        quality: 7
        price: { amount: "0.27", currency: USD, per: clip, source: estimate }
      - provider: replicate
        id: flux
        name: FLUX on Replicate (keyframes; Kontext Pro from words or one reference, FLUX.2 Flex from more)
        medium: image
        max_references: 10
        quality: 8
        price: { amount: "0.04", currency: USD, per: image, source: estimate }
        notes: Reel picks the FLUX model by the references a keyframe carries; each is priced below.
      - provider: replicate
        id: black-forest-labs/flux-kontext-pro
        name: FLUX.1 Kontext Pro on Replicate (words or one reference)
        medium: image
        max_references: 1
        quality: 8
        price: { amount: "0.04", currency: USD, per: image, source: estimate }
      - provider: replicate
        id: black-forest-labs/flux-2-flex
        name: FLUX.2 Flex on Replicate (up to 10 references)
        medium: image
        max_references: 10
        quality: 8
        price: { amount: "0.06", currency: USD, per: image, source: estimate }
    """#
}
