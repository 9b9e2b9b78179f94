extension BuiltinCatalog {
    /// Luma's video models on its two APIs. Ids, durations ("5s"/"9s", "5s"/"10s"), aspects
    /// and resolutions are from the SDKs (provider-apis.md §5); prices are estimates. The
    /// legacy API takes keyframes only as public URLs, so Reel uses it for text only.
    static let luma = #"""
    schema: reel.models/1
    models:
      - provider: luma
        id: ray-2
        name: Luma Ray 2 (Dream Machine API)
        modes: [text]
        durations: [5, 9]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 7
        price: { amount: "0.16", currency: USD, per: second, source: estimate }
        notes: "Keyframes need public URLs on this API; use luma-agents for image-to-video."
      - provider: luma
        id: ray-flash-2
        name: Luma Ray Flash 2 (Dream Machine API)
        modes: [text]
        durations: [5, 9]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 6
        price: { amount: "0.06", currency: USD, per: second, source: estimate }
      - provider: luma-agents
        id: ray-3.2
        name: Luma Ray 3.2 (Agents API)
        modes: [text, image, first-last]
        durations: [5, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p, 1080p]
        quality: 8
        price: { amount: "0.20", currency: USD, per: second, source: estimate }
        notes: "Image-anchored clips may always be 5 s (secondary source)."
    """#
}
