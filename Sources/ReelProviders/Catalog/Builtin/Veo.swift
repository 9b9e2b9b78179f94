extension BuiltinCatalog {
    /// Veo 3.1 on the Gemini API (docs/reference provider-apis §2): 4, 6 or 8 seconds,
    /// 16:9 or 9:16, 1080p for 8-second clips, up to three reference images, sound always.
    static let veo = #"""
    schema: reel.models/1
    models:
      - provider: veo
        id: veo-3.1-generate-preview
        name: Veo 3.1
        modes: [text, image, first-last, references]
        durations: [4, 6, 8]
        aspects: ["9:16", "16:9"]
        sizes: [720p, 1080p]
        max_references: 3
        native_audio: true
        quality: 9
        price: { amount: "0.40", currency: USD, per: second, source: estimate }
      - provider: veo
        id: veo-3.1-fast-generate-preview
        name: Veo 3.1 Fast
        modes: [text, image, first-last, references]
        durations: [4, 6, 8]
        aspects: ["9:16", "16:9"]
        sizes: [720p, 1080p]
        max_references: 3
        native_audio: true
        quality: 8
        price: { amount: "0.126", currency: USD, per: second, source: "Krea's table (third-party), upper figure, estimate" }
      - provider: veo
        id: veo-3.1-lite-generate-preview
        name: Veo 3.1 Lite
        modes: [text, image]
        durations: [4, 6, 8]
        aspects: ["9:16", "16:9"]
        sizes: [720p, 1080p]
        native_audio: true
        quality: 6
        price: { amount: "0.05", currency: USD, per: second, source: estimate }
    """#
}
