//! Lists: "books with title, author, status (to read, reading, done),
//! rating out of 10". Each field's type comes from its words, in one
//! function, [`field_type`].

use super::words::{self, Tok};

/// A field type as the interpreter writes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Ty {
    Text,
    Number {
        unit: Option<String>,
        max: Option<f64>,
        whole: bool,
    },
    Money(Option<&'static str>),
    Bool,
    Choice(Vec<String>),
    Tags(Vec<String>),
    Date,
    DateTime,
    Duration,
    Rating(u8),
    Url,
}

pub struct Field {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    /// The first option of a board's column field: new cards start there.
    pub default_first: bool,
    /// The list's due date field (`due: true`).
    pub due: bool,
}

pub enum ListView {
    Checklist,
    Table,
    Board(String),
}

pub struct ListPlan {
    pub fields: Vec<Field>,
    pub view: ListView,
    pub name_hint: Option<String>,
    /// `repeat:` as written: `Weekly`, `Every(3, Days)`.
    pub repeat: Option<String>,
}

/// "repeats weekly", "every 2 weeks", "recurring monthly": how items recur,
/// as `repeat:` writes it. Its words are marked used; words in parentheses
/// (a field's options) are not read.
fn take_repeat(toks: &mut [Tok]) -> Option<String> {
    let mut depth = 0;
    for i in 0..toks.len() {
        match toks[i].low.as_str() {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        if depth > 0 || toks[i].used {
            continue;
        }
        let w = toks[i].low.as_str();
        let cue = matches!(
            w,
            "repeat" | "repeats" | "repeating" | "recurring" | "recur" | "recurs"
        );
        let mut j = if cue { i + 1 } else { i };
        if toks.get(j).is_some_and(|t| t.is("every") || t.is("each")) {
            let n_at = j + 1;
            let (n, unit_at) = match toks.get(n_at).and_then(|t| words::number(&t.low)) {
                Some(n) => (n, n_at + 1),
                None => (1.0, n_at),
            };
            let unit = toks
                .get(unit_at)
                .map(|t| t.low.trim_end_matches('s').to_string())
                .unwrap_or_default();
            let written = match (n, unit.as_str()) {
                (1.0, "day") => Some("Daily".to_string()),
                (1.0, "week") => Some("Weekly".to_string()),
                (1.0, "month") => Some("Monthly".to_string()),
                (1.0, "year") => Some("Yearly".to_string()),
                (1.0, "weekday") => Some("Weekdays".to_string()),
                (n, u)
                    if n.fract() == 0.0
                        && (1.0..=1000.0).contains(&n)
                        && matches!(u, "day" | "week" | "month") =>
                {
                    Some(format!("Every({}, {}s)", n as u32, words::capitalise(u)))
                }
                _ => None,
            };
            // "every day" alone in a list says when, not that items recur; a
            // cue or a due field makes it a repeat (the caller decides).
            if let Some(r) = written
                && (cue || n != 1.0 || !matches!(unit.as_str(), "day"))
            {
                for t in &mut toks[i..=unit_at] {
                    t.used = true;
                }
                return Some(r);
            }
            continue;
        }
        if cue {
            j = i + 1;
            let r = match toks.get(j).map(|t| t.low.as_str()) {
                Some("daily") => "Daily",
                Some("weekly") => "Weekly",
                Some("monthly") => "Monthly",
                Some("yearly" | "annually") => "Yearly",
                Some("fortnightly") => "Every(2, Weeks)",
                Some("weekdays") => "Weekdays",
                _ => continue,
            };
            for t in &mut toks[i..=j] {
                t.used = true;
            }
            return Some(r.to_string());
        }
    }
    None
}

/// Where the fields are listed: after "with", ":", "fields" or "columns".
fn fields_start(toks: &[Tok]) -> Option<usize> {
    toks.iter()
        .position(|t| {
            !t.used
                && matches!(
                    t.low.as_str(),
                    "with" | ":" | "fields" | "columns" | "including" | "recording" | "-"
                )
        })
        .map(|i| {
            let mut j = i + 1;
            while toks
                .get(j)
                .is_some_and(|t| t.is(":") || t.is("fields") || t.is("columns") || t.is("for"))
            {
                j += 1;
            }
            j
        })
}

/// The field phrases, as token indexes, split at commas and "and" outside
/// parentheses. None when the sentence lists none.
pub fn field_items(toks: &[Tok]) -> Option<Vec<Vec<usize>>> {
    let start = fields_start(toks)?;
    let mut items = Vec::new();
    let mut item = Vec::new();
    let mut depth = 0;
    for i in start..toks.len() {
        let t = &toks[i];
        if t.used && !t.punct {
            continue;
        }
        match t.low.as_str() {
            "(" => depth += 1,
            ")" => depth -= 1,
            _ => {}
        }
        let and_joins_date =
            t.is("and") && i > 0 && toks[i - 1].is("date") && toks.get(i + 1).is_some_and(|n| n.is("time"));
        let cut = depth == 0
            && (t.is(",")
                || t.is(";")
                || t.is(".")
                || t.is("&")
                || t.is("+")
                || (t.is("and") && !and_joins_date));
        if cut {
            items.push(std::mem::take(&mut item));
        } else {
            item.push(i);
        }
    }
    items.push(item);
    let items: Vec<Vec<usize>> = items
        .into_iter()
        .filter(|it| {
            it.iter().any(|&k| {
                !toks[k].punct
                    && !matches!(
                        toks[k].low.as_str(),
                        "a" | "an" | "the" | "my" | "and" | "or" | "with"
                    )
            })
        })
        .collect();
    (!items.is_empty()).then_some(items)
}

/// Whether a field phrase says a type ("rating out of 10", "price in €").
pub fn typed(toks: &[Tok], items: &[Vec<usize>]) -> bool {
    items.iter().any(|it| {
        let ws: Vec<&Tok> = it.iter().map(|&k| &toks[k]).collect();
        !matches!(field_type(&ws, None).1, Ty::Text)
    })
}

/// A list of money: "expenses", "budget" (an amount field is added).
pub fn money_list(toks: &[Tok]) -> bool {
    toks.iter().any(|t| {
        matches!(
            t.low.as_str(),
            "expenses"
                | "expense"
                | "budget"
                | "spending"
                | "costs"
                | "bills"
                | "purchases"
                | "donations"
                | "subscriptions"
        )
    })
}

/// The currency named anywhere in the sentence.
fn sentence_currency(toks: &[Tok]) -> Option<&'static str> {
    toks.iter().find_map(|t| words::currency(&t.low))
}

