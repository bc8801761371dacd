//! The vocabulary of the interpreter: the sentence as tokens, and the small
//! word lists (numbers, units, periods, currencies, icons) it reads them by.

use crate::spec::Period;

/// One word or mark of the sentence.
#[derive(Clone, Debug)]
pub struct Tok {
    /// As typed, for names ("No phone after 10").
    pub orig: String,
    /// Lowercased, for matching.
    pub low: String,
    /// A mark: `,` `:` `;` `(` `)` `?` `!` `.` `"` or a currency symbol.
    pub punct: bool,
    /// Consumed by something the interpreter understood.
    pub used: bool,
}

impl Tok {
    pub fn is(&self, word: &str) -> bool {
        self.low == word
    }
}

/// Splits a sentence into words and marks. Emoji and other symbols are
/// returned apart: the first one becomes the app's icon.
pub fn tokens(sentence: &str) -> (Vec<Tok>, Option<String>) {
    let chars: Vec<char> = sentence.chars().collect();
    let mut out = Vec::new();
    let mut emoji = None;
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut Vec<Tok>| {
        let w = word.trim_matches(|c| c == '\'' || c == '-' || c == '/' || c == '_');
        if !w.is_empty() {
            out.push(Tok {
                orig: w.to_string(),
                low: w.to_lowercase(),
                punct: false,
                used: false,
            });
        }
        word.clear();
    };
    for (i, &c) in chars.iter().enumerate() {
        let prev_digit = i > 0 && chars[i - 1].is_ascii_digit();
        let next_digit = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        let thousands = c == ','
            && prev_digit
            && chars.len() >= i + 4
            && chars[i + 1..i + 4].iter().all(|d| d.is_ascii_digit())
            && !chars.get(i + 4).is_some_and(|d| d.is_ascii_digit());
        if c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '_' | '/' | '&' | '+') {
            word.push(if c == '’' { '\'' } else { c });
        } else if (c == '.' && prev_digit && next_digit) || thousands {
            if c == '.' {
                word.push(c);
            }
        } else {
            flush(&mut word, &mut out);
            if matches!(
                c,
                ',' | ':' | ';' | '(' | ')' | '?' | '!' | '.' | '"' | '$' | '€' | '£' | '¥' | '₹'
            ) {
                out.push(Tok {
                    orig: c.to_string(),
                    low: c.to_string(),
                    punct: true,
                    used: false,
                });
            } else if !c.is_whitespace() && !c.is_ascii() && !is_joiner(c) && emoji.is_none() {
                emoji = Some(c.to_string());
            }
        }
    }
    flush(&mut word, &mut out);
    (out, emoji)
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\u{200d}' | '\u{fe0f}' | '\u{fe0e}')
}

/// Words that carry no meaning of their own here: they are never reported
/// as ignored, and never become a name.
pub fn filler(w: &str) -> bool {
    const FILLER: &[&str] = &[
        "a", "an", "the", "my", "our", "your", "i", "me", "we", "want", "wanna", "need", "would", "like",
        "to", "make", "create", "build", "give", "set", "up", "keep", "track", "tracking", "log", "logging",
        "record", "count", "counting", "of", "for", "with", "in", "on", "at", "and", "or", "per", "each",
        "every", "please", "app", "some", "that", "which", "is", "it", "be", "do", "does", "how", "many",
        "much", "just", "simple", "little", "small", "new", "also", "by", "from", "about", "so", "can",
        "let", "lets", "let's", "help", "should", "will", "this", "these", "those", "its", "their", "them",
        "have", "has", "one", "thing", "things", "where", "when", "what", "am", "are", "i'm", "i'd", "im",
        "into", "as", "all", "any", "list", "tracker", "timer", "log", "field", "fields", "column",
        "columns", "called", "named", "go", "get", "drink", "eat", "take", "do", "doing", "each", "day",
        "days", "times", "time", "want", "try", "trying", "start", "remember", "mark",
    ];
    FILLER.contains(&w)
}

