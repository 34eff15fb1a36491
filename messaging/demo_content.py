"""The words of the demo messaging for Brightline Flow (used by `messaging/demo.py`)."""

POSITIONING_V1 = {
    "value_proposition": (
        "Brightline Flow automates the exceptions between order and dispatch, so distributors "
        "ship on time without adding staff."
    ),
    "target_customer": "mid-market logistics and distribution companies",
    "need": "lose hours and margin to exceptions between order entry and dispatch",
    "category": "a workflow-automation platform",
    "benefit": "routes every exception to the right person and closes it before the truck leaves",
    "alternative": "spreadsheets, shared inboxes and custom ERP scripts",
    "differentiator": "connect to the ERP and WMS you already run and go live in weeks",
    "elevator_pitch": (
        "Every distributor loses orders to exceptions: a short pick, a carrier that does not "
        "show, an address that does not match. Today they live in spreadsheets and inboxes. "
        "Brightline Flow catches them as they happen and sends each one to the person who can "
        "fix it, so more orders leave on time."
    ),
    "change_note": "First agreed positioning.",
}

POSITIONING_V2 = {
    "value_proposition": (
        "Brightline Flow catches order-to-dispatch exceptions as they happen and routes them to "
        "the right person, so mid-market distributors ship on time, cut overtime and see payback "
        "within a year."
    ),
    "target_customer": "mid-market logistics and distribution companies",
    "need": "lose orders, overtime and margin to exceptions between order entry and dispatch",
    "category": "a workflow-automation platform",
    "benefit": (
        "spots every stuck order, short pick and carrier no-show and routes it to the person who "
        "can fix it before the truck leaves"
    ),
    "alternative": "spreadsheets, shared inboxes and custom ERP scripts",
    "differentiator": (
        "plug into the ERP and WMS you already run, go live in weeks, not quarters, and show "
        "numbers finance can trust"
    ),
    "elevator_pitch": (
        "Every distributor loses orders to exceptions: a short pick, a carrier no-show, an "
        "address that does not match. Today they hide in spreadsheets and inboxes until a "
        "customer calls. Brightline Flow catches them as they happen and routes each one to the "
        "person who can fix it. Our customers miss a third fewer dispatch windows, cut "
        "warehouse overtime, and see payback in nine months on average."
    ),
    "change_note": (
        "Lead with on-time dispatch and overtime; add the payback claim from the 2025 ROI study "
        "after the Q3 customer review."
    ),
}

# (slug for the demo key, name, summary, [(claim, evidence, source_url)])
PILLARS = [
    (
        "fewer-exceptions",
        "Fewer exceptions, faster dispatch",
        "Flow spots stuck orders, carrier mismatches and missing stock as they happen and routes "
        "each to the person who can fix it, before it delays a truck.",
        [
            (
                "34% fewer orders miss their dispatch window",
                "Median across 12 customers, six months before and after go-live "
                "(2025 customer benchmark).",
                "https://brightline.example/benchmark-2025",
            ),
            (
                "Exceptions closed in 41 minutes instead of 5.2 hours",
                "Nordhaven Distribution, measured in Flow's audit log over Q2 2025.",
                "https://brightline.example/customers/nordhaven",
            ),
            (
                "Warehouse overtime down by a fifth",
                "Calder Foods' shift reports, first 90 days after go-live.",
                "",
            ),
        ],
    ),
    (
        "live-in-weeks",
        "Live in weeks, not quarters",
        "Ready-made exception playbooks and a guided rollout mean teams work in Flow within "
        "weeks, without a long IT project.",
        [
            (
                "Median go-live in 7 weeks",
                "Across the 18 implementations completed in 2025, from kick-off to the first "
                "live workflow.",
                "",
            ),
            (
                "30 pre-built exception playbooks",
                "Stuck order, short pick, carrier no-show, address mismatch and more, ready to "
                "switch on.",
                "https://brightline.example/playbooks",
            ),
        ],
    ),
    (
        "fits-your-systems",
        "Fits the systems you already run",
        "Certified connectors keep Flow in step with the ERP and WMS, with enterprise security "
        "IT teams sign off quickly.",
        [
            (
                "Certified connectors for SAP S/4HANA, Dynamics 365 and NetSuite",
                "Two-way sync of orders, stock and shipment status; no custom middleware.",
                "https://brightline.example/integrations",
            ),
            (
                "SSO with Entra ID and Okta, SCIM provisioning",
                "Security pack reviewed by more than 40 IT teams; SOC 2 Type II report on "
                "request.",
                "",
            ),
            (
                "99.95% uptime over the last 12 months",
                "Measured per minute on the public status page.",
                "https://status.brightline.example",
            ),
        ],
    ),
    (
        "numbers-finance-trusts",
        "Numbers finance can trust",
        "Cost per order and time saved are measured in Flow itself, so the business case can be "
        "checked after go-live, not just believed before it.",
        [
            (
                "Payback in 9 months on average",
                "Independent ROI study of 10 customers by Harlow Analytics (2025).",
                "https://brightline.example/roi-study",
            ),
            (
                "Cost per order shown live, per site",
                "A built-in report finance can export to its own BI tool.",
                "",
            ),
        ],
    ),
]