pub fn read(toks: &mut [Tok]) -> ListPlan {
    let currency = sentence_currency(toks);
    let repeat = take_repeat(toks);
    let mut fields: Vec<Field> = Vec::new();
    let start = fields_start(toks);
    if let Some(items) = field_items(toks) {
        for item in items {
            let ws: Vec<&Tok> = item.iter().map(|&k| &toks[k]).collect();
            let (name_idx, ty) = field_type(&ws, currency);
            let name: Vec<String> = name_idx.iter().map(|&k| ws[k].low.clone()).collect();
            let name = name.join("_");
            let name = if name.is_empty() {
                default_field_name(&ty).to_string()
            } else {
                name
            };
            let name = unique_field(&fields, &name);
            for (n, &k) in item.iter().enumerate() {
                // Colours and words past a name's fourth stay unplaced: reported.
                let before_colour = item.get(n + 1).is_some_and(|&c| words::colour(&toks[c].low));
                let colour = words::colour(&toks[k].low)
                    || (before_colour && matches!(toks[k].low.as_str(), "in" | "with"));
                if !colour || name_idx.contains(&n) {
                    toks[k].used = true;
                }
            }
            fields.push(Field {
                name,
                ty,
                required: false,
                default_first: false,
                due: false,
            });
        }
        if let Some(s) = start {
            // The "with" / ":" that opened the fields.
            if s > 0 {
                toks[s - 1].used = true;
            }
        }
    }
    let money = money_list(toks) || currency.is_some();
    if money && !fields.is_empty() && !fields.iter().any(|f| matches!(f.ty, Ty::Money(_))) {
        fields.push(Field {
            name: unique_field(&fields, "amount"),
            ty: Ty::Money(currency),
            required: false,
            default_first: false,
            due: false,
        });
    }
    if money && fields.is_empty() {
        fields.push(Field {
            name: "what".into(),
            ty: Ty::Text,
            required: true,
            default_first: false,
            due: false,
        });
        fields.push(Field {
            name: "amount".into(),
            ty: Ty::Money(currency),
            required: false,
            default_first: false,
            due: false,
        });
        fields.push(Field {
            name: "on".into(),
            ty: Ty::Date,
            required: false,
            default_first: false,
            due: false,
        });
    }
    for t in toks.iter_mut() {
        if words::currency(&t.low).is_some() {
            t.used = true;
        }
    }
    if !fields.is_empty() {
        // A row shows its first Text value as the title: make sure there is one.
        match fields.iter().position(|f| f.ty == Ty::Text) {
            Some(k) => fields[k].required = true,
            None => {
                let title = if money { "what" } else { "name" };
                let title = unique_field(&fields, title);
                fields.insert(
                    0,
                    Field {
                        name: title,
                        ty: Ty::Text,
                        required: true,
                        default_first: false,
                        due: false,
                    },
                );
            }
        }
    }
    // "a task board", "as a table"; not "board games" or "table tennis".
    let view_word: Vec<usize> = (0..toks.len())
        .filter(|&i| {
            let t = &toks[i];
            !t.used
                && matches!(t.low.as_str(), "board" | "kanban" | "table" | "spreadsheet")
                && toks.get(i + 1).is_none_or(|n| {
                    n.punct
                        || matches!(
                            n.low.as_str(),
                            "with" | "of" | "for" | "view" | "by" | "until" | "in"
                        )
                })
        })
        .collect();
    let wants_board = view_word
        .iter()
        .any(|&i| toks[i].is("board") || toks[i].is("kanban"));
    let wants_table = view_word
        .iter()
        .any(|&i| toks[i].is("table") || toks[i].is("spreadsheet"));
    for &i in &view_word {
        toks[i].used = true;
    }
    let board = fields
        .iter()
        .position(|f| matches!(&f.ty, Ty::Choice(opts) if status_like(&f.name, opts)))
        .or_else(|| {
            wants_board
                .then(|| fields.iter().position(|f| matches!(f.ty, Ty::Choice(_))))
                .flatten()
        });
    let view = match board {
        Some(k) => {
            fields[k].default_first = true;
            ListView::Board(fields[k].name.clone())
        }
        None if wants_table || fields.len() >= 4 => ListView::Table,
        None => ListView::Checklist,
    };
    // "a list of books": the name after "of" when the head is only "list".
    let name_hint = toks
        .iter()
        .position(|t| t.is("of") && !t.used)
        .and_then(|i| {
            toks.get(i + 1)
                .filter(|t| !t.used && !t.punct && !words::filler(&t.low))
        })
        .map(|t| t.orig.clone());
    // The due field: the first date named like one, or the first date when
    // items repeat (a repeat needs one; "due" is added when there is none).
    const DUE: &[&str] = &[
        "due", "deadline", "next", "by", "due_date", "due_on", "next_due", "when_due",
    ];
    let is_date = |f: &Field| matches!(f.ty, Ty::Date | Ty::DateTime);
    let named_due = fields.iter().position(|f| {
        is_date(f)
            && (DUE.contains(&f.name.as_str()) || f.name.starts_with("due_") || f.name.ends_with("_due"))
    });
    let due = named_due.or_else(|| repeat.as_ref().and_then(|_| fields.iter().position(is_date)));
    match due {
        Some(k) => fields[k].due = true,
        None if repeat.is_some() => {
            if fields.is_empty() {
                fields.push(Field {
                    name: "task".into(),
                    ty: Ty::Text,
                    required: true,
                    default_first: false,
                    due: false,
                });
            }
            fields.push(Field {
                name: unique_field(&fields, "due"),
                ty: Ty::Date,
                required: false,
                default_first: false,
                due: true,
            });
        }
        None => {}
    }
    ListPlan {
        fields,
        view,
        name_hint,
        repeat,
    }
}

