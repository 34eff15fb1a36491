"""The text of the demo personas: the buyers of Brightline Flow (see the brief's demo story).

Each entry holds the field values of one persona. List fields are Python lists here and are
stored one item a line, as typed in the editor. `reviewed_days_ago` and `avatar` are read by
`personas.demo` and not stored as they are.
"""

PERSONAS = [
    {
        "slug": "finance-fiona",
        "name": "Finance Fiona",
        "status": "published",
        "reviewed_days_ago": 24,
        "avatar": {
            "background": ("#2f5fa8", "#8fb6e8"),
            "skin": "#e9b99a",
            "hair": "#4a2c1d",
            "shirt": "#1f2f4a",
            "style": "bob",
        },
        "job_titles": [
            "Chief Financial Officer",
            "Finance Director",
            "Head of Finance",
        ],
        "segment": "Mid-market logistics & distribution",
        "company_size": "251-1000",
        "buying_role": "economic_buyer",
        "summary": (
            "Fiona runs finance at a distribution or third-party logistics business turning over "
            "£80–300m on thin margins. She signs off any software spend above £50k and judges "
            "Brightline Flow on cost per order, payback period and risk, not on features."
        ),
        "quote": "Show me what it does to cost per order, and when I get my money back.",
        "goals": [
            "Cut cost per order shipped by 5–10% without adding headcount",
            "Protect gross margin on fixed-price 3PL contracts when volumes swing",
            "See the weekly cost of exceptions: re-deliveries, chargebacks, overtime",
            "Keep payback on new software under 12 months, visible to the board",
            "Standardise processes across sites before the next acquisition or audit",
            "Release working capital tied up in disputed carrier invoices",
        ],
        "pains": [
            "Overtime and agency spend spike every peak and nobody can say exactly why",
            "Carrier chargebacks and late-delivery penalties hit the P&L weeks after the event",
            "Operations asks for a new tool every year with soft, unprovable ROI",
            "Exception handling lives in spreadsheets and inboxes, so its cost is invisible",
            "The last IT project ran over budget and took quarters, not weeks",
            "The board wants better margins while customers want faster, cheaper dispatch",
        ],
        "priority_initiatives": [
            "Budget round: all new software must pay back inside the financial year",
            "Margin-improvement programme after two quarters of rising cost per order",
            "Consolidating three warehouse sites onto one operating model",
            "Renegotiating carrier contracts with hard data on failed hand-offs",
            "Refinancing or PE due diligence: clean, auditable operating metrics",
        ],
        "success_factors": [
            "Cost per order measurably lower within two quarters of go-live",
            "Peak overtime at the pilot site down by at least 20%",
            "A fixed, predictable subscription with no surprise services bills",
            "A monthly savings report that finance can reconcile against the ledger",
            'Operations adopts it without a second project to "fix" it',
        ],
        "decision_criteria": [
            "Payback period and three-year cost of ownership against doing nothing",
            "Reference customers of similar size in logistics, with numbers she can check",
            "Contract terms: exit clauses, renewal price caps, data ownership",
            "Implementation cost and the internal time it takes from finance and IT",
            "Vendor financial stability and security posture (SOC 2 report, insurance)",
            "Fit with the ERP, so finance data keeps one source of truth",
        ],
        "perceived_barriers": [
            '"Automation platform" sounds like a big IT programme with hidden costs',
            "Vendor savings estimates have been wrong before",
            "Fear of a per-order price that climbs as volumes grow",
            "Brightline is smaller than the ERP vendors she already pays",
            "Nobody owns tracking the benefits once the project team disbands",
        ],
        "objections": [
            "We already pay for an ERP and a WMS. Why a third system?",
            "Your ROI calculator assumes best-case exception rates.",
            "There is no budget until the next financial year.",
            "Per-order pricing punishes us for growing.",
            "Operations will never find the time to implement this.",
            "What happens to our data if we leave?",
        ],
        "channels": [
            "CFO and finance-director roundtables for logistics and distribution",
            "Logistics Manager and Supply Chain Digital finance columns",
            "Referrals from her auditors and from the operations director",
            "LinkedIn posts from peer CFOs that carry hard numbers",
            "One-page business cases sent ahead of a budget meeting",
            "Leadership sessions at UKWA and Multimodal",
        ],
    },
    {
        "slug": "operations-olivia",
        "name": "Operations Olivia",
        "status": "published",
        # Past the review period on purpose, so the demo shows the amber "due for review" line.
        "reviewed_days_ago": 200,
        "avatar": {
            "background": ("#1f7a56", "#9ad7b8"),
            "skin": "#b77b57",
            "hair": "#1e1512",
            "shirt": "#f28c28",
            "style": "bun",
        },
        "job_titles": [
            "Warehouse Manager",
            "Operations Manager",
            "Distribution Centre Manager",
        ],
        "segment": "Mid-market logistics & distribution",
        "company_size": "251-1000",
        "buying_role": "user",
        "summary": (
            "Olivia runs a 120-person distribution centre shipping 15,000 orders a day. She lives "
            "in the exceptions: missed carrier cut-offs, short picks and late trucks. Her team "
            "will use Brightline Flow every shift; if they do not adopt it, nothing else matters."
        ),
        "quote": "I don't need another dashboard. I need the truck to leave on time.",
        "goals": [
            "Hit the carrier cut-offs: 98% or more of orders dispatched on time",
            "Catch short picks, address errors and credit holds before they miss the truck",
            "Cut overtime and agency shifts, above all in peak",
            "Give shift leads one clear queue of what to fix next",
            "Get seasonal staff productive in days, not weeks",
            "Stop chasing carriers and customer service by phone and e-mail",
        ],
        "pains": [
            "Exceptions arrive in five places: WMS alerts, e-mail, phone, spreadsheets, Teams",
            "Failed carrier hand-offs surface only when the driver is already at the dock",
            "Shift leads spend the first hour of each shift building a priorities spreadsheet",
            "Overtime gets approved late in the day because problems surface late",
            "New tools are rolled out to her team, not with them, and then blamed on them",
            "A change request for the WMS takes IT months",
        ],
        "priority_initiatives": [
            "Peak readiness: 98% on-time dispatch from October to January",
            "Cutting agency labour spend by a third this year",
            "A same-day dispatch promise to a large retail customer from next quarter",
            "Replacing paper exception logs with something digital and auditable",
            "Cross-training pickers so shifts can flex between zones",
        ],
        "success_factors": [
            "Fewer orders missing the truck; the exception queue is empty by cut-off",
            "Shift leads trust it within a week and drop their own spreadsheets",
            "Works on the floor: handhelds, big screens, gloves on",
            "Her team adds a carrier or an exception rule without waiting for IT",
            "Clear daily numbers she can show her boss at the morning meeting",
        ],
        "decision_criteria": [
            "Ease of use for shift leads and pickers, shown live on her own scenarios",
            "How quickly a new exception rule or carrier can be added",
            "Works alongside the WMS and carrier portals they already use",
            "Training effort and language options for a multilingual workforce",
            "A reference from another warehouse manager, not a slide",
        ],
        "perceived_barriers": [
            "Fear that automation takes decisions away from the floor",
            "A yard-management rollout failed two years ago and she took the blame",
            "Worry that it adds clicks for her team in the busiest hours",
            "No time to take part in an implementation before peak",
            "Suspects the business case was written for finance, not for her site",
        ],
        "objections": [
            "My team won't use another screen.",
            "We tried something like this and it didn't stick.",
            "Our WMS already does alerts.",
            "Not before peak. Talk to me in February.",
            "Every site works differently; it won't fit ours.",
        ],
        "channels": [
            "UKWA, IntraLogisteX and Multimodal warehouse sessions",
            "WhatsApp and LinkedIn groups of distribution-centre managers",
            "Site visits to a reference customer's warehouse",
            "Short floor-level demo videos on YouTube and LinkedIn",
            "Her carrier account managers and the WMS vendor's user group",
            "Warehouse & Logistics News and Logistics Manager",
        ],
    },
    {
        "slug": "integration-ivan",
        "name": "Integration Ivan",
        "status": "published",
        "reviewed_days_ago": 47,
        "avatar": {
            "background": ("#5b3a9a", "#c3aef0"),
            "skin": "#f1c9a8",
            "hair": "#7a5230",
            "shirt": "#2d3340",
            "style": "short",
        },
        "job_titles": [
            "Head of IT",
            "Enterprise Architect",
            "Integration Lead",
        ],
        "segment": "Mid-market logistics & distribution",
        "company_size": "251-1000",
        "buying_role": "technical_evaluator",
        "summary": (
            "Ivan leads a small IT team looking after the ERP (Dynamics 365 or SAP Business One), "
            "the WMS and a dozen carrier integrations. He can stop a deal: Brightline Flow must "
            "connect cleanly, pass security review and never become a system his team babysits."
        ),
        "quote": "If it needs custom code on our ERP, the answer is no.",
        "goals": [
            "Keep the ERP and WMS as systems of record, with no data re-keyed by hand",
            "Retire brittle point-to-point integrations and overnight file drops",
            "SSO, MFA and least-privilege access on every business application",
            "Order-to-dispatch systems above 99.9% uptime through peak",
            'Shrink the backlog of "small" integration requests from operations',
            "Pass customer security questionnaires and ISO 27001 audits without drama",
        ],
        "pains": [
            "Every new carrier or customer means another custom EDI mapping",
            "Shadow IT: operations builds workarounds in spreadsheets and low-code tools",
            "Vendor integrations break silently when the ERP is upgraded",
            "Retail customers' security questionnaires take days to answer",
            "A two-person integration team stretched across three sites",
            "Weekend call-outs when the overnight batch to the WMS fails",
        ],
        "priority_initiatives": [
            "ERP upgrade or migration in the next 12–18 months",
            "Single sign-on with Microsoft Entra ID for every business app",
            "An API-first integration standard replacing SFTP file drops",
            "Cyber Essentials Plus, then ISO 27001 certification",
            "One place for monitoring and alerting on business-critical systems",
        ],
        "success_factors": [
            "Standard connectors for ERP, WMS and major carriers; no custom code on core systems",
            "SSO with SCIM provisioning live on day one",
            "Clear API documentation, a sandbox and versioned, announced changes",
            "Integration errors retried automatically, alerts in the tools his team already uses",
            "No unplanned downtime caused by Brightline Flow in its first peak",
        ],
        "decision_criteria": [
            "Pre-built connectors plus a documented REST API with webhooks",
            "SOC 2 Type II report, ISO 27001, UK/EU data residency, pen-test summary",
            "SAML or OIDC single sign-on, SCIM, role-based access and audit logs",
            "Availability SLA, public status page and support response times",
            "Effort and skills needed from his team to implement and run it",
            "A clean exit: full data export in open formats",
        ],
        "perceived_barriers": [
            "Another SaaS vendor with access to order and customer data",
            "Doubts that the connectors cover their ERP version and customisations",
            "Operations might configure rules that bypass IT change control",
            "No team capacity while the ERP upgrade is under way",
            'The last vendor promised "plug and play" and delivered a services project',
        ],
        "objections": [
            "We can build this ourselves on our integration platform.",
            "Your connector won't handle our ERP customisations.",
            "Our data has to stay in the UK.",
            "We're mid-ERP-upgrade; nothing new until it's done.",
            "Who maintains the integration when a carrier changes its API?",
        ],
        "channels": [
            "Our API reference, sandbox and trust centre (he reads them before any meeting)",
            "Architecture and security review calls with a solutions engineer",
            "Dynamics 365 and SAP Business One user groups and partner events",
            "Peer CIO and IT-leader forums for logistics",
            "G2 and Gartner Peer Insights reviews",
            "Customer security questionnaire portals",
        ],
    },
    {
        "slug": "procurement-paula",
        "name": "Procurement Paula",
        "status": "draft",
        "reviewed_days_ago": 3,
        "avatar": None,
        "job_titles": [
            "Procurement Manager",
            "Category Manager, Indirect Spend",
        ],
        "segment": "Mid-market logistics & distribution",
        "company_size": "1001-5000",
        "buying_role": "influencer",
        "summary": (
            "Paula runs the tender once the business has chosen a shortlist. She cares about "
            "comparable quotes, contract risk and supplier onboarding, and can delay a signature "
            "by a quarter. Draft: still being checked with two recent deals."
        ),
        "quote": "Send me the pricing in our template, not yours.",
        "goals": [
            "Comparable, like-for-like quotes from at least three suppliers",
            "Standard contract terms with capped renewals",
            "Supplier onboarding (due diligence, insurance, ESG) finished before signature",
        ],
        "pains": [
            "Business teams bring her in after they have already chosen",
            "Vendor price sheets that cannot be compared line by line",
        ],
        "priority_initiatives": "",
        "success_factors": "",
        "decision_criteria": [
            "Total contract value over three years",
            "Supplier risk score and insurance certificates",
        ],
        "perceived_barriers": "",
        "objections": [
            "Your price is 20% above the other shortlisted supplier.",
            "We need 60-day payment terms.",
        ],
        "channels": [
            "Procurement tender portals",
            "CIPS events and newsletters",
        ],
    },
]
