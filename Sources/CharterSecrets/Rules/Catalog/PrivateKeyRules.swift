extension SecretCatalog {
    /// Private keys (PEM blocks, PuTTY, age) and JSON Web Tokens.
    package static let privateKeys: [SecretRule] = [
        // MARK: - PEM private keys
        SecretRule(
            id: "pem-rsa-private-key", description: "RSA private key (PKCS#1 PEM block, plain or passphrase-encrypted)",
            keywords: ["-----begin rsa private key-----"], pattern: PEMPattern.block("RSA PRIVATE KEY"),
            prefilter: "-----BEGIN RSA PRIVATE KEY-----", confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                KeySample.pem("RSA PRIVATE KEY", KeySample.rsa),
                KeySample.pem("RSA PRIVATE KEY", KeySample.rsa, headers: ["Proc-Type: 4,ENCRYPTED", "DEK-Info: AES-128-CBC,8F1C37A2D04B6E95C1A7F30E2B9D4C68", ""]),
                "key: |\n  " + KeySample.pem("RSA PRIVATE KEY", KeySample.rsa, indent: "  ") + "\nport: 22",
                #"var key = []byte("-----BEGIN RSA PRIVATE KEY-----\n" +"# + "\n\t\"" + KeySample.rsa.joined(separator: "\\n\" +\n\t\"") + #"\n" +"# + "\n\t\"-----END RSA PRIVATE KEY-----\")",
            ],
            falsePositives: [
                "if line.hasPrefix(\"-----BEGIN RSA PRIVATE KEY-----\") { kind = .rsa }",
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEpQIBAAKCAQEA...\n-----END RSA PRIVATE KEY-----",
                KeySample.pem("RSA PUBLIC KEY", KeySample.rsa),
                KeySample.pem("CERTIFICATE", KeySample.rsa),
                KeySample.pem("RSA PRIVATE KEY", Array(repeating: String(repeating: "A", count: 64), count: 4)),
            ]),
        SecretRule(
            id: "pem-ec-private-key", description: "Elliptic-curve private key (SEC 1 PEM block)",
            keywords: ["-----begin ec private key-----"], pattern: PEMPattern.block("EC PRIVATE KEY"),
            prefilter: "-----BEGIN EC PRIVATE KEY-----", confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                KeySample.pem("EC PRIVATE KEY", KeySample.ec),
                KeySample.pem("EC PARAMETERS", ["BggqhkjOPQMBBw=="]) + "\n" + KeySample.pem("EC PRIVATE KEY", KeySample.ec),
            ],
            falsePositives: [
                "openssl ecparam -genkey -name prime256v1 | grep -- '-----BEGIN EC PRIVATE KEY-----'",
                KeySample.pem("PUBLIC KEY", KeySample.ec),
                "-----BEGIN EC PRIVATE KEY-----\n<paste your key here>\n-----END EC PRIVATE KEY-----",
            ]),
        SecretRule(
            id: "pem-dsa-private-key", description: "DSA private key (PEM block)",
            keywords: ["-----begin dsa private key-----"], pattern: PEMPattern.block("DSA PRIVATE KEY"),
            prefilter: "-----BEGIN DSA PRIVATE KEY-----", confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                KeySample.pem("DSA PRIVATE KEY", KeySample.dsa),
                "HOST_KEY=\"" + KeySample.pem("DSA PRIVATE KEY", KeySample.dsa, newline: "\\n") + "\"",
            ],
            falsePositives: [
                "# Legacy: -----BEGIN DSA PRIVATE KEY----- files are no longer accepted",
                KeySample.pem("DSA PRIVATE KEY", ["MIIBuwIBAAKBgQD"]),
            ]),
        SecretRule(
            id: "pkcs8-private-key", description: "Private key of any algorithm (PKCS#8 PEM block, unencrypted)",
            keywords: ["-----begin private key-----"], pattern: PEMPattern.block("PRIVATE KEY"),
            prefilter: "-----BEGIN PRIVATE KEY-----", confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                KeySample.pem("PRIVATE KEY", KeySample.pkcs8),
                #"{"type": "service_account", "project_id": "acme-prod", "private_key_id": "4f1c0b9e", "private_key": ""#
                    + KeySample.pem("PRIVATE KEY", KeySample.pkcs8, newline: "\\n") + #"\n", "client_email": "ci@acme-prod.iam.gserviceaccount.com"}"#,
                KeySample.pem("PRIVATE KEY", ["MC4CAQAwBQYDK2VwBCIEIE2IwYRPytxgu3oxC7k7JQRTdC+MG6RVSHtQaVH3yTqR"]),
            ],
            falsePositives: [
                KeySample.pem("PUBLIC KEY", KeySample.pkcs8),
                KeySample.pem("CERTIFICATE", KeySample.pkcs8) + "\n" + KeySample.pem("X509 CRL", KeySample.ec),
                #"{"private_key": "-----BEGIN PRIVATE KEY-----\n...\n-----END PRIVATE KEY-----\n"}"#,
            ]),
        SecretRule(
            id: "pkcs8-encrypted-private-key", description: "Passphrase-encrypted private key (PKCS#8 PEM block)",
            keywords: ["-----begin encrypted private key-----"], pattern: PEMPattern.block("ENCRYPTED PRIVATE KEY"),
            prefilter: "-----BEGIN ENCRYPTED PRIVATE KEY-----", confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                KeySample.pem("ENCRYPTED PRIVATE KEY", KeySample.encrypted),
                "tls:\n  key: |\n    " + KeySample.pem("ENCRYPTED PRIVATE KEY", KeySample.encrypted, indent: "    "),
            ],
            falsePositives: [
                "assert pem.startswith('-----BEGIN ENCRYPTED PRIVATE KEY-----')",
                KeySample.pem("ENCRYPTED PRIVATE KEY", ["(body goes here: openssl pkcs8 -topk8)"]),
            ]),
        SecretRule(
            id: "openssh-private-key", description: "OpenSSH private key (openssh-key-v1 PEM block)",
            keywords: ["-----begin openssh private key-----"],
            pattern: PEMPattern.block("OPENSSH PRIVATE KEY", first: #"b3BlbnNzaC1rZXktdjE[A-Za-z0-9+/]{21,8192}+"#),
            prefilter: "-----BEGIN OPENSSH PRIVATE KEY-----", confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                KeySample.pem("OPENSSH PRIVATE KEY", KeySample.openssh),
                "      - name: add deploy key\n        run: echo \"" + KeySample.pem("OPENSSH PRIVATE KEY", KeySample.openssh, newline: "\\n") + "\" > ~/.ssh/id_ed25519",
            ],
            falsePositives: [
                "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq8dE2cJ1kVxR0mZp3sL7wT4yN9bF6uG5aQ2oWkMnXr deploy@ci",
                KeySample.pem("OPENSSH PRIVATE KEY", KeySample.rsa),
                "-----BEGIN OPENSSH PRIVATE KEY-----\n-----END OPENSSH PRIVATE KEY-----",
            ]),
        SecretRule(
            id: "pgp-private-key-block", description: "OpenPGP secret key (ASCII-armored PRIVATE KEY BLOCK)",
            keywords: ["-----begin pgp private key block-----"], pattern: PEMPattern.block("PGP PRIVATE KEY BLOCK"),
            prefilter: "-----BEGIN PGP PRIVATE KEY BLOCK-----", confidence: .high, minimumEntropy: 4.2,
            truePositives: [
                KeySample.pem("PGP PRIVATE KEY BLOCK", KeySample.pgp + ["=x4Qb"], headers: [""]),
                KeySample.pem("PGP PRIVATE KEY BLOCK", KeySample.pgp + ["=Rk2P"], headers: ["Version: GnuPG v2", "Comment: release signing", ""]),
            ],
            falsePositives: [
                KeySample.pem("PGP PUBLIC KEY BLOCK", KeySample.pgp + ["=x4Qb"], headers: [""]),
                KeySample.pem("PGP SIGNATURE", KeySample.pgp, headers: [""]),
                "gpg --export-secret-keys --armor | head -1  # -----BEGIN PGP PRIVATE KEY BLOCK-----",
            ]),
        SecretRule(
            id: "pem-private-key", description: "Private key PEM block of another type (catch-all for -----BEGIN … PRIVATE KEY-----)",
            keywords: ["private key-----"],
            pattern: PEMPattern.block(#"((?:[A-Z0-9]{2,16} ){1,3})PRIVATE KEY"#, end: #"\2PRIVATE KEY"#),
            prefilter: "-----BEGIN [A-Z0-9 ]{3,51}PRIVATE KEY-----", confidence: .high, minimumEntropy: 4.2, generic: true,
            truePositives: [
                KeySample.pem("ED25519 PRIVATE KEY", ["MC4CAQAwBQYDK2VwBCIEIE2IwYRPytxgu3oxC7k7JQRTdC+MG6RVSHtQaVH3yTqR"]),
                KeySample.pem("SM2 PRIVATE KEY", KeySample.ec),
            ],
            falsePositives: [
                KeySample.pem("ED25519 PUBLIC KEY", KeySample.ec),
                "-----BEGIN ED25519 PRIVATE KEY-----\n" + KeySample.ec.joined(separator: "\n") + "\n-----END SM2 PRIVATE KEY-----",
            ]),

        // MARK: - PuTTY
        SecretRule(
            id: "putty-private-key", description: "PuTTY private key file (.ppk): the Private-Lines (first three lines at most)",
            keywords: ["private-lines:"],
            pattern: #"\bPrivate-Lines: ?\d{1,3}\r?\n([A-Za-z0-9+/=]{16,64}+(?:\r?\n[A-Za-z0-9+/=]{4,64}+(?=\r?\n)){0,2})"#,
            confidence: .high, minimumEntropy: 4.0,
            truePositives: [
                "PuTTY-User-Key-File-3: ssh-ed25519\nEncryption: none\nComment: deploy@build\nPublic-Lines: 2\nAAAAC3NzaC1lZDI1NTE5AAAAINq3\nkXc0Vm7pB2wT9yR4eLs1aQ6oUjH8\nPrivate-Lines: 1\nTmtZJigubAvUbpTiiiH7t0dhb78/YuDeAx8KcRAFFhvXiJ5L0WmhEuXdg5B+yErz\nPrivate-MAC: 5d2c0f9e8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d\n",
                "PuTTY-User-Key-File-2: ssh-rsa\r\nEncryption: aes256-cbc\r\nPrivate-Lines: 14\r\noXzYmCogSeyHaEv+3Qqya+YZodnqW4GE/X9ssGWJIaUHBK6tRqwB1POzuZfS9uEi\r\n452JshTIcepZgUumSBruzvLOcsVlLYh8p1U3weurCw+ncDw95wBowKYoZJVHAMRk\r\n9GpEnA7oZlCPZTx5J9TTu+EPLs8iLHO2WtJ1pex9nt/LugD07Xj4BqOilchfDUXb\r\nAAAAgQDLx2VkZ0T8b3mN1qR5sW7uY9aC2eG4iK6oM8pQ0rT2vX4zB6dF8hJ0lN3\r\n",
            ],
            falsePositives: [
                "The key file lists Public-Lines: and Private-Lines: counts before each base64 section.",
                "Private-Lines: 1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nPrivate-MAC: 00",
            ]),

        // MARK: - age
        SecretRule(
            id: "age-secret-key", description: "age encryption identity (X25519 or post-quantum hybrid secret key)",
            keywords: ["age-secret-key-"], pattern: #"\b(AGE-SECRET-KEY-(?:PQ-)?1[02-9AC-HJ-NP-Z]{58})\b"#,
            confidence: .high, minimumEntropy: 3.5,
            truePositives: [
                "# created: 2024-06-11T09:12:44Z\n# public key: age1qy7k3n2d0x9s8w4tz5rj6hfm0c3ve8lp2gu4ny7ad5wk9x6q3fs0ldr2v\nAGE-SECRET-KEY-1RVG4X4D0GZWY0E999SYQ5PVDDGRJSA28KC4NHL385YMXEDNYG8MQ02Q7M9\n",
                "SOPS_AGE_KEY=AGE-SECRET-KEY-PQ-1EGCFUM6RJQPWSUJGMFK05P8CSY8ET6CK9EUVYLPSKQF7QT9L2599ND7MDY",
            ],
            falsePositives: [
                "AGE-SECRET-KEY-1QQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQQ",
                "AGE-SECRET-KEY-1QZEQ6Q8LGN3S88D9SWY8CFCFFDHEJAA3807QGUU8MF9HHZKJ6HS7PF2P",
                "identity = \"AGE-SECRET-KEY-1...\"  # paste the line from age-keygen",
            ]),

        // MARK: - JSON Web Tokens
        SecretRule(
            id: "json-web-token", description: "JSON Web Token (signed JWS; a bearer credential until it expires)",
            keywords: ["eyj"],
            pattern: #"\b(eyJ(?!hbGciOiJub25lI)[A-Za-z0-9_-]{10,1500}\.(?!eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ\.)eyJ[A-Za-z0-9_-]{10,3000}\.[A-Za-z0-9_-]{20,700})(?=[^A-Za-z0-9_=-])"#,
            prefilter: #"eyJ[A-Za-z0-9_-]{10,1500}\.eyJ[A-Za-z0-9_-]{10,3000}\.[A-Za-z0-9_-]{20,700}"#,
            confidence: .medium,
            truePositives: [
                "Authorization: Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1XzBka0ZtWnRXIiwiaWF0IjoxNzE4MDAwMDAwLCJleHAiOjE3MTgwMDM2MDAsInJvbGUiOiJhZG1pbiJ9.QnVrLKAkA_3yHXMr2sDx2kNxCjZmI10Jg6rlj95jFok\n",
                "const token = 'eyJhbGciOiJSUzI1NiIsImtpZCI6IldHUEFHcEg0VHYxSiJ9.eyJpc3MiOiJodHRwczovL2F1dGguYWNtZS1pbnRlcm5hbC5pby8iLCJzdWIiOiJCU3VsZFhBVEZXNE5vT0ZsIiwiYXVkIjoiYXBpIiwiZXhwIjoxNzE5MDAwMDAwfQ.nru-ipq__pZpNUJT7yc9VqBGmHMifxkq_ZrM_BQ0owdemIt3ohq4B1dgWdqEq_2iaqtOfFvsaAvhgjXW5406X3QwwbjlgcYPdrwbhJu4obF0kob8EiWTMzMD4ZOzfoRMqG2RzgfEtJNt-8e5ChO3JUInB-SPdi9D9BI8mRVEE89JUIy8mba1VKD9316QYdsR90CwHY6ZTaRyAsOpa3e2VMjOrNG-vjw1ljASGf2IAAj520kDTlVVaUMogqogRw8PbfHyO6NXSnnPud5slW2B_OmNiwY47vxwAzvTiwvzKQ9lCFvLNSJVscGCvWozbq-TUsGnqqHY4b5bzYcanX2iOw';",
                "{\"id_token\": \"eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9.eyJ1c2VyX2lkIjo0ODIxMywic2NvcGUiOiJyZWFkIHdyaXRlIn0.lmBtMnGLX614OnJ69X-XUw2PohNM_IW4eSgiOatU5fUi6Tcjw1nlVI_QmoBT6VVurRKVSqurnRcmRvrEtDi5TA\"}",
            ],
            falsePositives: [
                "token = \"eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiI0MiIsImFkbWluIjp0cnVlfQ.\"",
                "token = \"eyJhbGciOiJub25lIn0.eyJzdWIiOiI0MiIsImFkbWluIjp0cnVlfQ.rIANqsd_lbpwjPQ1EXSu0vgV_RMA1SpNtZUKWmAwiew\"",
                "header.payload = eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9 (unsigned, two segments)",
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c ",
            ]),
    ]
}

