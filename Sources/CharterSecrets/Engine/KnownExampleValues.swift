/// Values that providers publish in their own documentation as examples: never real secrets.
enum KnownExampleValues {
    private static let values: Set<String> = [
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",
        // Azurite's storage emulator key, published in Microsoft's documentation.
        "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==",
    ]

    static func contains(_ secret: String) -> Bool {
        values.contains(secret) || secret.uppercased().hasSuffix("EXAMPLE") || secret.uppercased().hasSuffix("EXAMPLEKEY")
    }
}
