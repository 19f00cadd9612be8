extension LockfileFixtures {
    static let pomXML = #"""
        <?xml version="1.0" encoding="UTF-8"?>
        <!-- Storefront service: a <dependency> in a comment is not one -->
        <project xmlns="http://maven.apache.org/POM/4.0.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                 xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
          <modelVersion>4.0.0</modelVersion>
          <parent>
            <groupId>org.springframework.boot</groupId>
            <artifactId>spring-boot-starter-parent</artifactId>
            <version>3.2.3</version>
          </parent>
          <groupId>com.example</groupId>
          <artifactId>storefront</artifactId>
          <version>1.4.0</version>
          <properties>
            <jackson.version>2.16.1</jackson.version>
            <log4j2.version>${log4j.base}.1</log4j2.version>
            <log4j.base>2.17</log4j.base>
            <description><![CDATA[Uses <angle> brackets & ampersands]]></description>
          </properties>
          <dependencyManagement>
            <dependencies>
              <dependency>
                <groupId>com.fasterxml.jackson.core</groupId>
                <artifactId>jackson-databind</artifactId>
                <version>${jackson.version}</version>
              </dependency>
              <dependency>
                <groupId>io.netty</groupId>
                <artifactId>netty-bom</artifactId>
                <version>4.1.107.Final</version>
                <type>pom</type>
                <scope>import</scope>
              </dependency>
            </dependencies>
          </dependencyManagement>
          <dependencies>
            <dependency>
              <groupId>com.fasterxml.jackson.core</groupId>
              <artifactId>jackson-databind</artifactId>
            </dependency>
            <dependency>
              <groupId>org.apache.logging.log4j</groupId>
              <artifactId>log4j-core</artifactId>
              <version>${log4j2.version}</version>
            </dependency>
            <dependency>
              <groupId>${project.groupId}</groupId>
              <artifactId>storefront-api</artifactId>
              <version>${project.version}</version>
            </dependency>
            <dependency>
              <groupId>org.springframework.boot</groupId>
              <artifactId>spring-boot-starter-web</artifactId>
            </dependency>
            <dependency>
              <groupId>commons-io</groupId>
              <artifactId>commons-io</artifactId>
              <version>${commons-io.version}</version>
            </dependency>
            <dependency>
              <groupId>org.yaml</groupId>
              <artifactId>snakeyaml</artifactId>
              <version>[2.0,3.0)</version>
            </dependency>
            <dependency>
              <groupId>org.apache.commons</groupId>
              <artifactId>commons-text</artifactId>
              <version>1.10.0</version>
              <scope>test</scope>
            </dependency>
          </dependencies>
        </project>
        """#

    static let cycloneDX = #"""
        {
          "bomFormat": "CycloneDX",
          "specVersion": "1.5",
          "version": 1,
          "metadata": { "component": { "type": "application", "name": "storefront", "purl": "pkg:generic/storefront@1.4.0" } },
          "components": [
            { "type": "library", "name": "jackson-databind", "version": "2.16.1", "purl": "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.16.1?type=jar" },
            { "type": "library", "name": "spring-boot", "version": "3.2.3", "purl": "pkg:maven/org.springframework.boot/spring-boot@3.2.3",
              "components": [
                { "type": "library", "name": "query-core", "version": "5.28.4", "purl": "pkg:npm/%40tanstack/query-core@5.28.4" }
              ] },
            { "type": "library", "name": "libssl3", "version": "3.0.11-1~deb12u2", "purl": "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12" },
            { "type": "library", "name": "libcrypto3", "version": "3.0.11-1~deb12u2", "purl": "pkg:deb/debian/libcrypto3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12" },
            { "type": "container", "name": "nginx", "purl": "pkg:docker/library/nginx@1.25.4" },
            { "type": "operating-system", "name": "debian", "version": "12" }
          ]
        }
        """#

    static let spdx = #"""
        {
          "spdxVersion": "SPDX-2.3",
          "dataLicense": "CC0-1.0",
          "SPDXID": "SPDXRef-DOCUMENT",
          "name": "alpine-image",
          "packages": [
            {
              "SPDXID": "SPDXRef-Package-apk-musl",
              "name": "musl",
              "versionInfo": "1.2.4-r2",
              "externalRefs": [
                { "referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:musl-libc:musl:1.2.4:*:*:*:*:*:*:*" },
                { "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:apk/alpine/musl@1.2.4-r2?arch=x86_64&distro=alpine-3.18.4" }
              ]
            },
            {
              "SPDXID": "SPDXRef-Package-python-requests",
              "name": "requests",
              "versionInfo": "2.31.0",
              "externalRefs": [
                { "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/requests@2.31.0" }
              ]
            },
            {
              "SPDXID": "SPDXRef-Package-rpm-bash",
              "name": "bash",
              "externalRefs": [
                { "referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:rpm/fedora/bash@5.2.21-1.fc39" }
              ]
            }
          ]
        }
        """#
}
