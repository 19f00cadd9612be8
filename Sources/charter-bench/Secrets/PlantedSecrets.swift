import CharterSecrets
import CharterTestSupport
import Foundation

/// What the benchmark plants in its corpus: fresh secrets in documented provider formats, the
/// rule catalog's own true-positive samples, and look-alikes a scanner must stay quiet about
/// (UUIDs, hashes, public keys, placeholders, documented example values). One item per file, so
/// "found" means any finding in that file, for Charter and the peers alike.
struct PlantedItem {
    enum Kind { case secret, lookAlike }
    let kind: Kind
    let family: String
    let fileName: String
    let text: String
}

struct PlantedSecrets {
    private var random: SplitMix64

    init(seed: UInt64) {
        random = SplitMix64(seed: seed)
    }

    static let upper = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    static let alphanumeric = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")
    static let base64 = alphanumeric + Array("+/")
    static let base64URL = alphanumeric + Array("-_")
    static let hex = Array("0123456789abcdef")

    mutating func draw(_ count: Int, from alphabet: [Character]) -> String {
        String((0..<count).map { _ in alphabet[Int(random.next() % UInt64(alphabet.count))] })
    }

    mutating func items(perFamily count: Int) -> [PlantedItem] {
        var items: [PlantedItem] = []
        for index in 0..<count {
            items += secrets(index) + lookAlikes(index)
        }
        for rule in SecretCatalog.all {
            for (number, sample) in rule.truePositives.enumerated() {
                items.append(PlantedItem(kind: .secret, family: "catalog sample", fileName: "samples/\(rule.id)-\(number).txt", text: "# fixture\n" + sample + "\n"))
            }
        }
        return items
    }

    private mutating func secrets(_ index: Int) -> [PlantedItem] {
        let githubBody = draw(30, from: Self.alphanumeric)
        let github = "ghp_" + githubBody + String(decoding: GitHubChecksum.encode(GitHubChecksum.crc32(Array(githubBody.utf8))), as: UTF8.self)
        let claims = Data("{\"sub\":\"svc-\(draw(8, from: Self.hex))\",\"iat\":17\(draw(8, from: Array("0123456789")))}".utf8).base64EncodedString()
            .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
        let pemBody = (0..<25).map { _ in draw(64, from: Self.base64) }.joined(separator: "\n")
        let password = draw(18, from: Self.alphanumeric)
        return [
            PlantedItem(kind: .secret, family: "AWS key pair", fileName: "aws/\(index).env",
                        text: "REGION=eu-west-1\nAWS_ACCESS_KEY_ID=AKIA\(draw(16, from: Self.upper + Array("234567")))\nAWS_SECRET_ACCESS_KEY=\(draw(40, from: Self.base64))\n"),
            PlantedItem(kind: .secret, family: "GitHub token", fileName: "github/\(index).py",
                        text: "import requests\n\nHEADERS = {\"Authorization\": \"token \(github)\"}\n"),
            PlantedItem(kind: .secret, family: "GitLab token", fileName: "gitlab/\(index).yml",
                        text: "variables:\n  GITLAB_TOKEN: glpat-\(draw(20, from: Self.base64URL))\n"),
            PlantedItem(kind: .secret, family: "Slack bot token", fileName: "slack/\(index).json",
                        text: "{\n  \"slack\": {\"token\": \"xoxb-\(draw(12, from: Array("0123456789")))-\(draw(13, from: Array("0123456789")))-\(draw(24, from: Self.alphanumeric))\"}\n}\n"),
            PlantedItem(kind: .secret, family: "Stripe live key", fileName: "stripe/\(index).js",
                        text: "const stripe = require('stripe')('sk_live_\(draw(24, from: Self.alphanumeric))');\n"),
            PlantedItem(kind: .secret, family: "RSA private key", fileName: "keys/\(index).pem",
                        text: "-----BEGIN RSA PRIVATE KEY-----\n" + pemBody + "\n-----END RSA PRIVATE KEY-----\n"),
            PlantedItem(kind: .secret, family: "JWT", fileName: "jwt/\(index).sh",
                        text: "curl https://api.internal/v1/orders \\\n  -H 'X-Session: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.\(claims).\(draw(43, from: Self.base64URL))'\n"),
            PlantedItem(kind: .secret, family: "PostgreSQL URL", fileName: "database/\(index).env",
                        text: "DATABASE_URL=postgres://orders:\(password)@db.internal:5432/orders\n"),
            PlantedItem(kind: .secret, family: "password assignment", fileName: "config/\(index).py",
                        text: "DEBUG = False\ndb_password = \"\(draw(12, from: Self.alphanumeric))!\(draw(6, from: Self.alphanumeric))\"\n"),
            PlantedItem(kind: .secret, family: "Kubernetes Secret data", fileName: "k8s/\(index).yaml",
                        text: "apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders\ntype: Opaque\ndata:\n  password: \(Data(draw(20, from: Self.alphanumeric).utf8).base64EncodedString())\n"),
        ]
    }

    private mutating func lookAlikes(_ index: Int) -> [PlantedItem] {
        let uuid = [8, 4, 4, 4, 12].map { draw($0, from: Self.hex) }.joined(separator: "-")
        let placeholders = ["password = \"changeme\"", "api_key = \"<your-api-key>\"", "token: ${GITHUB_TOKEN}",
                            "secret = os.environ[\"APP_SECRET\"]", "password: \"********\"", "client_secret = \"REPLACE_ME\""]
        let publicKey = (0..<6).map { _ in draw(64, from: Self.base64) }.joined(separator: "\n")
        return [
            PlantedItem(kind: .lookAlike, family: "UUID", fileName: "uuid/\(index).py", text: "request_id = \"\(uuid)\"\n"),
            PlantedItem(kind: .lookAlike, family: "git commit id", fileName: "sha1/\(index).yml", text: "pinned:\n  commit: \(draw(40, from: Self.hex))\n"),
            PlantedItem(kind: .lookAlike, family: "SHA-256 checksum", fileName: "sha256/\(index).toml", text: "[download]\nsha256 = \"\(draw(64, from: Self.hex))\"\n"),
            PlantedItem(kind: .lookAlike, family: "npm integrity", fileName: "integrity/\(index).json",
                        text: "{\"resolved\": \"https://registry.npmjs.org/a/-/a-1.0.0.tgz\", \"integrity\": \"sha512-\(draw(86, from: Self.base64))==\"}\n"),
            PlantedItem(kind: .lookAlike, family: "SSH public key", fileName: "ssh/\(index).pub",
                        text: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI\(draw(43, from: Self.base64)) deploy@build\n"),
            PlantedItem(kind: .lookAlike, family: "PEM public key", fileName: "public/\(index).pem",
                        text: "-----BEGIN PUBLIC KEY-----\n\(publicKey)\n-----END PUBLIC KEY-----\n"),
            PlantedItem(kind: .lookAlike, family: "placeholder", fileName: "placeholder/\(index).cfg", text: placeholders[index % placeholders.count] + "\n"),
            PlantedItem(kind: .lookAlike, family: "documented example", fileName: "example/\(index).ini",
                        text: "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"),
            PlantedItem(kind: .lookAlike, family: "image data URI", fileName: "image/\(index).css",
                        text: ".logo { background: url(data:image/png;base64,iVBORw0KGgo\(draw(120, from: Self.base64))=); }\n"),
        ]
    }
}
