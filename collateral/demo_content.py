"""The demo library's content: Brightline's assets, page texts, ratings and requests.

Data only; collateral/demo.py turns it into rows, files and history.
"""

from collateral.models import Asset

HISTORY_DAYS = 180
EXTRA_REPS = [
    ("rep2", "Priya", "Shah"),
    ("rep3", "Tom", "Becker"),
    ("rep4", "Lena", "Okafor"),
    ("rep5", "Marco", "Rossi"),
    ("rep6", "Hannah", "Kim"),
]
FIONA, OLIVIA, IVAN = "finance-fiona", "operations-olivia", "integration-ivan"
EXCEPTIONS = "Fewer exceptions, faster dispatch"
WEEKS = "Live in weeks, not quarters"
SYSTEMS = "Fits the systems you already run"
NUMBERS = "Numbers finance can trust"

# title, type, personas, stages, pillars, positioning version, status, age in days,
# weekly downloads (0 = never), review offset in days (negative = overdue), description,
# files: [(filename, kind, pages-or-steps, note)]
ASSETS = [
    {
        "title": "Brightline Flow overview deck",
        "type": Asset.Type.DECK,
        "personas": [FIONA, OLIVIA],
        "stages": ["awareness"],
        "pillars": [EXCEPTIONS, WEEKS],
        "age": 180,
        "weekly": 9,
        "description": "The first-meeting story: why order-to-dispatch exceptions cost "
        "mid-market distributors margin, and how Flow routes them to the right person in "
        "minutes. Twelve minutes, no product demo needed.",
        "format": "pptx",
        "files": [
            ("Brightline overview Q1.pptx", "Initial deck", 4),
            ("Brightline overview Q2.pptx", "New customer logos and the 38% exceptions proof", 5),
            ("Brightline overview Q3.pptx", "Shorter: cut to 12 minutes for first meetings", 5),
        ],
    },
    {
        "title": "The cost of an exception: CFO one-pager",
        "type": Asset.Type.ONE_PAGER,
        "personas": [FIONA],
        "stages": ["consideration"],
        "pillars": [NUMBERS],
        "age": 150,
        "weekly": 5,
        "slides": False,
        "description": "What one mis-routed order costs in overtime, credits and carrier "
        "re-booking, with the formula Fiona's team can check against their own numbers.",
        "files": [
            ("Cost of an exception.pdf", "First version", 1),
            ("Cost of an exception v2.pdf", "Updated the overtime rate to 2026 figures", 1),
        ],
    },
    {
        "title": "Payback model walkthrough",
        "type": Asset.Type.DECK,
        "personas": [FIONA],
        "stages": ["decision"],
        "pillars": [NUMBERS],
        "age": 120,
        "weekly": 6,
        "description": "Slide-by-slide walk through the payback model: inputs from the "
        "customer's ERP, the 7–9 month payback range and the risks finance will ask about.",
        "files": [("Payback model walkthrough.pdf", "First version", 5)],
        "chart": [100, 82, 61, 40, 22, 9],
    },
    {
        "title": "Northwind Distribution case study",
        "type": Asset.Type.CASE_STUDY,
        "personas": [FIONA, OLIVIA],
        "stages": ["consideration", "decision"],
        "pillars": [EXCEPTIONS, NUMBERS],
        "positioning": 1,
        "age": 170,
        "weekly": 7,
        "slides": False,
        "description": "Northwind cut dispatch exceptions by 38% in one quarter and stopped "
        "weekend overtime in two warehouses. Written against the previous positioning.",
        "files": [("Northwind case study.pdf", "Approved by Northwind's marketing team", 2)],
        # Written before the claim was withdrawn: still says "guaranteed 50% savings" (retired
        # wording in messaging/demo_content.py), so the drift check has a real hit.
        "extra_pages": [
            (
                "What Northwind's CFO signed off",
                [
                    "Brightline promised guaranteed 50% savings on weekend overtime",
                    "Dispatch exceptions down 38% in the first quarter",
                ],
            )
        ],
        "chart": [412, 377, 301, 255],
    },
    {
        "title": "Exception desk in a day: operations playbook",
        "type": Asset.Type.WHITEPAPER,
        "personas": [OLIVIA],
        "stages": ["consideration"],
        "pillars": [EXCEPTIONS],
        "age": 90,
        "weekly": 4,
        "slides": False,
        "description": "How an operations manager sets up the exception desk: which queues, "
        "who owns what, and what the morning stand-up looks like after week one.",
        "format": "docx",
        "files": [("Exception desk playbook.docx", "First version", 3)],
    },
    {
        "title": "Warehouse task routing datasheet",
        "type": Asset.Type.DATASHEET,
        "personas": [OLIVIA],
        "stages": ["consideration", "decision"],
        "pillars": [EXCEPTIONS, SYSTEMS],
        "age": 140,
        "weekly": 3,
        "slides": False,
        "description": "Routing rules, handheld support, shift hand-over and the reports "
        "operations managers use every morning.",
        "files": [("Task routing datasheet.pdf", "First version", 2)],
    },
    {
        "title": "Go-live plan: the first 30 days",
        "type": Asset.Type.ONE_PAGER,
        "personas": [OLIVIA, IVAN],
        "stages": ["onboarding"],
        "pillars": [WEEKS],
        "age": 75,
        "weekly": 2,
        "slides": False,
        "description": "Week by week from kick-off to the first routed exception: who from "
        "the customer is needed, for how long, and what is live at the end of each week.",
        "files": [("Go-live plan 30 days.pdf", "First version", 1)],
    },
    {
        "title": "ERP and WMS integration architecture",
        "type": Asset.Type.DATASHEET,
        "personas": [IVAN],
        "stages": ["consideration", "decision"],
        "pillars": [SYSTEMS],
        "age": 160,
        "weekly": 4,
        "description": "Connectors for SAP, Dynamics, NetSuite and the common WMSs, event "
        "flow, retry and replay, and where customer data lives.",
        "files": [
            ("Integration architecture.pdf", "First version", 4),
            ("Integration architecture v2.pdf", "Added the NetSuite connector and rate limits", 4),
        ],
    },
    {
        "title": "Security, SSO and uptime overview",
        "type": Asset.Type.WHITEPAPER,
        "personas": [IVAN],
        "stages": ["decision"],
        "pillars": [SYSTEMS],
        "positioning": 1,
        "age": 200,
        "weekly": 3,
        "review": -21,
        "slides": False,
        "description": "SAML/OIDC single sign-on, role mapping, encryption, the 99.9% uptime "
        "record and the questionnaire answers IT asks for. Due for review.",
        "files": [("Security overview.pdf", "First version", 3)],
    },
    {
        "title": "Battlecard: Flow vs. spreadsheets and e-mail",
        "type": Asset.Type.BATTLECARD,
        "personas": [FIONA, OLIVIA],
        "stages": ["decision"],
        "pillars": [EXCEPTIONS, NUMBERS],
        "age": 110,
        "weekly": 8,
        "description": "The status quo is our main competitor. Objections, landmines and "
        "the three questions that make the cost of “good enough” visible.",
        "files": [("Battlecard status quo.pdf", "First version", 2)],
    },
    {
        "title": "Carrier hand-off flow diagram",
        "type": Asset.Type.IMAGE,
        "personas": [OLIVIA],
        "stages": ["awareness"],
        "pillars": [SYSTEMS],
        "age": 95,
        "weekly": 2,
        "description": "One picture of how an order moves from pick to carrier, and where "
        "Flow catches the exceptions. Drop it into any deck.",
        "image": (
            "Carrier hand-off.png",
            "PNG",
            ["Order released", "Pick & pack", "Exception routed", "Carrier booked"],
        ),
    },
    {
        "title": "Dispatch dashboard screenshot",
        "type": Asset.Type.IMAGE,
        "personas": [OLIVIA],
        "stages": ["awareness"],
        "pillars": [EXCEPTIONS],
        "age": 60,
        "weekly": 0,
        "description": "The exceptions dashboard as a shift lead sees it at 6 am.",
        "image": (
            "Dispatch dashboard.jpg",
            "JPEG",
            ["Late orders", "Short picks", "Carrier no-shows"],
        ),
    },
    {
        "title": "Quarterly business review template",
        "type": Asset.Type.EMAIL_TEMPLATE,
        "personas": [OLIVIA],
        "stages": ["onboarding"],
        "pillars": [NUMBERS],
        "age": 45,
        "weekly": 0,
        "description": "The QBR agenda and the three charts customers want: exceptions per "
        "1,000 orders, time to resolve, overtime hours.",
        "files": [("QBR template.pdf", "First version", 3)],
    },
    {
        "title": "Autumn launch teaser deck",
        "type": Asset.Type.DECK,
        "personas": [FIONA, OLIVIA],
        "stages": ["awareness"],
        "pillars": [WEEKS],
        "age": 5,
        "weekly": 0,
        "status": Asset.Status.DRAFT,
        "description": "Draft for the autumn launch: predictive exception alerts. Not for "
        "customers yet.",
        "files": [("Autumn teaser DRAFT.pdf", "Work in progress", 3)],
    },
    {
        "title": "2025 price list",
        "type": Asset.Type.DATASHEET,
        "personas": [FIONA],
        "stages": ["decision"],
        "pillars": [NUMBERS],
        "positioning": 1,
        "age": 210,
        "weekly": 5,
        "retired_days_ago": 50,
        "status": Asset.Status.RETIRED,
        "slides": False,
        "description": "Last year's list prices. Retired when the 2026 packaging launched.",
        "files": [("Price list 2025.pdf", "First version", 1)],
    },
]

