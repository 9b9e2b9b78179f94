extension BuiltinCatalog {
    /// PixVerse's models (docs/reference image-models §6): 5- or 8-second clips, the docs'
    /// aspect list, fusion with 1 to 3 references on v4.5. 1080p is left out: it makes 5 s
    /// only, which a catalog entry cannot say (the router would ask it for 8). Prices are the docs'
    /// credits at 720p (V5: 60 credits for 5 s, 120 for 8 s; 100 credits a dollar) per second;
    /// each take is priced by the credits it reports.
    static let pixverse = #"""
    schema: reel.models/1
    models:
      - provider: pixverse
        id: v5
        name: PixVerse V5
        modes: [text, image, first-last]
        durations: [5, 8]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p]
        quality: 7
        price: { amount: "0.12", currency: USD, per: second, source: "the docs' credits (720p), estimate" }
      - provider: pixverse
        id: v4.5
        name: PixVerse V4.5 (fusion references)
        modes: [text, image, first-last, references]
        durations: [5, 8]
        aspects: ["16:9", "9:16", "1:1"]
        sizes: [480p, 720p]
        max_references: 3
        quality: 6
        price: { amount: "0.12", currency: USD, per: second, source: "the docs' credits (720p), estimate" }
        notes: References go through fusion (subjects and a background named @ref_name in the prompt).
    """#
}
