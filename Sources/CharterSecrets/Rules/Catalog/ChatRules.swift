// Chat and messaging: Slack, Discord, Microsoft Teams, Telegram, Mattermost, Zulip, Twilio,
// Vonage, MessageBird, and transactional / marketing email (SendGrid, Mailgun, Mailchimp,
// Postmark, Mandrill, Brevo). Formats come from each provider's documented token shapes.
extension SecretCatalog {
    package static let chat: [SecretRule] = [
        // MARK: - Slack
        SecretRule(
            id: "slack-bot-token", description: "Slack bot user OAuth token (acts as the app's bot in a workspace)",
            keywords: ["xoxb-"], pattern: #"\b(xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{24,34})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["SLACK_BOT_TOKEN=xoxb-007577596151-1424614714228-cvtuqM7PFt8AE32RlL9V15ks", #"client = WebClient(token="xoxb-2923353143892-6218973827775-QiPpDxBwE5bIhcnLVHsnHGsS")"#],
            falsePositives: ["SLACK_BOT_TOKEN=xoxb-your-bot-token-here", "xoxb-624278351031-0508376086813-47Uf8I1Mej", "xoxb-xxxxxxxxxxxx-xxxxxxxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx"]),
        SecretRule(
            id: "slack-user-token", description: "Slack user OAuth token (acts as the installing user)",
            keywords: ["xoxp-"], pattern: #"\b(xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[a-f0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [#"slack_user_token: "xoxp-258618369129-236988489896-5875497776317-358c38be656114085ede48e23fe02328""#, "export SLACK_TOKEN=xoxp-00152079777-293697673943-7947603718454-521cede812e9105bc8182a70f20e85d7"],
            falsePositives: ["token = xoxp-123-456-789-abc", "xoxp-906788887267-751837571690-7894512472767-b16d8c6e9d4ce1a2629c", "xoxp-000000000000-000000000000-0000000000000-00000000000000000000000000000000"]),
        SecretRule(
            id: "slack-app-level-token", description: "Slack app-level token (Socket Mode and app-wide APIs)",
            keywords: ["xapp-"], pattern: #"\b(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[a-f0-9]{64})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["SLACK_APP_TOKEN=xapp-1-AR2UQTINU36-9472702861785-5b89d28d2908b626d473a43363a9cb2dba7153c77bd0a3fd8db13e3c79871b5e", #"App(app_token="xapp-1-AHPJ0RBGG3A-3220675385392-5d7dbf43754084300f73d2228f4d7207a490a62972240fbef1cb4ba4809e57fe")"#],
            falsePositives: ["SLACK_APP_TOKEN=xapp-1-your-app-token", "xapp-1-AHIG2X2EBW8-3950567846903-7262f077a31c748304a8bf4964a60302005b5273"]),
        SecretRule(
            id: "slack-refresh-token", description: "Slack token-rotation refresh token (mints new access tokens)",
            keywords: ["xoxe-"], pattern: #"\b(xoxe-[0-9]-[A-Za-z0-9]{60,300})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [#"{"refresh_token": "xoxe-1-eIpJpX3hgKvCSXJultj0CH27lViR8ZrppuCazOj3jlTo7uu2WcH1VvVmDxMXqKIf1g1ZlfwnwkMfefZunykC23RU8NSjyRJuWrK0wMUoQq8bJj9OiDxHzGzbEzuhsQDIKNTIx65oChIeDfs4FF"}"#, "SLACK_REFRESH_TOKEN=xoxe-1-i5Fl471kLserxEh6naPcFKSPdQG6YL3E6Q0rkAGgG35xsxusj4POVkLOB4DqVbLr9i4vF7RPEiLJvI56anXXkC4lkcvFe2qptNzIoywBYSauplI5GX3cAyhnYgxeQE0iF8fbFngB5jzB"],
            falsePositives: [#"refresh_token="xoxe-1-..." "#, "xoxe-1-long-enough-refresh-token", "xoxe-1-ApfKQFhCUNVcGiqhX9KwnvKaNKG0OY"]),
        SecretRule(
            id: "slack-rotating-access-token", description: "Slack rotating or app-configuration access token (xoxe.xoxp / xoxe.xoxb)",
            keywords: ["xoxe.xox"], pattern: #"\b(xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{60,300})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["SLACK_CONFIG_TOKEN=xoxe.xoxp-1-rnZZgJTv1z43nMLPrsnTmxlxC49K5RufsgEHAuPsYrO8cFxboG87wuTwGSTjQcwI4Nz0yCSYGYRZxpyiqTwcPSGQfUylES9GHQnkPWeXrfn2xNsGB8WnALbtu3LePgjM1ACZAuToUYCcX0PJ0BveB51Nft2UYmzU", #"bot_token = "xoxe.xoxb-1-3eORJrKbJcurD3czKNOwORLiqGiZtzoml5NDHP4OhrUS0j229dSfmVnKxQFGL4QWPGH3RGUQi0TuvfqTN1BUBqACn6VzhkXWUOlylyeyoHqvMI753CfAPxaUX7SbtGsIQWfyEdhFSfpgpNmsHoZCNR""#],
            falsePositives: [#"bot_token="xoxe.xoxp-1-initial""#, "xoxe.xoxp-1-GHC2tjyj3Esf7Ycypm81"]),
        SecretRule(
            id: "slack-legacy-workspace-token", description: "Slack legacy workspace-app access (xoxa) or refresh (xoxr) token",
            keywords: ["xoxa-", "xoxr-"], pattern: #"\b(xox[ar]-(?:[0-9]-)?[0-9]{8,14}(?:-[0-9]{8,14}){0,3}-[A-Za-z0-9]{24,64})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [#"val token = "xoxa-2-018414552254-756347540316-841935162801-6c4c401511f8adc32eb8da84c30fe5c4""#, "SLACK_REFRESH=xoxr-305234972070-246639533460-esgyf2RVNA4shsqlMDHOB69UbeXfZFuh"],
            falsePositives: ["slack_token= xoxa-2-abcdef-abcdef-abcdef-abcdef ;", "token: xoxa-2-abc-def-ghi"]),
        SecretRule(
            id: "slack-incoming-webhook-url", description: "Slack incoming webhook URL (posts to a channel)",
            keywords: ["hooks.slack.com"], pattern: #"(https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: ["SLACK_WEBHOOK_URL=https://hooks.slack.com/services/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", #"  webhook: "https://hooks.slack.com/services/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""#],
            falsePositives: ["https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX", "https://hooks.slack.com/services/T1/B1/FAKE_WEBHOOK_URL_1"]),
        SecretRule(
            id: "slack-workflow-webhook-url", description: "Slack workflow webhook trigger URL (starts a workflow)",
            keywords: ["hooks.slack.com"], pattern: #"(https://hooks\.slack\.com/(?:triggers|workflows)/[TE][A-Z0-9]{8,12}/(?:A[A-Z0-9]{8,12}/)?[0-9]{8,20}/[A-Za-z0-9]{24,40})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: ["curl -X POST https://hooks.slack.com/triggers/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 -d @payload.json", #"url = "https://hooks.slack.com/workflows/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""#],
            falsePositives: ["https://hooks.slack.com/triggers/T00000000/0000000000000/00000000000000000000000000000000", "see https://hooks.slack.com/triggers/ for details"]),

        // MARK: - Discord
        SecretRule(
            id: "discord-bot-token", description: "Discord bot token (full control of the bot account)",
            keywords: ["discord"],
            pattern: #"(?i:discord[\w.:{\s"'-]{0,30}token)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([MNO][A-Za-z0-9_-]{22,27}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,40})(?![\w.-])"#,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["DISCORD_BOT_TOKEN=NjI0ODk5MjUwMTkxNzE4MTg0.3WXW2N.Kzzw8gKdtEnxiLBGFIg9SW-ZGgkfQL8OyAn_hd", #"{"discordToken": "MTg2ODIyNDI5MDM2NDI0MDUy.Er0LII.EMQbWvhp7ibA0MfjYa2RjK1-ucG"}"#],
            falsePositives: ["DISCORD_TOKEN=your_discord_bot_token", "DISCORD_TOKEN=MTA4MTczMzcwMTUyNzc5MTI2.Whswyh", "DISCORD_TOKEN=${DISCORD_TOKEN}"]),
        SecretRule(
            id: "discord-webhook-url", description: "Discord webhook URL (posts to a channel)",
            keywords: ["discord.com/api", "discordapp.com/api"],
            pattern: #"(https://(?:(?:canary|ptb)\.)?discord(?:app)?\.com/api/(?:v[0-9]{1,2}/)?webhooks/[0-9]{17,20}/[A-Za-z0-9_-]{60,80})(?![\w-])"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: ["DISCORD_WEBHOOK=https://discord.com/api/webhooks/2151111507421074971/1wGmkDx2s_QLnqZk6sxWjstD06O9EPCdRfSrplEefvx6Xlle3j1rkgQwGppkQLHnaERQ", #"hook = "https://discordapp.com/api/webhooks/579751054244053201/6n6wkJjn1A9-uMHzs6k01m7JaM9pMcBKJRSVz8tM0-PJPaViacLLNbIQ68Mt1caAkF7Q""#],
            falsePositives: ["https://discord.com/api/webhooks/123456789012345678/your-webhook-token", "https://discord.com/api/webhooks/{id}/{token}"]),

        // MARK: - Microsoft Teams
        SecretRule(
            id: "microsoft-teams-incoming-webhook-url", description: "Microsoft Teams incoming webhook (Office 365 connector) URL",
            keywords: ["webhook.office.com", "outlook.office"],
            pattern: #"(https://(?:[a-z0-9-]{1,60}\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/[0-9a-f-]{36}@[0-9a-f-]{36}/IncomingWebhook/[0-9a-f]{32}/[0-9a-f-]{36}(?:/V2[A-Za-z0-9_-]{20,80})?)(?![\w-])"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/fe0662ab-006e-423e-a9b6-41430bfc3722@945c5699-c0e7-4631-8bd5-f7317924c057/IncomingWebhook/53c1b357e23408b323f8062e497bdb8e/5c9d0c39-924d-483a-a2ac-789a26360192/V2JfMoFPlN-u2j0-nmEWrW4hNgjkqvszLfWGgOQsAwUPR", #"url: "https://outlook.office.com/webhook/57afadf5-3ddd-45e2-a073-33fdf85eb349@efde8f2f-3aaa-4f1c-a27e-9f8fdecfaf6c/IncomingWebhook/b20be8417507d03406d3460f687c8dde/4828cedd-c564-41ae-8c15-0a25d8bf53f6""#],
            falsePositives: ["https://contoso.webhook.office.com/webhookb2/00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/00000000000000000000000000000000/00000000-0000-0000-0000-000000000000", "https://contoso.webhook.office.com/webhookb2/<group-id>@<tenant-id>/IncomingWebhook/<id>/<owner>"]),
        SecretRule(
            id: "microsoft-power-automate-workflow-url", description: "Power Automate / Logic Apps HTTP trigger URL with SAS signature (Teams Workflows webhook)",
            keywords: ["logic.azure.com", "powerplatform.com"],
            pattern: #"(https://[a-z0-9.-]{4,120}\.(?:logic\.azure\.com|api\.powerplatform\.com)(?::443)?/(?:powerautomate/automations/direct/)?workflows/[0-9a-f]{32}/triggers/\w{1,40}/paths/invoke\?[^\s"'<>]{0,200}?sig=[A-Za-z0-9_-]{40,64})(?![\w-])"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["TEAMS_WORKFLOW_URL=https://prod-29.westus.logic.azure.com:443/workflows/f852ca5d1331560eac695ca514dfc0be/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=5iSIM8BEY3KALa1pduRuvIuGRes7T6pxsZQncQM9676", #"webhook_url = "https://defaultf30fa9bafb75bebdc0785a60d30a7687.13.environment.api.powerplatform.com:443/powerautomate/automations/direct/workflows/7fc802c2135628a248cf42627254c5d2/triggers/manual/paths/invoke?api-version=1&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=cj-qqvZdXqmcEigB8VAaSjxp8ovY6q2c85V32FPf7mk""#],
            falsePositives: ["https://prod-00.westus.logic.azure.com:443/workflows/e63d8232f10305f2dd8a0661562b30f5/triggers/manual/paths/invoke?api-version=2016-06-01&sig=<signature>", "https://prod-00.westus.logic.azure.com/workflows/<workflow-id>/triggers/manual/paths/invoke"]),

        // MARK: - Telegram
        SecretRule(
            id: "telegram-bot-token", description: "Telegram Bot API token (full control of the bot)",
            keywords: ["telegram", "bot"],
            pattern: #"(?i:(?:telegram|tg|bot)[\w.:{\s"'-]{0,30}(?:token|key))\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([0-9]{8,10}:[A-Za-z0-9_-]{35})(?![\w-])"#,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["TELEGRAM_BOT_TOKEN=1250134559:AAojKY_hArkohEihW5x3V3GLJH4RiV-GSph", #"tg_token: "752573244:AAfEm4ZAIk2VluUPF9P2c56bX4pnaow16nj""#, "telegram:\n  bot_token: 9587319229:AAiLg48mTu0bGChQHJZrDdldLiUTNHq0OoG"],
            falsePositives: ["TELEGRAM_BOT_TOKEN=123456789:your-telegram-bot-token", "TELEGRAM_BOT_TOKEN=0613229393:AAJTNinXjIfBoQrC4kVsIr"]),
        SecretRule(
            id: "telegram-bot-api-url", description: "Telegram Bot API URL embedding the bot token",
            keywords: ["api.telegram.org/bot"], pattern: #"api\.telegram\.org/(?:file/)?bot([0-9]{8,10}:[A-Za-z0-9_-]{35})(?![\w-])"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [#"requests.post(f"https://api.telegram.org/bot4608356291:AAuMlP21DfdkV5g1xy0O2pt8QZTfqVBLHtO/sendMessage", json=msg)"#, "curl https://api.telegram.org/bot477554611:AARpHARnD3X8ld61oGU9Hq65-wN_ifEqAnz/getMe"],
            falsePositives: ["https://api.telegram.org/bot<token>/getMe", "https://api.telegram.org/bot123456:ABC-DEF1234ghIkl/getMe"]),

        // MARK: - Mattermost
        SecretRule(
            id: "mattermost-access-token", description: "Mattermost personal access or bot token",
            keywords: ["mattermost"],
            pattern: #"(?i:mattermost[\w.:{\s"'-]{0,30}(?:token|key))\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([a-z0-9]{26})\b"#,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["MATTERMOST_BOT_TOKEN=m1z2acy6p0d7xv8ysgbcicr5ib", #"mattermost: { accessToken: "8gp6ifidlv5jrffmjsq77onzic" }"#],
            falsePositives: ["MATTERMOST_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxx", "MATTERMOST_TOKEN=091xeu9z0gr88wdybhha"]),

        // MARK: - Zulip
        SecretRule(
            id: "zulip-api-key", description: "Zulip bot or user API key",
            keywords: ["zulip"],
            pattern: #"(?i:zulip[\w.:{\s"'-]{0,30}key)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([A-Za-z0-9]{32})\b"#,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["ZULIP_API_KEY=Smy4iXIDkn5NU4pXvuiqnJu7rXBDAySQ", #"zulip_bot_key: 'Yt8cPekEVKKa7dz39QXhctCXO7aGRoNO'"#],
            falsePositives: ["ZULIP_API_KEY=your_zulip_api_key_goes_right_here", "ZULIP_API_KEY=3RXghUybH5dWR5tLEmZ9gtDK"]),

        // MARK: - Twilio
        SecretRule(
            id: "twilio-api-key-sid", description: "Twilio API key SID (paired with its secret for API access)",
            keywords: ["sk"], pattern: #"\b(SK[0-9a-fA-F]{32})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["TWILIO_API_KEY=SK86f1863eff3104143e4a87f6f3b4d8f0", #"client = Client("SK3048db20f42b873bd758b64022432e4d", api_secret, account_sid)"#],
            falsePositives: ["TWILIO_API_KEY=SK00000000000000000000000000000000", "TWILIO_API_KEY=SKxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "SK6a0deebe1bb32e2075f1812fb957430"]),
        SecretRule(
            id: "twilio-auth-token", description: "Twilio account auth token (full account access)",
            keywords: ["twilio"],
            pattern: #"(?i:twilio[\w.:{\s"'-]{0,30}token)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([a-f0-9]{32})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["TWILIO_AUTH_TOKEN=9a65ab51fcb03d46878745415dde9270", #"twilio: { authToken: 'a77b4b35a008e47341ab435eb9a8a852' }"#, "twilio:\n  auth_token: 4fbf7dcd832fba69b6cab561a12f7e95\n  account_sid: ACc5637b322e82a389112fb80eee63b89d"],
            falsePositives: ["TWILIO_AUTH_TOKEN=your_auth_token", "TWILIO_AUTH_TOKEN=00000000000000000000000000000000"]),
        SecretRule(
            id: "twilio-account-credentials", description: "Twilio account SID followed by its auth token",
            keywords: ["ac"],
            pattern: #"\bAC[a-f0-9]{32}["']?\s{0,3}[,:]\s{0,3}["']?([a-f0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [#"client = Client("ACbdc4dfd3a2aa48fa5cab980a38af2cf9", "85dfa895c99c780ed2f9c692b98500f7")"#, "curl -u ACc7ac7ea6de1537d565220de0700e6811:c01e9cd54dd1f5ec5c13e25ae3f56ab2 https://api.twilio.com/2010-04-01/Accounts.json"],
            falsePositives: [#"Client("AC5ac655723e24d1816da9100ee212d468", auth_token)"#, "curl -u AC60b5ca207fdc54d74f524eabb7d7308c:$TWILIO_AUTH_TOKEN https://api.twilio.com"]),

        // MARK: - Vonage / Nexmo
        SecretRule(
            id: "vonage-api-secret", description: "Vonage (Nexmo) API secret",
            keywords: ["vonage", "nexmo"],
            pattern: #"(?i:(?:vonage|nexmo)[\w.:{\s"'-]{0,30}secret)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([A-Za-z0-9]{16})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["VONAGE_API_SECRET=PS7D5xt6Zyif4zZk", #"nexmo = Nexmo(key: "22e030c7", nexmoSecret: "EpqizdLkA1vBsdrE")"#],
            falsePositives: ["VONAGE_API_SECRET=your_api_secret", "NEXMO_API_SECRET=aaaaaaaaaaaaaaaa"]),

        // MARK: - MessageBird
        SecretRule(
            id: "messagebird-access-key", description: "MessageBird (Bird) REST API access key",
            keywords: ["messagebird", "message_bird"],
            pattern: #"(?i:message_?bird[\w.:{\s"'-]{0,30}(?:key|token))\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([A-Za-z0-9]{25})\b"#,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["MESSAGEBIRD_ACCESS_KEY=jd4bHfU5bIhS7ffmbEMDEQWBE", #"messagebird_api_key: "LQmIlU8JOYMyHY05ycFQHsH5n""#],
            falsePositives: ["MESSAGEBIRD_ACCESS_KEY=YOUR_ACCESS_KEY", "MESSAGEBIRD_ACCESS_KEY=${MESSAGEBIRD_KEY}"]),

        // MARK: - SendGrid
        SecretRule(
            id: "sendgrid-api-key", description: "SendGrid (Twilio) API key",
            keywords: ["sg."], pattern: #"\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![\w-])"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: ["SENDGRID_API_KEY=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", #"sg = SendGridAPIClient("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")"#],
            falsePositives: ["SENDGRID_API_KEY=SG.xxxxxxxxxxxxxxxxxxxxxx.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "SENDGRID_API_KEY=SG.2gEKrlmA87UYqtX8T4jCkb.ljWwWugJeJ3LxZtiy66u"]),

        // MARK: - Mailgun
        SecretRule(
            id: "mailgun-api-key-legacy", description: "Mailgun legacy private API key (key- prefix)",
            keywords: ["key-"], pattern: #"\b(key-[a-z0-9]{32})\b"#,
            confidence: .medium, minimumEntropy: 3.2,
            truePositives: ["MAILGUN_API_KEY=key-wj5761i5noo6lkea190a856gi3snzcc7", #"auth=("api", "key-p1svx635azkknh62nboeazpb7ao0asmc")"#],
            falsePositives: ["MAILGUN_API_KEY=key-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "api-key-value-lookup-for-the-given-user"]),
        SecretRule(
            id: "mailgun-private-api-key", description: "Mailgun private API or webhook signing key",
            keywords: ["mailgun"],
            pattern: #"(?i:mailgun[\w.:{\s"'-]{0,30}key)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([a-f0-9]{32}-[a-f0-9]{8}-[a-f0-9]{8})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["MAILGUN_API_KEY=08a80e3a6c802ff935389ae970513fe1-4378267f-db07765e", #"mailgun: { apiKey: "87662b5d40769d1e97d2c25a7667bb86-f2f65e31-f0f73158" }"#],
            falsePositives: ["MAILGUN_API_KEY=your-mailgun-api-key", "MAILGUN_API_KEY=00000000000000000000000000000000-00000000-00000000"]),

        // MARK: - Mailchimp
        SecretRule(
            id: "mailchimp-api-key", description: "Mailchimp Marketing API key (with its data-center suffix)",
            keywords: ["-us"], pattern: #"\b([a-f0-9]{32}-us[0-9]{1,2})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["MAILCHIMP_API_KEY=1dca05296373eab55704b6bab4a684e2-us17", #"client.set_config({"api_key": "e61a7981e85f6af033627ee2501941ef-us6", "server": "us6"})"#],
            falsePositives: ["MAILCHIMP_API_KEY=00000000000000000000000000000000-us1", "MAILCHIMP_API_KEY=8c61d50308b81f0b6592-us1"]),

        // MARK: - Postmark
        SecretRule(
            id: "postmark-server-token", description: "Postmark server or account API token",
            keywords: ["postmark"],
            pattern: #"(?i:postmark[\w.:{\s"'-]{0,30}(?:token|key))\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["POSTMARK_SERVER_TOKEN=1af16db9-df8b-4abf-ade0-2975d8e0994c", "-H 'X-Postmark-Server-Token: 9a0f4cfa-34d7-45b3-894d-17221f648e16'"],
            falsePositives: ["POSTMARK_SERVER_TOKEN=00000000-0000-0000-0000-000000000000", "POSTMARK_SERVER_TOKEN=your-server-token"]),

        // MARK: - Mandrill
        SecretRule(
            id: "mandrill-api-key", description: "Mandrill (Mailchimp Transactional) API key",
            keywords: ["mandrill"],
            pattern: #"(?i:mandrill[\w.:{\s"'-]{0,30}key)\w{0,10}["']?\s{0,3}[:=]{1,2}>?\s{0,3}["']?([A-Za-z0-9_-]{22})(?![\w-])"#,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["MANDRILL_API_KEY=1w5ncM-w4hCwN8sWydePF7", #"$mandrill_key = 'HSobHTH2SFhQEuP1GLL7nL';"#],
            falsePositives: ["MANDRILL_API_KEY=your_mandrill_api_key", "MANDRILL_API_KEY=NXXDcgBWJhm5gVxWJX_axR6GgUlPIN"]),

        // MARK: - Brevo (Sendinblue)
        SecretRule(
            id: "brevo-api-key", description: "Brevo (Sendinblue) v3 API key",
            keywords: ["xkeysib-"], pattern: #"\b(xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["BREVO_API_KEY=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", #"config.api_key["api-key"] = "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""#],
            falsePositives: ["BREVO_API_KEY=xkeysib-your-api-key", "xkeysib-52dda7bb6552b09ee5bff88382d850c12ddf7d9484cc932b4310a486abb55e10-6Pp2KlQB"]),
        SecretRule(
            id: "brevo-smtp-key", description: "Brevo (Sendinblue) SMTP relay key",
            keywords: ["xsmtpsib-"], pattern: #"\b(xsmtpsib-[a-f0-9]{64}-[A-Za-z0-9]{16})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["SMTP_PASSWORD=xsmtpsib-08b0e65e8dd7c84425befec04d2267a173e73f99daa2e6cd6974618a2eae55dc-s0DOR2OHo3lzq204", #"smtp: { pass: "xsmtpsib-ad52ac8cb8ec08db54bb32c8a2f65d1be9c50696ec558dea03a375f58677b6eb-VXPpbm2cOGBGkAJR" }"#],
            falsePositives: ["SMTP_PASSWORD=xsmtpsib-your-smtp-key", "xsmtpsib-a0832b5eb6b5946920c87b3c4a25d0232ed9d686-V9T540XnKhYUkrsc"]),
    ]
}
