/// NPS and CSAT over a group of responses: NPS = % promoters (9–10) − % detractors (0–6).
public struct FeedbackSummary: Sendable, Hashable {
    public var group: String
    public var responses = 0
    public var npsResponses = 0
    public var promoters = 0
    public var passives = 0
    public var detractors = 0
    public var csatResponses = 0
    public var csatSum = 0
    /// CSAT answers of 4 or 5.
    public var csatSatisfied = 0

    public init(group: String) { self.group = group }

    /// Counts one response.
    public mutating func add(nps: Int?, csat: Int?) {
        responses += 1
        if let nps {
            npsResponses += 1
            if nps >= 9 { promoters += 1 } else if nps <= 6 { detractors += 1 } else { passives += 1 }
        }
        if let csat {
            csatResponses += 1
            csatSum += csat
            if csat >= 4 { csatSatisfied += 1 }
        }
    }

    /// −100…100, nil without NPS answers.
    public var nps: Double? { npsResponses == 0 ? nil : 100 * Double(promoters - detractors) / Double(npsResponses) }
    public var csatMean: Double? { csatResponses == 0 ? nil : Double(csatSum) / Double(csatResponses) }
    /// Share (0–100) of CSAT answers that are 4 or 5.
    public var csatSatisfiedShare: Double? { csatResponses == 0 ? nil : 100 * Double(csatSatisfied) / Double(csatResponses) }
}
