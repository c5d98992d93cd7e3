import YardstickCore

/// Audits stored before schema 2 have no content hash. The upgrade hashes them once, as they are,
/// and records that in one history entry, so every later change behind the tool's back is caught.
enum LegacyAuditSealer {
    static func seal(_ database: Database, at timestamp: String) throws {
        let definitionHashes = Dictionary(
            try database.query("SELECT id, sha256 FROM definition_version").map { ($0.integer(0) ?? 0, $0.string(1)) },
            uniquingKeysWith: { first, _ in first })
        let update = try database.prepare("UPDATE audit SET content_hash = ? WHERE id = ?")
        var batch = BatchHash()
        var ids: [Int64] = []
        try AuditRepository(database: database).forEach(beforePlacement: true) { result in
            guard case let .success(audit) = result, audit.status != .draft, audit.contentHash == nil else { return }
            let hash = AuditContent(stored: audit, formSHA256: definitionHashes[audit.formVersionID] ?? "",
                                    standardSHA256: definitionHashes[audit.standardVersionID] ?? "").hashBeforePlacement
            try update.bind(hash, audit.id)
            try update.run()
            batch.add(auditID: audit.id, contentHash: hash)
            ids.append(audit.id)
        }
        guard !ids.isEmpty else { return }
        try JournalRepository(database: database).append(
            .auditsSealed(AuditsSealed(reason: "content hashes recorded by the upgrade to schema 2", ids: ids)),
            reason: "schema upgrade", contentHash: batch.finalized(), actor: Actor(name: "yardstick", login: "schema-upgrade"), at: timestamp)
    }
}

extension AuditContent {
    /// The content of a stored row, with the content hashes of its definition versions.
    public init(stored audit: StoredAudit, formSHA256: String, standardSHA256: String) {
        self.init(agentID: audit.agentID, locationID: audit.locationID, auditor: audit.auditor, occurredOn: audit.occurredOn,
                  formVersionID: audit.formVersionID, formSHA256: formSHA256, standardVersionID: audit.standardVersionID,
                  standardSHA256: standardSHA256, status: audit.status, calibrationSessionID: audit.calibrationSessionID,
                  answers: audit.answers, comments: audit.comments, score: audit.score, band: audit.band, outcome: audit.outcome,
                  criticalFail: audit.criticalFail, results: audit.results, placement: audit.placement)
    }
}