pub fn default_field_name(ty: &Ty) -> &'static str {
    match ty {
        Ty::Text => "name",
        Ty::Number { .. } => "number",
        Ty::Money(_) => "amount",
        Ty::Bool => "done",
        Ty::Choice(_) => "kind",
        Ty::Tags(_) => "tags",
        Ty::Date => "date",
        Ty::DateTime => "when",
        Ty::Duration => "time",
        Ty::Rating(_) => "rating",
        Ty::Url => "link",
    }
}

fn unique_field(fields: &[Field], name: &str) -> String {
    let taken = |n: &str| fields.iter().any(|f| f.name == n);
    if !taken(name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name}_{n}"))
        .find(|n| !taken(n))
        .unwrap_or_default()
}

/// A Choice whose options are stages of work: a board of it.
fn status_like(name: &str, options: &[String]) -> bool {
    const NAMES: &[&str] = &["status", "stage", "state", "progress", "phase", "column", "step"];
    const STAGES: &[&str] = &[
        "to do",
        "todo",
        "to-do",
        "doing",
        "done",
        "in progress",
        "lead",
        "won",
        "lost",
        "planned",
        "applied",
        "interview",
        "offer",
        "backlog",
        "to read",
        "reading",
        "ordered",
        "shipped",
        "delivered",
        "draft",
        "submitted",
        "started",
        "finished",
        "idea",
        "wip",
    ];
    NAMES.contains(&name)
        || options
            .iter()
            .filter(|o| STAGES.contains(&o.to_lowercase().as_str()))
            .count()
            >= 2
}