/// Regular expressions for PEM-armored blocks.
private enum PEMPattern {
    /// A line break inside a block: a real one, or an escaped `\n` in a JSON or code string (which
    /// may close one string literal and open the next on the following line), then any indentation.
    static let newline = #"(?:\r?\n|(?:\\r)?\\n(?:["'`][ \t]{0,4}[+,]?[ \t]{0,4}\r?\n[ \t]{0,32}\+?[ \t]{0,4}["'`])?)[ \t]{0,32}"#

    /// The whole block, BEGIN line to END line, as capture group 1: optional RFC 1421 / armor
    /// headers, then base64 whose first line is at least 40 characters (a header alone, or a
    /// `...` stand-in, is not a key).
    static func block(_ label: String, end: String? = nil, first: String = #"[A-Za-z0-9+/]{40,8192}+"#) -> String {
        let nl = newline
        return #"(-----BEGIN \#(label)-----[ \t]{0,4}(?:\#(nl))?(?:[A-Za-z][A-Za-z0-9-]{1,30}: ?[^\r\n\\]{1,200}\#(nl)){0,6}(?:\#(nl))?"#
            + #"\#(first)={0,2}(?:(?:\#(nl)|[ \t]{1,4})?[A-Za-z0-9+/=]{1,8192}+){0,400}(?:\#(nl)|[ \t]{1,4})?-----END \#(end ?? label)-----)"#
    }
}

