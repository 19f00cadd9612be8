/// Values that providers publish in their own documentation as examples: never real secrets.
enum KnownExampleValues {
    private static let values: Set<String> = [
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",
    ]

    static func contains(_ secret: String) -> Bool {
        values.contains(secret) || secret.uppercased().hasSuffix("EXAMPLE") || secret.uppercased().hasSuffix("EXAMPLEKEY")
    }
}