const MONEY_NAMES: &[&str] = &[
    "price",
    "cost",
    "amount",
    "budget",
    "salary",
    "rate",
    "fee",
    "fees",
    "spent",
    "total",
    "value",
    "rent",
    "income",
    "expense",
    "tip",
    "deposit",
    "paid_amount",
    "money",
    "earnings",
    "revenue",
    "worth",
    "balance",
    "payment",
];
const DATE_NAMES: &[&str] = &[
    "date",
    "day",
    "due",
    "deadline",
    "birthday",
    "anniversary",
    "when",
    "on",
    "started",
    "finished",
    "born",
    "expiry",
    "watered",
    "planted",
    "bought",
    "since",
    "added",
    "follow-up",
    "followup",
    "purchased",
    "opened",
    "booked",
    "dated",
    "returned_on",
    "last",
    "next",
    "expires",
    "start",
    "end",
    "departure",
    "arrival",
];
const DURATION_NAMES: &[&str] = &["duration", "runtime", "length", "time", "elapsed", "spent_time"];
const NUMBER_NAMES: &[&str] = &[
    "number",
    "count",
    "qty",
    "quantity",
    "pages",
    "reps",
    "sets",
    "weight",
    "height",
    "distance",
    "calories",
    "age",
    "year",
    "size",
    "floor",
    "steps",
    "servings",
    "copies",
    "score",
    "points",
    "laps",
    "kcal",
    "km",
    "miles",
    "hours",
    "minutes",
    "amount_of",
    "portions",
    "pieces",
    "volume",
    "level",
    "temperature",
    "grams",
    "players",
    "guests",
    "people",
    "episodes",
    "chapters",
    "rooms",
    "nights",
    "stock",
];
const BOOL_NAMES: &[&str] = &[
    "paid",
    "owned",
    "packed",
    "returned",
    "signed",
    "sent",
    "confirmed",
    "bought?",
    "done",
    "seen",
    "watched",
    "read?",
    "finished?",
    "favourite",
    "favorite",
    "booked?",
    "invited",
    "attending",
    "replied",
    "vegan",
    "vegetarian",
    "organic",
    "gift",
    "borrowed",
    "lent",
    "active",
    "archived",
];
const URL_NAMES: &[&str] = &[
    "link", "url", "website", "site", "web", "homepage", "page_url", "links",
];
const TAG_NAMES: &[&str] = &["tags", "labels", "keywords", "genres", "topics"];
/// Words of a field phrase that say its type and are never its name.
const MODIFIERS: &[&str] = &[
    "a",
    "an",
    "the",
    "its",
    "their",
    "some",
    "whether",
    "is",
    "it",
    "was",
    "has",
    "as",
    "yes/no",
    "y/n",
    "true/false",
    "yes",
    "no",
    "in",
    "of",
    "out",
    "stars",
    "star",
    "?",
    "(",
    ")",
    "/",
    "optional",
    "required",
    "each",
    "per",
    "which",
    "how",
    "many",
    "much",
    "long",
    "field",
    "column",
    "date/time",
    "checkbox",
    "and",
];