PAGE_TEXT = [
    (
        "Every exception costs you twice",
        [
            "Orders stall between systems while people chase e-mails",
            "Overtime and credits follow every late dispatch",
            "Carrier chargebacks land on the P&L weeks after the missed slot",
            "Nobody sees the queue until the carrier has left",
        ],
    ),
    (
        "What changes with Brightline Flow",
        [
            "Exceptions are routed to an owner within minutes",
            "Warehouse, customer service and finance see one queue",
            "Carrier hand-offs are booked, tracked and confirmed",
        ],
    ),
    (
        "Proof from customers like you",
        [
            "Northwind: 38% fewer dispatch exceptions in one quarter",
            "Harbour Foods: weekend overtime stopped in two sites",
            "Live in six weeks on the ERP you already run",
        ],
    ),
    (
        "How a project runs",
        [
            "Week 1–2: connect ERP and WMS, map exception types",
            "Week 3–4: route the first queues, train shift leads",
            "Week 5–6: expand to all sites, review the numbers",
        ],
    ),
    (
        "Next steps",
        [
            "A 30-minute exception review with your operations lead",
            "Your numbers in the payback model",
            "A reference call with a customer in your segment",
        ],
    ),
]

# Speaker notes of the PowerPoint demo deck, one per PAGE_TEXT slide (words found only here).
SPEAKER_NOTES = [
    "Ask how many orders missed their carrier slot last week; most teams guess low.",
    "Pause here: ask for their annual chargeback total before showing the payback range.",
    "Mention the Harbour Foods sensitivity analysis if finance asks for worst cases.",
    "Keep the timeline honest: the ERP connector is the long pole, not training.",
    "Offer the exception review; bring the payback spreadsheet pre-filled.",
]
# The Word demo playbook's table: who owns which exception on the desk.
DESK_OWNERS = [
    ["Exception", "Owner", "Clear within"],
    ["Short pick", "Shift lead", "30 minutes"],
    ["Carrier no-show", "Transport planner", "2 hours"],
    ["Address mismatch", "Customer service", "4 hours"],
]

