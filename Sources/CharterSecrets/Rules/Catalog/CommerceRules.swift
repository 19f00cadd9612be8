// Payments and commerce: Stripe, Square, PayPal / Braintree, Adyen, Coinbase, Plaid, Razorpay,
// Shopify. Formats come from each provider's documented key shapes.
extension SecretCatalog {
    package static let commerce: [SecretRule] = [
        // MARK: - Stripe
        SecretRule(
            id: "stripe-live-secret-key", description: "Stripe live-mode secret API key (full account access)",
            keywords: ["sk_live_"], pattern: #"\b(sk_live_[A-Za-z0-9]{24,247})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["STRIPE_SECRET_KEY=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", #"Stripe.apiKey = "sk_live_wTbw6drsQjixLxZce1IrAT57";"#],
            falsePositives: ["STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "STRIPE_SECRET_KEY=sk_live_fJkUQhI81MAE", "sk_live_... (your live key)"]),
        SecretRule(
            id: "stripe-live-restricted-key", description: "Stripe live-mode restricted API key",
            keywords: ["rk_live_"], pattern: #"\b(rk_live_[A-Za-z0-9]{24,247})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["STRIPE_RESTRICTED_KEY=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", #"stripe: { key: 'rk_live_sa8HbZfOmj2NW8c7tf354juD' }"#],
            falsePositives: ["STRIPE_RESTRICTED_KEY=rk_live_xxxxxxxxxxxxxxxxxxxxxxxx", "rk_live_GVhxlj1wbQ"]),
        SecretRule(
            id: "stripe-webhook-signing-secret", description: "Stripe webhook endpoint signing secret",
            keywords: ["whsec_"], pattern: #"\b(whsec_[A-Za-z0-9]{32,64})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["STRIPE_WEBHOOK_SECRET=whsec_BKlPj839tpjojAx81GFug1tvfR2GwHQS", #"endpoint_secret = "whsec_67f25e806288f8e9aace247b9600b7b2ee8e1db455ef1917abd64c8177c85f03""#],
            falsePositives: ["STRIPE_WEBHOOK_SECRET=whsec_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "STRIPE_WEBHOOK_SECRET=whsec_..."]),
        SecretRule(
            id: "stripe-test-secret-key", description: "Stripe test-mode secret API key (sandbox data only)",
            keywords: ["sk_test_"], pattern: #"\b(sk_test_[A-Za-z0-9]{24,247})\b"#,
            confidence: .low, minimumEntropy: 3.5,
            truePositives: ["STRIPE_SECRET_KEY=sk_test_51YnxV1EkfVUVRHCTFdBrRi2pzDC86lMlXQJGvf26PHiCZsygY8TUCByzRM95ob7LkASVictpWTME5GUEhtgS2HTqOIJ2J4LCJw", #"stripe.api_key = "sk_test_P1BHbQXb0nrZ9rqwXn90FEPT""#],
            falsePositives: ["STRIPE_SECRET_KEY=sk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "STRIPE_SECRET_KEY=sk_test_..."]),
        SecretRule(
            id: "stripe-test-restricted-key", description: "Stripe test-mode restricted API key (sandbox data only)",
            keywords: ["rk_test_"], pattern: #"\b(rk_test_[A-Za-z0-9]{24,247})\b"#,
            confidence: .low, minimumEntropy: 3.5,
            truePositives: ["STRIPE_RESTRICTED_KEY=rk_test_51PRsbpUxCYHeJhpscN8oDSSGZv1OQN6whvwCxiWi4i0HK3eKbEIm1klpSluA24SRYjfqBhQwgWIDyagEMUtGoDhXM2bhEAeTGt", #"key: "rk_test_SovlMaa9hyLybrOebDo8CpSJ""#],
            falsePositives: ["STRIPE_RESTRICTED_KEY=rk_test_xxxxxxxxxxxxxxxxxxxxxxxx", "rk_test_YYP8JHQRX7v5"]),

        // MARK: - Square
        SecretRule(
            id: "square-access-token", description: "Square access token (production or sandbox API access)",
            keywords: ["eaaa"], pattern: #"\b(EAAA[A-Za-z0-9_-]{60})(?![\w-])"#,
            confidence: .medium, minimumEntropy: 4.0,
            truePositives: ["SQUARE_ACCESS_TOKEN=EAAA6TqouRapwYpVQeideENaErqG7sJYljAp0QCk_YdDQ9-y3pK2jfpAOaSJbv7i", #"client = Square::Client.new(access_token: "EAAAT6PLjhXAMsbRcei8qT7no3SUJKuZdvcN-ojTzJ3etBoCqD_ZXuCQBnOcqyx7")"#],
            falsePositives: ["SQUARE_ACCESS_TOKEN=EAAAxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "fb_token=EAAAoPAuF167padMU6I3Skn8EITMqSY1dKL-jv_lbQqjPOhHV8dWgiVJqtramDEsWZ0WAJS07YxdRSv634pP-45SZYY7aTpTLBIXHHvsr8kPXCcD2n-nldx8Ehhv"]),
        SecretRule(
            id: "square-oauth-access-token", description: "Square legacy OAuth / personal access token",
            keywords: ["sq0atp-"], pattern: #"\b(sq0atp-[A-Za-z0-9_-]{22})(?![\w-])"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["SQUARE_TOKEN=sq0atp-uv7HJA9WHhzVjp0o1hM0Jq", #"'Authorization': 'Bearer sq0atp-1UVj7-JDwK3lGVZh2g_YYc'"#],
            falsePositives: ["SQUARE_TOKEN=sq0atp-xxxxxxxxxxxxxxxxxxxxxx", "sq0atp-2xlSzWRM1jGF"]),
        SecretRule(
            id: "square-oauth-client-secret", description: "Square OAuth application secret",
            keywords: ["sq0csp-"], pattern: #"\b(sq0csp-[A-Za-z0-9_-]{43})(?![\w-])"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["SQUARE_APP_SECRET=sq0csp-KQzdwlWnkeQtzwFhPtU40oVgykfdndZ1q_mwqmTYs1u", #"client_secret: "sq0csp-i8R0bKY1IlzHFet8fUw3_eBgQXgPf9bNIiafe0SQDoa""#],
            falsePositives: ["SQUARE_APP_SECRET=sq0csp-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sq0csp-vijEWIk5YLtV0OKN6htH"]),

        // MARK: - PayPal / Braintree
        SecretRule(
            id: "braintree-access-token", description: "PayPal Braintree production access token (Express Checkout / gateway)",
            keywords: ["access_token$production$"], pattern: #"\b(access_token\$production\$[a-z0-9]{16}\$[a-f0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["BRAINTREE_ACCESS_TOKEN=access_token$production$3rspcftt7xqdmy40$100afe8856084a016178b4c8146d1eaf", #"gateway = braintree.BraintreeGateway(access_token="access_token$production$07r07dqd242ow9nz$181e09d304475df8ddf73e7b495f9f4e")"#],
            falsePositives: ["access_token$sandbox$pq1xggb0kun95lvk$27321eb64fa75dfd685e39b81e57e8e0", "access_token$production$<merchant_id>$<token>"]),
        SecretRule(
            id: "paypal-client-secret", description: "PayPal REST API client secret",
            keywords: ["paypal"],
            pattern: #"(?i:paypal[\w.:{\s"'-]{0,30}secret)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([A-Za-z0-9_-]{80})(?![\w-])"#,
            confidence: .medium, minimumEntropy: 4.0,
            truePositives: ["PAYPAL_CLIENT_SECRET=ECAhQ-mYyoynHs2ytFtDSFcXQRkImn277DcAFmzejlFKQxFAhgtm9bBjLITvBHIPg_ZYq8m5r0n31rem", "paypal:\n  client_secret: \"EwFix0i4hBeu9le1tl_uEGe_E98mW-uJ1Yn1pukMIf5N_MrnwQuw-nWBMp11Com_7YiISqWd7qM_WpZa\""],
            falsePositives: ["PAYPAL_CLIENT_SECRET=your_paypal_client_secret", "PAYPAL_CLIENT_SECRET=${PAYPAL_CLIENT_SECRET}"]),
        SecretRule(
            id: "braintree-private-key", description: "Braintree gateway API private key",
            keywords: ["braintree"],
            pattern: #"(?i:braintree[\w.:{\s"'-]{0,30}private_?key)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([a-f0-9]{32})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["BRAINTREE_PRIVATE_KEY=89234f1f7a5ea0f4c81fa39e7dfa497e", #"Braintree::Configuration.private_key = "29d3e997c17a59ddedcebde8c3ce17fc""#],
            falsePositives: ["BRAINTREE_PRIVATE_KEY=use_your_private_key", "BRAINTREE_PRIVATE_KEY=00000000000000000000000000000000"]),

        // MARK: - Adyen
        SecretRule(
            id: "adyen-api-key", description: "Adyen API key (payments and management APIs)",
            keywords: ["aqe"], pattern: #"\b(AQE[A-Za-z0-9+/]{40,200}={0,2}-[A-Za-z0-9+/]{43}=-[^\s"'`\\]{16})"#,
            confidence: .high, minimumEntropy: 4.5,
            truePositives: [#""X-API-Key: AQESZsWakTMWvrlFrRBwSvPjVoGFxbpDx6xSEJuslbTQXNUdWtUG8RvYGgBY+abspKaAXp/YEYad1FozauRTD55iJ+oD4HRWeAr==-CEmTcmd27W0Ib8ijqB3cTTefjfOX8n20qB5nvAXhCOy=-AWkERWbb;}%11OJd","#, "ADYEN_API_KEY=AQEcFjGbIiT59krJeEsU72RHjo3/6lQTZ2Q9p8Lcu247ae2qKySZb3m1QnEINZOcHIAVjlUTl8Wm1ph=-Xa9EQxTVWo8J6ROKnKSdu7czAWoEJPTmfi7jYRQy3tr=-JGAGev<{]fVokLS6"],
            falsePositives: ["ADYEN_API_KEY=AQE_your_api_key", "ADYEN_API_KEY=AQEl5G/X3aSPKSkjmkAomfKP/0OU6NQoaptIV6/azKonOzm5/7gOWzYTTCGEfOB"]),

        // MARK: - Coinbase
        SecretRule(
            id: "coinbase-api-secret", description: "Coinbase / Coinbase Exchange / CDP API secret",
            keywords: ["coinbase"],
            pattern: #"(?i:coinbase[\w.:{\s"'-]{0,30}(?:secret|private_?key))\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([A-Za-z0-9+/]{32,86}={0,2})(?![A-Za-z0-9+/=])"#,
            confidence: .medium, minimumEntropy: 4.0,
            truePositives: ["COINBASE_API_SECRET=zctJcMSGIOZz53P+PNQTNI/Qbb4mZ3N7qIiNojvSGkxJqDS1VoYmZFnOQtT1vpDapHBccRPsP69GTXu62POZNq==", #"coinbase_secret: "EpoZ0fgmSxuAxrqHDD0fCLwwfhyps4Ev""#],
            falsePositives: ["COINBASE_API_SECRET=your_coinbase_api_secret_here", "COINBASE_API_SECRET=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]),

        // MARK: - Plaid
        SecretRule(
            id: "plaid-secret", description: "Plaid API secret (sandbox, development or production)",
            keywords: ["plaid"],
            pattern: #"(?i:plaid[\w.:{\s"'-]{0,30}secret)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([a-f0-9]{30})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["PLAID_SECRET=b7bbc892fa8c348894da1bdf2c7438", #"plaid: { secret: '14a2b2f572a51d38327de961c1d15f' }"#],
            falsePositives: ["PLAID_SECRET=your_plaid_secret", "PLAID_SECRET=000000000000000000000000000000"]),
        SecretRule(
            id: "plaid-access-token", description: "Plaid Item access token (reads a user's linked bank data)",
            keywords: ["access-production-", "access-development-"],
            pattern: #"\b(access-(?:production|development)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["PLAID_ACCESS_TOKEN=access-production-1366c4a2-49ce-4fc7-ad5d-d37cf58b7656", #"{"access_token": "access-development-06c4e0c8-285b-4986-bb7a-e2e5f141364c"}"#],
            falsePositives: ["access-sandbox-7e196eef-37fd-4110-8905-7e328af91b2e", "access-production-00000000-0000-0000-0000-000000000000"]),

        // MARK: - Razorpay
        SecretRule(
            id: "razorpay-live-key-id", description: "Razorpay live-mode key ID (pairs with the key secret)",
            keywords: ["rzp_live_"], pattern: #"\b(rzp_live_[A-Za-z0-9]{14})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["RAZORPAY_KEY_ID=rzp_live_neUH8RjRSDoiZh", #"key: "rzp_live_JOjZKsxJYLDtQx","#],
            falsePositives: ["RAZORPAY_KEY_ID=rzp_live_xxxxxxxxxxxxxx", "rzp_test_NzoB5sJ2sfjNuW"]),
        SecretRule(
            id: "razorpay-key-secret", description: "Razorpay API key secret",
            keywords: ["razorpay"],
            pattern: #"(?i:razorpay[\w.:{\s"'-]{0,30}secret)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([A-Za-z0-9]{24})\b"#,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["RAZORPAY_KEY_SECRET=NAY005e2FrgM1tbs0d3TM8Qq", #"razorpay = Razorpay({ key_id, razorpaySecret: "ShelOvD1db7ec9NzBL65y8uk" })"#],
            falsePositives: ["RAZORPAY_KEY_SECRET=your_razorpay_secret_key", "RAZORPAY_KEY_SECRET=xxxxxxxxxxxxxxxxxxxxxxxx"]),

        // MARK: - Shopify
        SecretRule(
            id: "shopify-access-token", description: "Shopify Admin API access token",
            keywords: ["shpat_"], pattern: #"\b(shpat_[a-fA-F0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["SHOPIFY_ACCESS_TOKEN=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", #"headers: { "X-Shopify-Access-Token": "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" }"#],
            falsePositives: ["SHOPIFY_ACCESS_TOKEN=shpat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "shpat_620f9f86a98460994bda"]),
        SecretRule(
            id: "shopify-custom-app-access-token", description: "Shopify custom app access token",
            keywords: ["shpca_"], pattern: #"\b(shpca_[a-fA-F0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["SHOPIFY_TOKEN=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", #"token: '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'"#],
            falsePositives: ["SHOPIFY_TOKEN=shpca_00000000000000000000000000000000", "shpca_cf93c820a0a3fa8d3416d5f4"]),
        SecretRule(
            id: "shopify-private-app-access-token", description: "Shopify private app access token (legacy private apps)",
            keywords: ["shppa_"], pattern: #"\b(shppa_[a-fA-F0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["SHOPIFY_PASSWORD=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", #"password: "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""#],
            falsePositives: ["SHOPIFY_PASSWORD=shppa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "shppa_4a40d601ce208b66"]),
        SecretRule(
            id: "shopify-shared-secret", description: "Shopify app shared secret (signs webhooks and OAuth)",
            keywords: ["shpss_"], pattern: #"\b(shpss_[a-fA-F0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["SHOPIFY_API_SECRET=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", #"apiSecretKey: "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","#],
            falsePositives: ["SHOPIFY_API_SECRET=shpss_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "shpss_ce912b29bbab7b6d5e266611dc35d6"]),
    ]
}