/// Words that say what a sentence is about but are not names themselves.
pub fn kind_word(w: &str) -> bool {
    matches!(
        w,
        "list"
            | "log"
            | "tracker"
            | "timer"
            | "app"
            | "database"
            | "table"
            | "board"
            | "kanban"
            | "checklist"
            | "countdown"
            | "stopwatch"
            | "habit"
            | "habits"
            | "collection"
            | "catalog"
            | "catalogue"
            | "inventory"
            | "spreadsheet"
    )
}

/// 8, 2.5, "eight", "a dozen"'s "dozen"; 10,000 arrives as "10000".
pub fn number(w: &str) -> Option<f64> {
    if let Ok(n) = w.parse::<f64>()
        && n.is_finite()
        && w.chars().next().is_some_and(|c| c.is_ascii_digit())
    {
        return Some(n);
    }
    const WORDS: &[(&str, f64)] = &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty", 40.0),
        ("fifty", 50.0),
        ("sixty", 60.0),
        ("ninety", 90.0),
        ("hundred", 100.0),
        ("dozen", 12.0),
    ];
    WORDS.iter().find(|(k, _)| *k == w).map(|(_, n)| *n)
}

/// "once" / "twice" / "thrice": a count of times on its own.
pub fn times_word(w: &str) -> Option<f64> {
    match w {
        "once" => Some(1.0),
        "twice" => Some(2.0),
        "thrice" => Some(3.0),
        _ => None,
    }
}

/// Seconds per unit of a duration word: "minutes" -> 60.
pub fn duration_unit(w: &str) -> Option<u64> {
    match w {
        "s" | "sec" | "secs" | "second" | "seconds" => Some(1),
        "m" | "min" | "mins" | "minute" | "minutes" => Some(60),
        "h" | "hr" | "hrs" | "hour" | "hours" => Some(3600),
        _ => None,
    }
}

/// A duration written as one word: "25m", "40s", "1h30m", "25min", "90sec".
pub fn compact_duration(w: &str) -> Option<u64> {
    let mut total = 0u64;
    let mut digits = String::new();
    let mut unit = String::new();
    let mut any = false;
    let close = |digits: &mut String, unit: &mut String, total: &mut u64| -> Option<()> {
        let n: u64 = digits.parse().ok()?;
        *total = total.checked_add(n.checked_mul(duration_unit(unit)?)?)?;
        digits.clear();
        unit.clear();
        Some(())
    };
    for c in w.chars() {
        if c.is_ascii_digit() {
            if !unit.is_empty() {
                close(&mut digits, &mut unit, &mut total)?;
            }
            digits.push(c);
        } else if c.is_ascii_alphabetic() {
            if digits.is_empty() {
                return None;
            }
            unit.push(c);
            any = true;
        } else {
            return None;
        }
    }
    if !any || digits.is_empty() {
        return None;
    }
    close(&mut digits, &mut unit, &mut total)?;
    (total > 0).then_some(total)
}

/// "day" / "week" / "month" / "year" (and "night", "session"-less forms).
pub fn period_noun(w: &str) -> Option<Period> {
    match w {
        "day" | "night" | "evening" | "morning" => Some(Period::Daily),
        "week" => Some(Period::Weekly),
        "month" => Some(Period::Monthly),
        "year" => Some(Period::Yearly),
        _ => None,
    }
}

/// "daily" / "weekly" / "monthly" / "yearly" on their own.
pub fn period_adverb(w: &str) -> Option<Period> {
    match w {
        "daily" | "nightly" => Some(Period::Daily),
        "weekly" => Some(Period::Weekly),
        "monthly" => Some(Period::Monthly),
        "yearly" | "annually" | "annual" => Some(Period::Yearly),
        _ => None,
    }
}

