/// The fingerprint of a run's inputs: the policy version's content hash and every audit (id and
/// content hash) and response (id and values) it used, in order. Equal fingerprints, equal inputs.
public enum IncentiveFingerprint {
    public static func of(policySHA256: String, period: PayPeriod, lines: [IncentiveLine]) -> String {
        var hasher = SHA256()
        hasher.update(Array("yardstick-incentive-inputs-1\n\(policySHA256)\n\(period)\n".utf8))
        for line in lines.sorted(by: { $0.agentID < $1.agentID }) {
            hasher.update(Array("agent \(line.agentID)\n".utf8))
            for audit in line.auditRefs { hasher.update(Array("a \(audit.id) \(audit.contentHash)\n".utf8)) }
            for response in line.feedbackRefs {
                hasher.update(Array("f \(response.id) \(response.occurredOn) \(response.nps ?? -1) \(response.csat ?? -1)\n".utf8))
            }
        }
        return hasher.finalizeHex()
    }
}
