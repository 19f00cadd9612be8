extension SecretCatalog {
    /// Credentials inside structured text: URLs and connection strings, config files of common
    /// tools, Kubernetes and Docker files, and catch-all secret assignments in code and config.
    package static let structured: [SecretRule] = [
        // MARK: - Credentials in URLs (the secret is the password)
        SecretRule(
            id: "postgres-connection-uri-password", description: "PostgreSQL connection URI with a password",
            keywords: ["postgres"], pattern: Shape.url(#"postgres(?:ql)?(?:\+[a-z0-9]{1,20})?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: [
                "DATABASE_URL=postgres://app:0MuSJ*ztwB8C8D7b@db.internal:5432/orders?sslmode=require",
                "engine = create_engine(\"postgresql+psycopg2://reporting:q0IxYtZw1UEsfyop@10.0.4.12/analytics\")",
            ],
            falsePositives: [
                "DATABASE_URL=postgres://user:password@localhost:5432/app",
                "url: postgresql://app:${DB_PASSWORD}@db:5432/app",
                "postgres://postgres:postgres@127.0.0.1:5432/test",
                "see postgres://app:<password>@host/db and postgres://db.internal:5432/orders",
            ]),
        SecretRule(
            id: "mysql-connection-uri-password", description: "MySQL or MariaDB connection URI with a password",
            keywords: ["mysql", "mariadb"], pattern: Shape.url(#"(?:mysql|mariadb)(?:\+[a-z0-9]{1,20})?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: [
                "SQLALCHEMY_DATABASE_URI = 'mysql+pymysql://shop:^J6jP-08N_0gz9-w@mysql.prod.svc:3306/shop'",
                "MARIADB_DSN=mariadb://backup:ZDFz1Qkl17IuhKow@172.20.0.5/wp",
            ],
            falsePositives: ["mysql://root:root@localhost/test", "mysql://app:changeme@db/app", "mysql://app:$MYSQL_PASSWORD@db/app"]),
        SecretRule(
            id: "mongodb-connection-uri-password", description: "MongoDB connection string with a password",
            keywords: ["mongodb"], pattern: Shape.url(#"mongodb(?:\+srv)?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: [
                "MONGO_URI=mongodb+srv://api-svc:gfz_9FLo6XQJhNoq@cluster0.x7kq2.mongodb.net/prod?retryWrites=true",
                "client = MongoClient('mongodb://admin:ez%23-BgrofJufU4MC@mongo-0:27017,mongo-1:27017/?replicaSet=rs0')",
            ],
            falsePositives: ["mongodb+srv://<username>:<password>@cluster0.example.mongodb.net/", "mongodb://user:pass@db.example.com/app"]),
        SecretRule(
            id: "redis-connection-uri-password", description: "Redis connection URI with a password",
            keywords: ["redis"], pattern: Shape.url(#"rediss?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: ["REDIS_URL=redis://:0zOt_8eTPs3d!zHB@cache.internal:6379/0", "cache: rediss://default:JgMC1liIILmp%aEm@redis-1234.c1.cloud.redislabs.com:12345"],
            falsePositives: ["REDIS_URL=redis://localhost:6379/0", "redis://:${REDIS_PASSWORD}@redis:6379", "rediss://default:******@host:6380"]),
        SecretRule(
            id: "amqp-connection-uri-password", description: "AMQP (RabbitMQ) connection URI with a password",
            keywords: ["amqp"], pattern: Shape.url(#"amqps?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: ["CELERY_BROKER_URL=amqp://worker:zxx-ZnVi2crxPfdB@rabbitmq:5672/jobs", "broker: amqps://events:rnxb7g_uBwtRZrkO@b-1a2b.mq.eu-west-1.amazonaws.com:5671"],
            falsePositives: ["amqp://guest:guest@localhost:5672/", "amqp://user:{{ rabbit_password }}@mq/"]),
        SecretRule(
            id: "ldap-connection-uri-password", description: "LDAP URI with a bind password",
            keywords: ["ldap"], pattern: Shape.url(#"ldaps?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: ["LDAP_URL=ldaps://svc-gitlab:2c9cd8%25qjBSIs1C@ldap.corp.acme.net:636", "ldap://binduser:c2MgjIEvwSpXjw^z@10.1.1.10:389/dc=acme,dc=net"],
            falsePositives: ["ldap://ldap.corp.acme.net:389/dc=acme,dc=net", "ldaps://admin:secret@ldap:636"]),
        SecretRule(
            id: "ftp-uri-password", description: "FTP/FTPS/SFTP URI with a password",
            keywords: ["ftp"], pattern: Shape.url(#"s?ftps?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: ["curl -T backup.tgz ftp://backup:pPIVTZn0WX6tYC31@files.acme.net/nightly/", "UPLOAD_TARGET=sftp://deploy:4hUfsRRcFJx2q78n@203.0.113.7:2222/var/www"],
            falsePositives: ["ftp://anonymous@ftp.gnu.org/gnu/", "ftp://user:password@ftp.example.com/"]),
        SecretRule(
            id: "smtp-uri-password", description: "SMTP URI with a password",
            keywords: ["smtp"], pattern: Shape.url(#"smtps?"#),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: ["EMAIL_URL=smtp://apikey:HQdqTmgypIF6DzzO@smtp.sendgrid.net:587", "mailer_dsn: smtps://noreply%40acme.io:wGtBX5AGrfTAxLBz@smtp.gmail.com:465"],
            falsePositives: ["MAILER_DSN=smtp://localhost:1025", "smtp://user:pass@smtp.example.com:587"]),
        SecretRule(
            id: "http-basic-auth-url-password", description: "HTTP(S) URL with user:password credentials",
            keywords: ["http"], pattern: Shape.url(#"https?"#, guard: #"(?!\d{1,5}@)"#, host: Shape.nonGitHost),
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: ["pip install --index-url https://ci:z3dyYcZdgWuZ3FBO@pypi.acme.internal/simple pkg", "proxy: http://squid:yPlulT5Ok4GDz2au@10.0.0.1:3128"],
            falsePositives: ["https://user:password@example.com/", "http://localhost:8080@attacker.test/", "https://${USER}:${TOKEN}@registry.acme.io", "http://admin:hunter2@host:8080/"]),
        SecretRule(
            id: "git-credentials-url-token", description: "Git credential URL (.git-credentials or remote) with a password or token",
            keywords: ["git"],
            pattern: ##"\bhttps?://[^\s:@/?#"'<>`]{1,128}:\##(Shape.placeholder("@"))([^\s:@/?#"'<>`\\]{8,256})@(?:\##(Shape.gitHosts))"##,
            prefilter: #"https?://[^\s:@/]{1,128}:[^\s:@/]{8,256}@"#,
            confidence: .medium, minimumEntropy: 3.0, generic: true,
            truePositives: ["https://jdoe:iTo4EMMNy89aW3PJCyExHBKH@github.com\n", "git remote add origin https://oauth2:V9M3eWx58vXhhN7ImfveFYCr@gitlab.acme.net/platform/api.git"],
            falsePositives: ["https://user:token@github.com", "https://x-access-token:${GITHUB_TOKEN}@github.com/acme/app.git", "https://github.com/acme/app.git"]),
        SecretRule(
            id: "jdbc-url-password", description: "JDBC URL with a password",
            keywords: ["jdbc:"],
            pattern: ##"\bjdbc:(?:oracle:thin:[\w$#.]{1,64}/|[a-z][a-z0-9]{1,20}:[^\s"'<>]{1,300}?[;?&:]password=)\##(Shape.placeholder(#"(?:[;&@\s"'<>)]|$)"#))([^\s;&"'<>@)]{4,128})"##,
            caseless: true, confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: [
                "spring.datasource.url=jdbc:sqlserver://sql01:1433;databaseName=crm;user=crm_app;password=zWVq819HYJplqZoi",
                "url: jdbc:mysql://db:3306/shop?user=shop&password=H9eAKHHCI5kixZQ2&useSSL=true",
                "jdbc:oracle:thin:scott/1kqdtlVDw1Yv5uVr@//ora.acme.net:1521/ORCL",
            ],
            falsePositives: ["jdbc:postgresql://db:5432/app?user=app&password=${DB_PASSWORD}", "jdbc:mysql://db/app?user=root&password=password", "jdbc:h2:mem:test"]),
        SecretRule(
            id: "ado-net-connection-string-password", description: ".NET (ADO.NET/ODBC) connection string with a password",
            keywords: ["password=", "pwd="],
            pattern: ##"\b(?:Server|Data Source|Host|Address|Addr)\s{0,2}=[^;"'\n]{1,200};[^"'\n]{0,300}?\b(?:Password|Pwd)\s{0,2}=\s{0,2}(?![{<$%])\##(Shape.placeholder(#"(?:[;"'\s]|$)"#))([^;"'\s]{4,128})"##,
            caseless: true, confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: [
                #""DefaultConnection": "Server=tcp:acme.database.windows.net,1433;Initial Catalog=crm;User ID=crm;Password=9YrMc4s5yXbGAfCA;Encrypt=True;""#,
                "ConnectionString=Host=pg;Database=app;Username=app;Password=10IFpaDxkLzt6RGd",
            ],
            falsePositives: ["Server=.;Database=app;Trusted_Connection=True;", "Server=db;User Id=sa;Password=<YourStrong@Passw0rd>;", "Data Source=db;Pwd=changeme;"]),

        SecretRule(
            id: "curl-user-password", description: "Password in a curl -u/--user user:password argument",
            keywords: ["curl"],
            pattern: ##"\bcurl\b[^\r\n]{0,300}?\s(?:-u|--user)[ \t=]{1,4}["']?[^\s:"'$]{1,64}:\##(Shape.placeholder(#"(?:["'\s]|$)"#))([^\s"']{4,128}+)["']?(?=\s|$)"##,
            confidence: .medium, minimumEntropy: 2.0, generic: true,
            truePositives: ["curl -sS -u deploy:f1e2e906ea03497f https://nexus.acme.io/service/rest/v1/status", "RUN curl --fail --user 'ci-bot:praX53zM6gTn' -o /tmp/a.tgz https://repo.acme.io/a.tgz"],
            falsePositives: ["curl -u \"$USER:$PASSWORD\" https://api.acme.io", "curl -u admin:password http://localhost:9200", "curl -u user:$TOKEN https://api.acme.io"]),

        // MARK: - Kubernetes and Docker
        SecretRule(
            id: "kubeconfig-user-token", description: "Bearer token of a user in a kubeconfig file (cluster access)",
            keywords: ["token:"],
            pattern: ##"\buser:[ \t]{0,4}\r?\n(?:[ \t]{2,16}[\w-]{1,40}:[^\r\n]{0,300}\r?\n){0,6}?[ \t]{2,16}token:[ \t]{1,4}["']?\##(Shape.valueGuard)([A-Za-z0-9._~+/:-]{16,2000}+=*)(?=["']?\s)"##,
            prefilter: ##"user:[ \t]{0,4}\r?\n(?:[\s\S]{0,600}\n)?[ \t]{2,16}token:[ \t]{1,4}["']?[A-Za-z0-9._~+/:-]{16,2000}"##,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: [
                "users:\n- name: ci\n  user:\n    token: 7f3k2q.r8DuKZnCDqP2TkCuXSNio0KMmY2FXAPGCmX7\n",
                "users:\n  - name: admin\n    user:\n      client-certificate-data: LS0tLS1CRUdJTg==\n      token: \"H9eAKHHCI5kixZQ21mhrz6Sq9TiREftuRXGL\"\n",
            ],
            falsePositives: ["users:\n- name: ci\n  user:\n    token: ${K8S_TOKEN}\n", "users:\n- name: ci\n  user:\n    exec:\n      command: aws\n"]),
        SecretRule(
            id: "kubernetes-secret-string-data", description: "Kubernetes Secret manifest: a plain-text stringData value",
            keywords: ["stringdata:"],
            pattern: ##"(?:\bkind:[ \t]{0,4}["']?Secret["']?[ \t]{0,4}\r?\n(?:[\s\S]{0,4000}?\n)?[ \t]{0,8}stringData:[ \t]{0,4}(?:#[^\r\n]{0,200})?|\G(?!\A)["']?[ \t]{0,8}(?:#[^\r\n]{0,200})?)(?:\r?\n[ \t]{2,16}[^\r\n]{0,1000}){0,30}?\r?\n[ \t]{2,16}(?!["']?(?i:type|kind|apiVersion|metadata|data|immutable|user(?:name)?|user_?id|host(?:name)?|port|database|db(?:name)?|url|uri|endpoint|e?mail|region|name(?:space)?)["']?:)["']?[\w.-]{1,128}["']?:[ \t]{1,8}\##(Shape.valueGuard)["']?([^\s"'#|>&*!{\[][^\s"']{5,512}+)(?=["']?[ \t]{0,8}(?:#[^\r\n]{0,200})?\r?\n)"##,
            prefilter: ##"stringData:[\s\S]{0,1200}\n[ \t]{2,16}["']?[\w.-]{1,128}["']?:[ \t]"##,
            confidence: .medium, minimumEntropy: 2.5,
            truePositives: [
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\nstringData:\n  username: orders\n  password: rnxb7g_uBwtRZrkO\n",
                "kind: Secret\nstringData:\n  config.yaml: |\n    debug: false\n  STRIPE_WEBHOOK_SECRET: \"XEtfQNiUSovteeVD0E40q2TE\"\n",
            ],
            falsePositives: [
                "apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\nstringData:\n  password: ${DB_PASSWORD}\n  token: changeme\n",
                "  password: rnxb7g_uBwtRZrkO\nkind: ConfigMap\nstringData:\n  note: see the Secret\n",
                "kind: Secret\nstringData:\n  username: orders-service\n  host: db.internal.acme\n",
            ]),
        SecretRule(
            id: "docker-config-auth", description: "Docker config.json registry credential (base64 user:password in \"auths\")",
            keywords: ["\"auths\""],
            pattern: ##"(?:"auths"\s{0,4}:\s{0,4}\{|\G(?!\A)[^{}]{0,300}\}\s{0,8},)\s{0,8}"[^"\r\n]{1,200}"\s{0,4}:\s{0,4}\{[^{}]{0,300}?"auth"\s{0,4}:\s{0,4}"\##(Shape.basicPlaceholder)([A-Za-z0-9+/]{12,400}+={0,2})""##,
            prefilter: #""auth"\s{0,4}:\s{0,4}"[A-Za-z0-9+/]{12,400}={0,2}""#,
            confidence: .high, minimumEntropy: 3.0,
            truePositives: [
                #"{"auths": {"registry.acme.io": {"auth": "ZGVwbG95LWJvdDpyeEpiQzlJb3hNZ0NRU3NyT3dBZg=="}}}"#,
                "{\n  \"auths\": {\n    \"https://index.docker.io/v1/\": {\n      \"auth\": \"ZGVwbG95LWJvdDpxc1NaeTBHQnZIeFcxOHNMSVhIMQ==\",\n      \"email\": \"ci@acme.io\"\n    }\n  },\n  \"credsStore\": \"\"\n}",
            ],
            falsePositives: [
                #"{"auths": {"ghcr.io": {}}, "credsStore": "desktop"}"#,
                #"{"auths": {"registry.acme.io": {"auth": "dXNlcjpwYXNzd29yZA=="}}}"#,
                #"{"auth": "ZGVwbG95LWJvdDpyeEpiQzlJb3hNZ0NRU3NyT3dBZg=="}"#,
            ]),

        // MARK: - Package manager and tool config files
        SecretRule(
            id: "npmrc-auth-token", description: "npm/Yarn registry credential (.npmrc _authToken/_auth/_password, .yarnrc.yml npmAuthToken)",
            keywords: ["_authtoken", "_auth", "_password", "npmauthtoken", "npmauthident"],
            pattern: ##"(?:(?:^|\n|:)(?:_authToken|_auth|_password)[ \t]{0,2}=[ \t]{0,2}|\bnpmAuth(?:Token|Ident):[ \t]{1,4})["']?\##(Shape.valueGuard)([^\s"'$]{16,512}+)"##,
            confidence: .medium, minimumEntropy: 3.0, generic: true,
            truePositives: [
                "//registry.npmjs.org/:_authToken=f1e2e906-ea03-497f-a326-ecd3f6fb8407\n",
                "@acme:registry=https://npm.acme.io/\n//npm.acme.io/:_auth=ZGVwbG95LWJvdDo2eUZ3UXlJTjhrYVRSRHlob1dkMQ==\n",
            ],
            falsePositives: ["//registry.npmjs.org/:_authToken=${NPM_TOKEN}", "_authToken=your-npm-token-here", "always-auth=true"]),
        SecretRule(
            id: "pypirc-password", description: "Python package index password or token in .pypirc",
            keywords: ["[pypi]", "[testpypi]"],
            pattern: ##"\[(?:pypi|testpypi|[\w.-]{0,40}(?:pypi|devpi|nexus|artifactory)[\w.-]{0,40})\][^\[]{0,400}?\n[ \t]{0,8}password[ \t]{0,3}[:=][ \t]{0,3}(?!pypi-)\##(Shape.valueGuard)([^\s]{6,256}+)"##,
            confidence: .medium, minimumEntropy: 2.5,
            truePositives: [
                "[distutils]\nindex-servers =\n    internal\n\n[internal-nexus]\nrepository = https://nexus.acme.io/repository/pypi/\nusername = ci\npassword = 5zh5zPnjrHrRwGtBX5\n",
                "[testpypi]\nusername = jdoe\npassword = EcPZbEXsMUA7z3dy\n",
            ],
            falsePositives: ["[pypi]\nusername = __token__\npassword = <your-token>\n", "[pypi]\nusername = jdoe\n"]),
        SecretRule(
            id: "netrc-password", description: "Password in a .netrc machine entry",
            keywords: ["machine", "password"],
            pattern: ##"\b(?:machine[ \t]{1,8}[^\s]{1,253}|default)(?:\s{1,8}(?:login|account|port)[ \t]{1,8}[^\s]{1,128}){0,3}\s{1,8}password[ \t]{1,8}\##(Shape.valueGuard)([^\s]{4,256}+)"##,
            confidence: .medium, minimumEntropy: 2.5, generic: true,
            truePositives: ["machine api.heroku.com\n  login jdoe@acme.io\n  password MaW1fWJSbPn_yPlulT5O\n", "machine ftp.acme.net login backup password S.V3V85sW4oLV9M3\n"],
            falsePositives: ["machine github.com login jdoe password <token>", "machine example.com login user password changeme"]),
        SecretRule(
            id: "htpasswd-bcrypt-hash", description: "htpasswd entry with a bcrypt password hash (crackable offline)",
            keywords: ["$2y$", "$2a$", "$2b$"],
            pattern: ##"(?:^|[\s"',=\[])[\w.@-]{1,64}:(\$2[aby]\$\d{2}\$[./A-Za-z0-9]{53})(?![./A-Za-z0-9])"##,
            confidence: .medium, minimumEntropy: 3.5,
            truePositives: ["admin:$2y$10$YQCfkhkPuRv7514GeEG875gjq0WokKGPIK0e4uYl8.Q4d7PfRkkxq\n", "basicAuth:\n  users:\n    - \"ops:$2y$10$F4WUSOk/6nZEErAQMfVTyGAOjdYcSXxscgxM5BKunxm3qp16ynWNS\""],
            falsePositives: ["hash = \"$2y$10$X0IcfZD0ynca8ExYIQK4F3akoBTFHPFGT.EKASV8ZK4q61Xjte.85\"", "admin:$2y$10$...", "admin:$2y$05$aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]),
        SecretRule(
            id: "htpasswd-apr1-hash", description: "htpasswd entry with an Apache MD5 (apr1) password hash (crackable offline)",
            keywords: ["$apr1$"],
            pattern: ##"(?:^|[\s"',=\[])[\w.@-]{1,64}:(\$apr1\$[./A-Za-z0-9]{1,8}\$[./A-Za-z0-9]{22})(?![./A-Za-z0-9])"##,
            confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["jdoe:$apr1$nSVAHqYK$0gupDZ3pZfA/rmBbN1g88G\n", "- \"traefik.http.middlewares.auth.basicauth.users=ops:$apr1$l6V22XSu$9KqI.qCqRMJKZNFfvmS52x\""],
            falsePositives: ["htpasswd -nb admin secret  # prints admin:$apr1$...", "user:$apr1$salt$hash"]),

        // MARK: - HTTP Authorization headers
        SecretRule(
            id: "http-basic-authorization-header", description: "HTTP Authorization: Basic header (base64 user:password)",
            keywords: ["basic"],
            pattern: ##"\bAuthorization["']?\s{0,4}[:=,]\s{0,4}["'`]?Basic\s{1,4}\##(Shape.basicPlaceholder)([A-Za-z0-9+/]{12,400}+={0,2})"##,
            caseless: true, confidence: .medium, minimumEntropy: 3.0,
            truePositives: ["curl -H 'Authorization: Basic ZGVwbG95LWJvdDpobmlvaHpzT3RBYzRSMTRvTE1DSA==' https://api.acme.io", #"headers = {"Authorization": "Basic ZGVwbG95LWJvdDpaSXNLY281UmpJNlZRNXNSYXhmWQ=="}"#],
            falsePositives: ["Authorization: Basic dXNlcm5hbWU6cGFzc3dvcmQ=", "Authorization: Basic <base64(user:pass)>", "\"Authorization\": \"Basic \" + btoa(user + \":\" + pass)"]),
        SecretRule(
            id: "http-bearer-authorization-header", description: "HTTP Authorization: Bearer header with a literal token",
            keywords: ["bearer"],
            pattern: ##"\bAuthorization["']?\s{0,4}[:=,]\s{0,4}["'`]?Bearer\s{1,4}\##(Shape.valueGuard)([A-Za-z0-9._~+/-]{20,1000}+=*)(?=[^A-Za-z0-9._~+/=-])"##,
            caseless: true, confidence: .low, minimumEntropy: 3.5, generic: true,
            truePositives: ["curl -H \"Authorization: Bearer 4hUfsRRcFJx2q78npSUHl4OlaLd1dXcIb2s8\" https://api.acme.io/v1/me", "req.headers = { authorization: 'Bearer r8DuKZnCDqP2TkCuXSNio0KMmY2FXAPGCmX7' }"],
            falsePositives: ["Authorization: Bearer ${ACCESS_TOKEN}", "Authorization: Bearer <token>", "\"Authorization\": f\"Bearer {token}\""]),

        // MARK: - Generic secret assignments
        SecretRule(
            id: "generic-secret-assignment", description: "Secret-looking string assigned to a password/secret/API key/token name in code or config",
            keywords: ["password", "passwd", "secret", "api_key", "apikey", "api-key", "access_token", "accesstoken", "auth_token", "authtoken"],
            pattern: ##"\##(Shape.codeKeys)\##(Shape.keyGuard)[\w.-]{0,24}["'\]]{0,2}\s{0,4}(?::=|=>|[:=])\s{0,4}(?:[rbuf]|@|new\s{1,4}String\(\s{0,2})?["'`](?![A-Za-z_.-]{8,19}+["'`])\##(Shape.valueGuard)([^\s"'`]{8,200}+)["'`]"##,
            caseless: true, confidence: .low, minimumEntropy: 3.0, generic: true,
            truePositives: [
                "DB_PASSWORD = \"pPIVTZn0WX6tYC31uNsC\"",
                "const config = { apiKey: 'HQdqTmgypIF6DzzOSELdEnyC', region: 'eu' };",
                "\t\tClientSecret: `9YrMc4s5yXbGAfCAwrxA`,",
                #"<add name="svc" password="bYnNdqqyiO7PcAObpCtB" />"#,
                "access_token = \"324LpTR5FXox-aLd1dXcI\"  # TOML",
                "  \"auth_token\": \"wGtBX5AGrfTAxLBznahibA2A\",",
            ],
            falsePositives: [
                "password = \"changeme123\"", "api_key = os.environ[\"API_KEY\"]", "secretName: \"db-credentials-prod\"",
                "\"password\": \"${DB_PASSWORD}\"", "API_KEY = \"your_api_key_here\"", "password: \"passwordField\"", "if password == \"aaaaaaaaaa\":",
            ]),
        SecretRule(
            id: "generic-env-secret-assignment", description: "Unquoted secret in a .env or shell assignment (NAME_SECRET=value)",
            keywords: ["secret", "password", "passwd", "pwd", "token", "api_key", "apikey", "access_key", "private_key"],
            pattern: ##"(?m)^[ \t]{0,8}(?:export[ \t]{1,4})?[A-Z0-9_]{0,40}(?:SECRET|PASSWORD|PASSWD|PWD|TOKEN|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY)\##(Shape.keyGuard)[A-Z0-9_]{0,24}[ \t]{0,2}=[ \t]{0,2}\##(Shape.unquotedGuard)([^\s"'`$<{#()\[\]][^\s(),;\[\]{}]{7,200}+)(?=\s|$)"##,
            confidence: .low, minimumEntropy: 3.0, generic: true,
            truePositives: ["JWT_SECRET=EcPZbEXsMUA7z3dyYcZdgWu\nPORT=3000\n", "export SLACK_BOT_TOKEN=1kqdtlVDw1Yv5uVrzZ2VTg4J", "DB_PASSWORD = DKcM.t9LLLuN9Yr # staging\n"],
            falsePositives: [
                "JWT_SECRET=\n", "SECRET_NAME=prod/db/credentials-v2", "PASSWORD=${DB_PASSWORD}", "TOKEN_URL=https://auth.acme.io/oauth/token",
                "PWD=/home/runner/work", "API_KEY=replace-me-with-real-key", "    TOKEN = tokenize.generate_tokens(stream.readline)",
            ]),
        SecretRule(
            id: "generic-properties-secret", description: "Secret in a Java .properties dotted key (spring.datasource.password=value)",
            keywords: ["password", "passwd", "secret", "token", "apikey", "api-key", "api_key"],
            pattern: ##"(?m)^[ \t]{0,4}(?!self\.|this\.|cls\.)(?:[a-z][\w-]{0,40}\.){1,6}[\w-]{0,30}(?i:passw(?:or)?d|secret|token|api[_-]?key)\##(Shape.keyGuard)[\w-]{0,24}=\##(Shape.unquotedGuard)([^\s"'`$<{#()\[\]][^\s(),;\[\]{}]{7,200}+)(?=\s|$)"##,
            prefilter: #"\.[\w-]{0,30}(?i:passw(?:or)?d|secret|token|api[_-]?key)[\w-]{0,24}=[^\s=]"#,
            confidence: .low, minimumEntropy: 3.0, generic: true,
            truePositives: ["spring.datasource.password=DKcM.t9LLLuN9Yr\n", "app.jwt.secret=mY2FXAPGCmX7TkaxYp70\nserver.port=8080"],
            falsePositives: [
                "spring.datasource.password=${DB_PASSWORD}", "        self._password = handler.password", "        self.token = parse_token_response(body, scope=scope)",
                "security.oauth2.client.access-token-uri=https://login.acme.io/oauth/token",
            ]),
        SecretRule(
            id: "generic-yaml-secret-value", description: "Unquoted secret under a password/secret/API key/token key in YAML",
            keywords: ["password", "passwd", "secret", "api_key", "apikey", "access_token", "auth_token"],
            pattern: ##"(?m)^[ \t]{0,24}(?:-[ \t]{1,4})?(?!npmAuth)[\w.-]{0,40}\##(Shape.codeKeys)\##(Shape.keyGuard)[\w.-]{0,24}:[ \t]{1,8}\##(Shape.unquotedGuard)([^\s"'#&*!|>{\[%@`,;()][^\s#,;()]{7,200}+)(?=[ \t]{0,8}(?:#[^\r\n]{0,200})?(?:\r?\n|$))"##,
            caseless: true, confidence: .low, minimumEntropy: 3.0, generic: true,
            truePositives: ["database:\n  host: db.internal\n  password: 1kqdtlVDw1Yv5uVr\n", "stripe:\n  secret_key: r8DuKZnCDqP2TkCuXSNio0KM  # prod\n"],
            falsePositives: [
                "  password: !vault |\n", "  password: ${DB_PASSWORD}\n", "  password: hashedPassword\n", "  apiKey: config.apiKey,\n",
                "  password: Rails.application.credentials.db_password\n", "  secretName: db-credentials-prod\n",
            ]),
        SecretRule(
            id: "generic-xml-secret-element", description: "Secret in an XML element named for a password/secret/API key/token (e.g. Maven settings.xml)",
            keywords: ["password>", "secret>", "apikey>", "api_key>", "token>"],
            pattern: ##"<(?:[\w-]{1,30}:)?[\w.-]{0,30}(?:passw(?:or)?d|secret|api[_-]?key|token)\##(Shape.keyGuard)[\w.-]{0,24}>\##(Shape.valueGuard)(?!\{)([^<>\s]{8,200}+)</"##,
            caseless: true, confidence: .low, minimumEntropy: 3.0, generic: true,
            truePositives: ["<server>\n  <id>nexus</id>\n  <username>deployer</username>\n  <password>praX53zM6gTnAUy36z15</password>\n</server>", "<ApiKey>mY2FXAPGCmX7TkaxYp70</ApiKey>"],
            falsePositives: ["<password>${env.NEXUS_PASSWORD}</password>", "<password>{COQLCE6DU6GtcS5P=}</password>", "<tokenEndpoint>https://login.acme.io/oauth2/token</tokenEndpoint>"]),
        SecretRule(
            id: "generic-xml-appsettings-secret", description: "Secret in a .NET appSettings <add key=\"…Password/Secret/ApiKey/Token\" value=\"…\"/> entry",
            keywords: ["key="],
            pattern: ##"\bkey\s{0,2}=\s{0,2}["'][\w.:-]{0,40}(?:passw(?:or)?d|secret|api[_-]?key|token)\##(Shape.keyGuard)[\w.:-]{0,24}["']\s{1,8}value\s{0,2}=\s{0,2}["']\##(Shape.valueGuard)([^"'\s<>]{8,200}+)["']"##,
            caseless: true, confidence: .low, minimumEntropy: 3.0, generic: true,
            truePositives: [#"<add key="PaymentGateway:ApiKey" value="_b0hN5wqlfG2XEtfQNiU" />"#, #"<add key='SmtpPassword' value='z3dyYcZdgWuZ3FBOnw'/>"#],
            falsePositives: [#"<add key="ApiKeyHeaderName" value="X-Api-Key" />"#, #"<add key="SmtpPassword" value="" />"#, ##"<add key="ClientSecret" value="#{ClientSecret}#" />"##]),
    ]
}

/// Pieces shared by the patterns above.
private enum Shape {
    /// Whole-value placeholders (`password`, `${VAR}`, `<pass>`, `***`…) directly followed by `end`.
    static func placeholder(_ end: String) -> String {
        let words = "password|passwd|pass|pwd|secret|changeme|change_me|example|test|admin|root|guest|postgres|mysql|mongo|redis|rabbitmq|user|username|dbpass|db_password|mypassword|my_password|yourpassword|your_password|your-password|token|none|null"
        return ##"(?!(?:(?i:\##(words))|\*{3,}|[xX]{3,}|\.{3}|<[^>\s]{0,64}>|\[[^\]\s]{0,64}\]|\$\{[^}\s]{0,64}\}|\{\{[^}]{0,64}\}\}|\$\([^)\s]{0,64}\)|%\([^)\s]{0,64}\)s|\$[A-Za-z_]\w{0,64}|%[A-Za-z_]\w{0,64}%|#\{[^}]{0,64}\})\##(end))"##
    }

    /// Values that begin like a placeholder, a variable reference, a path, a URL or an environment lookup.
    static let valueGuard = ##"(?!(?i:your|enter|insert|replace|change|example|sample|dummy|fake|placeholder|redacted|xxx|todo|fixme|undefined|default|secret|passw|my[_-]?(?:secret|pass|key|token|api)|process\.env|os\.(?:environ|getenv)|env\[|system\.getenv|getenv|arn:|null\b|none\b|nil\b)|\*{3}|\$\{|\$\(|\{|<%|<[A-Za-z_]|%\(|%[A-Za-z_]{1,40}%|#\{|@[A-Za-z_]{1,40}@|\$[A-Za-z_]|[/~]|\.{1,2}/|[A-Za-z][A-Za-z0-9+.-]{1,20}://)"##

    /// Key names that hold a secret's metadata rather than the secret (`secretName`, `PASSWORD_FILE`, `api_key_id`).
    static let keyGuard = ##"(?!(?:[_.-]?[A-Za-z0-9]{1,12})??[_.-]?(?i:name|id|path|file|dir|url|uri|arn|ttl|expiry|expires|expiration|length|len|type|header|field|policy|endpoint|region|version|prefix|suffix|enabled|ref|hint|question|reset|min|max|label|pattern|regex|format|env|var|store|manager|provider|mount|count|size|rotation|required|input)s?\b)"##

    /// `valueGuard`, plus letters-only words (`hashedPassword`) and dotted references
    /// (`config.db.password`) that stand unquoted where a literal would be.
    static let unquotedGuard = ##"(?![A-Za-z_]{1,40}(?:\.[A-Za-z_]{1,40}){1,8}(?:[ \t#]|\r?\n|$))(?![A-Za-z_-]{8,19}+(?:[ \t#]|\r?\n|$))"## + valueGuard

    static let codeKeys = #"(?:passw(?:or)?d|secret|api[_-]?key|access[_-]?token|auth[_-]?token)"#
    static let envKeys = #"(?:passw(?:or)?d|secret|pwd|token|api[_-]?key|access[_-]?key|private[_-]?key)"#

    /// Base64 of `user:password`-style stand-ins.
    static let basicPlaceholder = #"(?!czZCaGRSa3F0MzpnWDFmQmF0M2JW|dXNlcjpwYXNz|dXNlcm5hbWU6cGFzc3dvcmQ|YWRtaW46YWRtaW4|YWRtaW46cGFzc3dvcmQ|dGVzdDp0ZXN0|Zm9vOmJhcg)"#

    static let host = ##"(?!(?:[\w-]{1,63}\.){0,4}example\.(?:com|org|net)\b|(?i:host|hostname|your[\w-]{0,30})(?=[:/"'\s]|$))[A-Za-z0-9\[_]"##
    static let gitHosts = #"(?:[\w-]{1,63}\.){0,4}(?:github\.com|gitlab\.com|bitbucket\.org|dev\.azure\.com|visualstudio\.com|codeberg\.org|gitea\.com|huggingface\.co)\b|(?:git|gitlab|gitea|forgejo|bitbucket)\.[\w-]{1,63}\.[\w.-]{2,100}"#
    static let nonGitHost = "(?!\(gitHosts))" + host

    /// `scheme://user:password@host`, the password as group 1.
    static func url(_ schemes: String, guard extra: String = "", host: String = Shape.host) -> String {
        ##"\b(?:\##(schemes))://[^\s:@/?#"'<>`]{0,128}:\##(placeholder("@"))\##(extra)([^\s:@/?#"'<>`\\]{4,128})@\##(host)"##
    }
}
