extension BuiltinCatalog {
    /// Seedance on Volcengine Ark. Model ids from the Volcengine SDK and Ark docs (reference
    /// §8); prices are per second of output estimated from token prices (Ark bills tokens;
    /// the adapter reports the real token cost when a task gives its usage).
    static let seedance = #"""
    schema: reel.models/1
    models:
      - provider: seedance
        id: doubao-seedance-2-0-260128
        name: Seedance 2.0
        modes: [text, image, first-last, references]
        duration_range: [4, 15]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p, 1080p]
        max_references: 9
        native_audio: true
        quality: 9
        price: { amount: "0.12", currency: USD, per: second, source: estimate }
        notes: >-
          Ark (Beijing) by default. BytePlus ModelArk is the same API on another host: set
          providers.seedance.base_url to https://ark.ap-southeast.bytepluses.com/api/v3 and use
          BytePlus model ids (dreamina-seedance-2-5-260628). Billed in tokens; result links live 24 h.
      - provider: seedance
        id: doubao-seedance-2-0-fast-260128
        name: Seedance 2.0 Fast
        modes: [text, image, first-last, references]
        duration_range: [4, 15]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p]
        max_references: 9
        native_audio: true
        quality: 8
        price: { amount: "0.07", currency: USD, per: second, source: estimate }
        notes: Same API as Seedance 2.0; the base URL override covers BytePlus ModelArk.
      - provider: seedance
        id: doubao-seedance-1-0-pro-250528
        name: Seedance 1.0 Pro
        modes: [text, image, first-last]
        duration_range: [2, 12]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p, 1080p]
        quality: 7
        price: { amount: "0.05", currency: USD, per: second, source: estimate }
        notes: Settings are sent as text flags in the prompt (--ratio, --duration…), as the 1.0 docs show.
      - provider: seedance
        id: doubao-seedance-1-0-lite-i2v-250428
        name: Seedance 1.0 Lite (image to video)
        modes: [image, first-last, references]
        duration_range: [2, 12]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p]
        max_references: 4
        quality: 6
        price: { amount: "0.035", currency: USD, per: second, source: estimate }
    """#
}
