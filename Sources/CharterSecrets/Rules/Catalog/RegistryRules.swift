// Package registry and CI/CD credentials: publish tokens, artifact stores, build and code-quality services.
extension SecretCatalog {
    package static let registries: [SecretRule] = [
        // MARK: - npm
        SecretRule(
            id: "npm-access-token", description: "npm access token (install private packages and publish as the user)",
            keywords: ["npm_"], pattern: #"\b(npm_[A-Za-z0-9]{36})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "//registry.npmjs.org/:_authToken=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",
                #"NPM_TOKEN: "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""#,
            ],
            falsePositives: ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}", "NPM_TOKEN=npm_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "npm_config_cache=/tmp/npm_cache_directory_for_ci_builds"]),

        // MARK: - PyPI
        SecretRule(
            id: "pypi-api-token", description: "PyPI or TestPyPI API token (uploads releases for the account or project)",
            keywords: ["pypi-ageichlwas5vcmc", "pypi-agendgvzdc5wexbplm9yzw"],
            pattern: #"\b(pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,300})(?![A-Za-z0-9_-])"#,
            prefilter: #"pypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50}"#, confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcLod0CsCr0bJx_E9MkAJFB3FNt-BeePhjvQw4Ooy89PZL7T2bfti9z88qOSRYmm96Q9OaXOW0-G6HFgrQx-q26UU4cF705tBeKRehyggqlbmQY4T4Fm9SUGc3orMf1erpVhf89_FuIMpFE78wyqp2jl",
                "[testpypi]\n  username = __token__\n  password = pypi-AgENdGVzdC5weXBpLm9yZwV7et8VMUclKtFbcl93oTIRIqoIV5bV9IUhAYJVkuTbqb9vySqSfHf5tLBaZ1pjoXL1GOCqj6EjFcVpA7RCoeKJR6hXmnzRyO1lrZipzgBw5yJAn3udlUNA1b-iDByu1P-RSWrkBmckHKGghm4nkpzh",
            ],
            falsePositives: ["TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmc...", "password = pypi-<your-api-token>"]),

        // MARK: - Docker Hub
        SecretRule(
            id: "docker-hub-personal-access-token", description: "Docker Hub personal access token (push and pull images as the user)",
            keywords: ["dckr_pat_"], pattern: #"\b(dckr_pat_[A-Za-z0-9_-]{24,40})(?![A-Za-z0-9_-])"#,
            prefilter: #"dckr_pat_[A-Za-z0-9_-]{24}"#, confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "echo dckr_pat_lXHq6N1syHYtK44l9jzwC799SKa | docker login -u acmebot --password-stdin",
                #"DOCKERHUB_TOKEN="dckr_pat_PFqEw_ZYal8WT_bh5UmW1K2fXoA""#,
            ],
            falsePositives: ["DOCKERHUB_TOKEN=dckr_pat_xxxxxxxxxxxxxxxxxxxxxxxxxxx", #"{"identifier": "myusername", "secret": "dckr_pat_124509ugsdjga93"}"#]),
        SecretRule(
            id: "docker-hub-organization-access-token", description: "Docker Hub organization access token (image access for an organization's repositories)",
            keywords: ["dckr_oat_"], pattern: #"\b(dckr_oat_[A-Za-z0-9_-]{24,64})(?![A-Za-z0-9_-])"#,
            prefilter: #"dckr_oat_[A-Za-z0-9_-]{24}"#, confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "DOCKER_OAT=dckr_oat_1pkanbgWlWe_j6yX1D7WwwzBMrMERxFh",
                #"  password: "dckr_oat_bDzKX8ASOrb6uTTUO_WuglYvAe06pFyN""#,
            ],
            falsePositives: ["DOCKER_OAT=dckr_oat_<organization-token>", "password: dckr_oat_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"]),

        // MARK: - RubyGems
        SecretRule(
            id: "rubygems-api-key", description: "RubyGems.org API key (pushes and yanks gems for the owner)",
            keywords: ["rubygems_"], pattern: #"\b(rubygems_[a-f0-9]{48})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "GEM_HOST_API_KEY=rubygems_96f0ad52f63e425d3c64c4ebdf873299ec62856c11b069b9",
                "---\n:rubygems_api_key: rubygems_8710cf4ad323ae814d0c9aba3b79656ab954ba53754237a7",
            ],
            falsePositives: ["GEM_HOST_API_KEY=rubygems_000000000000000000000000000000000000000000000000", ":rubygems_api_key: <key>"]),

        // MARK: - NuGet
        SecretRule(
            id: "nuget-api-key", description: "NuGet.org API key (pushes and unlists packages)",
            keywords: ["oy2"], pattern: #"\b(oy2[a-z0-9]{43})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "dotnet nuget push bin/Release/Acme.Core.1.2.0.nupkg --api-key oy2jo1jmlte3qn7tonhx2696go5e4cg0r5cnu2dcavc7yk --source https://api.nuget.org/v3/index.json",
                #"<add key="ClearTextPassword" value="oy29mlmawqtx46gxjq594jeymedzlvv5rjmzs6dnvb4qjn" />"#,
            ],
            falsePositives: ["--api-key oy2xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "--api-key oy2ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopq"]),

        // MARK: - JFrog
        SecretRule(
            id: "jfrog-api-key", description: "JFrog Artifactory API key (repository read and deploy as the user)",
            keywords: ["akcp"], pattern: #"\b(AKCp[A-Za-z0-9]{69})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"curl -H "X-JFrog-Art-Api: AKCpuhS9mhybFhW5pG06CzJj3TZVjz5Sg4zoRKw3X29PQC3KPQDQ0Ttb0dVsXKpskkKNRG3J2" https://acme.jfrog.io/artifactory/api/repositories"#,
                "ARTIFACTORY_API_KEY=AKCp2ih8QBoa5nXviCqqpp0LdPgbegtTMhl68Wr2hIumQj3YUnxoL5gQzz0ajW8d8Af1QpE6A",
            ],
            falsePositives: ["ARTIFACTORY_API_KEY=AKCpxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "ARTIFACTORY_API_KEY=AKCp<api-key>"]),
        SecretRule(
            id: "jfrog-reference-token", description: "JFrog Platform reference (identity) token (Artifactory and platform APIs as the user)",
            keywords: ["cmvmdgtuoj"], pattern: #"\b(cmVmdGtuOj[A-Za-z0-9]{54})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "JFROG_ACCESS_TOKEN=cmVmdGtuOjlIOokC1aortKvQV0QTREQ1NxqdPc7O8PtQr7MQvRIQfiBnyOJ6ra0j",
                #"jf c add acme --url https://acme.jfrog.io --access-token "cmVmdGtuOjLAM1yYYHxc8aty7m8VpMZStTyQj4x31UasXYDx5a3jN3c0VM3oRLNA""#,
            ],
            falsePositives: ["JFROG_ACCESS_TOKEN=cmVmdGtuOjxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE3"]),

        // MARK: - CircleCI
        SecretRule(
            id: "circleci-api-token", description: "CircleCI personal or project API token (pipelines, env vars and settings)",
            keywords: ["ccipat_", "cciprj_"], pattern: #"\b(CCIP(?:AT|RJ)_[1-9A-HJ-NP-Za-km-z]{20,24}_[a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"curl -H "Circle-Token: CCIPAT_qRijgkhcnsDQXFanAYEHKC_4327058bfd0cc3bb70fb8eede718f8db164608bc" https://circleci.com/api/v2/me"#,
                "CIRCLE_PROJECT_TOKEN=CCIPRJ_jsEv6PScVWe1FAntwoWKLT_5abea61cf4ea3c35649fa8c5dba3889108f92876",
            ],
            falsePositives: ["CIRCLE_TOKEN=CCIPAT_<token>", "CIRCLE_TOKEN=CCIPAT_xxxxxxxxxxxxxxxxxxxxxx_0000000000000000000000000000000000000000"]),

        // MARK: - Buildkite
        SecretRule(
            id: "buildkite-api-access-token", description: "Buildkite API access token (REST and GraphQL APIs for the user's organizations)",
            keywords: ["bkua_"], pattern: #"\b(bkua_[A-Za-z0-9]{40,64})\b"#,
            prefilter: #"bkua_[A-Za-z0-9]{40}"#, confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "BUILDKITE_API_TOKEN=bkua_73d4ee81cbe22d299a7073874c3e2b79ef7f7e79",
                #"curl -H "Authorization: Bearer bkua_a017cac5c1ea0e090fc992ccea09910930665aeb" https://api.buildkite.com/v2/user"#,
            ],
            falsePositives: ["BUILDKITE_API_TOKEN=bkua_0000000000000000000000000000000000000000", "BUILDKITE_API_TOKEN=bkua_*****"]),

        // MARK: - Travis CI
        SecretRule(
            id: "travis-ci-api-token", description: "Travis CI API token (builds, settings and environment variables)",
            keywords: ["travis"],
            pattern: #"travis[\w.-]{0,20}(?:api[_-]?)?token\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9_-]{22})(?![A-Za-z0-9_-])"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.7,
            truePositives: [
                "TRAVIS_API_TOKEN=UD0vr2pD-haBElZ_gjqLzR",
                #"{"travisToken": "VezGv_jgykDXqmAWo3l72Y"}"#,
            ],
            falsePositives: ["TRAVIS_API_TOKEN=your_travis_token_here", "TRAVIS_TOKEN=${TRAVIS_TOKEN}"]),

        // MARK: - Codecov
        SecretRule(
            id: "codecov-upload-token", description: "Codecov upload token (uploads coverage reports for a repository)",
            keywords: ["codecov"],
            pattern: #"codecov[\w.-]{0,20}(?:token\w{0,10}["']?\s{0,3}(?::=|=>|[:=])|[^\n]{0,40}\s(?:-t|--token)[\s=])\s{0,3}["']?([a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: [
                "CODECOV_TOKEN=28f26c25-95e3-4d14-9de2-ca7a361cb1cf",
                "./codecov upload-process --token 1a5243aa-10eb-4aa6-a3a0-692d07c24fe7 -f coverage.xml",
            ],
            falsePositives: ["CODECOV_TOKEN: ${{ secrets.CODECOV_TOKEN }}", "CODECOV_TOKEN=00000000-0000-0000-0000-000000000000"]),

        // MARK: - SonarQube / SonarCloud
        SecretRule(
            id: "sonarqube-project-analysis-token", description: "SonarQube project analysis token (runs analyses on one project)",
            keywords: ["sqp_"], pattern: #"\b(sqp_[a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "mvn sonar:sonar -Dsonar.projectKey=acme-api -Dsonar.token=sqp_7c44eaadf40febbca5fdef3ec3bce35ed4f53262",
                "SONAR_TOKEN=sqp_4d450ab8bcf768921e1d4445f5c701360851345f",
            ],
            falsePositives: ["SONAR_TOKEN=sqp_0000000000000000000000000000000000000000", "SONAR_TOKEN=sqp_<token>"]),
        SecretRule(
            id: "sonarqube-user-token", description: "SonarQube/SonarCloud user token (web API and analyses with the user's permissions)",
            keywords: ["squ_"], pattern: #"\b(squ_[a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"curl -u squ_30fb8a54bf1ca3b08c957e44239c1cdb7310922c: https://sonar.acme.internal/api/projects/search"#,
                "sonar.token=squ_df4a27ea9a53c30bdb9bf67fa06729ccc765eaf3",
            ],
            falsePositives: ["sonar.token=squ_ffffffffffffffffffffffffffffffffffffffff", "sonar.token=squ_${SONAR_USER_TOKEN}"]),
        SecretRule(
            id: "sonarqube-global-analysis-token", description: "SonarQube global analysis token (runs analyses on every project)",
            keywords: ["sqa_"], pattern: #"\b(sqa_[a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "SONAR_TOKEN=sqa_2cf6c97562823f5ca2845718f0fa8590ff97f99b",
                #"  sonarToken: "sqa_e79ab5b33c8b45e92cb49cc3caa68ae15f411391""#,
            ],
            falsePositives: ["SONAR_TOKEN=sqa_0000000000000000000000000000000000000000", "Global analysis tokens begin with sqa_ in SonarQube 9.6 and later."]),

        // MARK: - Snyk
        SecretRule(
            id: "snyk-api-token", description: "Snyk API token (tests, monitors and organization settings as the user)",
            keywords: ["snyk"],
            pattern: #"snyk(?:[\w.-]{0,20}(?:api[_-]?)?(?:token|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])|\s+auth)\s{0,3}["']?([a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: [
                "SNYK_TOKEN=0eb57e75-961d-4324-afe2-6ab1fdfd6639",
                "snyk auth 41c3c70f-1939-4401-9d93-5bad4eed623d",
            ],
            falsePositives: ["SNYK_TOKEN: ${{ secrets.SNYK_TOKEN }}", "snyk_org_id = 00000000-0000-0000-0000-000000000000"]),

        // MARK: - crates.io
        SecretRule(
            id: "crates-io-api-token", description: "crates.io API token (publishes and yanks crates)",
            keywords: ["cio"], pattern: #"\b(cio[A-Za-z0-9]{32})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "CARGO_REGISTRY_TOKEN=cioPrPt652nntZY8C9xHpScIsJKlSTbkDg2",
                "[registry]\ntoken = \"cioVbKgZj44glyM3XN1idbyrUs3ldaBMnVv\"",
            ],
            falsePositives: ["CARGO_REGISTRY_TOKEN=cioxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "token = \"cio<your-crates-io-token>\""]),

        // MARK: - Clojars
        SecretRule(
            id: "clojars-deploy-token", description: "Clojars deploy token (deploys artifacts to Clojars)",
            keywords: ["clojars_"], pattern: #"\b(CLOJARS_[a-f0-9]{60})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "CLOJARS_PASSWORD=CLOJARS_e3fd6058741d79ae7e391680566273a6c360dfa3a76e0794b04cad2818d6",
                #"{:repositories [["clojars" {:username "acme" :password "CLOJARS_134aeb9f60018762cb5ba3a937d3d5dda23e204fb895085ccceb88db8372"}]]}"#,
            ],
            falsePositives: ["CLOJARS_PASSWORD=CLOJARS_000000000000000000000000000000000000000000000000000000000000", "CLOJARS_DEPLOY_TOKEN=${CLOJARS_TOKEN}"]),

        // MARK: - Octopus Deploy
        SecretRule(
            id: "octopus-deploy-api-key", description: "Octopus Deploy API key (deployments and server configuration as the user)",
            keywords: ["api-"], pattern: #"\b(API-[A-Z0-9]{26,32})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "octo create-release --project Web --server https://deploy.acme.com --apiKey API-Q6KH5PW3HCQZEWA8HHC6NM3P3CD",
                #"$headers = @{ "X-Octopus-ApiKey" = "API-24AUPMHGJ9XZ9HRRFHQKD7L903S" }"#,
            ],
            falsePositives: ["OCTOPUS_API_KEY=API-XXXXXXXXXXXXXXXXXXXXXXXXXXX", "see API-REFERENCE-DOCUMENTATION-SECTION for details"]),

        // MARK: - Postman
        SecretRule(
            id: "postman-api-key", description: "Postman API key (workspaces, collections and environments as the user)",
            keywords: ["pmak-"], pattern: #"\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"curl -H "X-Api-Key: PMAK-774325fbd77cadbf8a1781cd-abade3027b46e47fb400a810467859e2b6" https://api.getpostman.com/collections"#,
                "POSTMAN_API_KEY=PMAK-578567c6c41794c6f0b4a769-1ecc13031748c5fa1b20cbf5a222af3020",
            ],
            falsePositives: ["POSTMAN_API_KEY=PMAK-<your-key>", "POSTMAN_API_KEY=PMAK-000000000000000000000000-0000000000000000000000000000000000"]),

        // MARK: - Harness
        SecretRule(
            id: "harness-api-token", description: "Harness personal or service account API token (platform APIs with the owner's permissions)",
            keywords: ["pat.", "sat."], pattern: #"\b((?:pat|sat)\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"curl -H "x-api-key: pat.WRLfjNDQsc_1-FAbqcEfUL.b7bd950c983559136a00185a.9tar7xxdJwgofIsQjPVj" https://app.harness.io/ng/api/user/currentUser"#,
                "HARNESS_PLATFORM_API_KEY=sat.Bkq5P10GoJrb1qSNZM7KB9.2c42f00eac18113c26e98576.bHCigRXOsw1YEBW04pWC",
            ],
            falsePositives: ["HARNESS_PLATFORM_API_KEY=pat.<account-id>.<token-id>.<secret>", "import pat.utils.helpers.format"]),

        // MARK: - Bitrise
        SecretRule(
            id: "bitrise-access-token", description: "Bitrise personal or workspace API token (apps, builds and artifacts)",
            keywords: ["bitrise"],
            pattern: #"bitrise[\w.-]{0,20}(?:api[_-]?)?(?:token|pat|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9_-]{40,100})(?![A-Za-z0-9_-])"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                "BITRISE_API_TOKEN=ZBtBLXpum9dAua82Wqtgj_2-4w9TnEo8NjCHw927UoeF06L_7o35ypKSjDU86BidEixDjtYzP0fs0dOUCxZJe1",
                #"  bitrise_access_token: "E_0kE3sebPxNTkXR0_gKrDCIVicmktwKSDxNe5RLO_RieeGFOMb39CeSlz6lGXmGra9BhxTrUGOjTPBT6I3VT4""#,
            ],
            falsePositives: ["BITRISE_API_TOKEN=$BITRISE_PERSONAL_ACCESS_TOKEN", "bitrise_build_key = build_slug_for_the_release_pipeline_abcdef"]),

        // MARK: - Drone
        SecretRule(
            id: "drone-ci-access-token", description: "Drone CI personal token (builds, secrets and repository settings as the user)",
            keywords: ["drone"],
            pattern: #"drone[\w.-]{0,20}token\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9]{32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.7,
            truePositives: [
                "export DRONE_TOKEN=EvVd2p9ea3EKyGhMTKbZBmtakBnvmpkH",
                #"drone_token: "WfpeFeeA7pYS8pW5L9F0qEXgAyMrPnAP""#,
            ],
            falsePositives: ["DRONE_TOKEN=<your-drone-token>", "DRONE_TOKEN=00000000000000000000000000000000"]),

        // MARK: - Private Packagist
        SecretRule(
            id: "private-packagist-token", description: "Private Packagist authentication token (Composer package read or update access)",
            keywords: ["packagist_ort_", "packagist_out_", "packagist_uut_", "packagist_cut_"],
            pattern: #"\b(packagist_(?:ort|out|uut|cut)_[a-f0-9]{68})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "composer config --global --auth http-basic.repo.packagist.com token packagist_ort_76dd206ca2d6681d5f78e6b65b313c7c1518782a471156a4ba9ae0da8dc6da2c72b6",
                #"{"http-basic": {"repo.packagist.com": {"username": "token", "password": "packagist_uut_1d1ded0caaba9bea552af2ab3cff4b99ae0a7ab9b091a0d5f1fecab43e1f38f58638"}}}"#,
            ],
            falsePositives: ["$token = 'packagist_ort_..........';", "PACKAGIST_TOKEN=packagist_out_<token>"]),
    ]
}
