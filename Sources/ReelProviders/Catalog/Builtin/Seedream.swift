extension BuiltinCatalog {
    /// Seedream's image models on Ark (docs/reference image-models §4), for keyframes. The
    /// reference limit is 14 in third-party mirrors; Reel sends 10. Prices are estimates.
    static let seedream = #"""
    schema: reel.models/1
    models:
      - provider: seedream
        id: doubao-seedream-4-0-250828
        name: Seedream 4.0
        medium: image
        max_references: 10
        quality: 8
        price: { amount: "0.03", currency: USD, per: image, source: estimate }
      - provider: seedream
        id: doubao-seedream-4-5-251128
        name: Seedream 4.5
        medium: image
        max_references: 10
        quality: 9
        price: { amount: "0.04", currency: USD, per: image, source: estimate }
        notes: BytePlus ModelArk names it without `doubao-` (seedream-4-5-251128); add it to models.yaml there.
    """#
}