# persona slug -> (headline, key messages, pillar demo slugs)
PERSONA_MESSAGES = {
    "finance-fiona": (
        "Cut the cost of every late order and see payback within a year.",
        [
            "Exceptions cost twice: in overtime and carrier chargebacks today, and in lost "
            "customers tomorrow. Flow takes both down.",
            "Customers see payback in 9 months on average (independent ROI study, 2025).",
            "Subscription pricing per site and a median go-live of 7 weeks: no open-ended "
            "project.",
            "Cost per order is visible live, so the business case can be checked, not just "
            "believed.",
        ],
        ["numbers-finance-trusts", "fewer-exceptions", "live-in-weeks"],
    ),
    "operations-olivia": (
        "Every exception in one queue, routed to the person who can fix it before the truck "
        "leaves.",
        [
            "See every stuck order, short pick and carrier no-show in one place instead of five "
            "inboxes.",
            "Flow routes each exception to the right person and escalates it when nobody acts.",
            "Teams on Flow close exceptions in minutes, not hours, and cut warehouse overtime.",
            "30 ready playbooks mean your team works in Flow within weeks.",
        ],
        ["fewer-exceptions", "live-in-weeks"],
    ),
    "integration-ivan": (
        "Plugs into your ERP and WMS with certified connectors: no custom middleware to maintain.",
        [
            "Certified two-way connectors for SAP S/4HANA, Dynamics 365 and NetSuite.",
            "SSO with Entra ID or Okta, SCIM provisioning, SOC 2 Type II report available.",
            "99.95% uptime over the last 12 months, on a public status page.",
            "Your team configures workflows; we never ask for custom code in your ERP.",
        ],
        ["fits-your-systems", "live-in-weeks"],
    ),
}

# Marketing drafts the message for a persona it has not published yet: seeded as a draft,
# visible to marketing only, so the demo shows work in progress next to approved messages.
DRAFT_PERSONA_MESSAGES = {
    "procurement-paula": (
        "One predictable subscription per site, with the contract terms procurement asks for.",
        [
            "Per-site pricing with a cap on yearly increases, agreed up front.",
            "Standard terms include exit assistance and your data returned in open formats.",
            "SOC 2 Type II report and a completed security questionnaire before the first call.",
        ],
        ["numbers-finance-trusts", "fits-your-systems"],
    ),
}

BOILERPLATES = {
    25: (
        "Brightline Flow is a workflow-automation platform that helps mid-market distributors "
        "catch order-to-dispatch exceptions early, route them to the right person and ship on "
        "time."
    ),
    50: (
        "Brightline Flow is a workflow-automation platform for mid-market logistics and "
        "distribution companies. It catches order-to-dispatch exceptions as they happen, from "
        "short picks to carrier no-shows, and routes each to the person who can fix it. "
        "Customers ship more orders on time, cut warehouse overtime and go live in weeks."
    ),
    100: (
        "Brightline Flow is a workflow-automation platform for mid-market logistics and "
        "distribution companies. It catches the exceptions between order entry and dispatch as "
        "they happen, such as a short pick, a carrier no-show or an address that does not "
        "match, and routes each one to the person who can fix it before the truck leaves. "
        "Certified connectors for SAP S/4HANA, Microsoft Dynamics 365 and NetSuite keep Flow in "
        "step with the systems customers already run, and most teams go live in about seven "
        "weeks. Customers miss a third fewer dispatch windows, cut overtime and see payback in "
        "nine months on average."
    ),
}

# (term, definition); all approved with both signatures.
GLOSSARY = [
    (
        "Marketing-qualified lead (MQL)",
        "A lead that fits our ideal customer profile and has shown buying intent: at least 60 "
        "engagement points in 30 days, including one high-intent action (demo request, pricing "
        "page visit or ROI calculator). Marketing hands every MQL to sales development within "
        "one working day.",
    ),
    (
        "Sales-accepted lead (SAL)",
        "An MQL that a sales development rep reviewed within two working days and agreed to "
        "work: the contact is reachable, the company fits the ICP and there is no open "
        "opportunity for it already. A rejected MQL goes back to marketing with a reason.",
    ),
    (
        "Sales-qualified lead (SQL)",
        "A sales-accepted lead with a confirmed need (a named project or pain Flow solves) and a "
        "first meeting booked with an account executive. Also called a sales-ready lead.",
    ),
    (
        "Sales-ready lead",
        "The same as a sales-qualified lead (SQL). Reports say SQL; “sales-ready” is fine in "
        "conversation.",
    ),
    (
        "Opportunity",
        "A deal an account executive has qualified in the CRM: the budget holder is known, the "
        "use case is one Flow solves and there is a target decision date. Only opportunities "
        "count towards pipeline.",
    ),
    (
        "Ideal customer profile (ICP)",
        "Logistics, wholesale and distribution companies with 250–2,000 employees, two or more "
        "warehouses or dispatch sites, running SAP S/4HANA, Dynamics 365 or NetSuite and "
        "shipping at least 2,000 orders a day.",
    ),
    (
        "Churn-risk account",
        "A customer with two or more warning signs in the last 60 days: active users down 30% "
        "or more, a severity-1 ticket open longer than a week, a champion who left, or a "
        "renewal within 120 days without a success review. Customer success owns the save plan.",
    ),
]

