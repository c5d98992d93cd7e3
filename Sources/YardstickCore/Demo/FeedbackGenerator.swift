/// Believable post-contact survey responses for the demo: most customers promoters, some passives,
/// a few detractors, with CSAT following NPS; deterministic for a seed.
public enum FeedbackGenerator {
    /// A feedback CSV (`external_id,agent,occurred_on,nps,csat,comment,channel`) for `agents` over `months` (`year × 100 + month`).
    public static func csv(agents: [Agent], channelOfTeam: [String: String], months: [Int], seed: UInt64) -> String {
        var random = SeededRandom(seed: seed)
        var text = "external_id,agent,occurred_on,nps,csat,comment,channel\n"
        var number = 0
        let praise = ["Quick and friendly", "Solved it on the first call", "Very patient with me", "Knew exactly what to do"]
        let complaints = ["Had to wait far too long", "Was transferred twice", "Nobody called back as promised", "Felt rushed"]
        for agent in agents {
            for month in months {
                let year = month / 100, monthNumber = month % 100
                for _ in 0..<random.integer(in: 0...4) {
                    number += 1
                    let day = random.integer(in: 1...ISODate.daysIn(month: monthNumber, year: year))
                    let roll = random.unit()
                    let nps = roll < 0.55 ? random.integer(in: 9...10) : (roll < 0.82 ? random.integer(in: 7...8) : random.integer(in: 0...6))
                    let csat = nps >= 9 ? random.integer(in: 4...5) : (nps >= 7 ? random.integer(in: 3...4) : random.integer(in: 1...3))
                    let comment = nps >= 9 && random.chance(0.4) ? random.pick(praise) : (nps <= 6 && random.chance(0.7) ? random.pick(complaints) : "")
                    let date = "\(year)-\(monthNumber < 10 ? "0" : "")\(monthNumber)-\(day < 10 ? "0" : "")\(day)"
                    // Some responses answer only one of the two questions, as real surveys do.
                    let npsCell = number % 7 == 0 ? "" : String(nps), csatCell = number % 5 == 0 ? "" : String(csat)
                    text += CSVWriter.row(["FB-\(number)", agent.id, date, npsCell.isEmpty && csatCell.isEmpty ? String(nps) : npsCell, csatCell,
                                           comment, channelOfTeam[agent.teamID] ?? ""])
                }
            }
        }
        return text
    }
}