/// The ISO code of a currency word, code or symbol.
pub fn currency(w: &str) -> Option<&'static str> {
    Some(match w {
        "€" | "eur" | "euro" | "euros" => "EUR",
        "$" | "usd" | "dollar" | "dollars" | "bucks" => "USD",
        "£" | "gbp" | "pound" | "pounds" | "quid" | "sterling" => "GBP",
        "¥" | "jpy" | "yen" => "JPY",
        "₹" | "inr" | "rupee" | "rupees" => "INR",
        "chf" | "franc" | "francs" => "CHF",
        "sek" | "kronor" | "krona" => "SEK",
        "nok" => "NOK",
        "dkk" => "DKK",
        "pln" | "zloty" | "zlotys" | "złoty" => "PLN",
        "cad" => "CAD",
        "aud" => "AUD",
        "brl" | "reais" | "real" => "BRL",
        "mxn" | "pesos" => "MXN",
        "czk" => "CZK",
        _ => return None,
    })
}

/// A unit an amount is counted in, normalised ("kilometres" -> "km").
pub fn unit(w: &str) -> Option<String> {
    let u = match w {
        "km" | "kms" | "kilometre" | "kilometres" | "kilometer" | "kilometers" | "k" => "km",
        "mi" | "mile" | "miles" => "miles",
        "kg" | "kgs" | "kilo" | "kilos" | "kilogram" | "kilograms" => "kg",
        "lb" | "lbs" => "lbs",
        "g" | "gram" | "grams" => "g",
        "l" | "litre" | "litres" | "liter" | "liters" => "l",
        "ml" | "millilitre" | "millilitres" | "milliliter" | "milliliters" => "ml",
        "cm" | "centimetres" | "centimeters" => "cm",
        "kcal" | "calorie" | "calories" | "cal" => "kcal",
        "min" | "mins" | "minute" | "minutes" => "minutes",
        "h" | "hr" | "hrs" | "hour" | "hours" => "hours",
        "page" | "pages" => "pages",
        "step" | "steps" => "steps",
        "rep" | "reps" => "reps",
        _ => return None,
    };
    Some(u.to_string())
}

/// "dessert" -> "desserts": units read best in the plural ("2 cups").
pub fn plural(w: &str) -> String {
    if w.ends_with('s') || unit(w).is_some() {
        w.to_string()
    } else if w.ends_with("x") || w.ends_with("ch") || w.ends_with("sh") {
        format!("{w}es")
    } else if w.ends_with('y') && !w.ends_with("ay") && !w.ends_with("ey") && !w.ends_with("oy") {
        format!("{}ies", &w[..w.len() - 1])
    } else {
        format!("{w}s")
    }
}

/// A verb of a habit, as the habit's name: "run" -> "running".
pub fn habit_noun(w: &str) -> Option<&'static str> {
    Some(match w {
        "run" | "jog" => "running",
        "read" => "reading",
        "walk" => "walking",
        "swim" => "swimming",
        "cycle" | "bike" | "ride" => "cycling",
        "meditate" => "meditation",
        "write" => "writing",
        "study" => "study",
        "practise" | "practice" => "practice",
        "sleep" => "sleep",
        "stretch" => "stretching",
        "floss" => "flossing",
        _ => return None,
    })
}

