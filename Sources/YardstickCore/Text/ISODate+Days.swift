extension ISODate {
    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> ISODate {
        var year = self.year, month = self.month, day = self.day + days
        while day > ISODate.daysIn(month: month, year: year) {
            day -= ISODate.daysIn(month: month, year: year)
            month += 1
            if month > 12 { month = 1; year += 1 }
        }
        while day < 1 {
            month -= 1
            if month < 1 { month = 12; year -= 1 }
            day += ISODate.daysIn(month: month, year: year)
        }
        return ISODate(year: year, month: month, day: day) ?? self
    }
}
