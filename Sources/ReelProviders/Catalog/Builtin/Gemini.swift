extension BuiltinCatalog {
    /// Gemini's image models ("Nano Banana") on the Gemini API, for keyframes (docs/reference
    /// image-models §1). Reference limits are the cookbook's: 14 for the Pro model, 3 for
    /// 2.5 Flash; 3.1 Flash's is unconfirmed (third parties say 14), so it is given 3. Prices
    /// are third-party figures per 1K image.
    static let gemini = #"""
    schema: reel.models/1
    models:
      - provider: gemini
        id: gemini-3-pro-image-preview
        name: Nano Banana Pro (Gemini 3 Pro Image)
        medium: image
        max_references: 14
        quality: 9
        price: { amount: "0.134", currency: USD, per: image, source: "third-party pricing pages (1K/2K), estimate" }
        notes: A thinking model; up to 14 reference images, 6 of them at high fidelity (the cookbook).
      - provider: gemini
        id: gemini-3.1-flash-image-preview
        name: Nano Banana 2 (Gemini 3.1 Flash Image)
        medium: image
        max_references: 3
        quality: 8
        price: { amount: "0.067", currency: USD, per: image, source: "third-party pricing pages (1K), estimate" }
        notes: Its reference limit is unconfirmed (third parties say 14); Reel sends 3 until it is.
      - provider: gemini
        id: gemini-2.5-flash-image
        name: Nano Banana (Gemini 2.5 Flash Image)
        medium: image
        max_references: 3
        quality: 7
        price: { amount: "0.039", currency: USD, per: image, source: "1290 output tokens at $30 per million (third-party), estimate" }
        notes: Third-party pages say it is retired on 2026-10-02 (unconfirmed).
    """#
}
