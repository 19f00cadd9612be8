// Monitoring, logging, tracing, error-tracking and on-call credentials.
extension SecretCatalog {
    package static let observability: [SecretRule] = [
        // MARK: - Datadog
        SecretRule(
            id: "datadog-api-key", description: "Datadog API key (submits metrics, logs and events)",
            keywords: ["datadog", "dd_api_key", "dd-api-key"],
            pattern: #"(?:datadog|\bdd)[\w.-]{0,20}api[_-]?key\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                "DD_API_KEY=d488e6cb3a0e92eaa809e6f1424544fb",
                #"curl -X POST https://api.datadoghq.com/api/v2/series -H "DD-API-KEY: f9be67189e7b53ae06e18a6896111903""#,
            ],
            falsePositives: [
                "DD_API_KEY=<DATADOG_API_KEY>",
                "datadog_api_key: 00000000000000000000000000000000",
                "dd_trace_id = d488e6cb3a0e92eaa809e6f1424544fb",
            ]),
        SecretRule(
            id: "datadog-application-key", description: "Datadog application key (reads and manages account data with an API key)",
            keywords: ["datadog", "dd_app_key", "dd-application-key"],
            pattern: #"(?:datadog|\bdd)[\w.-]{0,20}app(?:lication)?[_-]?key\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{40})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                "export DD_APP_KEY=336f1fcfe6521ece37f2e072c1b81e91da62bb16",
                #"  "DD-APPLICATION-KEY": "9a334e20e09d8fc69a3c2bd86dafe39feb367c41","#,
            ],
            falsePositives: ["DD_APP_KEY=${DATADOG_APP_KEY}", "datadog_app_key = '0000000000000000000000000000000000000000'"]),

        // MARK: - New Relic
        SecretRule(
            id: "newrelic-user-api-key", description: "New Relic user API key (NerdGraph queries and configuration)", keywords: ["nrak-"],
            pattern: #"\b(NRAK-[A-Z0-9]{27})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: ["NEW_RELIC_API_KEY=NRAK-UG9D8NNFHWB6V8HHQU8XB7UGIED", #"-H "API-Key: NRAK-Y07VRZM5W1UVB99IEMDAAO0C0HV""#],
            falsePositives: ["NEW_RELIC_API_KEY=NRAK-XXXXXXXXXXXXXXXXXXXXXXXXXXX", "NEW_RELIC_API_KEY=NRAK-UG9D8NNFHWB6V8"]),
        SecretRule(
            id: "newrelic-insights-insert-key", description: "New Relic Insights insert key (writes custom events)", keywords: ["nrii-"],
            pattern: #"\b(NRII-[A-Za-z0-9_-]{32})(?![A-Za-z0-9_-])"#, prefilter: #"NRII-[A-Za-z0-9_-]{32}"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "NEW_RELIC_INSERT_KEY=NRII-tHASQxwujBN-DIuEc0ruhXMwDmTDrvpU",
                #"headers: { "X-Insert-Key": "NRII-lOLxSJNUfuEaoJKJaAQoE4YvPADabzdt" }"#,
            ],
            falsePositives: ["X-Insert-Key: NRII-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "X-Insert-Key: NRII-tHASQxwujBN"]),
        SecretRule(
            id: "newrelic-browser-api-token", description: "New Relic browser API token", keywords: ["nrjs-"],
            pattern: #"\b(NRJS-[a-f0-9]{19})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [#"licenseKey: "NRJS-20dd10bf6d5136bdd36","#, "NEW_RELIC_BROWSER_KEY=NRJS-f59721cfe22c72794ef"],
            falsePositives: ["licenseKey: NRJS-0000000000000000000", "licenseKey: NRJS-20dd10bf6d"]),
        SecretRule(
            id: "newrelic-license-key", description: "New Relic ingest license key (sends APM and infrastructure data)", keywords: ["nral"],
            pattern: #"\b((?:eu01xx[a-f0-9]{30}|[a-f0-9]{36})NRAL)\b"#,
            confidence: .high, minimumEntropy: 3.2,
            truePositives: [
                "NEW_RELIC_LICENSE_KEY=9c62150c4fdfcfa605b0e7f64ab53d7cb419NRAL",
                "license_key: 'eu01xx1f14fa0e97e5a3825a6a9a2bbd111cNRAL'",
            ],
            falsePositives: ["license_key: 000000000000000000000000000000000000NRAL", "license_key: 9c62150c4fdfcfa605b0NRAL"]),
        SecretRule(
            id: "newrelic-legacy-license-key", description: "New Relic legacy 40-hex license key next to a New Relic name",
            keywords: ["newrelic", "new_relic", "new relic"],
            pattern: #"new[_. -]?relic[\w.-]{0,20}license[_-]?key\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{40})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                "NEW_RELIC_LICENSE_KEY=7f17445a5d020ebb591e9e4a534b711cfd5f40ca",
                #"newrelic.license_key = "71790c3d9485202369a25fb285d4ebe8012c884d""#,
            ],
            falsePositives: ["NEW_RELIC_LICENSE_KEY=0000000000000000000000000000000000000000", "NEW_RELIC_LICENSE_KEY=your_license_key"]),

        // MARK: - Sentry
        SecretRule(
            id: "sentry-org-auth-token", description: "Sentry organization auth token (release and source map uploads)", keywords: ["sntrys_"],
            pattern: #"\b(sntrys_eyJ[A-Za-z0-9+/=]{40,500}_[A-Za-z0-9+/_-]{43})(?![A-Za-z0-9+/_-])"#, prefilter: #"sntrys_eyJ[A-Za-z0-9+/=]{40}"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "SENTRY_AUTH_TOKEN=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",
                "[auth]\ntoken=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\n",
            ],
            falsePositives: [
                "SENTRY_AUTH_TOKEN=sntrys_YOUR_TOKEN_HERE",
                "SENTRY_AUTH_TOKEN=sntrys_eyJpYXQiOjE3MjU1NjE2NTIsInVybCI6Imh0dHBzOi8vc2VudHJ5LmlvIiwicmVnaW9u",
            ]),
        SecretRule(
            id: "sentry-user-auth-token", description: "Sentry user auth token (acts as the user in the Sentry API)", keywords: ["sntryu_"],
            pattern: #"\b(sntryu_[a-f0-9]{64})\b"#,
            confidence: .high, minimumEntropy: 3.3,
            truePositives: [
                "SENTRY_AUTH_TOKEN=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",
                #"curl -H "Authorization: Bearer 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" https://sentry.io/api/0/"#,
            ],
            falsePositives: [
                "Authorization: Bearer sntryu_YOUR_TOKEN_HERE",
                "sntryu_0000000000000000000000000000000000000000000000000000000000000000",
            ]),
        SecretRule(
            id: "sentry-dsn", description: "Sentry DSN with its client key (lets anyone submit events to the project)", keywords: ["sentry.io"],
            pattern: #"https://([a-f0-9]{32})(?::[a-f0-9]{32})?@(?:o\d{1,12}\.ingest\.(?:[a-z]{2}\.)?)?sentry\.io/\d{1,12}"#,
            confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                #"Sentry.init({ dsn: "https://36dea43f2e7cc4e38bdeba5d2ce24b11@o4507214.ingest.us.sentry.io/4507214938" });"#,
                "SENTRY_DSN=https://896d829d82066adc4ffdeb29e39f80fe@o112233.ingest.sentry.io/445566",
            ],
            falsePositives: [
                "SENTRY_DSN=https://examplePublicKey@o0.ingest.sentry.io/0",
                "SENTRY_DSN=https://00000000000000000000000000000000@o1.ingest.sentry.io/1",
            ]),

        // MARK: - Grafana
        SecretRule(
            id: "grafana-cloud-access-policy-token", description: "Grafana Cloud access policy token", keywords: ["glc_"],
            pattern: #"\b(glc_eyJ[A-Za-z0-9+/]{30,400}={0,2})"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "GRAFANA_CLOUD_TOKEN=glc_eyJvIjoiMjgyMTk5IiwibiI6InN0YWNrLWNkaXFuci10b2tlbiIsImsiOiJXbjgyd3Z1RnpVUkpTQmlLWWx0bGhCdDQiLCJtIjp7InIiOiJwcm9kLXVzLWVhc3QtMCJ9fQ==",
                #"  cloud_access_policy_token = "glc_eyJvIjoiODg1MjAzIiwibiI6InN0YWNrLXZpbmlkYy10b2tlbiIsImsiOiJwcmtuNU5vQ2RsSDIzYVh5ekh2eGRkVEYiLCJtIjp7InIiOiJwcm9kLXVzLWVhc3QtMCJ9fQ==""#,
            ],
            falsePositives: ["GRAFANA_CLOUD_TOKEN=glc_xxxxxxxxxxxxxxxx", "GRAFANA_CLOUD_TOKEN=glc_eyJ..."]),
        SecretRule(
            id: "grafana-service-account-token", description: "Grafana service account token (HTTP API as the service account)", keywords: ["glsa_"],
            pattern: #"\b(glsa_[A-Za-z0-9]{32}_[a-f0-9]{8})\b"#,
            confidence: .high, minimumEntropy: 3.8,
            truePositives: [
                "GRAFANA_AUTH=glsa_xkDaYU75HRSTkoM4Ugo9RNYQeGFK4uh3_e97245af",
                #"provider "grafana" { auth = "glsa_sQrk5aLWGICKuzPPRHs76Kjjr93Z1JIS_4f63fce1" }"#,
            ],
            falsePositives: ["GRAFANA_AUTH=glsa_xxxxxxxxxxxx", "GRAFANA_AUTH=glsa_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_00000000"]),
        SecretRule(
            id: "grafana-legacy-api-key", description: "Grafana legacy API key (base64 JSON starting with the k field)", keywords: ["eyjrijoi"],
            pattern: #"\b(eyJrIjoi[A-Za-z0-9+/]{40,160}={0,2})"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "GRAFANA_API_KEY=eyJrIjoiaVd3UjJWMVN3WEVQcDI1aU1YMk82ZTV6aklSTEVTVlUiLCJuIjoiZGVwbG95LXBoenciLCJpZCI6NjE3fQ==",
                #"curl -H "Authorization: Bearer eyJrIjoiZW51Zmh0TTBDakF0a2tHSFNZM2hJb3BPQWdrSHF3Rm8iLCJuIjoiZGVwbG95LXdxZmQiLCJpZCI6OTc0fQ==" http://grafana:3000/api/dashboards/db"#,
            ],
            falsePositives: ["GRAFANA_API_KEY=eyJrIjoi...", "Legacy keys start with eyJrIjoi and are base64 JSON."]),

        // MARK: - Honeycomb
        SecretRule(
            id: "honeycomb-ingest-key", description: "Honeycomb ingest key (sends telemetry to an environment)", keywords: ["hcaik_", "hcxik_"],
            pattern: #"\b(hc[ax]ik_[A-Za-z0-9]{58})\b"#,
            confidence: .high, minimumEntropy: 3.8,
            truePositives: [
                "OTEL_EXPORTER_OTLP_HEADERS=x-honeycomb-team=hcaik_01r53uu9a7la0eq7jct5qwj8bf12a74jujb1vukbo6cpixkit2tub7kl42",
                #"HONEYCOMB_API_KEY: "hcxik_012h0bnpc41tva4pit16m9r0vk0c34jpi5s2z0y7uvzvccedbexlnfguia""#,
            ],
            falsePositives: ["HONEYCOMB_API_KEY=hcaik_...", "HONEYCOMB_API_KEY=hcaik_0000000000000000000000000000000000000000000000000000000000"]),
        SecretRule(
            id: "honeycomb-api-key", description: "Honeycomb configuration or classic API key next to a Honeycomb name", keywords: ["honeycomb"],
            pattern: #"honeycomb[\w.-]{0,20}(?:key|team|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{32}|[A-Za-z0-9]{22})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["HONEYCOMB_API_KEY=gvbD5GTSUiy87epA8I9y4A", #"-H "X-Honeycomb-Team: 063e2b29429a378d9eead244b38ad258""#],
            falsePositives: [
                "HONEYCOMB_API_KEY=your_honeycomb_api_key",
                "HONEYCOMB_API_KEY=0000000000000000000000",
                "HONEYCOMB_DATASET=gvbD5GTSUiy87epA8I9y4A",
            ]),

        // MARK: - PagerDuty
        SecretRule(
            id: "pagerduty-api-key", description: "PagerDuty REST API key (account or user token)", keywords: ["pagerduty", "pager_duty"],
            pattern: #"pager[_.-]?duty[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9_+-]{20})(?![A-Za-z0-9_+=-])"#,
            prefilter: #"pager[_.-]?duty[\w.-]{0,20}(?:key|token|secret)"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["PAGERDUTY_API_KEY=U5Q02EKDGM9fd2+nqzAP", #"pagerduty_token: "u+yNBgHUYrWqgBmjKaXg""#],
            falsePositives: [
                "PAGERDUTY_API_KEY=xxxxxxxxxxxxxxxxxxxx",
                "PAGERDUTY_API_KEY=${PAGERDUTY_API_KEY}",
                "PAGERDUTY_SERVICE_KEY=86ed2aa0b0183f0998b476ff95d72f2b",
            ]),
        SecretRule(
            id: "pagerduty-integration-key", description: "PagerDuty Events integration (routing) key (triggers incidents)",
            keywords: ["pagerduty", "pager_duty"],
            pattern: #"pager[_.-]?duty[\w.-]{0,30}(?:integration|routing|service|events?)[_-]?key\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                "PAGERDUTY_ROUTING_KEY=86ed2aa0b0183f0998b476ff95d72f2b",
                #"  pagerduty_integration_key: "b7ebf1015a820fe72687862e2bcf60db""#,
            ],
            falsePositives: ["PAGERDUTY_ROUTING_KEY=00000000000000000000000000000000", "PAGERDUTY_ROUTING_KEY=<integration-key>"]),

        // MARK: - Dynatrace
        SecretRule(
            id: "dynatrace-api-token", description: "Dynatrace API token", keywords: ["dt0c01."],
            pattern: #"\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "DT_API_TOKEN=dt0c01.B61CI6EBIGH8XLTUGR7S0MK1.G8RUFOXKXMXV0A0GERSKQSIQQ7RBCGJZ5SOSWAXLOXRWADNJPCUC85UNDDBV7Y41",
                #"-H "Authorization: Api-Token dt0c01.36LO9GADZTKUGDUK2L5COVCZ.NB09M12WS5PETZ78UQYRNTUSZI2NW1A8CHB91ZSA2EID3OTLY2D95144DP1C8150""#,
            ],
            falsePositives: [
                "DT_API_TOKEN=dt0c01.XXXXXXXXXXXXXXXXXXXXXXXX.XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
                "DT_API_TOKEN=dt0c01.B61CI6EBIGH8XLTUGR7S0MK1",
            ]),

        // MARK: - Splunk
        SecretRule(
            id: "splunk-hec-token", description: "Splunk HTTP Event Collector token next to a Splunk name", keywords: ["splunk"],
            pattern: #"splunk[\w.-]{0,20}(?:hec|token|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["SPLUNK_HEC_TOKEN=35db6997-9236-4600-93a7-48467576aa8b", #"  splunk_token: "822fc31e-30fd-47df-a3d1-156c02ee9eb0""#],
            falsePositives: ["SPLUNK_HEC_TOKEN=00000000-0000-0000-0000-000000000000", "SPLUNK_HEC_TOKEN=<hec-token>"]),
        SecretRule(
            id: "splunk-hec-authorization-header", description: "Splunk HTTP Event Collector token in an Authorization header", keywords: ["splunk"],
            pattern: #"Authorization["']?\s{0,3}[:=]\s{0,3}["']?Splunk\s{1,3}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"curl -k https://splunk.local:8088/services/collector -H "Authorization: Splunk dffc0734-b33c-4c16-b910-fb24289387f4" -d '{"event":"hi"}'"#,
                #"headers = {"Authorization": "Splunk 3a0ee944-e6aa-460e-8b71-1bf28bc08b90"}"#,
            ],
            falsePositives: [#"-H "Authorization: Splunk $SPLUNK_HEC_TOKEN""#, "Authorization: Splunk 00000000-0000-0000-0000-000000000000"]),

        // MARK: - Elastic
        SecretRule(
            id: "elastic-api-key", description: "Elastic Cloud or Elasticsearch API key (encoded) next to an Elastic name",
            keywords: ["elastic", "es_api_key", "ec_api_key"],
            pattern: #"(?:elastic(?:search)?|\bes|\bec)[_.-]?(?:cloud[_.-]?)?api[_-]?key\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9+/_-]{40,160}={0,2})(?![A-Za-z0-9+/=_-])"#,
            prefilter: #"(?:elastic|\bes|\bec)[_.-]?(?:cloud[_.-]?)?api[_-]?key"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                "ELASTIC_API_KEY=RGx1WkNGaUplTkMycUNhWndBQVE6Y3JaT2xzM19QR3haS1VnWVhDcXlFSQ==",
                #"export EC_API_KEY="essu_aTlReWlvblhJS1ZLZllMV1VzRWVBSnVZSm9mVjBHcHI6RFJFWk1FMUNaNm9oY0o2a2ZwOEgzSGhhNWs3VTFsMGViaE1OcllxeQ==""#,
            ],
            falsePositives: ["ELASTIC_API_KEY=YOUR_GENERATED_API_KEY", "ELASTIC_API_KEY=${ELASTIC_API_KEY}"]),

        // MARK: - Lightstep
        SecretRule(
            id: "lightstep-access-token", description: "Lightstep (ServiceNow Cloud Observability) access token", keywords: ["lightstep"],
            pattern: #"lightstep[\w.-]{0,20}(?:token|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9+/]{32,140}={0,2})(?![A-Za-z0-9+/=])"#,
            prefilter: #"lightstep[\w.-]{0,20}(?:token|key)"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.8,
            truePositives: [
                "LIGHTSTEP_ACCESS_TOKEN=oVT4NNF9p7YLC7Zwg8YBn4pFwfH3uxTwK+41mZ72/TKZ1O7ViFer9KLmG+zap66eFho3Feifi1TfnfVS8VdO",
                #"OTEL_EXPORTER_OTLP_HEADERS="lightstep-access-token=1tigiKopnMimoDV0XlIGGZzrSeLEXBg0""#,
            ],
            falsePositives: [
                "LIGHTSTEP_ACCESS_TOKEN=<your-lightstep-access-token>",
                "LIGHTSTEP_ACCESS_TOKEN=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ]),

        // MARK: - Logz.io
        SecretRule(
            id: "logzio-token", description: "Logz.io shipping or API token next to a Logz.io name", keywords: ["logz"],
            pattern: #"logz(?:io|\.io)?[\w.-]{0,20}(?:token|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.3,
            truePositives: ["LOGZIO_TOKEN=KDuSVkGGMtgmDGMstvmwcdHhNoBQvwaT", #"  logzio_api_token: "a398dd99-a860-4d22-9bf6-21ed6b95b53e""#],
            falsePositives: ["LOGZIO_TOKEN=<<LOG-SHIPPING-TOKEN>>", "LOGZIO_TOKEN=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]),

        // MARK: - Rollbar
        SecretRule(
            id: "rollbar-access-token", description: "Rollbar access token (post_server_item, read or write)", keywords: ["rollbar"],
            pattern: #"rollbar[^\n]{0,40}?(?:token|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: [
                "ROLLBAR_ACCESS_TOKEN=1c0b8d43104e2e227b983cd1609ec667",
                #"const rollbar = new Rollbar({ accessToken: '4e64c2e52c42dc3a188c365f56ca62a5', captureUncaught: true });"#,
            ],
            falsePositives: ["ROLLBAR_ACCESS_TOKEN=POST_SERVER_ITEM_ACCESS_TOKEN", "ROLLBAR_ACCESS_TOKEN=00000000000000000000000000000000"]),

        // MARK: - Bugsnag
        SecretRule(
            id: "bugsnag-api-key", description: "Bugsnag notifier API key", keywords: ["bugsnag"],
            pattern: #"bugsnag[^\n]{0,40}?(?:token|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([a-f0-9]{32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.2,
            truePositives: ["BUGSNAG_API_KEY=b2ff92b3c26b5f2b281bbc41f02532b6", #"Bugsnag.start({ apiKey: '89f210c1db2f9b6792ef8da3acd1b782' })"#],
            falsePositives: ["BUGSNAG_API_KEY=YOUR-API-KEY-HERE", "Bugsnag.start({ apiKey: process.env.BUGSNAG_API_KEY })"]),

        // MARK: - Opsgenie
        SecretRule(
            id: "opsgenie-api-key", description: "Opsgenie API key next to an Opsgenie name", keywords: ["opsgenie"],
            pattern: #"opsgenie[\w.-]{0,20}(?:key|token)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["OPSGENIE_API_KEY=d9b7eb1e-aba8-4c57-9bb1-f9b33eb66794", #"  opsgenie_api_key: "4343710e-99d1-40bf-a353-354b3bd925fa""#],
            falsePositives: ["OPSGENIE_API_KEY=00000000-0000-0000-0000-000000000000", "OPSGENIE_API_KEY=your-opsgenie-key"]),
        SecretRule(
            id: "opsgenie-geniekey-header", description: "Opsgenie API key in a GenieKey Authorization header", keywords: ["geniekey"],
            pattern: #"GenieKey\s{1,3}([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"curl -X POST https://api.opsgenie.com/v2/alerts -H "Authorization: GenieKey 2785d028-ef67-4c4b-8537-8f679aa4299a""#,
                #"req.Header.Set("Authorization", "GenieKey b9888ff3-5ea9-4794-b6db-32ddc3e70b10")"#,
            ],
            falsePositives: [#"-H "Authorization: GenieKey $OPSGENIE_KEY""#, "Authorization: GenieKey 00000000-0000-0000-0000-000000000000"]),

        // MARK: - Axiom
        SecretRule(
            id: "axiom-api-token", description: "Axiom API token (ingest and query scoped to datasets)", keywords: ["xaat-"],
            pattern: #"\b(xaat-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                "AXIOM_TOKEN=xaat-d234b603-8cdc-4032-9a8c-d4a2cd21a287",
                #"-H "Authorization: Bearer xaat-9af9c620-f362-47b6-bbf1-a8afbffc00ae""#,
            ],
            falsePositives: ["AXIOM_TOKEN=xaat-xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", "AXIOM_TOKEN=xaat-00000000-0000-0000-0000-000000000000"]),
        SecretRule(
            id: "axiom-personal-access-token", description: "Axiom personal access token (full control of the account)", keywords: ["xapt-"],
            pattern: #"\b(xapt-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: ["AXIOM_TOKEN=xapt-18185d61-6850-4731-94d4-6b1a14a49d92", #"{"axiomToken": "xapt-aede667b-e1ac-4deb-b3d7-a15d17732727"}"#],
            falsePositives: ["AXIOM_TOKEN=xapt-...", "AXIOM_TOKEN=xapt-00000000-0000-0000-0000-000000000000"]),

        // MARK: - Better Stack
        SecretRule(
            id: "betterstack-token", description: "Better Stack (Logtail / Better Uptime) source or API token",
            keywords: ["betterstack", "better_stack", "logtail", "betteruptime", "better_uptime"],
            pattern: #"(?:better[_.-]?stack|better[_.-]?uptime|logtail)[\w.-]{0,20}(?:token|key)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9]{24,32})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["LOGTAIL_SOURCE_TOKEN=v2gGQUKNtQa9eft3FRIlv5Ni", #"  betterstack_api_token: "OaEsBW5U84M4EAppyrHL9ms8""#],
            falsePositives: ["LOGTAIL_SOURCE_TOKEN=your_source_token_here", "BETTERSTACK_API_TOKEN=${BETTERSTACK_API_TOKEN}"]),

        // MARK: - Coralogix
        SecretRule(
            id: "coralogix-api-key", description: "Coralogix API key (cxtp_ format)", keywords: ["cxtp_"],
            pattern: #"\b(cxtp_[A-Za-z0-9]{30})\b"#,
            confidence: .high, minimumEntropy: 3.8,
            truePositives: [
                "CORALOGIX_PRIVATE_KEY=cxtp_N3VakZBOCsAMiIJj7aus3sK34taN2X",
                #"coralogix: { privateKey: "cxtp_RCDQcP0wQNqfdQDB9SdVFcQF0BxuU3" }"#,
            ],
            falsePositives: ["CORALOGIX_PRIVATE_KEY='cxtp_...'", "m_yOffset = CXTP_max(0, size - viewport);"]),
        SecretRule(
            id: "coralogix-legacy-api-key", description: "Coralogix legacy private or API key (UUID next to a Coralogix name)",
            keywords: ["coralogix"],
            pattern: #"coralogix[\w.-]{0,20}(?:key|token|secret)\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: [
                "CORALOGIX_PRIVATE_KEY=4a49cebd-6096-40be-9a98-235bddbe99e2",
                #"  coralogix_api_key: "459020e2-861f-4603-9220-64d8f7f5a234""#,
            ],
            falsePositives: ["CORALOGIX_PRIVATE_KEY=00000000-0000-0000-0000-000000000000", "CORALOGIX_PRIVATE_KEY=<your-private-key>"]),

        // MARK: - Sumo Logic
        SecretRule(
            id: "sumologic-access-key", description: "Sumo Logic access key (API access as the key's user)", keywords: ["sumo"],
            pattern: #"sumo[\w.-]{0,20}access[_-]?key\w{0,10}["']?\s{0,3}(?::=|=>|[:=])\s{0,3}["']?([A-Za-z0-9]{64})\b"#,
            caseless: true, confidence: .medium, minimumEntropy: 4.0,
            truePositives: [
                "SUMOLOGIC_ACCESSKEY=27sruOOBWI8X7JfLE1tN4EpUwF4MvTIDm9kL0pykiuy7KdDmy6JQNkBA6H799U0e",
                #"  sumo_access_key: "qA1xRMYtRaveOB2vfe4A6yKkldywSrATVK02nKjTFEKGXMKGL2Z2AMNcjnYUa6rM""#,
            ],
            falsePositives: [
                "SUMOLOGIC_ACCESSKEY=${SUMOLOGIC_ACCESSKEY}",
                "SUMOLOGIC_ACCESSKEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            ]),
        SecretRule(
            id: "sumologic-http-source-url", description: "Sumo Logic HTTP source URL (its token lets anyone send logs)",
            keywords: ["sumologic.com/receiver"],
            pattern: #"https://(?:endpoint\d{1,2}\.collection|collectors)\.(?:[a-z]{2}\d?\.)?sumologic\.com/receiver/v1/(?:http|otlp)/([A-Za-z0-9_+/-]{40,300}={0,2})"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "SUMO_URL=https://endpoint4.collection.us2.sumologic.com/receiver/v1/http/b3cnD7V8syKTmTERxCqF25RaUo-oWOBVMrPi11sP56gQs4JUH5JolvNCL2COrSx8nrUu5kMMjJty2Eri1MH_gezarKpwS_4GwCZKi8gjCaCFHFX2NbscUebvO0Y0eZIv",
                #"url: "https://collectors.sumologic.com/receiver/v1/http/8TgKtxqY3xrcnDiLRBZOcrrbEmxvVvnh9HWieky06iVUV5U1Q2dwe4dKcl1qdNqM8X6vtpAhd3in8MlF37tvX8Vwjb3LmNa_LgQ1kIr-gvZecqkqgcqFcxBbQXSLLc0B==""#,
            ],
            falsePositives: [
                "https://endpoint1.collection.sumologic.com/receiver/v1/http/<UNIQUE_HTTP_COLLECTOR_CODE>",
                "https://endpoint1.collection.sumologic.com/receiver/v1/http/XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX",
            ]),
    ]
}
