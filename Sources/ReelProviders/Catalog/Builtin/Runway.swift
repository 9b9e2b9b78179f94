extension BuiltinCatalog {
    /// Runway's image-to-video models. Ids, ratios and durations are from the Runway SDK
    /// (provider-apis.md §4); none of these make video from text alone. Prices are Runway's
    /// credits per second at $0.01 a credit, not confirmed first-hand.
    static let runway = #"""
    schema: reel.models/1
    models:
      - provider: runway
        id: gen4_turbo
        name: Runway Gen-4 Turbo
        modes: [image]
        duration_range: [2, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p]
        quality: 7
        price: { amount: "0.05", currency: USD, per: second, source: estimate }
        notes: "Image-to-video only: a text-only shot needs a keyframe first. 5 credits a second."
      - provider: runway
        id: gen4.5
        name: Runway Gen-4.5
        modes: [image]
        duration_range: [2, 10]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [720p]
        quality: 9
        price: { amount: "0.12", currency: USD, per: second, source: estimate }
        notes: "Image-to-video only through this adapter. 12 credits a second."
      - provider: runway
        id: veo3.1_fast
        name: Veo 3.1 Fast (through Runway)
        modes: [image, first-last]
        durations: [4, 6, 8]
        aspects: ["16:9", "9:16"]
        sizes: [720p, 1080p]
        native_audio: true
        quality: 8
        price: { amount: "0.15", currency: USD, per: second, source: estimate }
    """#
}