# In review, signed by marketing, waiting for a sales signature (fills the rep's queue).
GLOSSARY_IN_REVIEW = (
    "Expansion opportunity",
    "An opportunity to sell more to an existing customer: another site, another workflow pack "
    "or more users. Counted in pipeline, but reported apart from new business.",
)

# A proposed change to an approved term, signed by marketing, waiting for sales.
MQL_CHANGE = {
    "definition": (
        "A lead that fits our ideal customer profile and has shown buying intent: at least 50 "
        "engagement points in 30 days, including one high-intent action (demo request, pricing "
        "page visit, ROI calculator or a webinar question). Marketing hands every MQL to sales "
        "development within four working hours."
    ),
    "change_note": (
        "Threshold down from 60 to 50 points and webinar questions count as high intent, after "
        "the Q3 funnel review; faster hand-over."
    ),
}

# (persona slug or None, objection, response)
OBJECTIONS = [
    (
        None,
        "Our ERP already does this.",
        "Your ERP records the order; it does not chase the exception. Flow sits beside it, "
        "reads the same orders through a certified connector and makes sure every stuck order "
        "reaches a person who can fix it. Ask which exceptions they handled by email last week.",
    ),
    (
        None,
        "Now is not a good time: we are heading into peak season.",
        "Peak is when exceptions cost most. Most teams go live in about seven weeks, and we can "
        "start with one site and one playbook so peak runs on the old process while Flow proves "
        "itself.",
    ),
    (
        None,
        "We tried a workflow tool before and nobody used it.",
        "Flow comes with 30 ready playbooks built from distributors' real exceptions, so people "
        "see their own work on day one. Offer a reference call with Nordhaven's operations team.",
    ),
    (
        "finance-fiona",
        "It costs too much for what it does.",
        "Put it next to the cost of a late order: overtime, chargebacks, credit notes and lost "
        "repeat business. The 2025 ROI study found payback in nine months on average, and cost "
        "per order is measured live so finance can check it.",
    ),
    (
        "finance-fiona",
        "How do I know the ROI is real?",
        "Do not take our word for it: the ROI study is independent (Harlow Analytics), and Flow "
        "reports cost per order per site from the first week, so the numbers are yours.",
    ),
    (
        "operations-olivia",
        "My team has no time to learn another system.",
        "Most people only see their own exception queue: one list, one button to resolve. "
        "Training takes under an hour per shift lead, and playbooks are switched on for them.",
    ),
    (
        "integration-ivan",
        "Integrations always take longer than vendors promise.",
        "Ours are certified connectors, not projects: two-way sync with SAP S/4HANA, Dynamics "
        "365 and NetSuite is configured, not coded. The median go-live across 2025 was seven "
        "weeks.",
    ),
    (
        "integration-ivan",
        "We cannot give a cloud tool access to our ERP.",
        "Flow uses a least-privilege service account through the vendor's supported API, with "
        "SSO, SCIM and a SOC 2 Type II report. Offer the security pack and a call with our "
        "security lead.",
    ),
]

# (phrase, say instead, why); approved by marketing. "guaranteed 50% savings" still appears in
# the Northwind case study (collateral/demo_content.py), so the drift check has a real hit.
RETIRED_WORDING = [
    (
        "guaranteed 50% savings",
        "payback in nine months on average (independent ROI study, 2025)",
        "Withdrawn claim: no customer data backs a guaranteed saving, and legal asked us in "
        "March 2025 to stop promising one. The ROI study's payback figure is what we can prove.",
    ),
    (
        "Brightline Dispatch",
        "Brightline Flow",
        "The product was renamed in 2024. “Dispatch” made buyers think of a carrier-booking "
        "tool, and another vendor now holds the name.",
    ),
    (
        "zero-touch exceptions",
        "every exception routed to the person who can fix it",
        "Flow routes exceptions to people; it does not make them disappear. Buyers who heard "
        "“zero-touch” asked where their team fits in.",
    ),
    (
        "Routemaster",
        "RouteMatrix",
        "Our main routing competitor is RouteMatrix; “Routemaster” is a bus, and getting their "
        "name wrong in front of a buyer who uses them costs credibility.",
    ),
]
