@testable import CharterDependencies
import Testing

@Suite struct MavenPOMTests {
    /// Declared and managed versions with properties filled in; what only a parent POM, an
    /// undefined property or a range could settle is skipped, not guessed.
    @Test func declaredAndManagedVersionsThisFileSettles() throws {
        #expect(try MavenPOM().summary(of: LockfileFixtures.pomXML, path: "pom.xml") == [
            "Maven com.example:storefront-api 1.4.0 pom.xml:46 direct", "Maven com.fasterxml.jackson.core:jackson-databind 2.16.1 pom.xml:37 direct",
            "Maven io.netty:netty-bom 4.1.107.Final pom.xml:27", "Maven org.apache.commons:commons-text 1.10.0 pom.xml:65 direct",
            "Maven org.apache.logging.log4j:log4j-core 2.17.1 pom.xml:41 direct",
        ])
    }

    @Test func skippedDependenciesAreThoseWithoutALiteralVersion() throws {
        let names = Set(try MavenPOM().dependencies(in: LockfileFixtures.pomXML, path: "pom.xml").map(\.name))
        #expect(names.isDisjoint(with: ["org.springframework.boot:spring-boot-starter-web", "commons-io:commons-io", "org.yaml:snakeyaml"]))
    }

    @Test func theParentsVersionStandsInForAMissingProjectVersion() throws {
        let pom = """
            <project>
              <parent><groupId>com.example</groupId><artifactId>platform</artifactId><version>7.1.0</version></parent>
              <artifactId>billing</artifactId>
              <dependencies>
                <dependency><groupId>com.example</groupId><artifactId>ledger</artifactId><version>${project.version}</version></dependency>
                <dependency><groupId>com.example</groupId><artifactId>audit</artifactId><version>${project.parent.version}</version></dependency>
              </dependencies>
            </project>
            """
        #expect(try MavenPOM().summary(of: pom, path: "billing/pom.xml") == [
            "Maven com.example:audit 7.1.0 billing/pom.xml:6 direct", "Maven com.example:ledger 7.1.0 billing/pom.xml:5 direct",
        ])
    }

    @Test(arguments: [
        ("${a}", ["a": "1.2"], "1.2"), ("${a}.${b}", ["a": "1", "b": "2"], "1.2"), ("${a}", ["a": "${b}", "b": "3.0"], "3.0"),
        ("${loop}", ["loop": "${loop}"], nil), ("${missing}", [:], nil), ("2.0.1", [:], "2.0.1"),
    ] as [(String, [String: String], String?)])
    func propertiesAreFilledInOrTheVersionIsUnknown(text: String, properties: [String: String], expected: String?) {
        #expect(MavenPOM.substituting(text, properties) == expected)
    }

    @Test func xmlEntitiesCDATACommentsAndPrefixesReadAsText() throws {
        let root = try XMLTree.parse(Array("""
            <?xml version="1.0"?>
            <!DOCTYPE project [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;"> ]>
            <m:project xmlns:m="http://maven.apache.org/POM/4.0.0">
              <!-- <name>not this</name> -->
              <name>Tom &amp; Jerry &lt;3 &#x263A; &#9731;</name>
              <description><![CDATA[a <b>bold</b> & plain]]></description>
              <url attr="a > b">&lol2;</url>
              <empty/>
            </m:project>
            """.utf8))
        #expect(root.name == "project" && root.line == 3)
        #expect(root.children.map(\.name) == ["name", "description", "url", "empty"])
        #expect(root.child("name")?.text == "Tom & Jerry <3 ☺ ☃")
        #expect(root.child("name")?.line == 5)
        #expect(root.child("description")?.text == "a <b>bold</b> & plain")
        #expect(root.child("url")?.text == "&lol2;", "entities a DTD defines are not expanded")
    }

    @Test func deepNestingIsRefusedNotRecursed() {
        let deep = String(repeating: "<a>", count: XMLTree.maximumDepth + 1) + String(repeating: "</a>", count: XMLTree.maximumDepth + 1)
        #expect(throws: LockfileError.self) { try XMLTree.parse(Array(deep.utf8)) }
    }
}
