// Source hosting and collaboration credentials: GitHub, GitLab, Bitbucket, Atlassian, Gitea/Forgejo.
extension SecretCatalog {
    package static let sourceHosts: [SecretRule] = [
        // MARK: - GitHub
        SecretRule(
            id: "github-personal-access-token", description: "GitHub classic personal access token (repositories, packages and API as the user)",
            keywords: ["ghp_"], pattern: #"\b(ghp_[A-Za-z0-9]{36})\b"#,
            confidence: .high, minimumEntropy: 3.0, validator: .githubChecksum,
            truePositives: [
                "GITHUB_TOKEN=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",
                #"git clone https://x-access-token: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@github.com/acme/api.git"#,
            ],
            falsePositives: ["GITHUB_TOKEN=ghp_nxRrOIVPs7bjtohm93qiQw7c8NQrcx1RB2jA", "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "token: ghp_<your-token>"]),
        SecretRule(
            id: "github-oauth-access-token", description: "GitHub OAuth app access token (API access granted to an OAuth app)",
            keywords: ["gho_"], pattern: #"\b(gho_[A-Za-z0-9]{36})\b"#,
            confidence: .high, minimumEntropy: 3.0, validator: .githubChecksum,
            truePositives: [
                #"{"access_token": "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", "token_type": "bearer", "scope": "repo"}"#,
                "oauth_token = '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'",
            ],
            falsePositives: ["access_token=gho_CMkOEhhdkkFysmRsdYs8uEwdfMrKog4RLB4A", "gho_0000000000000000000000000000000000"]),
        SecretRule(
            id: "github-app-user-token", description: "GitHub App user-to-server token (acts as the user through the app)",
            keywords: ["ghu_"], pattern: #"\b(ghu_[A-Za-z0-9]{36})\b"#,
            confidence: .high, minimumEntropy: 3.0, validator: .githubChecksum,
            truePositives: [
                #"headers["Authorization"] = "Bearer ghu_frSMbeDWQ7RcFrdTgASNx2TURAU7nW3Gujpg""#,
                "user_token: ghu_R74nAMngtMiLbRvdMnPHHD0rjy3h9o4Zahss",
            ],
            falsePositives: ["user_token: ghu_HQ6qkwL4VrwVSzF5uuosZ6huIm1prV3EH8eA", "Tokens for app users start with ghu_ and expire after eight hours."]),
        SecretRule(
            id: "github-app-installation-token", description: "GitHub App installation (server-to-server) token (repositories the app is installed on)",
            keywords: ["ghs_"], pattern: #"\b(ghs_[A-Za-z0-9]{36})\b"#,
            confidence: .high, minimumEntropy: 3.0, validator: .githubChecksum,
            truePositives: [
                "export GH_TOKEN=ghs_jQUvACOQ303MzLh1LDWYukk8qmdMS71ZfzPa",
                #"const octokit = new Octokit({ auth: "ghs_qj2kKXWWgk65ZQqSEo5wazYurg5sAf4GZmi8" });"#,
            ],
            falsePositives: ["export GH_TOKEN=ghs_LsPLjHALVi9i6D3hxzjHkEg9Jn6TlP1fstQA", "GH_TOKEN=ghs_${INSTALLATION_TOKEN}"]),
        SecretRule(
            id: "github-refresh-token", description: "GitHub App refresh token (mints new user-to-server tokens)",
            keywords: ["ghr_"], pattern: #"\b(ghr_[A-Za-z0-9]{36})\b"#,
            confidence: .high, minimumEntropy: 3.0, validator: .githubChecksum,
            truePositives: [
                #"{"refresh_token": "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", "refresh_token_expires_in": 15811200}"#,
                "REFRESH_TOKEN=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",
            ],
            falsePositives: ["REFRESH_TOKEN=ghr_ADII2NJkBhzTt6Cu1yOc5NIB0Xa13r05ONRA", "refresh_token: ghr_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),
        SecretRule(
            id: "github-fine-grained-pat", description: "GitHub fine-grained personal access token (scoped repository and organization access)",
            keywords: ["github_pat_"], pattern: #"\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b"#,
            prefilter: #"github_pat_[A-Za-z0-9]{22}_"#, confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "GITHUB_PAT=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",
                #"  token: "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""#,
            ],
            falsePositives: [
                "GITHUB_PAT=github_pat_xxxxxxxxxxxxxxxxxxxxxx_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                "token: github_pat_<your-fine-grained-token>",
                "github_pat_JyKzJatI6vdrf23F7gFFx2lDdaULJChSEmLgVgpEnTYNueWK7JVycELbudbdtsvQ",
            ]),

        // MARK: - GitLab
        SecretRule(
            id: "gitlab-personal-access-token", description: "GitLab personal, project or group access token (API, repositories and registry)",
            keywords: ["glpat-"],
            pattern: #"\b(glpat-(?:[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}\.[0-9a-z]{9}|[A-Za-z0-9_-]{20}))(?![A-Za-z0-9_-])"#,
            prefilter: #"glpat-[A-Za-z0-9_-]{20}"#, confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "GITLAB_TOKEN=glpat-h1pODpvZs6M4auY3AOUk",
                #"curl --header "PRIVATE-TOKEN: glpat-UxZcvLs-sHr23m7rxhFD" https://gitlab.example.com/api/v4/projects"#,
                #"gitlab_token: "glpat-xXD_iQEFNe7vnOOrTF5k6WC8PLZwNmPx-mhB.01.2dx801aho""#,
            ],
            falsePositives: ["GITLAB_TOKEN=glpat-xxxxxxxxxxxxxxxxxxxx", "PRIVATE-TOKEN: glpat-<your-token>", "glpat-abc123"]),
        SecretRule(
            id: "gitlab-deploy-token", description: "GitLab deploy token (clone repositories, pull and push registry images)",
            keywords: ["gldt-"], pattern: #"\b(gldt-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "DEPLOY_TOKEN=gldt-7nNmaNRUD03g8p1SBCvy",
                #"git clone https://gitlab+deploy-token-42:gldt-U8KhC2cQ57SyaX__u6kQ@gitlab.com/acme/app.git"#,
            ],
            falsePositives: ["DEPLOY_TOKEN=gldt-xxxxxxxxxxxxxxxxxxxx", "DEPLOY_TOKEN=gldt-${CI_DEPLOY_PASSWORD}"]),
        SecretRule(
            id: "gitlab-runner-authentication-token", description: "GitLab runner authentication token (runner picks up CI jobs and their secrets)",
            keywords: ["glrt-"],
            pattern: #"\b(glrt-(?:[A-Za-z0-9_-]{27,300}\.[0-9a-z]{2}\.[0-9a-z]{9}|(?:t\d_)?[A-Za-z0-9_-]{20}))(?![A-Za-z0-9_-])"#,
            prefilter: #"glrt-[A-Za-z0-9_-]{20}"#, confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"gitlab-runner register --url https://gitlab.com --token glrt-wQ46kCafT9rkKyhqU2sn"#,
                #"  token = "glrt-t1_1rEK2XbiZCNLohO_ox44""#,
            ],
            falsePositives: ["--token glrt-xxxxxxxxxxxxxxxxxxxx", "token = \"glrt-$RUNNER_TOKEN\""]),
        SecretRule(
            id: "gitlab-runner-registration-token", description: "GitLab legacy runner registration token (registers runners that receive CI jobs)",
            keywords: ["gr1348941"], pattern: #"\b(GR1348941[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "REGISTRATION_TOKEN=GR1348941Bc-hvIJsJcuv799gl1mS",
                #"gitlab-runner register --non-interactive --registration-token "GR1348941xPk41WuHr3PiQ1e309mq""#,
            ],
            falsePositives: ["REGISTRATION_TOKEN=GR1348941xxxxxxxxxxxxxxxxxxxx", "Registration tokens start with GR1348941."]),
        SecretRule(
            id: "gitlab-pipeline-trigger-token", description: "GitLab pipeline trigger token (starts pipelines for a project)",
            keywords: ["glptt-"], pattern: #"\b(glptt-[a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"curl -X POST -F token=glptt-368377cc6cb5085d9ba23aa2a2fe5e8c8b062c8b -F ref=main https://gitlab.com/api/v4/projects/9/trigger/pipeline"#,
                "TRIGGER_TOKEN: 'glptt-498c870fd144296b6cec32caaefa030438dc6957'",
            ],
            falsePositives: ["token=glptt-0000000000000000000000000000000000000000", "TRIGGER_TOKEN: glptt-<trigger-token>"]),
        SecretRule(
            id: "gitlab-ci-job-token", description: "GitLab CI/CD job token (API and registry access for the running job)",
            keywords: ["glcbt-"], pattern: #"\b(glcbt-(?:[0-9a-f]{1,5}_)?[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])"#,
            prefilter: #"glcbt-[A-Za-z0-9_-]{20}"#, confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"curl --header "JOB-TOKEN: glcbt-81_WINSJoGRkoOcxgKd7FhQ" https://gitlab.com/api/v4/job"#,
                "CI_JOB_TOKEN=glcbt-7IK3-gBbs8AXXie0HdWk",
            ],
            falsePositives: ["CI_JOB_TOKEN=glcbt-xxxxxxxxxxxxxxxxxxxx", "JOB-TOKEN: $CI_JOB_TOKEN"]),
        SecretRule(
            id: "gitlab-feed-token", description: "GitLab feed token (reads RSS/Atom and calendar feeds as the user)",
            keywords: ["glft-"], pattern: #"\b(glft-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "https://gitlab.com/dashboard/issues.atom?feed_token=glft-P8c3Y3PzyFCXkwwgk19B&state=opened",
                "feed_token: glft-FDzmMGA1RGOGrnNEAMpc",
            ],
            falsePositives: ["feed_token=glft-xxxxxxxxxxxxxxxxxxxx", "feed_token=glft-<token>"]),
        SecretRule(
            id: "gitlab-incoming-email-token", description: "GitLab incoming email token (creates issues and merge requests by email as the user)",
            keywords: ["glimt-"], pattern: #"\b(glimt-[a-z0-9]{20,25})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "reply_to = 'incoming+acme-app-42-glimt-bcwdz5kq18i55vhse1893p4g2-issue@gitlab.example.com'",
                "INCOMING_EMAIL_TOKEN=glimt-ye6kyi4dea9i2oebri1zbxo95",
            ],
            falsePositives: ["INCOMING_EMAIL_TOKEN=glimt-xxxxxxxxxxxxxxxxxxxxxxxxx", "INCOMING_EMAIL_TOKEN=glimt-abc"]),
        SecretRule(
            id: "gitlab-agent-token", description: "GitLab agent for Kubernetes token (connects a cluster agent to GitLab)",
            keywords: ["glagent-"], pattern: #"\b(glagent-[A-Za-z0-9_-]{50})(?![A-Za-z0-9_-])"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "helm upgrade --install k8s-agent gitlab/gitlab-agent --set config.token=glagent-jC1Yj9mo7eBdEcqWg2cOnXsxOU5zun5_sqeBoa7VtQY-Myp3-D",
                #"  token: "glagent-QRNJ1w7TChJBl3n_Zff6xq8ohbwWDl7_Ok28XHK8wNw7enlC6v""#,
            ],
            falsePositives: ["config.token=glagent-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "token: glagent-<agent-token>"]),
        SecretRule(
            id: "gitlab-scim-oauth-token", description: "GitLab SCIM OAuth access token (provisions and deprovisions group members)",
            keywords: ["glsoat-"], pattern: #"\b(glsoat-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "SCIM_TOKEN=glsoat-DVrKPZ0prT4h5ocYJtGt",
                #"{"scim_token": "glsoat-gs6ruRM8ZuhF2LZ-pk4f"}"#,
            ],
            falsePositives: ["SCIM_TOKEN=glsoat-xxxxxxxxxxxxxxxxxxxx", "SCIM_TOKEN=glsoat-short"]),
        SecretRule(
            id: "gitlab-oauth-application-secret", description: "GitLab OAuth application secret (authenticates the app when exchanging grants)",
            keywords: ["gloas-"], pattern: #"\b(gloas-[a-f0-9]{64})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "GITLAB_CLIENT_SECRET=gloas-22fdada8012d215b624a0a43fbeecbbeef18d335d78b0053b7857b211b4a6be8",
                #"  client_secret: "gloas-ddc5eae6013edddcf90a9f0859dae93278855cfaa9eb7e8b8351c53e16b9f1f8""#,
            ],
            falsePositives: ["GITLAB_CLIENT_SECRET=gloas-0000000000000000000000000000000000000000000000000000000000000000", "client_secret: gloas-<secret>"]),
        SecretRule(
            id: "gitlab-feature-flags-client-token", description: "GitLab feature flags client token (Unleash client reads feature flag state)",
            keywords: ["glffct-"], pattern: #"\b(glffct-[A-Za-z0-9_-]{20})(?![A-Za-z0-9_-])"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "UNLEASH_INSTANCE_ID=glffct-WMgUrXEiXpLEccoF_fRM",
                #"unleash.New(unleash.WithInstanceId("glffct-tuu_SQRweL5YbAwhmvz2"))"#,
            ],
            falsePositives: ["UNLEASH_INSTANCE_ID=glffct-xxxxxxxxxxxxxxxxxxxx", "instance_id: glffct-<id>"]),

        // MARK: - Bitbucket
        SecretRule(
            id: "bitbucket-app-password", description: "Bitbucket app password (API and Git access as the user, per granted scopes)",
            keywords: ["atbb"], pattern: #"\b(ATBB[A-Za-z0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "BITBUCKET_APP_PASSWORD=ATBBrQWsfXwwkmXCIUWJ9iEzSccAD4922D92",
                #"git clone https://jdoe:ATBBtrGVo7TP1KIMgiv5itvhBSfO78C3C1CD@bitbucket.org/acme/api.git"#,
            ],
            falsePositives: ["BITBUCKET_APP_PASSWORD=ATBBxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "App passwords begin with ATBB and are shown once."]),
        SecretRule(
            id: "bitbucket-access-token", description: "Bitbucket repository, project or workspace access token (API and Git access for that scope)",
            keywords: ["atctt3xffgn0"], pattern: #"\b(ATCTT3xFfGN0[A-Za-z0-9_=-]{150,300})(?![A-Za-z0-9_=-])"#,
            prefilter: #"ATCTT3xFfGN0[A-Za-z0-9_=-]{150}"#, confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGN0sHPEZ6PqdHOwaA-P8m4iQS-GPafu6lf3K2vj4SlMsK4c0qFTsE7tDlxy62LmX8vdIw_lNnm1Iuig0Ycv3jjgGKvRi842Bv70kroF1cW7VQDIJeVcn_FI3A7lKEZnt67KtN7Yt5X4QcvoBBAcg2M32lVRa8lAXWMb_g2D0ddU0e3=B95081E6",
                #"curl -H "Authorization: Bearer ATCTT3xFfGN0JzBusx5Reoj6imt8c-Ljdq9ccVYPaFC7EKbgly9IQmuLb6hfAEF8wITjkcCPN-HCriNM3Ecr3eGWDaOQzJrwBuE4_5gL79sdB8W66eM7mB9q4WQ3O3WdV2w6W3055znOfFbJ4SKXEqdKfcsvGeVqJhw94cOrO3SaQzsxkg_MEpF=46FD2BEC" https://api.bitbucket.org/2.0/repositories/acme"#,
            ],
            falsePositives: ["BITBUCKET_ACCESS_TOKEN=ATCTT3xFfGN0...", "token: ATCTT3xFfGN0<access-token>"]),

        // MARK: - Atlassian
        SecretRule(
            id: "atlassian-api-token", description: "Atlassian Cloud API token (Jira, Confluence and Bitbucket APIs as the user)",
            keywords: ["atatt3xffgf0"], pattern: #"\b(ATATT3xFfGF0[A-Za-z0-9_=-]{150,300})(?![A-Za-z0-9_=-])"#,
            prefilter: #"ATATT3xFfGF0[A-Za-z0-9_=-]{150}"#, confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "JIRA_API_TOKEN=ATATT3xFfGF0I1Q6cg8pfthuVD9tQlgA_WxWctqpyZfRpaxeJ7y__ELuRn08HgAV78t-6XIcQK82SIputFPXjBk91pKHi0K1PG14JIf93wm_sdvRZ0Bwg_qW8inNGRlb4YU7oHwn8T7SSMmhDCwLAO5NUMDgNgAHaNXHt6MrTMeq12aFLkgId5t=80B2B090",
                #"auth = ("jdoe@acme.com", "ATATT3xFfGF0r4Ix-upK3h26zrshDtod0BXcWENiaE2w1y2IlNA_5aEwK1kl21me2_esW_K2X_i8HZ8RD5npX53ebiYEbq4lMreCDw_-R5oSM4avtzgRJ_31s1CnXTjNkvE_fR8gR9Pw4iagot6vNbHqp8qEraoUKJEB3gkUR7WiWqzbDdulvOK=347AB515")"#,
            ],
            falsePositives: ["JIRA_API_TOKEN=ATATT3xFfGF0xxxxxxxx", "Atlassian API tokens start with ATATT3xFfGF0 and are about 190 characters."]),
        SecretRule(
            id: "jira-api-token", description: "Jira API token or Data Center personal access token in a Jira setting",
            keywords: ["jira"],
            pattern: #"jira[\w.-]{0,20}(?:api[_-]?token|token|pat|password)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9+/=]{24,44})(?![A-Za-z0-9+/=_-])"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.7,
            truePositives: [
                "JIRA_API_TOKEN=6P4i7tyqtdXaSMoypeJL0DdY",
                #"jira:\#n  url: https://jira.acme.internal\#n  jira_pat: "pkVhXDA6zxCyi4seegyNhxnqdRGR2YC7e0/qwduwKPod""#,
            ],
            falsePositives: ["JIRA_API_TOKEN=${JIRA_API_TOKEN}", "jira_token: your_jira_api_token_here", "JIRA_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxx"]),
        SecretRule(
            id: "confluence-api-token", description: "Confluence API token or Data Center personal access token in a Confluence setting",
            keywords: ["confluence"],
            pattern: #"confluence[\w.-]{0,20}(?:api[_-]?token|token|pat|password)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9+/=]{24,44})(?![A-Za-z0-9+/=_-])"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.7,
            truePositives: [
                "CONFLUENCE_TOKEN=DhyoDAt3E94oAD8VcDsbLS9tX0fobIwYDoPcCmvc53Qc",
                #"{"confluencePat": "SHRoxdl/qBZLxnJUdipR2BZBpQJV9gCVBvZ5BFhEr4pn"}"#,
            ],
            falsePositives: ["CONFLUENCE_TOKEN=<confluence-personal-access-token>", "confluence_api_token: changeme_changeme_changeme"]),

        // MARK: - Gitea and Forgejo
        SecretRule(
            id: "gitea-access-token", description: "Gitea or Forgejo access token (API and Git access as the user)",
            keywords: ["gitea", "forgejo", "codeberg"],
            pattern: #"(?:gitea|forgejo|codeberg)[\w.-]{0,20}(?:token|pat|api[_-]?key|password)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{40})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                "GITEA_TOKEN=cb66dccb44c020d70eab5a9988e6b151e8c5dda8",
                #"  forgejo_api_token: "3cc37d528d1f81539be4381c65cbca25d19fc829""#,
                "CODEBERG_TOKEN: '7243a1ddbcc863c733372a72ab0052632e578d7e'",
            ],
            falsePositives: ["GITEA_TOKEN: ${{ secrets.GITEA_TOKEN }}", "gitea_commit_sha = 0000000000000000000000000000000000000000", "forgejo_token=0000000000000000000000000000000000000000"]),
    ]
}