/// Fake key material for the samples: random base64, not keys.
private enum KeySample {
    static func pem(_ label: String, _ body: [String], newline: String = "\n", indent: String = "", headers: [String] = []) -> String {
        (["-----BEGIN \(label)-----"] + (headers + body + ["-----END \(label)-----"]).map { indent + $0 }).joined(separator: newline)
    }

    static let rsa = [
        "MIIEpQIBAAKCAQEAj13zFqyPK3v7RD7e8kLoP9GckIi17crYYvSiB3Wgqh49FZGZ", "rl+bC7+73rHME1Yimm9hrPK9NqZzhaKvlIQOoSPaJ47Kt2bdhcVnGBVCdVMJwsWw",
        "7ru/RBH0VyufGdoAcXCwEzmWH0ijWKYj988V2G+SfNsNCYRHFCrIfnvg/b6BTvO+", "qOz8qHit3zEfH9mMH/f8xwsMI0zSB39p3n7/GBE4cju5IuAGkQnPIqPUt8nh84XY",
        "4+BiDU6hYE55hvSh",
    ]
    static let ec = [
        "MHcCAQEEIYAFwL+c/51ZmoBcpeMVPyi2KGIqjS7DDvqpCc9cwYCNSerTVO0udcdS", "eqmw90mwC1UzFByvaH1T2Q7odN3H8PUV0r3JYlIyy7/9c/WkFz/cgEPySxCjJBLn",
        "oIkluSBU+3g4vSMSg7oUP4jZ/+G9G2W2nA==",
    ]
    static let dsa = [
        "MIIBuwIBAAKBgQDJ8j8f2dPAq0KMnP6WGzD47Z3Ps0j07JinEIQHULdMD+FXLqom", "lE+ElyShtKQzER8lWKfPbqKk2OWHrvBKWavTaJfuiDKKQzp5xUx5Rs03zD30r5cF",
        "/mOqVlYhpa+f6XwoGxBDshnmz3Wsr7Zz8N03XQ2KOV/pyJpIj5KxjMchDWPJ2W4m", "2OhIl4nzwhW3LL7ZsCKst6D37UYFK412C398K2FombMrmhg//sKE2Nsj",
    ]
    static let pkcs8 = [
        "MIIEvgIBADANBgkqhkiG9w0BAQEFAASC98a4Df/ycNkJU1F3puRCrUBkv7a2uYzM", "VmFXQ6MEogSrjZoMmrGfTife8WzOP4gNF8j+4rqkOwvephQXIqYvgbTR/kF+2I9+",
        "HmyBiznoK2oOgAhs0VSlfSvE/hjrSDhE+u/p4Cv0IAI/WXxwGDWLnQPAAEWAmthq", "hNUuhlUrHTdGITs5",
    ]
    static let encrypted = [
        "MIIFHzBJBgkqhkiG9w0BBQ0wPDAbBgkqhkiG9w0BBQwwDgQIMeACH4HU7nORUFTf", "DQr4mW4Af7pi8mJNqfOrvf0qHD5rgtwL7Jn0gkoI04liuI5yMU0vYMnOyMON3sdF",
        "VXh4UMZnEI7jwLTzqrrgBftDmBo8dMxLHxlVM52w+ujIc0sKlnvThkABnnk9bT1q", "dlV3VpqvmzOmjn4oocYtm0ORXzxYlPeoqFDhWNNmQmolIsuqvj8I3Hb5",
    ]
    static let openssh = [
        "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", "vo5uK+M6mlMiMpqepuLIhYtsDSxzhOP6GTVdXpFNQd8lg6vTE8p+OxQ1Je3DQcx8iZ1uEO",
        "qHKRbvh5Axnt9X1ARTZWUL9L2jD635g9IER1FxKLxGdJCQSlFKCpBxU5eawBU2KdCGJa9M", "eM2wiui/L3WMIgrLtseHGxq/fkIWQAcdkwUggwNELfV45ovVGAMPSRuZNzR6UCzu2QQ=",
    ]
    static let pgp = [
        "lQVYBGZg30qeEv0FRixNPGKZcu5zUvVN8ZalYanwm8Kmbm6y6lPGVrSomGqH6f5g", "YPtNF8o+4z8erl4a6KftD0gdgXlHAOlwY8bXa44LIqWCepB4LcSnB2kQ/QbsRJko",
        "WhFX8NwtM9r7J8JuhLUNKNwPuJQvGnNK7dfnnK7DSYLjaT8xTPmmvNuoF6og31Me", "pntXcwjTzxHL+2ka",
    ]
}
