// Cloud platform credentials: AWS, Google Cloud, Azure, Alibaba, Tencent, IBM, DigitalOcean, Heroku.
// Patterns follow each provider's documented token format; every sample value is randomly generated.

extension SecretCatalog {
    package static let cloud: [SecretRule] = [
        // MARK: - AWS
        SecretRule(
            id: "aws-access-key-id", description: "AWS access key ID (long-term AKIA, temporary ASIA, bearer ABIA, context ACCA)",
            keywords: ["akia", "asia", "abia", "acca"],
            pattern: #"\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"aws_access_key_id = AKIAAIP4XVHDTUADOA6N"#,
                #""AccessKeyId": "ASIA23KR3THVHSTKP7TY","#,
                #"export AWS_ACCESS_KEY_ID='AKIAPQDJ3372OLSV3W7N'"#,
            ],
            falsePositives: [
                #"aws_access_key_id = AKIAIOSFODNN7EXAMPLE"#,
                #"AKIAXXXXXXXXXXXXXXXX"#,
                #"UserId: AIDAMSKH5NUMB5BZKWOF"#,
                #"AKIAAEUEN5W5CTJGHLU"#,
            ]),
        SecretRule(
            id: "aws-secret-access-key", description: "AWS secret access key (signs requests as the key's IAM principal)",
            keywords: ["aws", "secret_access_key", "secretaccesskey"],
            pattern: #"(?:aws[\w.-]{0,20}secret[\w.-]{0,20}|secret[_-]?access[_-]?key[\w-]{0,8})["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9/+]{40})(?:[^A-Za-z0-9/+=]|$)"#,
            caseless: true, confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                #"AWS_SECRET_ACCESS_KEY=tmYTdTDBgkJT2SLcErwji+iH2CcROT9tXRUyNzlV"#,
                #"  "SecretAccessKey": "n5MEdx1rqsWJZLGtwln+xi2L0gU8+l5ZcyJTtm2m","#,
                #"aws_secret_access_key = AdF/VqtBnVU5z087qFFapgL9iGZop8vMnVKj7M0f"#,
            ],
            falsePositives: [
                #"aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"#,
                #"AWS_SECRET_ACCESS_KEY=${AWS_SECRET_ACCESS_KEY}"#,
                #"aws_secret = "da39a3ee5e6b4b0d3255bfef95601890afd80709""#,
                #"aws_secret_access_key = "AAE0NOmS7A9sfcSR4ZBE+1VUNTcc5B/eiylkcRcVx""#,
            ]),
        SecretRule(
            id: "aws-session-token", description: "AWS temporary session token (STS credentials)",
            keywords: ["aws_session_token", "aws_security_token", "x-amz-security-token", "sessiontoken"],
            pattern: #"(?:aws[_-]?session[_-]?token|aws[_-]?security[_-]?token|x-amz-security-token|"sessiontoken")["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9/+]{100,1400}={0,2})"#,
            prefilter: #"(?:aws[_-]?session[_-]?token|aws[_-]?security[_-]?token|x-amz-security-token|"sessiontoken")["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?[A-Za-z0-9/+]{100}"#,
            caseless: true, confidence: .high, minimumEntropy: 4.5,
            truePositives: [
                #"aws_session_token = IQoJb3JpZ2luX2VjE9Box5MEXobDKv042VzG0BJrHpbFeHnklkFeSLhoe6KYX9Yxe1OUgTeVfXdwY1HZah/O9FLHDnLp1H87Efwky6ZsIllqoSdTetoGYOSedoFyBJzwJG80CsVvPETb+lMN4xa+dT8jlauPFbwyc0X7ORx5ZXMuyVUFQIk0v6tljuHRMVUgl/dz1H6arC9TKPsXmz05l7+VE/vSiHLJjL5G4mZa81N/5zaWc9A9mble8gR1F3oWSEEYI8tGIgFiUTavgcBG4uZUvKeiJu41honVvmp5EkIu6hN7DKjyLB5n1FcNOVKeriU3ZsgkU9/lxDJBAHpyuYAQKWp"#,
                #""SessionToken": "FwoGZXIvYXdzEhjV3Xn0BPNo85Jqpm2FElIp3ohiNQgdYkXgpYq33jqX4SFK/7UyNZALhj66y+yCeWzTqAD7gExfzsj3nOK4KBpmyWgzYzZ4Ev6GGd8MWWvyuwsIlei437cezGorI7NDK9dzHwqQLpoW9ubkuLCe8jzP3qc4grmlOz5ftwQvDZoU5iGivry26DpZnESjSKox6lH3eW1c8YYe/GeQVW6FVJxa9FcgtmGhWN+3+wolkrWYBmCWftLqYSYrn6RKYerLZvzZcThePdqjNty/a25p2WqzmLfzufEkhGN2v/N7bzKeJxc1ZyUV+/cWvpIFp54GK9n4v7xnGWR","#,
            ],
            falsePositives: [
                #"aws_session_token = ${AWS_SESSION_TOKEN}"#,
                #"AWS_SESSION_TOKEN=short0token"#,
                #"aws_session_token = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"#,
            ]),
        SecretRule(
            id: "aws-mws-auth-token", description: "Amazon Marketplace Web Service (MWS) auth token", keywords: ["amzn.mws."],
            pattern: #"\b(amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"MWS_AUTH_TOKEN=amzn.mws.97f99761-b717-41bb-8d7e-2e0279024024"#,
                #"mws_auth_token: "amzn.mws.8e72f5f8-4185-4a18-95c4-8a5bd75a66c9""#,
            ],
            falsePositives: [#"amzn.mws.00000000-0000-0000-0000-000000000000"#, #"amzn.mws.be52bcee-53f6-22e334b86d75"#]),
        // MARK: - Google Cloud
        SecretRule(
            id: "gcp-service-account-key", description: "Google Cloud service account key file (JSON with a private key)",
            keywords: ["service_account", "private_key_id"],
            pattern: #""type"\s{0,3}:\s{0,3}"service_account"\s{0,3},[\s\S]{0,400}?"private_key_id"\s{0,3}:\s{0,3}"([a-f0-9]{40})""#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"{\#n  "type": "service_account",\#n  "project_id": "acme-prod-41237",\#n  "private_key_id": "af487c254ab0dee899acbbd1e0eed4254ca01b3f",\#n  "client_email": "deployer@acme-prod-41237.iam.gserviceaccount.com"\#n}"#,
                #"{"type":"service_account","project_id":"billing-sync","private_key_id":"26fc8bfacb89967fb252bfc15ae13c19658b942c","client_id":"104799740889386416445"}"#,
            ],
            falsePositives: [
                #""type": "service_account", "private_key_id": "<REDACTED>""#,
                #""type": "authorized_user", "private_key_id": "25ce0617d353f41c7ce7ac0a31b2550f7572caf9""#,
                #""type": "service_account", "private_key_id": "0000000000000000000000000000000000000000""#,
            ]),
        SecretRule(
            id: "gcp-service-account-private-key", description: "Google Cloud service account private key (PEM inside the JSON key file)",
            keywords: ["private_key", "-----begin private key-----"],
            pattern: #""private_key"\s{0,3}:\s{0,3}"(-----BEGIN PRIVATE KEY-----\\n(?:[A-Za-z0-9+/=]{16,80}\\n){3,120}-----END PRIVATE KEY-----(?:\\n)?)""#,
            prefilter: #""private_key"\s{0,3}:\s{0,3}"-----BEGIN PRIVATE KEY-----\\n"#,
            confidence: .high, minimumEntropy: 4.5,
            truePositives: [
                #"  "private_key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCv3NIwnt2GdT4NImd4r6PUc3LQhbS7EhW\n/jmBphKC6sJcIXNsA7flluEL+ZVG8azPSQNzA0cQIPPE4zgwVcG9zCh24vK9XfnR\nHbdg5H6yh7we74Pumq/AL3otnOY93nGgWodBH6/A+imtvGD5clI2HHUSk9pXtVk+\nB2zkLINaLVYbgvyu1tjvTiE8iRV2bjQ0AMir2aibHfOGc7fj8l4gGEj/xt5fAFRo\nJYOYMpvpkGAAZtzuSyNlW4Ux+gYGjdGyHBHSee43+O3B7h+SkO0r0WU5zJWQg+9l\n5iP/v7mentlc+juIYDJUf68a7QRA/1XBcd9dybsI3HHho9Zgkba2CFhbAUyWtdTw\n6CbGZbcRH+oCF4IT8NbT==\n-----END PRIVATE KEY-----\n","#,
                #"creds = {"private_key":"-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASC7Dviozk1+o73qXAIwYT/bBHKTOyVd7/0\nC8uKnJicrp9O+8qdO44dFMSqM4SXkuJiLhXaw03Q2Nlc+qXrv72aidtKAnZHwGth\n2byyjVYJoL/vRDgAsJcQqi5wrZ3XC3ABUSfgoiJgOlRHwYBaSEe9jAisDWQkUPLj\nAcYw6iZqwqXX9xF2lJ8z1nG4ijVvEu0NywPLedlNSHH0YlVJmqLnlxoDu88hS1nb\nkBXzSFh//cLfzfj2Q2g9hW+VxS4+JT7+DCAbfO46FDMZNBP8SUwhh5bmw/LncRj/\nJ0uVn785r95OxyrTk6B/U1SsWOJNrM9cho3J0sUKWGPbwKZyuq9dEW1itbmpq0Wc\nTZ/il5SOpqEQVk/rtc0X==\n-----END PRIVATE KEY-----\n"}"#,
            ],
            falsePositives: [
                #""private_key": "-----BEGIN PRIVATE KEY-----\n<YOUR_PRIVATE_KEY>\n-----END PRIVATE KEY-----\n""#,
                #""private_key": """#,
                #""private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n""#,
            ]),
        SecretRule(
            id: "gcp-api-key", description: "Google Cloud / Firebase / Maps API key", keywords: ["aiza"],
            pattern: #"\b(AIza[0-9A-Za-z_-]{35})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"const firebaseConfig = { apiKey: "AIzauYlcr4aHGY1LI_QdBVomkuhZh1nLTXmJWKe" };"#,
                #"GOOGLE_MAPS_API_KEY=AIzakjC2DbLqUeJ3I_GzZU44ZNzZGFUpUE_3KJL"#,
            ],
            falsePositives: [
                #"AIzaXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"#,
                #"key=AIzaC5lwBnvYnhYVY0Y_7XsYo4pTyIZmT2"#,
                #"AIzaw9lvq2g60PfQX8lfvn8Xaq2R4MrUAFyFUAQgc"#,
            ]),
        SecretRule(
            id: "gcp-oauth-client-secret", description: "Google OAuth client secret", keywords: ["gocspx-"],
            pattern: #"\b(GOCSPX-[A-Za-z0-9_-]{28})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"{"installed":{"client_id":"1047.apps.googleusercontent.com","client_secret":"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"}}"#,
                #"GOOGLE_CLIENT_SECRET=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"#,
            ],
            falsePositives: [
                #"GOCSPX-xxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"client_secret: GOCSPX-short"#,
                #"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Imw"#,
            ]),
        SecretRule(
            id: "gcp-oauth-refresh-token", description: "Google OAuth refresh token (mints new access tokens)",
            keywords: ["1//0"],
            pattern: #"\b(1//0[A-Za-z0-9_-]{60,300})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                #""refresh_token": "1//0g-mbFa-CDlCnBRjtznHyr0iYom_vZOx4U3-D_ot9TicwS7Alxz_nGTATWD7i0Fk6qOWAN4XjVRQbkb9w80FTVxLeU31DVs2jcBs","#,
                #"GOOGLE_REFRESH_TOKEN=1//04pkQYweLqWnU1WfMiQRx-gcog-q23sVI1Lv8W-fOjN5QAcRPPCNIfii7ViFLyrF4pILB7jIO3VVssJ1oNdLKzkrEac-a-QQ3tr9t"#,
            ],
            falsePositives: [
                #"ratio = 1//0"#,
                #""refresh_token": "1//0xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx""#,
                #"1//0jkpXvZp-d8hmvFn0hYB11RdxAiWe9j"#,
            ]),
        // MARK: - Azure
        SecretRule(
            id: "azure-storage-account-key", description: "Azure Storage account key (full access to the storage account)",
            keywords: ["accountkey", "azure_storage"],
            pattern: #"(?:accountname=[a-z0-9]{3,24};\s?accountkey=|azure[_-]?storage[_-]?(?:account[_-]?)?(?:access[_-]?)?key[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?)([A-Za-z0-9+/]{86}==)"#,
            caseless: true, confidence: .high, minimumEntropy: 4.5,
            truePositives: [
                #"DefaultEndpointsProtocol=https;AccountName=acmeassets;AccountKey=1YJ3PtFTfRrlDgI9cIvVogM+68DdHd0cvnYDtDR5Hr+M0eI8YdNLO8sLUui0XEDVFxVHEpO3QLS+qLXjcjhW+Q==;EndpointSuffix=core.windows.net"#,
                #"AZURE_STORAGE_KEY="L//JI6lO6TrUzos52kbFeuQDmmcjChuPG0SB4tC2C6IUVotnlXvOYEI1xOGH02Nf+tJK7jZbgUGQ2RHu1yAXVQ==""#,
            ],
            falsePositives: [
                #"AccountName=acmeassets;AccountKey=<your-account-key>"#,
                #"AccountName=x1y;AccountKey=${STORAGE_KEY}"#,
                #"AZURE_STORAGE_KEY=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=="#,
            ]),
        SecretRule(
            id: "azure-storage-sas-signature", description: "Azure shared access signature (SAS) token signature",
            keywords: ["sig=", "sv="],
            pattern: #"\bsv=\d{4}-\d{2}-\d{2}&[^\s"'<>]{0,400}?\bsig=((?:[A-Za-z0-9+/]|%2[BbFf]){40,90}(?:%3[Dd]|=){0,2})"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"https://acmeassets.blob.core.windows.net/backups/db.bak?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2025-12-31T23:59:59Z&spr=https&sig=q0bULAg5bIEDXj0Dw8%2BLsG1AD%2FnaZVG5VCfbCoJfzUI%3D"#,
                #"AZURE_SAS_TOKEN="sv=2021-08-06&se=2026-01-01T00%3A00%3A00Z&sr=c&sp=racwdl&sig=JvzvZQ2M5%2Bx0RAbe4fn3RMZIN%2BQKiLrklePPat8M19g%3D""#,
            ],
            falsePositives: [
                #"https://x.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=<signature>"#,
                #"?sv=2022-11-02&sp=r&sig=XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX%3D"#,
                #"https://example.com/api?sig=iRsWc1tgw%2BGWkTdhJffv941AXD%2B544rLVZWqcnwZwck%3D"#,
            ]),
        SecretRule(
            id: "azure-entra-client-secret", description: "Microsoft Entra ID (Azure AD) application client secret",
            keywords: ["q~"],
            pattern: #"(?:^|[^A-Za-z0-9_~.-])([A-Za-z0-9_~.-]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$)"#,
            prefilter: #"[0-9]Q~[A-Za-z0-9_~.-]{31}"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"AZURE_CLIENT_SECRET=yI76Q~_zDwoZneM7egBSVUJnL_UDyJ_ARxOeg.Ey"#,
                #""clientSecret": "E479Q~Pod5YaBGpH8U8lGeYxhdjyMKBeygoYnU5h","#,
            ],
            falsePositives: [
                #"Entra secrets contain Q~ after four characters"#,
                #"secret = 'abc1Q~short'"#,
                #"abc8Q~xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
            ]),
        SecretRule(
            id: "azure-cosmosdb-key", description: "Azure Cosmos DB account key", keywords: ["documents.azure.com", "cosmos"],
            pattern: #"(?:\.documents\.azure\.com(?::443)?/?;\s?accountkey=|cosmos(?:db)?[\w.-]{0,20}key[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?)([A-Za-z0-9+/]{86}==)"#,
            caseless: true, confidence: .high, minimumEntropy: 4.5,
            truePositives: [
                #"AccountEndpoint=https://orders-db.documents.azure.com:443/;AccountKey=srvu7UO9Hf/1bNVz5OHkpp58Mazfn3aDx5lZk3oPR/uKIKOEXs9ygGt9LWIQXGbQoG9+BXwJQD1KP+xaYTMCFQ==;"#,
                #"COSMOS_PRIMARY_KEY="IqCWf39eDxSWfBBoBd9O4rbKtysEgA7c/dupdfqOXQL7VLFASBk/nzkY/Vi381NGX89TB15TRN74wMJbXy2kJQ==""#,
            ],
            falsePositives: [
                #"AccountEndpoint=https://localhost:8081/;AccountKey=yRwTiIhXA0xXamsnselnuaRW0uArOmne20teh6ho7wOzdSXAFfxuHCjqnnc8jERi/ZivwODrmSgu6btLS6nlFQ=="#,
                #"COSMOS_KEY=<primary-key>"#,
                #"cosmos_key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==""#,
            ]),
        SecretRule(
            id: "azure-service-bus-shared-access-key", description: "Azure Service Bus / Event Hubs shared access key (connection string)",
            keywords: ["servicebus.windows.net", "sharedaccesskey="],
            pattern: #"Endpoint=sb://[A-Za-z0-9-]{1,64}\.servicebus\.windows\.net/?;SharedAccessKeyName=[^;\s"']{1,120};SharedAccessKey=([A-Za-z0-9+/]{43}=)"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=zR+QaAWL6ipTBVLzQJB4P0Hc1PPyxqfZAtIWiKpbD8Y="#,
                #""EventHub": "Endpoint=sb://telemetry-hub.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey=w3hfWgNvQOpwmT7pWAJMECUirKsvAAzfBP0DKq1dxt0=;EntityPath=events""#,
            ],
            falsePositives: [
                #"Endpoint=sb://orders-ns.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=<your-key>"#,
                #"SharedAccessKey=ri/nFHWrJ/ezHEfTPMJua8APjFDmHgAXEWNiYRjdVe8="#,
                #"Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="#,
            ]),
        SecretRule(
            id: "azure-devops-personal-access-token", description: "Azure DevOps personal access token (84-character identifiable format)",
            keywords: ["azdo"],
            pattern: #"\b([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"AZURE_DEVOPS_EXT_PAT=F1fedzrGmx5br0uQ68Hlt4Kdo2cUmcHAsLEVf5P6T0BVYoFHz9LbsFO9CxU4c0215cAUQSYm4hJ7AZDO4OSP"#,
                #"git clone https://build:SQAMIWF2F67WjDHQ1QpsLH5YSSw2oS2zsxgtXgLuUWPkvPi44AJOC5Zl4ZJ4ruyaWg6a0qdXf4yeAZDOZAq0@dev.azure.com/acme/web/_git/web"#,
            ],
            falsePositives: [
                #"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxAZDOxxxx"#,
                #"vKgj3SnqDkWAJf6arspxodeuSTzaekenGq7gbhkhRXO47n0D6qEe2lrjyEKVYStsOM8K5HoDD5fAZDOEhAm"#,
                #"GOdd7Hc7cFHnRxMMT1Fp6leWtxH7zMZeLxPu7geXP5euXRIYPJLjWNina0oEcXDgPbS7KTOQ1PcwazdoxZiz"#,
            ]),
        SecretRule(
            id: "azure-devops-pat-legacy", description: "Azure DevOps personal access token (52-character format) by keyword",
            keywords: ["devops", "azdo", "ado", "vsts"],
            pattern: #"(?:devops|azdo|\bado|vsts)[\w.-]{0,20}(?:pat|token|password|pwd)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-z2-7]{52})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                #"AZURE_DEVOPS_PAT=gucc4lxerxosygxbir6oz5qeulwv73ahcgb7niulvvadeckasq5r"#,
                #"ado_token: "pg2xrlrfucqjik6wccamdzfmykh6gzzvjpnc5am3chb2xoattwgu""#,
                #"VSTS_TOKEN = '23iezzfc2c2sljqebhbtgp7pqjjwdqrjyvdslhdnjslexpsha4pn'"#,
            ],
            falsePositives: [
                #"AZURE_DEVOPS_PAT=$(System.AccessToken)"#,
                #"devops_token = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa""#,
                #"AZURE_DEVOPS_PAT=whybgbrwo2h5kdmsp5dcbvznvmsb6vjozjnickmq54ekmvfm5di1"#,
            ]),
        SecretRule(
            id: "azure-app-configuration-connection-string", description: "Azure App Configuration access key (connection string)",
            keywords: ["azconfig.io"],
            pattern: #"Endpoint=https://[A-Za-z0-9-]{1,64}\.azconfig\.io;Id=[^;\s"']{1,64};Secret=([A-Za-z0-9+/]{40,88}={0,2})"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"Endpoint=https://acme-config.azconfig.io;Id=Xc1Y-l0-s0:X5lZcNap9E6LgGdhL4hk;Secret=+gnUnlRCfQZz/pMYB2g8NxNkNsyD92WO2MIpF35ylUg="#,
                #""AppConfig": "Endpoint=https://web-settings.azconfig.io;Id=0-l4-s0:NsKJIBkA2HwCvTsbgfNE;Secret=AmM+3GwuIWmb2ZcFgF7BdRR0wml26ttnXHnnMxSj4ck=""#,
            ],
            falsePositives: [
                #"Endpoint=https://acme-config.azconfig.io;Id=abc;Secret=<secret>"#,
                #"Endpoint=https://acme-config.azconfig.io;Id=abc;Secret=${APPCONFIG_SECRET}"#,
            ]),
        // MARK: - Alibaba Cloud, Tencent Cloud, IBM Cloud
        SecretRule(
            id: "alibaba-cloud-access-key-id", description: "Alibaba Cloud AccessKey ID", keywords: ["ltai"],
            pattern: #"\b(LTAI[A-Za-z0-9]{12,20})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tGjOT3QZGfij3VUsg7K"#,
                #"accessKeyId: 'LTAIOaXQgCu2c8SABHOb8ZH3',"#,
            ],
            falsePositives: [#"LTAIxxxxxxxxxxxxxxxxxxxx"#, #"LTAI4GkQY0Pynu"#, #"LTAIORHSUUIqr2974RZ2UTg7pR"#]),
        SecretRule(
            id: "tencent-cloud-secret-id", description: "Tencent Cloud API SecretId", keywords: ["akid"],
            pattern: #"\b(AKID[A-Za-z0-9]{32,34})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"TENCENTCLOUD_SECRET_ID=AKIDoM2Nw9OXQDZUVWpABGLIHaUUjMSvmBW8"#,
                #"secretId: "AKIDfJRfLhGB5lEv7MGLKgaGf4A4TNGejiSD","#,
            ],
            falsePositives: [#"AKIDxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#, #"AKIDqOpZSGB4lUJQJUmRkaqj"#]),
        SecretRule(
            id: "ibm-cloud-api-key", description: "IBM Cloud API key by keyword", keywords: ["ibm", "bluemix"],
            pattern: #"(?:ibm|bluemix)[\w.-]{0,20}api[_-]?key[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9_-]{44})(?:[^A-Za-z0-9_-]|$)"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                #"IBMCLOUD_API_KEY=EkFRymdAwyGRqLOAF1fywzjvwTjXZTExaJGdLmzqkNc-"#,
                #"ibmcloud_api_key = "i5OjdpRgOU3Tm6wroyJdX9ev5D7nCd2Uq34_99EGkpYc""#,
            ],
            falsePositives: [
                #"IBMCLOUD_API_KEY=${IBMCLOUD_API_KEY}"#,
                #"ibm_api_key = "Y1_s2Y6ghOV6ZzCU70CiIXg9lUEBxJ9JM_4ZjsHRrp6""#,
                #"IBM_API_KEY=<your-ibm-api-key>"#,
            ]),
        // MARK: - DigitalOcean, Heroku
        SecretRule(
            id: "digitalocean-personal-access-token", description: "DigitalOcean personal access token", keywords: ["dop_v1_"],
            pattern: #"\b(dop_v1_[a-f0-9]{64})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"DIGITALOCEAN_TOKEN=dop_v1_3a8972a82e061fe8eaa6463bf229990a69fec1fa0823a0041d0c10e8d6b2e2d4"#,
                #"doctl auth init --access-token dop_v1_8cf2d81a873a3e51ea93e258db12ab992d6e0653d4e30948f12bae8cbd595f24"#,
            ],
            falsePositives: [
                #"dop_v1_0000000000000000000000000000000000000000000000000000000000000000"#,
                #"dop_v1_158a76198175f7e80428119f7fa83f3aa2fa7190"#,
            ]),
        SecretRule(
            id: "digitalocean-oauth-token", description: "DigitalOcean OAuth access token", keywords: ["doo_v1_"],
            pattern: #"\b(doo_v1_[a-f0-9]{64})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #""access_token": "doo_v1_2acad09c7e1cd93caab19be5ddbc0b96a4fe9b923ac8ddea2a2bb5f9eabc0187""#,
                #"doctl auth init --access-token doo_v1_0fad88d0c69a63a4256d9163844f04abb4d23705b72db02da1122d9bbb846a9d"#,
            ],
            falsePositives: [
                #"doo_v1_0000000000000000000000000000000000000000000000000000000000000000"#,
                #"doo_v1_b56bee1f785a93b74ebf64f630ff50c76c047dce"#,
            ]),
        SecretRule(
            id: "digitalocean-refresh-token", description: "DigitalOcean OAuth refresh token", keywords: ["dor_v1_"],
            pattern: #"\b(dor_v1_[a-f0-9]{64})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #""refresh_token": "dor_v1_37bf217973377175d0d4d65f789b9eb62bdc2314e923fafe79748b3c17f87d3e""#,
                #"doctl auth init --access-token dor_v1_a1980d3ee1a81d8e5cc5f353b9037aaa6bd22e217c489e77614f2a7ca04ed10e"#,
            ],
            falsePositives: [
                #"dor_v1_0000000000000000000000000000000000000000000000000000000000000000"#,
                #"dor_v1_078e8b9acec5cfbb973e661110ea596ebf4b375d"#,
            ]),
        SecretRule(
            id: "heroku-api-key", description: "Heroku Platform API key (HRKU- format)", keywords: ["hrku-"],
            pattern: #"\b(HRKU-[A-Za-z0-9_-]{40,80})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"HEROKU_API_KEY=HRKU-AAQXm9AkWpCHCeaMjemlaGwsl0mh1NQThp0ff7QR0Vu_ejMvaA-3rT05-HHG"#,
                #"curl -H 'Authorization: Bearer HRKU-AAd8L-iJVevxCSnq1FPr9VhnFDQ6xvUfpLXHk5u9ThmDSFioX_yxS_ekZuRf' https://api.heroku.com/apps"#,
            ],
            falsePositives: [
                #"HRKU-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"HRKU-<token>"#,
                #"HRKU-awpVFB7qTYizjp4Cnshn"#,
            ]),
        SecretRule(
            id: "heroku-api-key-legacy", description: "Heroku API key (UUID format) by keyword", keywords: ["heroku"],
            pattern: #"heroku[\w.-]{0,20}(?:api[_-]?key|token|auth|secret)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: [
                #"HEROKU_API_KEY=503119b4-93b0-48e1-895a-8f62bcd73f40"#,
                #"heroku_auth_token: "2e26a62a-7124-4dbf-9484-814197093c7d""#,
            ],
            falsePositives: [
                #"HEROKU_API_KEY=00000000-0000-0000-0000-000000000000"#,
                #"HEROKU_APP_ID=16c74456-7042-441b-a1c9-aee4bf2d34a5"#,
                #"HEROKU_API_KEY=<api-key>"#,
            ]),
    ]
}
