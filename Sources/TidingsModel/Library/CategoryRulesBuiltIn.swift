/// The rules used when the user has none: common news words per category.
extension CategoryRules {
    /// Used when the user has no rules file.
    public static let builtIn = CategoryRules([
        ("Tech", ["ai", "apple", "google", "microsoft", "meta", "amazon", "software", "app", "apps", "smartphone",
                  "iphone", "android", "pixel", "laptop", "pc", "chip", "chips", "nvidia", "amd", "intel", "gaming",
                  "cyber", "cybersecurity", "cloud", "data", "startup", "robot", "robotics", "5g", "wifi",
                  "internet", "browser", "youtube", "openai", "chatbot", "keyboard", "semiconductor", "tech"]),
        ("Business", ["business", "market", "markets", "shares", "stock", "stocks", "profit", "revenue", "earnings",
                      "investors", "investment", "investments", "bank", "banks", "economy", "economic", "inflation",
                      "jobs", "layoffs", "retail", "brands", "marketing", "trade", "tariff", "tariffs", "ipo",
                      "merger", "acquisition", "ceo", "growth"]),
        ("Science", ["science", "scientists", "research", "researchers", "study", "space", "nasa", "planet",
                     "telescope", "physics", "chemistry", "biology", "fossil", "species", "climate", "genome",
                     "quantum", "asteroid", "moon", "mars", "ocean", "volcano", "dinosaur"]),
        ("Health", ["health", "hospital", "hospitals", "doctor", "doctors", "disease", "virus", "vaccine",
                    "vaccines", "cancer", "covid", "dengue", "medical", "medicine", "patients", "diet", "fitness",
                    "mental", "nutrition", "outbreak"]),
        ("Sport", ["sport", "sports", "football", "soccer", "cricket", "tennis", "badminton", "golf", "olympic",
                   "olympics", "league", "match", "cup", "championship", "athlete", "athletes", "marathon",
                   "formula", "f1", "nba", "fifa", "goal", "coach", "tournament"]),
        ("Politics", ["election", "elections", "minister", "parliament", "government", "president", "policy",
                      "vote", "votes", "voters", "party", "senate", "congress", "law", "bill", "court", "mp"]),
        ("World", ["war", "un", "united nations", "refugees", "diplomat", "diplomatic", "embassy", "summit",
                   "border", "ceasefire", "asean", "global", "international", "earthquake", "flood", "floods",
                   "typhoon"]),
        ("Entertainment", ["film", "films", "movie", "movies", "music", "album", "concert", "celebrity", "tv",
                           "series", "netflix", "actor", "actress", "singer", "festival", "k-pop", "anime",
                           "box office", "streaming"]),
        ("Travel", ["travel", "tourism", "tourists", "airline", "airlines", "flight", "flights", "airport",
                    "hotel", "hotels", "visa"]),
        ("Food", ["food", "restaurant", "restaurants", "recipe", "hawker", "chef", "cuisine", "coffee"]),
    ])
}
