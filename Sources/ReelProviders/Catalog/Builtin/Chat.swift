extension BuiltinCatalog {
    /// Chat models the writer and planner use by default on each OpenAI-compatible service.
    /// One blended rate per million tokens (prompt and reply together); the vendors charge
    /// the two at different rates, so these are estimates: put your own in `models.yaml`.
    static let chat = #"""
    schema: reel.models/1
    models:
      - provider: openai
        id: gpt-4.1-mini
        name: GPT-4.1 mini
        medium: text
        quality: 7
        price: { amount: "1.00", currency: USD, per: 1m-tokens, source: "0.40 in, 1.60 out; estimate" }
      - provider: deepseek
        id: deepseek-chat
        name: DeepSeek Chat
        medium: text
        quality: 7
        price: { amount: "5", currency: CNY, per: 1m-tokens, source: "2 in, 8 out; estimate" }
      - provider: qwen
        id: qwen-plus
        name: Qwen Plus
        medium: text
        quality: 7
        price: { amount: "1.4", currency: CNY, per: 1m-tokens, source: "0.8 in, 2 out; estimate" }
      - provider: moonshot
        id: moonshot-v1-8k
        name: Moonshot v1 8k
        medium: text
        quality: 6
        price: { amount: "12", currency: CNY, per: 1m-tokens, source: estimate }
      # Vision models a critic (`critic:` in reel.yaml) can name; a picture is about a thousand tokens.
      - provider: openai
        id: gpt-4o-mini
        name: GPT-4o mini
        medium: text
        quality: 6
        price: { amount: "0.30", currency: USD, per: 1m-tokens, source: "0.15 in, 0.60 out; estimate" }
      - provider: openai
        id: gpt-4o
        name: GPT-4o
        medium: text
        quality: 8
        price: { amount: "4.00", currency: USD, per: 1m-tokens, source: "2.50 in, 10 out; estimate" }
      - provider: qwen
        id: qwen-vl-max
        name: Qwen VL Max
        medium: text
        quality: 8
        price: { amount: "4", currency: CNY, per: 1m-tokens, source: "3 in, 9 out; estimate" }
      - provider: qwen
        id: qwen-vl-plus
        name: Qwen VL Plus
        medium: text
        quality: 6
        price: { amount: "2", currency: CNY, per: 1m-tokens, source: "1.5 in, 4.5 out; estimate" }
    """#
}
