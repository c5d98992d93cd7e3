/// Answer files used by several test suites.
public enum Answers {
    /// A complete call review for the bundled call-review form: 42 of 46 points (EMPATHY 3 of 4, HOLD-60S missed).
    public static let callReview = """
    {"call_id": "C-1001", "occurred_on": "2026-03-02", "call_type": "complaint", "call_length": "4:10",
     "answer_wait": "0:12", "greeting": "yes", "account_discussed": "no",
     "empathy": 3, "no_interrupting": "yes", "need_confirmed": "yes", "steering": "yes",
     "held": "yes", "longest_hold": "1:15", "hold_permission": "yes", "routing": "yes", "transferred": "no",
     "product_knowledge": 4, "resolved": "yes", "offer_within_authority": "na", "compensated_on_spot": "yes",
     "proactive": "no", "respect": "yes", "customer_critical": "no", "personalised": "yes",
     "summary": "yes", "recorded": "yes", "follow_up_promised": "no", "product_feedback": "no"}
    """
}
