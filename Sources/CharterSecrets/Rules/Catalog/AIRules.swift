// AI and machine-learning platform credentials: model APIs, hubs, vector stores, experiment trackers.
extension SecretCatalog {
    package static let ai: [SecretRule] = [
        // MARK: - OpenAI
        SecretRule(
            id: "openai-project-api-key", description: "OpenAI project API key (model and file access billed to the project)", keywords: ["sk-proj-"],
            pattern: #"\b(sk-proj-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])"#, prefilter: #"sk-proj-[A-Za-z0-9_-]{40}"#,
            confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                #"OPENAI_API_KEY=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"#,
                #"client = OpenAI(api_key="sk-proj-eXV6XW4u3xZvgj8ahATdEz0280AGp9ZkZgcua56ZyT5lHZ79")"#,
            ],
            falsePositives: [
                "OPENAI_API_KEY=sk-proj-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "api_key: sk-proj-your-openai-project-key-goes-here-replace-me-now",
                "Project keys start with sk-proj- and are shown once.",
            ]),
        SecretRule(
            id: "openai-service-account-key", description: "OpenAI service account API key (project access without a user)",
            keywords: ["sk-svcacct-"],
            pattern: #"\b(sk-svcacct-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])"#, prefilter: #"sk-svcacct-[A-Za-z0-9_-]{40}"#,
            confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                #"export OPENAI_API_KEY="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""#,
                #"  openai_key: 'sk-svcacct-J7vFLRrew97kyEKe8ltpWbuLPY-SNuOVW1FkWY-Z1h_1LJ2NC8KF8pqXRUGm'"#,
            ],
            falsePositives: ["OPENAI_API_KEY=sk-svcacct-<your-service-account-key>", "sk-svcacct-0000000000000000000000000000000000000000000000"]),
        SecretRule(
            id: "openai-admin-key", description: "OpenAI admin API key (organization users, projects and keys)", keywords: ["sk-admin-"],
            pattern: #"\b(sk-admin-[A-Za-z0-9_-]{40,250})(?![A-Za-z0-9_-])"#, prefilter: #"sk-admin-[A-Za-z0-9_-]{40}"#,
            confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                #"OPENAI_ADMIN_KEY=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"#,
                #"headers = {"Authorization": "Bearer sk-admin-805cHun2uItp3PJPyeVUl0yThGO2PPz_Ug1wdoDbatU-hds7ZOc5LDTo4ls_"}"#,
            ],
            falsePositives: ["OPENAI_ADMIN_KEY=sk-admin-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "sk-admin-short"]),
        SecretRule(
            id: "openai-legacy-api-key", description: "OpenAI legacy user API key (sk- with the T3BlbkFJ marker)", keywords: ["t3blbkfj"],
            pattern: #"\b(sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"openai.api_key = "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""#,
                #"{"openaiKey": "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"}"#,
            ],
            falsePositives: ["sk-xxxxxxxxxxxxxxxxxxxxT3BlbkFJxxxxxxxxxxxxxxxxxxxx", "sk-Dgmf2rBelD0VXEKVSW3JT3BlbkFJ6FaqVInPMaX"]),

        // MARK: - Anthropic
        SecretRule(
            id: "anthropic-api-key", description: "Anthropic API key (Claude API access billed to the workspace)", keywords: ["sk-ant-api03-"],
            pattern: #"\b(sk-ant-api03-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])"#, prefilter: #"sk-ant-api03-[A-Za-z0-9_-]{93}AA"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"ANTHROPIC_API_KEY=sk-ant-api03-L4jo9XfxCjrOFBpR9w3Q_vnawLTdQHhIFoGBxU3GQ76ZQ5etGv-_ymvka_9He6FZX49ePyBfQgcohE2uDxX6-3c0LrgAzAA"#,
                #"client = anthropic.Anthropic(api_key="sk-ant-api03-SdFtaXbbWNu2wmBn9YxtUeQnJI5U0kaX-SYkIvGWyb8OgowxL_-lmiZlob_AU5pfT-QAHaCmnYZu5nZElZ1gVG70I0RmZAA")"#,
            ],
            falsePositives: [
                "ANTHROPIC_API_KEY=sk-ant-api03-...",
                "ANTHROPIC_API_KEY=sk-ant-api03-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAA",
                "sk-ant-api03-L4jo9XfxCjrOFBpR9w3Q_vnawLTdQHhIFoGBxU3GQ76ZQ5etGv",
            ]),
        SecretRule(
            id: "anthropic-admin-key", description: "Anthropic Admin API key (organization members, workspaces and keys)",
            keywords: ["sk-ant-admin01-"],
            pattern: #"\b(sk-ant-admin01-[A-Za-z0-9_-]{93}AA)(?![A-Za-z0-9_-])"#, prefilter: #"sk-ant-admin01-[A-Za-z0-9_-]{93}AA"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"ANTHROPIC_ADMIN_KEY="sk-ant-admin01-P47pZikSO2aO6p0JHByl-NEP8upKUAF2-YkkI4gEKFOeiCYtcAIgt5c0NXtX2v4Sr3uPj6uJdNOiP6tRcGiyPp2c47Y4sAA""#,
                #"curl -H "x-api-key: sk-ant-admin01-PIjHBZaFrvAgtX0FEMoMxRET4C3MdLHM93P9mP_Bq_xUmlahnUEDHD0FCV0fFyWXwsQh6UgFk9PWZEjJoRPhaeJ2GrcQgAA" https://api.anthropic.com/v1/organizations/users"#,
            ],
            falsePositives: [
                "x-api-key: sk-ant-admin01-$ANTHROPIC_ADMIN_KEY",
                "Admin keys begin with sk-ant-admin01- and can manage the organization.",
            ]),

        // MARK: - Hugging Face
        SecretRule(
            id: "huggingface-user-access-token", description: "Hugging Face user access token (models, datasets, Spaces, inference)",
            keywords: ["hf_"],
            pattern: #"\b(hf_[A-Za-z]{34})\b"#,
            confidence: .high, minimumEntropy: 3.8,
            truePositives: ["HF_TOKEN=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", #"login(token="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")"#],
            falsePositives: [
                "HF_TOKEN=hf_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "from huggingface_hub import hf_hub_download",
                "HF_TOKEN=hf_CiGrAhapTttgwEJmmPToEApxlrMx",
            ]),
        SecretRule(
            id: "huggingface-organization-api-token", description: "Hugging Face legacy organization API token", keywords: ["api_org_"],
            pattern: #"\b(api_org_[A-Za-z]{34})\b"#,
            confidence: .high, minimumEntropy: 3.8,
            truePositives: [
                "HUGGINGFACE_ORG_TOKEN=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",
                #"{"use_auth_token": "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"}"#,
            ],
            falsePositives: ["api_org_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "def api_org_settings_update(request):"]),

        // MARK: - Cohere
        SecretRule(
            id: "cohere-api-key", description: "Cohere API key", keywords: ["cohere"],
            pattern: #"(?:cohere[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?|cohere\.Client(?:V2)?\(\s{0,3}(?:api_key\s{0,3}=\s{0,3})?["'])([A-Za-z0-9]{40})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.5,
            truePositives: [
                "COHERE_API_KEY=5WdbHA768CqPCSd253t7cH6LXjWwKP9nI30s845B",
                #"co = cohere.ClientV2(api_key="5bK5tsw7EMZswFkXC7xmO4ZcnzHhcRjwPg4DBYdl")"#,
            ],
            falsePositives: [
                "COHERE_API_KEY=your_cohere_api_key_here",
                "COHERE_API_KEY=0000000000000000000000000000000000000000",
                "co = cohere.Client(os.environ['COHERE_API_KEY'])",
            ]),

        // MARK: - Replicate
        SecretRule(
            id: "replicate-api-token", description: "Replicate API token (runs models billed to the account)", keywords: ["r8_"],
            pattern: #"\b(r8_[A-Za-z0-9]{37})\b"#,
            confidence: .high, minimumEntropy: 3.8,
            truePositives: [
                "REPLICATE_API_TOKEN=r8_hLBdLCaaw2xeFoYH7Lw20KLqqnU7l26Exv1o1",
                #"const replicate = new Replicate({ auth: "r8_cVQapZ8dhLS28FvhdtXOLxKrvvlj69QB65psu" });"#,
            ],
            falsePositives: ["REPLICATE_API_TOKEN=r8_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "REPLICATE_API_TOKEN=r8_hLBdLCaaw2xeFoYH7Lw20"]),

        // MARK: - Groq
        SecretRule(
            id: "groq-api-key", description: "Groq API key", keywords: ["gsk_"],
            pattern: #"\b(gsk_[A-Za-z0-9]{52})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "GROQ_API_KEY=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",
                #"client = Groq(api_key="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")"#,
            ],
            falsePositives: [
                "GROQ_API_KEY=gsk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "GROQ_API_KEY=gsk_m2gWw1fjFGI1ylQCzQ5dvkvdiysxuOh",
            ]),

        // MARK: - Perplexity
        SecretRule(
            id: "perplexity-api-key", description: "Perplexity API key", keywords: ["pplx-"],
            pattern: #"\b(pplx-[A-Za-z0-9]{48})\b"#,
            confidence: .high, minimumEntropy: 3.6,
            truePositives: [
                "PERPLEXITY_API_KEY=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",
                #"headers: { Authorization: "Bearer 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" }"#,
            ],
            falsePositives: ["PERPLEXITY_API_KEY=pplx-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "model: pplx-70b-online"]),

        // MARK: - Mistral
        SecretRule(
            id: "mistral-api-key", description: "Mistral AI API key", keywords: ["mistral"],
            pattern: #"(?:mistral[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?|Mistral\(\s{0,3}api_key\s{0,3}=\s{0,3}["'])([A-Za-z0-9]{32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["MISTRAL_API_KEY=pD1suhh0YlO6zDbBQw3iAthgvJbkGfLG", #"client = Mistral(api_key="SP6thLtY5jitoFSBu3cOzEBvG42oP2PE")"#],
            falsePositives: [
                "MISTRAL_API_KEY=your_mistral_api_key",
                "MISTRAL_API_KEY=00000000000000000000000000000000",
                #"client = Mistral(api_key=os.environ["MISTRAL_API_KEY"])"#,
            ]),

        // MARK: - xAI
        SecretRule(
            id: "xai-api-key", description: "xAI (Grok) API key", keywords: ["xai-"],
            pattern: #"\b(xai-[A-Za-z0-9]{80})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "XAI_API_KEY=xai-ivun8qUSAk81AyOcwjRcWN1YgTlR4egvQspQlFve7LQ5QUP0KAo68UHM4b2daQEX2azLXSAg4qzYLwcn",
                #"client = OpenAI(api_key="xai-1hkzLANT74hZhkzE6TxDK7mLzVcZOE1r3Q6bZWOhAeyQgsXgO6upyaMYXDWWfWNVOHTwHhlY1odu7Jve", base_url="https://api.x.ai/v1")"#,
            ],
            falsePositives: [
                "XAI_API_KEY=xai-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "model = xai-grok-beta",
            ]),

        // MARK: - DeepSeek
        SecretRule(
            id: "deepseek-api-key", description: "DeepSeek API key", keywords: ["deepseek"],
            pattern: #"deepseek[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?(sk-[a-f0-9]{32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: ["DEEPSEEK_API_KEY=sk-587dab4d70a3516343a1aa92dd426da9", #"  deepseek_api_key: "sk-71c7fcb3ffe56f830ee09a87cd2acf56""#],
            falsePositives: [
                "DEEPSEEK_API_KEY=sk-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "DEEPSEEK_API_KEY=sk-00000000000000000000000000000000",
                "DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}",
            ]),

        // MARK: - Together AI
        SecretRule(
            id: "together-api-key", description: "Together AI API key (tgp_v1_ format)", keywords: ["tgp_v1_"],
            pattern: #"\b(tgp_v1_[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])"#, prefilter: #"tgp_v1_[A-Za-z0-9_-]{43}"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "TOGETHER_API_KEY=tgp_v1_0VeZbAStLDHGUZqaevEFKWrq-t830bTDBtspC_OQBUM",
                #"client = Together(api_key="tgp_v1_AXQZg4VDfoTUjl2_G0AEdAU-w0rrA1lWK6PPUuKwLTC")"#,
            ],
            falsePositives: ["TOGETHER_API_KEY=tgp_v1_...", "TOGETHER_API_KEY=tgp_v1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
        SecretRule(
            id: "together-legacy-api-key", description: "Together AI legacy API key (64 hex next to a Together name)", keywords: ["together"],
            pattern: #"(?:together[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?|Together\(\s{0,3}api_key\s{0,3}=\s{0,3}["'])([a-f0-9]{64})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.3,
            truePositives: [
                "TOGETHER_API_KEY=9bc62fe01ecca1bf48eb2a8c7bdfd6c6762468be5e5c2e3638fbedc259a0f50e",
                #"client = Together(api_key="d873202f0b24c8d31826c04ac4afeee9d2dacf5572b0b2aec7a257521fd5fbe8")"#,
            ],
            falsePositives: [
                "TOGETHER_API_KEY=0000000000000000000000000000000000000000000000000000000000000000",
                "TOGETHER_API_KEY=your-together-api-key",
                "sha256 = 9bc62fe01ecca1bf48eb2a8c7bdfd6c6762468be5e5c2e3638fbedc259a0f50e",
            ]),

        // MARK: - Fireworks AI
        SecretRule(
            id: "fireworks-api-key", description: "Fireworks AI API key", keywords: ["fw_"],
            pattern: #"\b(fw_(?=[A-Za-z]{0,47}[0-9])[A-Za-z0-9]{24,48})\b"#, prefilter: #"\bfw_[A-Za-z0-9]{24}"#,
            confidence: .high, minimumEntropy: 3.8,
            truePositives: ["FIREWORKS_API_KEY=fw_p9Teko1dATnvxvmZWiINf6ECq1EoY7tW4", #"client = Fireworks(api_key="fw_ARf8I17w4KUpCYybP0Hd9SA5")"#],
            falsePositives: [
                "FIREWORKS_API_KEY=fw_xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "FIREWORKS_API_KEY=fw_your_fireworks_key",
                "static void fw_initializeHardwareControllers(void);",
                "FIREWORKS_API_KEY=fw_p9Teko1dATnvxv",
            ]),

        // MARK: - LangSmith
        SecretRule(
            id: "langsmith-personal-access-token", description: "LangSmith personal access token", keywords: ["lsv2_pt_"],
            pattern: #"\b(lsv2_pt_[a-f0-9]{32}_[a-f0-9]{10})\b"#,
            confidence: .high, minimumEntropy: 3.3,
            truePositives: [
                "LANGSMITH_API_KEY=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",
                #"os.environ["LANGCHAIN_API_KEY"] = "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""#,
            ],
            falsePositives: ["LANGSMITH_API_KEY=lsv2_pt_...", "LANGSMITH_API_KEY=lsv2_pt_00000000000000000000000000000000_0000000000"]),
        SecretRule(
            id: "langsmith-service-key", description: "LangSmith service key (workspace-level, not tied to a user)", keywords: ["lsv2_sk_"],
            pattern: #"\b(lsv2_sk_[a-f0-9]{32}_[a-f0-9]{10})\b"#,
            confidence: .high, minimumEntropy: 3.3,
            truePositives: [
                "LANGSMITH_API_KEY=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",
                #"{"langsmithKey": "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"}"#,
            ],
            falsePositives: [
                "LANGSMITH_API_KEY=lsv2_sk_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxx",
                "LANGSMITH_API_KEY=lsv2_sk_def5e90ac160a22056da1ad50acc931c",
            ]),

        // MARK: - Pinecone
        SecretRule(
            id: "pinecone-api-key", description: "Pinecone API key (pcsk_ format: index data and project control)", keywords: ["pcsk_"],
            pattern: #"\b(pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{50,80})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "PINECONE_API_KEY=pcsk_QcIw89_G24ydinqs7qtjYGYUktT4UbTZ7V6lBgR3I9SyT8aMHpXM1QL6ENFTI4dnlUx57B",
                #"const pc = new Pinecone({ apiKey: 'pcsk_yjout_W7xtLKKjY1lOYc7Jdq0dZx8BnmG1RxyZHY9V5PUg78lQ09neuGi4j1Ck9XCM6GU' });"#,
            ],
            falsePositives: ["PINECONE_API_KEY=pcsk_...", "PINECONE_API_KEY=pcsk_xxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
        SecretRule(
            id: "pinecone-legacy-api-key", description: "Pinecone legacy API key (UUID next to a Pinecone name)", keywords: ["pinecone"],
            pattern: #"pinecone[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["PINECONE_API_KEY=28d557e8-6e7d-4ad0-ad68-dc6f96b299bb", #"  pinecone_api_key: "37ac1fdb-b37f-44cc-8120-0542551f3b01""#],
            falsePositives: [
                "PINECONE_API_KEY=00000000-0000-0000-0000-000000000000",
                "PINECONE_API_KEY=your-pinecone-api-key",
                "PINECONE_INDEX_ID=28d557e8-6e7d-4ad0-ad68-dc6f96b299bb",
            ]),

        // MARK: - Weights & Biases
        SecretRule(
            id: "wandb-api-key", description: "Weights & Biases API key (runs, artifacts and reports)", keywords: ["wandb"],
            pattern: #"(?:wandb[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?|wandb\.login\(\s{0,3}key\s{0,3}=\s{0,3}["'])([a-f0-9]{40})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                "WANDB_API_KEY=5b3a354f321e2b5a991c3872d9358e0e3cb12b91",
                #"wandb.login(key="407a57347d77e54ebdeb24c5081b1bb659e411eb")"#,
            ],
            falsePositives: [
                "WANDB_API_KEY=0000000000000000000000000000000000000000",
                "WANDB_API_KEY=$WANDB_API_KEY",
                "wandb_run_id = 5b3a354f321e2b5a991c3872d9358e0e3cb12b91",
            ]),
        SecretRule(
            id: "wandb-netrc-api-key", description: "Weights & Biases API key stored in a .netrc entry for api.wandb.ai", keywords: ["api.wandb.ai"],
            pattern: #"machine\s{1,3}api\.wandb\.ai\s[\s\S]{0,80}?password\s{1,3}([a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.2,
            truePositives: [
                "machine api.wandb.ai\n  login user\n  password 9d073c905016863280dc873784933f8e70366c5a\n",
                "machine api.wandb.ai login user password d7b1e75d6ceb66c64c53185eeb9833b8276cb8a8",
            ],
            falsePositives: [
                "machine api.wandb.ai\n  login user\n  password <your-api-key>\n",
                "machine api.github.com login user password 9d073c905016863280dc873784933f8e70366c5a",
            ]),
    ]
}
