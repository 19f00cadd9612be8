/// One advisory as the advisory database keeps it: its id and modification time, the packages
/// it names (ecosystem and normalised name, for lookup), and the record's JSON as imported.
package struct AdvisoryRecord: Sendable, Equatable {
    package let id: String
    package let modified: String
    package let packages: [AdvisoryPackage]
    package let json: [UInt8]

    package init(id: String, modified: String, packages: [AdvisoryPackage], json: [UInt8]) {
        self.id = id
        self.modified = modified
        self.packages = packages
        self.json = json
    }
}

package struct AdvisoryPackage: Sendable, Hashable {
    package let ecosystem: String
    package let name: String

    package init(ecosystem: String, name: String) {
        self.ecosystem = ecosystem
        self.name = name
    }
}

/// What an import did, and what a database holds per source.
package struct AdvisoryImportCounts: Sendable, Equatable, Codable {
    package var added = 0
    package var updated = 0
    package var unchanged = 0

    package init(added: Int = 0, updated: Int = 0, unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
    }
}

package struct AdvisorySourceStatus: Sendable, Equatable, Codable {
    package let source: String
    package let records: Int
    /// When the source was last imported (RFC 3339 UTC).
    package let importedAt: String
    /// The newest `modified` among its records.
    package let newestModified: String?

    package init(source: String, records: Int, importedAt: String, newestModified: String?) {
        self.source = source
        self.records = records
        self.importedAt = importedAt
        self.newestModified = newestModified
    }
}

/// Where a source's records were downloaded from, with the validators (HTTP `ETag`,
/// `Last-Modified`) that let the next update skip an unchanged archive.
package struct AdvisoryDownload: Sendable, Equatable {
    package let url: String
    package let source: String
    package let etag: String?
    package let lastModified: String?
    package let fetchedAt: String

    package init(url: String, source: String, etag: String?, lastModified: String?, fetchedAt: String) {
        self.url = url
        self.source = source
        self.etag = etag
        self.lastModified = lastModified
        self.fetchedAt = fetchedAt
    }
}