/// An icon for a word of the sentence, most specific words first.
pub fn icon(w: &str) -> Option<&'static str> {
    const ICONS: &[(&[&str], &str)] = &[
        (&["water", "hydration", "hydrate"], "💧"),
        (&["run", "runs", "running", "jog", "jogging", "marathon"], "🏃"),
        (&["book", "books", "reading", "read", "novel", "novels"], "📚"),
        (
            &[
                "yoga",
                "stretch",
                "stretching",
                "meditate",
                "meditation",
                "mindfulness",
            ],
            "🧘",
        ),
        (&["coffee", "espresso", "caffeine"], "☕"),
        (&["tea"], "🍵"),
        (&["sugar", "dessert", "desserts", "sweets", "candy", "cake"], "🍰"),
        (&["eggs", "egg"], "🥚"),
        (&["pomodoro", "focus"], "🍅"),
        (
            &[
                "expenses", "expense", "budget", "spending", "money", "costs", "bills", "income",
            ],
            "💶",
        ),
        (&["plant", "plants", "garden", "gardening", "watering"], "🌱"),
        (
            &[
                "workout",
                "workouts",
                "gym",
                "lifting",
                "exercise",
                "exercises",
                "weights",
                "hiit",
                "tabata",
            ],
            "🏋",
        ),
        (
            &[
                "packing", "pack", "trip", "travel", "vacation", "holiday", "luggage",
            ],
            "🧳",
        ),
        (&["chores", "chore", "cleaning", "housework"], "🧹"),
        (&["sleep", "bed", "bedtime"], "😴"),
        (&["walk", "walking", "steps"], "🚶"),
        (
            &["film", "films", "movie", "movies", "watchlist", "shows", "series"],
            "🎬",
        ),
        (
            &["client", "clients", "crm", "leads", "customers", "contacts"],
            "🤝",
        ),
        (&["recipe", "recipes", "cooking", "meals", "meal"], "🍳"),
        (&["music", "albums", "songs", "guitar", "piano"], "🎵"),
        (&["game", "games", "gaming"], "🎮"),
        (&["journal", "journaling", "diary", "writing"], "📓"),
        (&["smoking", "cigarettes", "cigarette"], "🚭"),
        (&["weight", "weigh"], "⚖"),
        (
            &["gift", "gifts", "presents", "birthday", "birthdays", "christmas"],
            "🎁",
        ),
        (&["wine", "wines", "beer", "beers", "alcohol", "drinks"], "🍷"),
        (&["bike", "cycling", "cycle"], "🚲"),
        (&["swim", "swimming"], "🏊"),
        (
            &[
                "study", "studying", "learn", "learning", "language", "spanish", "french", "german", "vocab",
            ],
            "🎓",
        ),
        (
            &["todo", "to-do", "todos", "tasks", "task", "projects", "project"],
            "📋",
        ),
        (&["groceries", "grocery", "shopping", "shop"], "🛒"),
        (&["medicine", "medication", "pills", "vitamins", "meds"], "💊"),
        (&["dog", "dogs", "cat", "cats", "pet", "pets"], "🐾"),
        (&["car", "fuel", "petrol", "gas", "mileage"], "🚗"),
        (&["wedding", "party", "guests", "event", "rsvp"], "🎉"),
        (&["phone", "screen"], "📵"),
        (&["habits", "habit", "routine"], "✅"),
        (&["stopwatch"], "⏱"),
        (&["countdown", "timer", "intervals", "interval"], "⏲"),
    ];
    ICONS.iter().find(|(ws, _)| ws.contains(&w)).map(|(_, i)| *i)
}

/// A month's number: "march" / "mar" -> 3.
pub fn month(w: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    MONTHS
        .iter()
        .position(|m| *m == w || (w.len() == 3 && m.starts_with(w)) || (w == "sept" && *m == "september"))
        .map(|i| i as u32 + 1)
}

/// A weekday, Monday = 0.
pub fn weekday(w: &str) -> Option<u32> {
    [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
    .iter()
    .position(|d| *d == w || (w.len() == 3 && d.starts_with(w)))
    .map(|i| i as u32)
}

/// "Reading log" from "reading log": the first letter upper-cased.
pub fn capitalise(text: &str) -> String {
    let mut c = text.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Colours: nook's apps have no colour of their own, so "in green" is
/// never a name and is reported as ignored.
pub fn colour(w: &str) -> bool {
    matches!(
        w,
        "red"
            | "green"
            | "blue"
            | "yellow"
            | "orange"
            | "purple"
            | "pink"
            | "black"
            | "white"
            | "gray"
            | "grey"
            | "colour"
            | "color"
            | "colours"
            | "colors"
            | "colourful"
            | "colorful"
    )
}