FEEDBACK = [
    ("Payback model walkthrough", "rep", 5, "Worked with two CFOs this month; slide 3 lands."),
    ("Payback model walkthrough", "rep3", 4, "Good, but add a sensitivity table."),
    ("Brightline Flow overview deck", "rep2", 4, "My default first-call deck."),
    ("Brightline Flow overview deck", "rep4", 3, "Still a bit long for a 30-minute slot."),
    ("Northwind Distribution case study", "rep", 5, "Customers ask for this one by name."),
    ("Northwind Distribution case study", "rep5", 5, ""),
    ("2025 price list", "rep2", 2, "Pricing slide outdated since the new packaging."),
    ("Battlecard: Flow vs. spreadsheets and e-mail", "rep6", 4, "The landmine questions work."),
    ("Security, SSO and uptime overview", "rep3", 3, "IT wanted SOC 2 details that are missing."),
    ("The cost of an exception: CFO one-pager", "manager", 4, "Forwarded by a CFO to her CEO."),
    ("ERP and WMS integration architecture", "rep4", 4, "Ivan-type buyers liked the replay part."),
]

REQUESTS = [
    (
        FIONA,
        "onboarding",
        Asset.Type.ONE_PAGER,
        "rep",
        "A one-page renewal summary Fiona can take to her board: savings to date and next year.",
    ),
    (
        IVAN,
        "awareness",
        Asset.Type.WHITEPAPER,
        "rep2",
        "Something short for IT leaders who have not heard of us: why exceptions are an "
        "integration problem.",
    ),
    (
        IVAN,
        "decision",
        Asset.Type.DATASHEET,
        "rep3",
        "SOC 2 and penetration test summary for the security questionnaire.",
    ),
    (
        OLIVIA,
        "consideration",
        Asset.Type.VIDEO,
        "rep4",
        "A two-minute video of a shift lead clearing the exception queue.",
    ),
]