/// A field's type from the words of its phrase, and which of those words
/// name it. The one place a type is chosen: a new type (Email, Phone, Link,
/// due dates) is one more arm here.
pub fn field_type(ws: &[&Tok], currency: Option<&'static str>) -> (Vec<usize>, Ty) {
    let low: Vec<&str> = ws.iter().map(|t| t.low.as_str()).collect();
    let has = |w: &str| low.contains(&w);
    // Parenthesised options: "status (to do, doing, done)".
    let open = low.iter().position(|w| *w == "(");
    let close = low.iter().rposition(|w| *w == ")");
    let mut in_parens: Vec<usize> = Vec::new();
    let mut options: Vec<String> = Vec::new();
    if let (Some(o), Some(c)) = (open, close)
        && c > o
    {
        in_parens = (o..=c).collect();
        let mut cur: Vec<String> = Vec::new();
        for k in o + 1..c {
            if matches!(low[k], "," | "/" | "or" | ";" | "|") {
                options.push(cur.join(" "));
                cur.clear();
            } else if ws[k].orig.contains('/') {
                // "(low/medium/high)"
                let mut parts = ws[k].orig.split('/').peekable();
                while let Some(p) = parts.next() {
                    cur.push(p.to_string());
                    if parts.peek().is_some() {
                        options.push(cur.join(" "));
                        cur.clear();
                    }
                }
            } else if !ws[k].punct || low[k] == "$" || low[k] == "€" || low[k] == "£" {
                cur.push(ws[k].orig.clone());
            }
        }
        options.push(cur.join(" "));
        options.retain(|o| !o.is_empty());
    }
    // "todo/doing/done" as one slashed word.
    let slashed = low
        .iter()
        .position(|w| w.contains('/') && !matches!(*w, "yes/no" | "y/n" | "true/false" | "date/time"));
    if options.is_empty()
        && let Some(k) = slashed
    {
        options = ws[k]
            .orig
            .split('/')
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        in_parens = vec![k];
    }
    // "out of 10" / "1-10" / "10 stars"
    let out_of = low
        .windows(3)
        .position(|w| w[0] == "out" && w[1] == "of" && words::number(w[2]).is_some())
        .map(|k| (k, words::number(low[k + 2]).unwrap_or(5.0)));
    let stars = low
        .windows(2)
        .position(|w| {
            words::number(w[0]).is_some() && (w[1] == "stars" || w[1] == "star" || w[1] == "points")
        })
        .map(|k| (k, words::number(low[k]).unwrap_or(5.0)));
    let phrase_currency = low.iter().find_map(|w| words::currency(w));
    let unit = low
        .windows(2)
        .position(|w| w[0] == "in" && words::unit(w[1]).is_some())
        .map(|k| (k, words::unit(low[k + 1]).unwrap_or_default()))
        .or_else(|| {
            (options.len() == 1)
                .then(|| words::unit(&options[0].to_lowercase()))
                .flatten()
                .map(|u| (usize::MAX, u))
        });
    let skip: Vec<usize> = {
        let mut s: Vec<usize> = in_parens.clone();
        if let Some((k, _)) = out_of {
            s.extend([k, k + 1, k + 2]);
        }
        if let Some((k, _)) = stars {
            s.push(k);
        }
        if let Some((k, _)) = unit
            && k != usize::MAX
        {
            s.extend([k, k + 1]);
        }
        s
    };
    let name_idx: Vec<usize> = (0..ws.len())
        .filter(|k| !skip.contains(k))
        .filter(|&k| !ws[k].punct && !MODIFIERS.contains(&low[k]) && words::currency(low[k]).is_none())
        .filter(|&k| !(words::colour(low[k]) || (low[k] == "number" && low.get(k + 1) == Some(&"of"))))
        .filter(|&k| words::number(low[k]).is_none() || low[k].chars().any(|c| c.is_alphabetic()))
        .take(4)
        .collect();
    let names: Vec<&str> = name_idx.iter().map(|&k| low[k]).collect();
    let named = |list: &[&str]| names.iter().any(|n| list.contains(n));
    let last = names.last().copied().unwrap_or("");
    let question =
        has("?") || has("yes/no") || has("y/n") || has("true/false") || has("whether") || has("checkbox");
    let ty = if options.len() >= 2 && named(TAG_NAMES) {
        Ty::Tags(options)
    } else if options.len() >= 2
        && !options
            .iter()
            .all(|o| o.eq_ignore_ascii_case("yes") || o.eq_ignore_ascii_case("no"))
    {
        Ty::Choice(options)
    } else if question || (options.len() == 2) {
        Ty::Bool
    } else if let Some((_, n)) = out_of.or(stars) {
        if (1.0..=10.0).contains(&n) && n.fract() == 0.0 {
            Ty::Rating(n as u8)
        } else {
            Ty::Number {
                unit: None,
                max: Some(n),
                whole: false,
            }
        }
    } else if has("rating") || has("stars") || (has("score") && !has("points")) && !has("number") {
        Ty::Rating(5)
    } else if phrase_currency.is_some() || named(MONEY_NAMES) {
        Ty::Money(phrase_currency.or(currency))
    } else if (has("date") && has("time")) || has("datetime") || has("date/time") || has("appointment") {
        Ty::DateTime
    } else if named(URL_NAMES) {
        Ty::Url
    } else if named(TAG_NAMES) {
        Ty::Tags(Vec::new())
    } else if named(DATE_NAMES)
        || last.ends_with("_date")
        || (names.first() == Some(&"last") && names.len() > 1)
    {
        Ty::Date
    } else if named(DURATION_NAMES) || (has("how") && has("long")) {
        Ty::Duration
    } else if let Some((_, u)) = unit {
        Ty::Number {
            unit: Some(u),
            max: None,
            whole: false,
        }
    } else if named(NUMBER_NAMES) || has("number") || (has("how") && has("many")) {
        let whole = !named(&[
            "weight",
            "distance",
            "height",
            "km",
            "miles",
            "hours",
            "temperature",
            "volume",
        ]);
        let unit = match last {
            "km" | "miles" | "kcal" => Some(last.to_string()),
            _ => None,
        };
        Ty::Number {
            unit,
            max: None,
            whole,
        }
    } else if named(BOOL_NAMES) && names.len() == 1 {
        Ty::Bool
    } else {
        Ty::Text
    };
    (name_idx, ty)
}
