/// One customer survey response (NPS 0–10 and/or CSAT 1–5) about an agent, as read from a file.
public struct FeedbackResponse: Sendable, Hashable {
    public var externalID: String?
    public var agentID: String
    public var occurredOn: ISODate
    public var nps: Int?
    public var csat: Int?
    public var comment: String?
    public var channel: String?

    public init(externalID: String?, agentID: String, occurredOn: ISODate, nps: Int?, csat: Int?, comment: String?, channel: String?) {
        self.externalID = externalID
        self.agentID = agentID
        self.occurredOn = occurredOn
        self.nps = nps
        self.csat = csat
        self.comment = comment
        self.channel = channel
    }
}
