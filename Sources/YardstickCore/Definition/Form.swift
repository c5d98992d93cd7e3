/// The instrument an auditor fills: context fields, then sections of questions and computed checks.
public struct Form: Sendable, Hashable {
    public var id: String
    public var version: String
    public var standardID: String
    public var kind: FormKind
    /// The channel the audited interaction happened on (phone, chat, email, store).
    public var channel: String
    public var title: String
    /// Whether audits of this form must be released by a reviewer before they count.
    public var reviewRequired: Bool
    public var context: [FormField]
    public var sections: [FormSection]
    /// Consistency rules that flag a report for the editor (e.g. "greeted within 30 s" with a longer recorded wait).
    public var flags: [ConsistencyFlag] = []
    public var anchor: SourceAnchor

    public init(
        id: String, version: String, standardID: String, kind: FormKind, channel: String, title: String,
        reviewRequired: Bool = false, context: [FormField], sections: [FormSection], anchor: SourceAnchor = .unknown
    ) {
        self.id = id
        self.version = version
        self.standardID = standardID
        self.kind = kind
        self.channel = channel
        self.title = title
        self.reviewRequired = reviewRequired
        self.context = context
        self.sections = sections
        self.anchor = anchor
    }

    /// Every question of every section, in the order an auditor meets them.
    public var questions: [FormField] {
        sections.flatMap { section in section.items.compactMap(\.question) }
    }

    /// Every computed check, in form order.
    public var checks: [Check] {
        sections.flatMap { section in section.items.compactMap(\.check) }
    }

    /// Context fields then questions: everything that holds an answer, each id naming one answer.
    public var answerFields: [FormField] { context + questions }

    /// The field or question with `id`.
    public func field(_ id: String) -> FormField? { answerFields.first { $0.id == id } }
}

/// What a form is used for; it decides the wording of reports and the kind of evidence expected.
public enum FormKind: String, Sendable, Hashable, CaseIterable {
    case callReview = "call-review"
    case chatReview = "chat-review"
    case emailReview = "email-review"
    case mysteryShop = "mystery-shop"
}

/// A titled group of questions; a section may be hidden as a whole by its own `relevant`.
public struct FormSection: Sendable, Hashable {
    public var id: String
    public var title: String
    public var relevant: Expression?
    public var items: [SectionItem]
    public var anchor: SourceAnchor

    public init(id: String, title: String, relevant: Expression? = nil, items: [SectionItem], anchor: SourceAnchor = .unknown) {
        self.id = id
        self.title = title
        self.relevant = relevant
        self.items = items
        self.anchor = anchor
    }
}

/// A question the auditor answers, or a criterion scored by a computed check.
public enum SectionItem: Sendable, Hashable {
    case question(FormField)
    case check(Check)

    public var question: FormField? {
        if case let .question(field) = self { return field }
        return nil
    }

    public var check: Check? {
        if case let .check(check) = self { return check }
        return nil
    }
}

/// A criterion scored from other answers, e.g. "longest hold ≤ 60 s".
public struct Check: Sendable, Hashable {
    public var criterionID: String
    public var relevant: Expression?
    public var met: Expression
    public var label: String
    public var anchor: SourceAnchor

    public init(criterionID: String, relevant: Expression? = nil, met: Expression, label: String = "", anchor: SourceAnchor = .unknown) {
        self.criterionID = criterionID
        self.relevant = relevant
        self.met = met
        self.label = label
        self.anchor = anchor
    }
}

/// A consistency rule: when `when` holds over the answers, the report goes to review with `message`.
public struct ConsistencyFlag: Sendable, Hashable {
    public var when: Expression
    public var message: String
    public var anchor: SourceAnchor

    public init(when: Expression, message: String, anchor: SourceAnchor = .unknown) {
        self.when = when
        self.message = message
        self.anchor = anchor
    }
}
