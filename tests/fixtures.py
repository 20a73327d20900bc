"""Short fixture articles written for the tests (wire-style, invented, neutral)."""

ARTICLE = """date 2024-05-02

Flooding forces thousands from homes in river valley

Heavy rain caused the river to burst its banks on Wednesday, forcing about 3,000 people from their homes, the regional civil defence agency said.

"Water levels are still rising," agency spokesperson Maria Lopez told reporters, adding that two bridges had been closed.

Skip to content
Related Articles
"""

ARTICLE_DATELINE = """Tuesday, March 4, 2025

Talks on prisoner exchange resume in neutral capital

Negotiators from both governments met on Tuesday for a second round of talks on a prisoner exchange, officials from both delegations said.
"""

ARTICLE_NO_DATE = """Shelling damages school in border town

A school in a border town was damaged by shelling overnight, local officials said. No casualties were reported, according to the town council.
"""

HTML_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Ceasefire holds in northern province | Example Wire</title>
<meta property="og:site_name" content="Example Wire">
<meta property="article:published_time" content="2024-09-12T08:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ceasefire holds in northern province</h1>
<p>A ceasefire between government forces and an armed group held for a third day on Thursday, residents and officials said, allowing aid convoys to reach two towns.</p>
<p>"The roads are open and the first trucks have arrived," a spokesperson for the provincial administration said in a statement.</p>
<p>Monitors reported no clashes overnight, the first quiet night since fighting began in late August.</p>
</article>
<footer>Copyright Example Wire. All rights reserved.</footer>
</body></html>
"""

LISTING = """Skip to content

Storm Damage Reported Across Coastal District

Strong winds damaged roofs and power lines across the coastal district on Monday, officials said, and crews worked through the night.

Ministers Meet To Discuss Reconstruction Budget

Finance and infrastructure ministers met on Tuesday to discuss the budget for repairs, a government statement said.

Volunteers Clear Debris From Harbour Front

Hundreds of volunteers cleared debris from the harbour front on Wednesday, the town council said.

Schools Reopen After Week Of Closures

Schools in the district reopened on Thursday after a week of closures, the education office said.
"""

FRENCH = """Des milliers de personnes ont manifesté samedi dans la capitale pour demander la fin des combats, selon les organisateurs. La police a indiqué que le rassemblement s'est déroulé dans le calme et que les manifestants se sont dispersés en fin de journée."""
