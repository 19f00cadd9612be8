// Developer platform and infrastructure credentials: Cloudflare, Databricks, Terraform Cloud, Pulumi, hosting
// providers, Supabase, PlanetScale, Doppler, HashiCorp Vault, 1Password. Every sample value is randomly generated.

extension SecretCatalog {
    package static let infra: [SecretRule] = [
        // MARK: - Cloudflare
        SecretRule(
            id: "cloudflare-api-token", description: "Cloudflare API token (40-character format) by keyword",
            keywords: ["cloudflare", "cf_"],
            pattern: #"(?:cloudflare|\bcf)[\w.-]{0,20}(?:api[_-]?)?token[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9_-]{40})(?:[^A-Za-z0-9_-]|$)"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                #"CLOUDFLARE_API_TOKEN=8R3feqokuv8tZXiFAjMXsrvKAkcUTJTlohU5bl4f"#,
                #"cf_api_token: "DL2gw0UzHRZGEhssKGTaFWyQAzml2-oWu_NnlPzR""#,
            ],
            falsePositives: [
                #"CLOUDFLARE_API_TOKEN=${{ secrets.CLOUDFLARE_API_TOKEN }}"#,
                #"CF_API_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"CLOUDFLARE_API_TOKEN=_wxmUBKCQzWxqwzYhyerhNXPwefPjvtm3OXnA2w"#,
            ]),
        SecretRule(
            id: "cloudflare-scannable-token", description: "Cloudflare API token or global API key (cfut_/cfat_/cfk_ scannable format)",
            keywords: ["cfut_", "cfat_", "cfk_"],
            pattern: #"\b(cf(?:ut|at|k)_[A-Za-z0-9]{44,50})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"CLOUDFLARE_API_TOKEN=cfut_FfeCgfw33zhOhhfd90iLw1456gtVTwKyzwclZBVbff7ebd3c"#,
                #"account_token = "cfat_xfH1XaGaEH6htZ51ch1c8Q69chTfYEYxnFYfRnmy5fb96fec""#,
            ],
            falsePositives: [
                #"cfut_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"cfk_<global-api-key>"#,
                #"cfat_HoXfKnN3Ft4WIen8K6ecI8BXUW0C4J"#,
            ]),
        SecretRule(
            id: "cloudflare-origin-ca-key", description: "Cloudflare Origin CA key (issues origin certificates)",
            keywords: ["v1.0-"],
            pattern: #"\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"CF_ORIGIN_CA_KEY=v1.0-2326e07556ee9aa9a787fa75-238edabaca84e06f03c619e424481db4cf33d4d3c39480491de8f22790b28284b90ead7b425cad2e5e2fb5cadeb2c3e108ee10401b913b1dc1e6a4bf95c419fa6bbf02d6fae98e13c4"#,
                #"origin_ca_key = "v1.0-1c40f75dca5352e33b9c9b48-ece5a594c9d88ddab091bfeb7c0930f73836e1db91dea19c56231ae13c04de2f01582e8cdb68a4d1815a9094c2509a49173dd2b94f9d9be211b73603875119c94843b88df6f9312a5c""#,
            ],
            falsePositives: [
                #"version: v1.0-beta"#,
                #"v1.0-4d49382b6021d87e59c3f0e6-09892b6d1a1382e1a2d0c8e269876eb5b5318a5a8cac2c457781d40ad20cbdfbbaf350fdc7acdc419f4727f8a3486386b662"#,
            ]),
        SecretRule(
            id: "cloudflare-global-api-key", description: "Cloudflare global API key (37 hex characters) by keyword",
            keywords: ["cloudflare", "cf_"],
            pattern: #"(?:cloudflare|\bcf)[\w.-]{0,20}(?:global[_-]?api[_-]?key|api[_-]?key|auth[_-]?key)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{37})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.3,
            truePositives: [
                #"CF_API_KEY=335ad050b3ba97df883c85445886a73020e72"#,
                #"CLOUDFLARE_GLOBAL_API_KEY: "8cf208a110a2e0b7edf5818ec947791ccd0ec""#,
            ],
            falsePositives: [
                #"CF_API_KEY=794a385718a2670f2d035eb095f150b248aa"#,
                #"cloudflare_api_key = "<your-global-key>""#,
                #"CF_API_KEY=0000000000000000000000000000000000000"#,
            ]),
        // MARK: - Databricks, Terraform Cloud, Pulumi
        SecretRule(
            id: "databricks-access-token", description: "Databricks personal access token", keywords: ["dapi"],
            pattern: #"\b(dapi[a-f0-9]{32}(?:-\d)?)\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"DATABRICKS_TOKEN=dapi6367eaf9b8799cac205bce01a8d8ad87"#,
                #"[DEFAULT]\#nhost = https://adb-4711.azuredatabricks.net\#ntoken = dapi8b3714c82242643baa8aad05b7451342-2"#,
            ],
            falsePositives: [
                #"dapic82f795a656f86cdcae34bccc9cb843"#,
                #"dapi00000000000000000000000000000000"#,
                #"dapixxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
            ]),
        SecretRule(
            id: "terraform-cloud-api-token", description: "Terraform Cloud / HCP Terraform API token", keywords: [".atlasv1."],
            pattern: #"\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_-]{60,70})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"credentials "app.terraform.io" {\#n  token = "RYmW3RbzOJU72I.atlasv1.hIfWe0-QXujgMUHjH__HmsCazS6ARkyhRURDDuxWHIzNYeDO9uyGpnM4FtTGskhW2hB"\#n}"#,
                #"TFE_TOKEN=cumqdDoHWzmze0.atlasv1.wG352-qujr7bGPkKTqJjoPacgqZlIQ7MnKquBIiTgR6OSQdYrCbKPTdtL7LvWeQ2sX3"#,
            ],
            falsePositives: [
                #"xxxxxxxxxxxxxx.atlasv1.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"the token format is <id>.atlasv1.<secret>"#,
                #"ajCstwn7XzAIfA.atlasv1.wur8EBte9JVh7i0BBTDkvHNQl0BviO8zPSVfoQ7_"#,
            ]),
        SecretRule(
            id: "pulumi-access-token", description: "Pulumi Cloud access token", keywords: ["pul-"],
            pattern: #"\b(pul-[a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"PULUMI_ACCESS_TOKEN=pul-54962153c7b7fe4c904e3b33fe8143a1992beea1"#,
                #"pulumi login --token pul-c64b87e898e54f848b92f4e85b9982f8e39f31df"#,
            ],
            falsePositives: [
                #"pul-0000000000000000000000000000000000000000"#,
                #"pul-718e8746e396a332c34919acca8b4f23"#,
                #"pul-request"#,
            ]),
        // MARK: - Linode, Scaleway, Hetzner, Fly.io, Netlify, Vercel, Render
        SecretRule(
            id: "linode-api-token", description: "Linode (Akamai) API personal access token by keyword", keywords: ["linode"],
            pattern: #"linode[\w.-]{0,20}(?:token|api[_-]?key|pat)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{64})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.5,
            truePositives: [
                #"LINODE_TOKEN=f2ecb6419e166b441acc50487b597aaaf41c8e3e952eafc67794b8097769c2d1"#,
                #"linode_api_token: "5da4c184809ad371366eda42484936dd9c8ebde6f82d7e9551fd94dee2fad508""#,
            ],
            falsePositives: [
                #"LINODE_TOKEN=${LINODE_TOKEN}"#,
                #"LINODE_TOKEN=0000000000000000000000000000000000000000000000000000000000000000"#,
                #"LINODE_TOKEN=30d746d347c4528121fd8200592c54fd777d930e2e62cb9474ea3306e66d41e"#,
            ]),
        SecretRule(
            id: "scaleway-secret-key", description: "Scaleway API secret key by keyword", keywords: ["scaleway", "scw_"],
            pattern: #"(?:scaleway|\bscw)[\w.-]{0,20}(?:secret[_-]?key|token)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: [
                #"SCW_SECRET_KEY=d005f837-2e06-4d79-8ac3-84fb4e5c1168"#,
                #"scaleway_secret_key: "414b3537-466a-4fcc-8213-6d777ed641bb""#,
            ],
            falsePositives: [
                #"SCW_SECRET_KEY=00000000-0000-0000-0000-000000000000"#,
                #"SCW_DEFAULT_PROJECT_ID=63eb6067-398a-4cf1-92e0-ae6e8deb5f4e"#,
                #"SCW_ACCESS_KEY=SCW0ROJBZUZLMWESDK0Q"#,
            ]),
        SecretRule(
            id: "hetzner-cloud-api-token", description: "Hetzner Cloud API token by keyword", keywords: ["hcloud", "hetzner"],
            pattern: #"(?:hcloud|hetzner)[\w.-]{0,20}(?:token|api[_-]?key)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9]{64})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                #"HCLOUD_TOKEN=wX7PA5vHqxNkt6P62AyHL0xShkiLxLV2BXJtvLKyhIT9ychhMSCKv3XKoPXXyLom"#,
                #"hcloud_token = "dphxK4F2gVHpOmGIiHJoih34vmplEaf1hqj0zOdpKv88oQ5Jo6MpULWSu4xkMCku""#,
            ],
            falsePositives: [
                #"HCLOUD_TOKEN=${{ secrets.HCLOUD_TOKEN }}"#,
                #"HCLOUD_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"HCLOUD_TOKEN=4Dij9plALtJHeJ9CAyVhceFCieFWtCKb15Ta6y5K95aJeuOmWJS5fX7wCxolVJ5"#,
            ]),
        SecretRule(
            id: "flyio-access-token", description: "Fly.io access token (fm1/fm2 macaroon or fo1_ personal token)",
            keywords: ["fm2_", "fm1a_", "fm1r_", "fo1_", "flyv1"],
            pattern: #"\b((?:fm1[ar]|fm2)_[A-Za-z0-9+/=_-]{60,4000}|fo1_[A-Za-z0-9_-]{43})(?:[^A-Za-z0-9+/=_-]|$)"#,
            prefilter: #"\b(?:fm1[ar]|fm2)_[A-Za-z0-9+/=_-]{60}|\bfo1_[A-Za-z0-9_-]{43}"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"FLY_API_TOKEN="FlyV1 fm2_m1t3cq1doRbJjPE/r6VSzkpODSusDyv9Fa2NgOD/i7WalmQa8r/UF4CkXfBwHN7seDNRSdSeJQJDo+NRpAuyneo050juGi7b7wyxoPdfhz9H+A0XIPRTd56qVxTUBLmFOH/Gro8h/PjIseA1PN2x2NyViQOL+NYE/WZeu3UGI7J2GqARE6+Kh1ulRm4pGRgcikFAEvkq+MRV2n+zNXpd1LnS4YyP0zqQ4I8Y+bga+He0t1bO""#,
                #"fly_token: fo1_dVV5N-AOOUfYvE7iVeckcIgqJ-eQlhlLvY_fNaAdsYy"#,
            ],
            falsePositives: [#"fm2_short"#, #"fo1_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#, #"FLY_API_TOKEN=<deploy-token>"#]),
        SecretRule(
            id: "netlify-access-token", description: "Netlify personal access token by keyword", keywords: ["netlify"],
            pattern: #"netlify[\w.-]{0,20}(?:token|api[_-]?key|pat)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9_-]{40,46})(?:[^A-Za-z0-9_-]|$)"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                #"NETLIFY_AUTH_TOKEN=NniizS9lndGb4_OFZpoHF1FYi8Q5RGiSbfs6-aFV3fH"#,
                #"netlify_token: "nfp_d2LFiLRrz8Ljv2XmJWQT8bWPLOM9Hwa1Ki5e""#,
            ],
            falsePositives: [
                #"NETLIFY_AUTH_TOKEN=${{ secrets.NETLIFY_AUTH_TOKEN }}"#,
                #"NETLIFY_SITE_ID=d10300a7-8a96-4d39-94d6-329226dc984b"#,
                #"NETLIFY_AUTH_TOKEN=5ymGjy6TckQsWqeHEMdfezyzs5DGPw"#,
            ]),
        SecretRule(
            id: "vercel-access-token", description: "Vercel access token by keyword", keywords: ["vercel"],
            pattern: #"vercel[\w.-]{0,20}(?:token|api[_-]?key)[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9]{24})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.8,
            truePositives: [#"VERCEL_TOKEN=0dXHS9S7TlyCuVBA18SGo8Ts"#, #"vercel_api_token: "AYXLGrFPNVJwZRYeSfVeR3iU""#],
            falsePositives: [
                #"VERCEL_TOKEN=${{ secrets.VERCEL_TOKEN }}"#,
                #"VERCEL_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"VERCEL_ORG_ID=team_GDsSYMaCWGTTxloHv2fVlx98"#,
            ]),
        SecretRule(
            id: "render-api-key", description: "Render API key", keywords: ["rnd_"],
            pattern: #"\b(rnd_[A-Za-z0-9]{24,48})\b"#,
            confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                #"RENDER_API_KEY=rnd_9q7prkecZwTzT0VvnuiWWYkGTaGk"#,
                #"Authorization: Bearer rnd_FWbcEx2l5ByNhWTrNmcbK2pKGff5ooW2"#,
            ],
            falsePositives: [#"rnd_initializeRandomGenerator"#, #"rnd_xxxxxxxxxxxxxxxxxxxxxxxxxxxx"#, #"rnd_seed"#]),
        // MARK: - Supabase, PlanetScale
        SecretRule(
            id: "supabase-personal-access-token", description: "Supabase personal access token (Management API)",
            keywords: ["sbp_"],
            pattern: #"\b(sbp_[a-f0-9]{40})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"SUPABASE_ACCESS_TOKEN=sbp_e0aed9a0e0322f8cc73c81a00fc288915777d1eb"#,
                #"supabase login --token sbp_e69042467d099cfb2a2271d6dc8a8200f3e54943"#,
            ],
            falsePositives: [#"sbp_f4b0172e683acb13719ce0d526d5c6bd913053a"#, #"sbp_0000000000000000000000000000000000000000"#]),
        SecretRule(
            id: "supabase-secret-key", description: "Supabase secret API key (bypasses row level security)",
            keywords: ["sb_secret_"],
            pattern: #"\b(sb_secret_[A-Za-z0-9_-]{24,64})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"SUPABASE_SECRET_KEY=sb_secret_98qCJFlrHeOvd2uLxbx4MykdhxM6TRq"#,
                #"createClient(url, "sb_secret_ke4RVet3DKaM3ATmqW1zlNIHFMWzVQi")"#,
            ],
            falsePositives: [
                #"SUPABASE_SECRET_KEY=sb_secret_..."#,
                #"sb_publishable_gL0MLlgKtRyw3DeqNxvk_XaXvHkpm2-"#,
                #"sb_secret_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
            ]),
        SecretRule(
            id: "planetscale-service-token", description: "PlanetScale service token", keywords: ["pscale_tkn_"],
            pattern: #"\b(pscale_tkn_[A-Za-z0-9_-]{32,64})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"PLANETSCALE_SERVICE_TOKEN=pscale_tkn_l0u89lWYVICopmV_Y_miXgY37XFO8ZCG-h98EQibUSy"#,
                #"service_token: "pscale_tkn_jEyLqHxj1ZoiJ_djkhMw3v6QOxgzNly9Qeq0uNcht2B""#,
            ],
            falsePositives: [
                #"pscale_tkn_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"pscale_tkn_<password>"#,
                #"pscale_tkn_feQ6CaIm5vuBzpwKo0Qq"#,
            ]),
        SecretRule(
            id: "planetscale-password", description: "PlanetScale database password", keywords: ["pscale_pw_"],
            pattern: #"\b(pscale_pw_[A-Za-z0-9_-]{32,64})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"DATABASE_URL=mysql://app:pscale_pw_CJLgGEN9kTSK6EZKTyhcq8GmCKM6G_eyLD5523WqgUk@aws.connect.psdb.cloud/shop?sslaccept=strict"#,
                #"DB_PASSWORD=pscale_pw_glLr3F6K2tl6DFllxYNgvJwOs1TCJ98E2thL3NjaB6t"#,
            ],
            falsePositives: [
                #"pscale_pw_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"pscale_pw_<password>"#,
                #"pscale_pw_1Rl17qRfmt6_rZ9Jyw1x"#,
            ]),
        SecretRule(
            id: "planetscale-oauth-token", description: "PlanetScale OAuth token", keywords: ["pscale_oauth_"],
            pattern: #"\b(pscale_oauth_[A-Za-z0-9_-]{32,64})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"{"access_token": "pscale_oauth_8D321-Iv9FMnz17izb0SN6knv4SxYFSTJ1rHIOq8XFv"}"#,
                #"PLANETSCALE_TOKEN=pscale_oauth_7ev9757fJI52wTQX0i_nnpuz-y965FmdPTQQvFTFVFD"#,
            ],
            falsePositives: [
                #"pscale_oauth_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"pscale_oauth_<password>"#,
                #"pscale_oauth_NU_m_TA7gWPymyKj0M6Y"#,
            ]),
        // MARK: - Doppler, HashiCorp Vault, 1Password
        SecretRule(
            id: "doppler-personal-token", description: "Doppler personal token", keywords: ["dp.pt."],
            pattern: #"\b(dp\.pt\.[A-Za-z0-9]{40,44})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"DOPPLER_TOKEN=dp.pt.X2HVumpB18tponbmEy8KkPmTXwwpFEkw6ePGirflGeA"#,
                #"doppler_token: "dp.pt.xjZgyjQAhW13sswoStrIrpbI7qvEBY1VhJNFTOJEA95""#,
            ],
            falsePositives: [#"dp.pt.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#, #"dp.pt.eWGrr684xBQYuStdGLCJ8mq25WhWyu"#]),
        SecretRule(
            id: "doppler-service-token", description: "Doppler service token", keywords: ["dp.st."],
            pattern: #"\b(dp\.st\.(?:[a-z0-9_-]{2,35}\.)?[A-Za-z0-9]{40,44})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"DOPPLER_TOKEN=dp.st.prd.m1ULWnxOS8SSSEExjK0HXQ7vOtBmLhdGYqDK5KnMWjC"#,
                #"doppler_token: "dp.st.6z6a1a9RloZsSSFblCCBqPRAHvL0rpbIp5KuaLCr6I1""#,
            ],
            falsePositives: [#"dp.st.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#, #"dp.st.cfqXBeSRcJuHyjacZ21uBmwO1TRhM0"#]),
        SecretRule(
            id: "doppler-cli-token", description: "Doppler CLI token", keywords: ["dp.ct."],
            pattern: #"\b(dp\.ct\.[A-Za-z0-9]{40,44})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                #"DOPPLER_TOKEN=dp.ct.UBSDpX3u8mJI0Lf8CPaGAzuttdmsnchXLx9Qr3nCmPr"#,
                #"doppler_token: "dp.ct.r1RUII3tIZsqZL4j9Ak01P7LwYdQ27gY1ttLJoC2sb6""#,
            ],
            falsePositives: [#"dp.ct.xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"#, #"dp.ct.Ug8L5PAa4t315czcH5c3lizPI4u72D"#]),
        SecretRule(
            id: "vault-service-token", description: "HashiCorp Vault service token", keywords: ["hvs."],
            pattern: #"\b(hvs\.[A-Za-z0-9_-]{24,250})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"VAULT_TOKEN=hvs.CAESICYZ8b0ntVP_25yE_TtuJVVxvMAw3aa3QWfYO-AZ1LewNHC4Vndj6Vyu3VjqcBcMEwYQmhSBN1nnYc-2Glh_HCPi-Sp"#,
                #"vault_token = "hvs.2MsinOChOPTQoPJbMf2CoJHKR4hUST_43NDiZj0TaLtmCVb_zgzP2Ue98ediyD-MslREb9RMmtaRQwFwwsJI7OLNkSw""#,
            ],
            falsePositives: [#"hvs.xxxxxxxxxxxxxxxxxxxxxxxx"#, #"VAULT_TOKEN=hvs.<token>"#, #"hvs.short"#]),
        SecretRule(
            id: "vault-batch-token", description: "HashiCorp Vault batch token", keywords: ["hvb."],
            pattern: #"\b(hvb\.[A-Za-z0-9_-]{100,400})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"VAULT_TOKEN=hvb.AAAAAQcGFMMz455Jls_2EfVl-clbQk0KET7yZdyFoI1qdvtTipAklZ51URzFQFqtToWfZyxYLq0geY_XtCZoaX7OHF0TH-mrCthdEIlE8lZIaC5nxannY5JpBrqEa1Sye7vDiryv6nj-B_e8Co"#,
                #"token: "hvb.AAAAAQAdE99F9nU07dAVBcFtlk-LTeHQw_6hncH3r9d_HlJpojCvV4ITREtVyCtMYsFmaitGTMd4uewQ8vsBW-FvXWE11NP75EPs6lMxqmr-y0B2SOUXI9s1ReHo3v7LiJG10V2nofsrRuWXz63B8QL9Udzw""#,
            ],
            falsePositives: [
                #"hvb.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"#,
                #"hvb.85vTr5PZ7yqE4vD6LbeQNJECoIVjJ4OnKBrGaUe0YyIzsJZkD3EU0cYvtp2j"#,
            ]),
        SecretRule(
            id: "vault-recovery-token", description: "HashiCorp Vault recovery token", keywords: ["hvr."],
            pattern: #"\b(hvr\.[A-Za-z0-9_-]{24,250})(?:[^A-Za-z0-9_-]|$)"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"VAULT_RECOVERY_TOKEN=hvr.giFmyzs7rnjoYJA0IGsyDAZPdV"#,
                #"recovery_token: "hvr.m_Uao5Gn5eeAe5dC9t2qRWCGqfNQyf""#,
            ],
            falsePositives: [#"hvr.xxxxxxxxxxxxxxxxxxxxxxxxxx"#, #"hvr.short"#]),
        SecretRule(
            id: "vault-legacy-token", description: "HashiCorp Vault service token (legacy s. format) by keyword",
            keywords: ["vault"],
            pattern: #"vault[\w.-]{0,20}token[\w-]{0,12}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?(s\.[A-Za-z0-9]{24})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.8,
            truePositives: [
                #"VAULT_TOKEN=s.VakRVShnCEGzbk4Sxgqwq3bx"#,
                #"curl -H 'X-Vault-Token: s.8L3pFcIcNysNchn3EceWglSc' https://vault.internal:8200/v1/secret/data/app"#,
            ],
            falsePositives: [
                #"VAULT_TOKEN=root"#,
                #"VAULT_TOKEN=s.xxxxxxxxxxxxxxxxxxxxxxxx"#,
                #"vault_token = "s.xKi35d7iRbmXEgqqejTX""#,
            ]),
        SecretRule(
            id: "1password-service-account-token", description: "1Password service account token", keywords: ["ops_ey"],
            pattern: #"\b(ops_eyJ[A-Za-z0-9+/_-]{100,2000}={0,2})"#,
            prefilter: #"\bops_eyJ[A-Za-z0-9+/_-]{100}"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                #"OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoiYWNtZS4xcGFzc3dvcmQuY29tIiwidXNlckF1dGgiOnsibWV0aG9kIjoiU1JQZy00MDk2IiwiYWxnIjoiUEJFUzJnLUhTMjU2IiwiaXRlcmF0aW9ucyI6NjUwMDAwLCJzYWx0IjoiQUNRWF8xM0I4dzVwam1aQkVBeW9vZSJ9LCJlbWFpbCI6InAxemtpOG8xMjZndTdAMXBhc3N3b3Jkc2VydmljZWFjY291bnRzLmNvbSIsInNycFgiOiJhYmE1Zjg0ZjFkMGY3MDNiN2JhNTg1YTdhYzJhZWY5MmViNDZjZGQ3ZmU3MDUwNzliNjgzMGFiODMzMzRjMGQyIiwibXVrIjp7ImFsZyI6IkEyNTZHQ00iLCJleHQiOnRydWUsImsiOiJvVVNLcE80LW15bG9uLTNuX3hEYmYzeG5sT09FUnQ4N0ZrWHZKZE15Q2FlIiwia2V5X29wcyI6WyJkZWNyeXB0IiwiZW5jcnlwdCJdLCJrdHkiOiJvY3QiLCJraWQiOiJtcCJ9LCJzZWNyZXRLZXkiOiJBMy04NFlDU0QtQlIwT0xYIiwiZGV2aWNlVXVpZCI6Imk2ZGVyc2p5eWdlcXFtOXZjMGllbzdjbGpqIn0"#,
                #"export OP_SERVICE_ACCOUNT_TOKEN="ops_eyJzaWduSW5BZGRyZXNzIjoiYWNtZS4xcGFzc3dvcmQuY29tIiwidXNlckF1dGgiOnsibWV0aG9kIjoiU1JQZy00MDk2IiwiYWxnIjoiUEJFUzJnLUhTMjU2IiwiaXRlcmF0aW9ucyI6NjUwMDAwLCJzYWx0IjoiVVhfd0pDSDBiSkJtQ2NZRHMtT2cwRSJ9LCJlbWFpbCI6ImdjYTVsemVpMDQ5OHNAMXBhc3N3b3Jkc2VydmljZWFjY291bnRzLmNvbSIsInNycFgiOiIwNDFjYWMwMTA3MTAyZTlkMmQ5YThlYWZmZGExNGQ5ZjFjNjBlNzkxOTVlMDFjMjZhOGNmZTI0NTAxNzNjOGUzIiwibXVrIjp7ImFsZyI6IkEyNTZHQ00iLCJleHQiOnRydWUsImsiOiJ1ZmRVS0R5cGNvaHBjNERqTkE3SEdtS1o4ZThOazA0dGNxR2JaRU0tWU0zIiwia2V5X29wcyI6WyJkZWNyeXB0IiwiZW5jcnlwdCJdLCJrdHkiOiJvY3QiLCJraWQiOiJtcCJ9LCJzZWNyZXRLZXkiOiJBMy1UUENCQVAtTlhaQVlWIiwiZGV2aWNlVXVpZCI6InlvNHJzZnMwcjd3Mmp1N2hvb3l0ZnFmYTk5In0""#,
            ],
            falsePositives: [
                #"ops_eyJAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"#,
                #"OP_SERVICE_ACCOUNT_TOKEN=ops_<your-token>"#,
                #"ops_eyJWYq3wBwP-2LcXyOCOdw9x8xsAJsT1qGaodd6n8QY"#,
            ]),
    ]
}
